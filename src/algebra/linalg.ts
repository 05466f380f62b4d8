import { DimensionMismatch } from '../core/errors.ts';
import { ExactMatrix } from './matrix.ts';
import { Scalar } from './scalar.ts';

/**
 * Exact linear algebra over the scalar field K(p₁,…) by Gauss–Jordan elimination. Every zero test is
 * exact (canonical forms), so ranks, null spaces and solutions are exact — including for symbolic
 * entries, where "nonzero" means "not identically zero as a rational function" (the generic rank).
 * Pivots are chosen by smallest `Scalar.complexity()` × (nonzeros left in the pivot row): small
 * entries limit coefficient growth and short rows limit fill-in (Markowitz), so the product beats
 * complexity alone. Elimination runs forward first and clears above the pivots at the end, so upper
 * rows stay small during the sweep (docs/BENCHMARKS.md § Kernel design measurements).
 */

/** Mutable row-major copy used by the elimination routines. */
function rowsOf(m: ExactMatrix): Scalar[][] {
  const out: Scalar[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const r: Scalar[] = new Array(m.cols);
    for (let j = 0; j < m.cols; j++) r[j] = m.get(i, j);
    out.push(r);
  }
  return out;
}

function fromRowArrays(rows: Scalar[][], cols: number): ExactMatrix {
  return new ExactMatrix(rows.length, cols, rows.flat());
}

/**
 * In-place Gauss–Jordan on `a` over columns [0, colLimit) — forward elimination, then back
 * substitution — returning the pivot columns. After it, pivot row k is 1 at its pivot and every other
 * row is 0 in pivot columns.
 */
function gaussJordan(a: Scalar[][], cols: number, colLimit: number): number[] {
  const rows = a.length;
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < colLimit && r < rows; c++) {
    let best = -1;
    let bestCost = Infinity;
    for (let i = r; i < rows; i++) {
      const v = a[i][c];
      if (v.isZero()) continue;
      // Markowitz-style: small entries in short rows limit both number growth and fill-in.
      let nnz = 0;
      const row = a[i];
      for (let j = c; j < cols; j++) if (!row[j].isZero()) nnz++;
      const cost = (v.isOne() ? 1 : v.complexity()) * nnz;
      if (cost < bestCost) {
        best = i;
        bestCost = cost;
      }
    }
    if (best < 0) continue;
    if (best !== r) [a[r], a[best]] = [a[best], a[r]];
    const pr = a[r];
    const p = pr[c];
    if (!p.isOne()) {
      const inv = p.inv();
      for (let j = c; j < cols; j++) if (!pr[j].isZero()) pr[j] = pr[j].mul(inv);
    }
    // Only the nonzero entries of the pivot row take part in the updates (Liouvillians are sparse).
    const nz: number[] = [];
    for (let j = c + 1; j < cols; j++) if (!pr[j].isZero()) nz.push(j);
    for (let i = r + 1; i < rows; i++) {
      const row = a[i];
      const f = row[c];
      if (f.isZero()) continue;
      for (const j of nz) row[j] = row[j].sub(f.mul(pr[j]));
      row[c] = Scalar.ZERO;
    }
    pivots.push(c);
    r++;
  }
  // Back substitution, bottom pivot first: clearing above the pivots only at the end keeps the
  // upper rows small during the forward sweep (cheaper than eliminating above at every step).
  for (let k = pivots.length - 1; k >= 0; k--) {
    const c = pivots[k];
    const pr = a[k];
    const nz: number[] = [];
    for (let j = c + 1; j < cols; j++) if (!pr[j].isZero()) nz.push(j);
    for (let i = 0; i < k; i++) {
      const row = a[i];
      const f = row[c];
      if (f.isZero()) continue;
      for (const j of nz) row[j] = row[j].sub(f.mul(pr[j]));
      row[c] = Scalar.ZERO;
    }
  }
  return pivots;
}

