/**
 * Dense complex matrices for the float layer. Storage is interleaved and row-major:
 * entry (r, c) has real part `data[2(r·cols + c)]` and imaginary part `data[2(r·cols + c) + 1]`.
 * Shapes are validated; nothing broadcasts (STYLE.md §4).
 *
 * Vectorisation (CONVENTIONS.md) is column stacking, vec(|l⟩⟨l'|) = e_{l + D·l'}; since storage is
 * row-major, `vec` and `unvec` reorder explicitly.
 */
import { DimensionMismatch } from '../core/errors.ts';

export interface CMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Interleaved (re, im) pairs, row-major; length 2·rows·cols. */
  readonly data: Float64Array;
}

export type Pair = [number, number];

function checkShape(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new DimensionMismatch('non-negative integer rows and cols', `${rows}×${cols}`);
  }
}

/**
 * A matrix over existing interleaved data (not copied).
 * @example cmatrix(1, 1, new Float64Array([2, 3])).data[1] // => 3
 */
export function cmatrix(rows: number, cols: number, data: Float64Array): CMatrix {
  checkShape(rows, cols);
  if (data.length !== 2 * rows * cols) throw new DimensionMismatch(`${2 * rows * cols} doubles`, data.length);
  return { rows, cols, data };
}

/** @example zeros(2, 3).data.length // => 12 */
export function zeros(rows: number, cols: number = rows): CMatrix {
  checkShape(rows, cols);
  return { rows, cols, data: new Float64Array(2 * rows * cols) };
}

/** @example trace(identity(4)) // => [4, 0] */
export function identity(n: number): CMatrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[2 * (i * n + i)] = 1;
  return m;
}

/**
 * From nested [re, im] pairs (rows of equal length).
 * @example fromPairs([[[0, 0], [1, 0]], [[1, 0], [0, 0]]]).cols // => 2
 */
export function fromPairs(pairs: readonly (readonly (readonly [number, number])[])[]): CMatrix {
  const rows = pairs.length;
  const cols = rows === 0 ? 0 : pairs[0].length;
  const m = zeros(rows, cols);
  for (let r = 0; r < rows; r++) {
    if (pairs[r].length !== cols) throw new DimensionMismatch(`${cols} entries in row ${r}`, pairs[r].length);
    for (let c = 0; c < cols; c++) {
      m.data[2 * (r * cols + c)] = pairs[r][c][0];
      m.data[2 * (r * cols + c) + 1] = pairs[r][c][1];
    }
  }
  return m;
}

/** A real matrix (rows of numbers). @example fromReal([[1, 2]]).data[2] // => 2 */
export function fromReal(rows: readonly (readonly number[])[]): CMatrix {
  return fromPairs(rows.map((row) => row.map((x) => [x, 0] as const)));
}

/** @example toPairs(identity(1)) // => [[[1, 0]]] */
export function toPairs(a: CMatrix): Pair[][] {
  const out: Pair[][] = [];
  for (let r = 0; r < a.rows; r++) {
    const row: Pair[] = [];
    for (let c = 0; c < a.cols; c++) row.push([a.data[2 * (r * a.cols + c)], a.data[2 * (r * a.cols + c) + 1]]);
    out.push(row);
  }
  return out;
}

/** Entry (r, c) as a pair. @example get(identity(2), 1, 1) // => [1, 0] */
export function get(a: CMatrix, r: number, c: number): Pair {
  const k = 2 * (r * a.cols + c);
  return [a.data[k], a.data[k + 1]];
}

export function set(a: CMatrix, r: number, c: number, re: number, im = 0): void {
  const k = 2 * (r * a.cols + c);
  a.data[k] = re;
  a.data[k + 1] = im;
}

