import type { Scalar } from '../algebra/scalar.ts';
import type { ExactMatrix } from '../algebra/matrix.ts';

/**
 * Exact positive-semidefiniteness of a Hermitian matrix with constant entries, by symmetric Gaussian
 * elimination (an LDLᴴ factorization with diagonal pivoting):
 *
 * - A Hermitian A ⪰ 0 has a real nonnegative diagonal, and a zero diagonal entry A_pp = 0 forces the
 *   whole row p to vanish (the 2×2 minor [[A_pp, A_pq], [A_qp, A_qq]] has determinant −|A_pq|² ≥ 0).
 * - With a pivot d = A_pp > 0, A ⪰ 0 iff the Schur complement A' = A_{−p,−p} − a aᴴ / d ⪰ 0, where
 *   a = A_{−p,p} (congruence by an invertible triangular matrix preserves inertia).
 *
 * So A ⪰ 0 iff every pivot is ≥ 0 and every zero pivot's row is zero. Signs are decided exactly with
 * `Scalar.sign()`; the simplest positive pivot is taken first to keep surds small.
 * Returns `{ psd: false, reason }` naming the first failure.
 * @example isPositiveSemidefiniteExact(ExactMatrix.fromRows([[1, 1], [1, 1]])).psd // => true
 */
export function isPositiveSemidefiniteExact(m: ExactMatrix): { psd: boolean; reason?: string } {
  if (m.rows !== m.cols) throw new RangeError('PSD test needs a square matrix');
  if (!m.isHermitian()) return { psd: false, reason: 'it is not Hermitian' };
  for (const s of m.entries()) if (!s.isConstant()) throw new TypeError('PSD test needs constant entries');
  // Work on a mutable copy of the active block.
  let idx = Array.from({ length: m.rows }, (_, i) => i);
  const a: Scalar[][] = Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => m.get(i, j)));
  while (idx.length > 0) {
    let pivot = -1;
    let best = Infinity;
    for (const p of idx) {
      const d = a[p][p].re();
      const s = d.sign();
      if (s < 0) return { psd: false, reason: `a pivot is negative (${d.toString()})` };
      if (s === 0) {
        for (const q of idx) {
          if (!a[p][q].isZero()) return { psd: false, reason: 'a zero diagonal entry has a nonzero row (some 2×2 principal minor is negative)' };
        }
        continue;
      }
      const c = d.complexity();
      if (c < best) { best = c; pivot = p; }
    }
    if (pivot < 0) return { psd: true };
    const d = a[pivot][pivot].re();
    idx = idx.filter((q) => q !== pivot);
    for (const r of idx) {
      const f = a[r][pivot].div(d);
      if (f.isZero()) continue;
      for (const c of idx) a[r][c] = a[r][c].sub(f.mul(a[pivot][c]));
    }
    // Rows with a zero diagonal whose row vanished are dropped; the loop re-checks them.
  }
  return { psd: true };
}