/**
 * Reduced row echelon form by exact Gauss–Jordan.
 * @example rref(ExactMatrix.fromRows([[1, 2], [2, 4]])).rank // => 1
 */
export function rref(m: ExactMatrix): { matrix: ExactMatrix; pivots: number[]; rank: number } {
  const a = rowsOf(m);
  const pivots = gaussJordan(a, m.cols, m.cols);
  return { matrix: fromRowArrays(a, m.cols), pivots, rank: pivots.length };
}

/**
 * Exact rank (the generic rank for symbolic entries).
 * @example rank(ExactMatrix.identity(3)) // => 3
 */
export function rank(m: ExactMatrix): number {
  return rref(m).rank;
}

/**
 * A basis of {v : A v = 0} as column vectors, one per free (non-pivot) column f, normalised so that
 * v_f = 1 and the other free coordinates are 0. There are cols − rank of them.
 * @example nullSpace(ExactMatrix.fromRows([[1, -1]]))[0].toString() // => "[[1], [1]]"
 */
export function nullSpace(m: ExactMatrix): ExactMatrix[] {
  const { matrix, pivots } = rref(m);
  const isPivot = new Array<boolean>(m.cols).fill(false);
  for (const p of pivots) isPivot[p] = true;
  const basis: ExactMatrix[] = [];
  for (let f = 0; f < m.cols; f++) {
    if (isPivot[f]) continue;
    const v = new Array<Scalar>(m.cols).fill(Scalar.ZERO);
    v[f] = Scalar.ONE;
    pivots.forEach((p, i) => {
      const x = matrix.get(i, f);
      if (!x.isZero()) v[p] = x.neg();
    });
    basis.push(ExactMatrix.column(v));
  }
  return basis;
}

/**
 * One solution X of A X = B (free variables set to 0), or null when the system is inconsistent.
 * @example solve(ExactMatrix.fromRows([[2, 0], [0, 4]]), ExactMatrix.fromRows([[1], [1]]))?.toString() // => "[[1/2], [1/4]]"
 */
export function solve(a: ExactMatrix, b: ExactMatrix): ExactMatrix | null {
  if (a.rows !== b.rows) throw new DimensionMismatch(`a right-hand side with ${a.rows} rows`, `${b.rows}×${b.cols}`);
  const cols = a.cols + b.cols;
  const aug = rowsOf(a).map((row, i) => {
    for (let j = 0; j < b.cols; j++) row.push(b.get(i, j));
    return row;
  });
  const pivots = gaussJordan(aug, cols, a.cols);
  // Rows below the pivots have zero A-part; any nonzero B entry there is an inconsistency.
  for (let i = pivots.length; i < a.rows; i++) {
    for (let j = a.cols; j < cols; j++) if (!aug[i][j].isZero()) return null;
  }
  const x = Array.from({ length: a.cols }, () => new Array<Scalar>(b.cols).fill(Scalar.ZERO));
  pivots.forEach((p, i) => {
    for (let j = 0; j < b.cols; j++) x[p][j] = aug[i][a.cols + j];
  });
  return fromRowArrays(x, b.cols);
}

/**
 * A basis of the column space: the columns of A at the pivot positions of rref(A).
 * @example columnSpaceBasis(ExactMatrix.fromRows([[1, 2, 1], [2, 4, 0]])).length // => 2
 */
export function columnSpaceBasis(m: ExactMatrix): ExactMatrix[] {
  return rref(m).pivots.map((c) => ExactMatrix.fromFunction(m.rows, 1, (i) => m.get(i, c)));
}

/**
 * The exact inverse; throws RangeError for a singular (or non-square) matrix.
 * @example inverse(ExactMatrix.fromRows([[1, 1], [0, 2]])).toString() // => "[[1, -1/2], [0, 1/2]]"
 */
export function inverse(m: ExactMatrix): ExactMatrix {
  if (!m.isSquare()) throw new DimensionMismatch('a square matrix', `${m.rows}×${m.cols}`);
  // A X = I is consistent exactly when A is invertible (square case).
  const x = solve(m, ExactMatrix.identity(m.rows));
  if (x === null) throw new RangeError('inverse of a singular matrix');
  return x;
}

