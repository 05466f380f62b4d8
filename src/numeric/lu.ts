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
  // Forward substitution with unit L: row i of X minus Σ_k L_ik·(row k of X), two rows k per sweep
  // of row i (one load/store of x_i per pair, as in `mulInto`; a zero in the pair falls back to one).
  const m2 = 2 * m;
  for (let i = 0; i < n; i++) {
    const xi0 = i * m2;
    let k = 0;
    for (; k + 1 < i; k += 2) {
      const l0r = M[2 * (i * n + k)];
      const l0i = M[2 * (i * n + k) + 1];
      const l1r = M[2 * (i * n + k) + 2];
      const l1i = M[2 * (i * n + k) + 3];
      if ((l0r === 0 && l0i === 0) || (l1r === 0 && l1i === 0)) {
        subRow(x, xi0, k * m2, m2, l0r, l0i);
        subRow(x, xi0, (k + 1) * m2, m2, l1r, l1i);
        continue;
      }
      subTwoRows(x, xi0, k * m2, (k + 1) * m2, m2, l0r, l0i, l1r, l1i);
    }
    if (k < i) subRow(x, xi0, k * m2, m2, M[2 * (i * n + k)], M[2 * (i * n + k) + 1]);
  }
  // back substitution with U
  for (let i = n - 1; i >= 0; i--) {
    const xi0 = i * m2;
    let k = i + 1;
    for (; k + 1 < n; k += 2) {
      const u0r = M[2 * (i * n + k)];
      const u0i = M[2 * (i * n + k) + 1];
      const u1r = M[2 * (i * n + k) + 2];
      const u1i = M[2 * (i * n + k) + 3];
      if ((u0r === 0 && u0i === 0) || (u1r === 0 && u1i === 0)) {
        subRow(x, xi0, k * m2, m2, u0r, u0i);
        subRow(x, xi0, (k + 1) * m2, m2, u1r, u1i);
        continue;
      }
      subTwoRows(x, xi0, k * m2, (k + 1) * m2, m2, u0r, u0i, u1r, u1i);
    }
    if (k < n) subRow(x, xi0, k * m2, m2, M[2 * (i * n + k)], M[2 * (i * n + k) + 1]);
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

/** x[dst..dst+len) −= z·x[src..src+len) on interleaved rows (skipped for z = 0). */
function subRow(x: Float64Array, dst: number, src: number, len: number, zr: number, zi: number): void {
  if (zr === 0 && zi === 0) return;
  for (let j = 0; j < len; j += 2) {
    const yr = x[src + j];
    const yi = x[src + j + 1];
    x[dst + j] -= zr * yr - zi * yi;
    x[dst + j + 1] -= zr * yi + zi * yr;
  }
}

/**
 * x[dst..) −= z₀·x[s0..) + z₁·x[s1..), both rows in one sweep of the destination, subtracted left to
 * right ((x − z₀y₀) − z₁y₁) so the result is bit-identical to two separate `subRow` sweeps.
 */
function subTwoRows(x: Float64Array, dst: number, s0: number, s1: number, len: number, z0r: number, z0i: number, z1r: number, z1i: number): void {
  for (let j = 0; j < len; j += 2) {
    const y0r = x[s0 + j];
    const y0i = x[s0 + j + 1];
    const y1r = x[s1 + j];
    const y1i = x[s1 + j + 1];
    x[dst + j] = x[dst + j] - (z0r * y0r - z0i * y0i) - (z1r * y1r - z1i * y1i);
    x[dst + j + 1] = x[dst + j + 1] - (z0r * y0i + z0i * y0r) - (z1r * y1i + z1i * y1r);
  }
}

/** X = A⁻¹·B. @example solve(identity(2), identity(2)).data[0] // => 1 */
export function solve(a: CMatrix, b: CMatrix): CMatrix {
  return luSolve(luFactor(a), b);
}

/** A⁻¹ (throws when A is singular). @example inverse(identity(3)).data[8] // => 1 */
export function inverse(a: CMatrix): CMatrix {
  return luSolve(luFactor(a), identity(a.rows));
}