export function clone(a: CMatrix): CMatrix {
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

/**
 * out = A·B. `out` must not alias `a` or `b` (its data is overwritten while they are read).
 * The i-k-j loop order streams rows of B, which is what makes this usable at 256×256.
 * @example mulInto(zeros(2, 2), identity(2), identity(2)).data[0] // => 1
 */
export function mulInto(out: CMatrix, a: CMatrix, b: CMatrix): CMatrix {
  if (a.cols !== b.rows) throw new DimensionMismatch(`A.cols = B.rows (${a.cols})`, b.rows);
  if (out.rows !== a.rows || out.cols !== b.cols) {
    throw new DimensionMismatch(`${a.rows}×${b.cols} output`, `${out.rows}×${out.cols}`);
  }
  if (out.data === a.data || out.data === b.data) throw new Error('mulInto: out aliases an operand');
  const n = a.rows;
  const p = a.cols;
  const m = b.cols;
  const A = a.data;
  const B = b.data;
  const O = out.data;
  O.fill(0);
  for (let i = 0; i < n; i++) {
    const oi = 2 * i * m;
    for (let k = 0; k < p; k++) {
      const ar = A[2 * (i * p + k)];
      const ai = A[2 * (i * p + k) + 1];
      if (ar === 0 && ai === 0) continue;
      const bk = 2 * k * m;
      for (let j = 0; j < m; j++) {
        const br = B[bk + 2 * j];
        const bi = B[bk + 2 * j + 1];
        O[oi + 2 * j] += ar * br - ai * bi;
        O[oi + 2 * j + 1] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** A·B. @example mul(identity(2), identity(2)).data[6] // => 1 */
export function mul(a: CMatrix, b: CMatrix): CMatrix {
  return mulInto(zeros(a.rows, b.cols), a, b);
}

function sameShape(a: CMatrix, b: CMatrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new DimensionMismatch(`${a.rows}×${a.cols}`, `${b.rows}×${b.cols}`);
  }
}

/** out = A + B (any aliasing allowed: entrywise). @example add(identity(1), identity(1)).data[0] // => 2 */
export function addInto(out: CMatrix, a: CMatrix, b: CMatrix): CMatrix {
  sameShape(a, b);
  sameShape(out, a);
  const O = out.data;
  for (let k = 0; k < O.length; k++) O[k] = a.data[k] + b.data[k];
  return out;
}

export function add(a: CMatrix, b: CMatrix): CMatrix {
  return addInto(zeros(a.rows, a.cols), a, b);
}

/** A − B. @example sub(identity(1), identity(1)).data[0] // => 0 */
export function sub(a: CMatrix, b: CMatrix): CMatrix {
  sameShape(a, b);
  const out = zeros(a.rows, a.cols);
  for (let k = 0; k < out.data.length; k++) out.data[k] = a.data[k] - b.data[k];
  return out;
}

/** z·A for complex z = re + i·im. @example scale(identity(1), 0, 2).data[1] // => 2 */
export function scale(a: CMatrix, re: number, im = 0): CMatrix {
  const out = zeros(a.rows, a.cols);
  const A = a.data;
  const O = out.data;
  for (let k = 0; k < A.length; k += 2) {
    O[k] = re * A[k] - im * A[k + 1];
    O[k + 1] = re * A[k + 1] + im * A[k];
  }
  return out;
}

/** Conjugate transpose A†. @example dagger(fromPairs([[[0, 1], [2, 0]]])).rows // => 2 */
export function dagger(a: CMatrix): CMatrix {
  const out = zeros(a.cols, a.rows);
  for (let r = 0; r < a.rows; r++) {
    for (let c = 0; c < a.cols; c++) {
      out.data[2 * (c * a.rows + r)] = a.data[2 * (r * a.cols + c)];
      out.data[2 * (c * a.rows + r) + 1] = -a.data[2 * (r * a.cols + c) + 1];
    }
  }
  return out;
}

/** Aᵀ (no conjugation). @example get(transpose(fromPairs([[[0, 1], [2, 0]]])), 0, 0) // => [0, 1] */
export function transpose(a: CMatrix): CMatrix {
  const out = zeros(a.cols, a.rows);
  for (let r = 0; r < a.rows; r++) {
    for (let c = 0; c < a.cols; c++) {
      out.data[2 * (c * a.rows + r)] = a.data[2 * (r * a.cols + c)];
      out.data[2 * (c * a.rows + r) + 1] = a.data[2 * (r * a.cols + c) + 1];
    }
  }
  return out;
}

/** Entrywise conjugate Ā. @example conj(fromPairs([[[0, 1]]])).data[1] // => -1 */
export function conj(a: CMatrix): CMatrix {
  const out = clone(a);
  for (let k = 1; k < out.data.length; k += 2) out.data[k] = -out.data[k];
  return out;
}

/**
 * Kronecker product A ⊗ B: (A⊗B)[(i·p + k), (j·q + l)] = A[i,j]·B[k,l] (qubit 1 leftmost).
 * @example kron(identity(2), identity(4)).rows // => 8
 */
export function kron(a: CMatrix, b: CMatrix): CMatrix {
  const rows = a.rows * b.rows;
  const cols = a.cols * b.cols;
  const out = zeros(rows, cols);
  const O = out.data;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const ar = a.data[2 * (i * a.cols + j)];
      const ai = a.data[2 * (i * a.cols + j) + 1];
      if (ar === 0 && ai === 0) continue;
      for (let k = 0; k < b.rows; k++) {
        const row = i * b.rows + k;
        for (let l = 0; l < b.cols; l++) {
          const br = b.data[2 * (k * b.cols + l)];
          const bi = b.data[2 * (k * b.cols + l) + 1];
          const o = 2 * (row * cols + j * b.cols + l);
          O[o] = ar * br - ai * bi;
          O[o + 1] = ar * bi + ai * br;
        }
      }
    }
  }
  return out;
}

/** tr A = Σ A_ii. @example trace(identity(3)) // => [3, 0] */
export function trace(a: CMatrix): Pair {
  if (a.rows !== a.cols) throw new DimensionMismatch('a square matrix', `${a.rows}×${a.cols}`);
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.rows; i++) {
    re += a.data[2 * (i * a.cols + i)];
    im += a.data[2 * (i * a.cols + i) + 1];
  }
  return [re, im];
}

/** ‖A‖_F = (Σ|A_ij|²)^½. @example frobeniusNorm(identity(4)) // => 2 */
export function frobeniusNorm(a: CMatrix): number {
  return vecNorm(a.data);
}

/** Euclidean norm of an interleaved complex vector. @example vecNorm(new Float64Array([3, 4])) // => 5 */
export function vecNorm(x: Float64Array): number {
  // Scaled sum of squares would be safer against overflow; entries here are O(1) physics data.
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * x[k];
  return Math.sqrt(s);
}

/** max_i Σ_j |A_ij| (∞-norm) — cheap upper bound on the spectral norm's scale. */
export function normInf(a: CMatrix): number {
  let best = 0;
  for (let r = 0; r < a.rows; r++) {
    let s = 0;
    for (let c = 0; c < a.cols; c++) s += Math.hypot(a.data[2 * (r * a.cols + c)], a.data[2 * (r * a.cols + c) + 1]);
    if (s > best) best = s;
  }
  return best;
}

/** max_j Σ_i |A_ij| (1-norm), the norm Higham's expm is tuned for. @example norm1(identity(3)) // => 1 */
export function norm1(a: CMatrix): number {
  const sums = new Float64Array(a.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let c = 0; c < a.cols; c++) sums[c] += Math.hypot(a.data[2 * (r * a.cols + c)], a.data[2 * (r * a.cols + c) + 1]);
  }
  let best = 0;
  for (let c = 0; c < a.cols; c++) if (sums[c] > best) best = sums[c];
  return best;
}