/**
 * det(A) by elimination with exact pivots (row swaps flip the sign); symbolic entries are fine.
 * @example determinant(ExactMatrix.fromRows([[1, 2], [3, 4]])).toString() // => "-2"
 */
export function determinant(m: ExactMatrix): Scalar {
  if (!m.isSquare()) throw new DimensionMismatch('a square matrix', `${m.rows}×${m.cols}`);
  const n = m.rows;
  const a = rowsOf(m);
  let det = Scalar.ONE;
  for (let c = 0; c < n; c++) {
    let best = -1;
    let bestCost = Infinity;
    for (let i = c; i < n; i++) {
      if (a[i][c].isZero()) continue;
      const cost = a[i][c].complexity();
      if (cost < bestCost) {
        best = i;
        bestCost = cost;
      }
    }
    if (best < 0) return Scalar.ZERO;
    if (best !== c) {
      [a[c], a[best]] = [a[best], a[c]];
      det = det.neg();
    }
    const p = a[c][c];
    det = det.mul(p);
    const inv = p.inv();
    for (let i = c + 1; i < n; i++) {
      const f = a[i][c];
      if (f.isZero()) continue;
      const g = f.mul(inv);
      for (let j = c + 1; j < n; j++) if (!a[c][j].isZero()) a[i][j] = a[i][j].sub(g.mul(a[c][j]));
    }
  }
  return det;
}

/**
 * Exact positive-semidefiniteness of a constant Hermitian matrix, by Hermitian LDLᴴ with diagonal
 * pivoting: pick a positive diagonal pivot d, replace the rest by its Schur complement
 * A' = A − a aᴴ/d (PSD iff A' is); a negative diagonal entry means not PSD; a zero diagonal entry
 * forces its whole row and column to vanish (the 2×2 minor [[0, b], [b̄, c]] has determinant −|b|²).
 * Signs are exact (`Scalar.sign`), so surd entries are decided without rounding. A non-Hermitian
 * matrix is not PSD. Symbolic entries throw a TypeError: positivity would depend on the parameters.
 * @example isPositiveSemidefinite(ExactMatrix.fromRows([[1, 1], [1, 1]])) // => true
 */
export function isPositiveSemidefinite(m: ExactMatrix): boolean {
  if (!m.isSquare()) throw new DimensionMismatch('a square matrix', `${m.rows}×${m.cols}`);
  for (const x of m.entries()) {
    if (!x.isConstant()) {
      throw new TypeError(`positive semidefiniteness is decided exactly only for constant matrices; entry ${x.toString()} depends on parameters (substitute values first)`);
    }
  }
  if (!m.isHermitian()) return false;
  let a = rowsOf(m);
  let idx = a.map((_, i) => i);
  while (idx.length > 0) {
    let pivot = -1;
    let pivotCost = Infinity;
    for (const i of idx) {
      const s = a[i][i].re().sign();
      if (s < 0) return false;
      if (s === 0) {
        for (const j of idx) if (!a[i][j].isZero()) return false;
        continue;
      }
      const cost = a[i][i].complexity();
      if (cost < pivotCost) {
        pivot = i;
        pivotCost = cost;
      }
    }
    if (pivot < 0) return true; // every remaining row is zero
    const k = pivot;
    const dInv = a[k][k].inv();
    const rest = idx.filter((i) => i !== k && !a[i][i].isZero());
    // Rows with a zero diagonal were checked to be zero and drop out.
    const next = a.map((row) => row.slice());
    for (const i of rest) {
      const f = a[i][k].mul(dInv);
      if (f.isZero()) continue;
      for (const j of rest) if (!a[k][j].isZero()) next[i][j] = a[i][j].sub(f.mul(a[k][j]));
    }
    a = next;
    idx = rest;
  }
  return true;
}
