/**
 * Dense complex LU factorisation with partial pivoting, P·A = L·U, and the solves built on it.
 * Used by the Padé step of `expm` (Higham 2005 solves (V − U)·X = (V + U)) and by `conditionNumber`.
 */
import { DimensionMismatch } from '../core/errors.ts';
import { type CMatrix, zeros, identity } from './cmatrix.ts';

export interface LuFactors {
  readonly n: number;
  /** L (unit lower, below the diagonal) and U (on and above), interleaved row-major. */
  readonly lu: Float64Array;
  /** Row i of the factorisation came from row perm[i] of A. */
  readonly perm: Int32Array;
  /** True when a pivot was exactly zero: A is singular in floating point. */
  readonly singular: boolean;
}

/**
 * Factorises a square A as P·A = L·U (Doolittle, partial pivoting on |·|).
 * @example luFactor(identity(3)).singular // => false
 */
export function luFactor(a: CMatrix): LuFactors {
  if (a.rows !== a.cols) throw new DimensionMismatch('a square matrix', `${a.rows}×${a.cols}`);
  const n = a.rows;
  const M = a.data.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = -1;
    for (let i = k; i < n; i++) {
      const v = Math.hypot(M[2 * (i * n + k)], M[2 * (i * n + k) + 1]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      for (let j = 0; j < 2 * n; j++) {
        const t = M[2 * k * n + j];
        M[2 * k * n + j] = M[2 * p * n + j];
        M[2 * p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    const pr = M[2 * (k * n + k)];
    const pi = M[2 * (k * n + k) + 1];
    const pd = pr * pr + pi * pi;
    if (pd === 0) {
      singular = true;
      continue;
    }
    // 1/pivot
    const ir = pr / pd;
    const ii = -pi / pd;
    for (let i = k + 1; i < n; i++) {
      const xr = M[2 * (i * n + k)];
      const xi = M[2 * (i * n + k) + 1];
      const lr = xr * ir - xi * ii;
      const li = xr * ii + xi * ir;
      M[2 * (i * n + k)] = lr;
      M[2 * (i * n + k) + 1] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const ur = M[2 * (k * n + j)];
        const ui = M[2 * (k * n + j) + 1];
        M[2 * (i * n + j)] -= lr * ur - li * ui;
        M[2 * (i * n + j) + 1] -= lr * ui + li * ur;
      }
    }
  }
  return { n, lu: M, perm, singular };
}

/**
 * Solves A·X = B given the factors of A (B may have several columns). Throws on a singular A.
 * @example luSolve(luFactor(identity(2)), identity(2)).data[6] // => 1
 */
export function luSolve(f: LuFactors, b: CMatrix): CMatrix {
  if (b.rows !== f.n) throw new DimensionMismatch(`${f.n} rows`, b.rows);
  if (f.singular) throw new Error('luSolve: matrix is singular to working precision');
  const n = f.n;
  const m = b.cols;
  const M = f.lu;
  const X = zeros(n, m);
  const x = X.data;
  for (let i = 0; i < n; i++) {
    const src = f.perm[i];
    for (let j = 0; j < 2 * m; j++) x[2 * i * m + j] = b.data[2 * src * m + j];
  }
  // forward substitution with unit L
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const lr = M[2 * (i * n + k)];
      const li = M[2 * (i * n + k) + 1];
      if (lr === 0 && li === 0) continue;
      for (let j = 0; j < m; j++) {
        const yr = x[2 * (k * m + j)];
        const yi = x[2 * (k * m + j) + 1];
        x[2 * (i * m + j)] -= lr * yr - li * yi;
        x[2 * (i * m + j) + 1] -= lr * yi + li * yr;
      }
    }
  }
  // back substitution with U
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const ur = M[2 * (i * n + k)];
      const ui = M[2 * (i * n + k) + 1];
      if (ur === 0 && ui === 0) continue;
      for (let j = 0; j < m; j++) {
        const yr = x[2 * (k * m + j)];
        const yi = x[2 * (k * m + j) + 1];
        x[2 * (i * m + j)] -= ur * yr - ui * yi;
        x[2 * (i * m + j) + 1] -= ur * yi + ui * yr;
      }
    }
    const pr = M[2 * (i * n + i)];
    const pi = M[2 * (i * n + i) + 1];
    const pd = pr * pr + pi * pi;
    for (let j = 0; j < m; j++) {
      const yr = x[2 * (i * m + j)];
      const yi = x[2 * (i * m + j) + 1];
      x[2 * (i * m + j)] = (yr * pr + yi * pi) / pd;
      x[2 * (i * m + j) + 1] = (yi * pr - yr * pi) / pd;
    }
  }
  return X;
}

/** X = A⁻¹·B. @example solve(identity(2), identity(2)).data[0] // => 1 */
export function solve(a: CMatrix, b: CMatrix): CMatrix {
  return luSolve(luFactor(a), b);
}

/** A⁻¹ (throws when A is singular). @example inverse(identity(3)).data[8] // => 1 */
export function inverse(a: CMatrix): CMatrix {
  return luSolve(luFactor(a), identity(a.rows));
}