/**
 * y = A·x for interleaved complex vectors; `out` must not alias `x`.
 * @example matvecInto(new Float64Array(2), identity(1), new Float64Array([5, 6]))[1] // => 6
 */
export function matvecInto(out: Float64Array, a: CMatrix, x: Float64Array): Float64Array {
  if (x.length !== 2 * a.cols) throw new DimensionMismatch(`vector of ${a.cols} complex entries`, x.length / 2);
  if (out.length !== 2 * a.rows) throw new DimensionMismatch(`output of ${a.rows} complex entries`, out.length / 2);
  if (out === x) throw new Error('matvecInto: out aliases x');
  const A = a.data;
  const m = a.cols;
  for (let i = 0; i < a.rows; i++) {
    let sr = 0;
    let si = 0;
    const ai = 2 * i * m;
    for (let j = 0; j < m; j++) {
      const ar = A[ai + 2 * j];
      const aim = A[ai + 2 * j + 1];
      const xr = x[2 * j];
      const xi = x[2 * j + 1];
      sr += ar * xr - aim * xi;
      si += ar * xi + aim * xr;
    }
    out[2 * i] = sr;
    out[2 * i + 1] = si;
  }
  return out;
}

/**
 * Column-stacked vec(X) as an interleaved vector: entry (r, c) goes to index r + rows·c.
 * @example vec(fromReal([[1, 2], [3, 4]]))[2] // => 3
 */
export function vec(a: CMatrix): Float64Array {
  const out = new Float64Array(a.data.length);
  for (let r = 0; r < a.rows; r++) {
    for (let c = 0; c < a.cols; c++) {
      out[2 * (r + a.rows * c)] = a.data[2 * (r * a.cols + c)];
      out[2 * (r + a.rows * c) + 1] = a.data[2 * (r * a.cols + c) + 1];
    }
  }
  return out;
}

/** Inverse of `vec` for a rows×cols matrix. @example get(unvec(vec(fromReal([[1, 2], [3, 4]])), 2, 2), 1, 0) // => [3, 0] */
export function unvec(v: Float64Array, rows: number, cols: number = rows): CMatrix {
  if (v.length !== 2 * rows * cols) throw new DimensionMismatch(`${rows * cols} complex entries`, v.length / 2);
  const out = zeros(rows, cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out.data[2 * (r * cols + c)] = v[2 * (r + rows * c)];
      out.data[2 * (r * cols + c) + 1] = v[2 * (r + rows * c) + 1];
    }
  }
  return out;
}

/** A column of A as an interleaved vector. */
export function column(a: CMatrix, c: number): Float64Array {
  const out = new Float64Array(2 * a.rows);
  for (let r = 0; r < a.rows; r++) {
    out[2 * r] = a.data[2 * (r * a.cols + c)];
    out[2 * r + 1] = a.data[2 * (r * a.cols + c) + 1];
  }
  return out;
}

/** ‖A − A†‖_F, the Hermiticity defect. @example hermiticityDefect(identity(3)) // => 0 */
export function hermiticityDefect(a: CMatrix): number {
  if (a.rows !== a.cols) throw new DimensionMismatch('a square matrix', `${a.rows}×${a.cols}`);
  const n = a.rows;
  let s = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const dr = a.data[2 * (r * n + c)] - a.data[2 * (c * n + r)];
      const di = a.data[2 * (r * n + c) + 1] + a.data[2 * (c * n + r) + 1];
      s += dr * dr + di * di;
    }
  }
  return Math.sqrt(s);
}

/** max |A_ij − B_ij|. @example maxAbsDiff(identity(2), zeros(2)) // => 1 */
export function maxAbsDiff(a: CMatrix, b: CMatrix): number {
  sameShape(a, b);
  let m = 0;
  for (let k = 0; k < a.data.length; k += 2) {
    const d = Math.hypot(a.data[k] - b.data[k], a.data[k + 1] - b.data[k + 1]);
    if (d > m) m = d;
  }
  return m;
}
