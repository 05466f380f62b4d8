import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { isPositiveSemidefinite } from '../../src/algebra/linalg.ts';
import { isPositiveSemidefiniteExact } from '../../src/model/psd.ts';
import { rng, symmetricEigenvalues } from '../support/model-oracle.ts';

/**
 * The model's exact PSD test (which also says why a matrix fails) against two independent truths:
 * the algebra layer's test and numeric eigenvalues of the real 2d×2d form [[Re, −Im], [Im, Re]] of
 * a Hermitian matrix (same spectrum, each eigenvalue twice).
 */
function numericMinEigenvalue(m: ExactMatrix): number {
  const rows = m.toComplexRows();
  const d = rows.length;
  const real: number[][] = Array.from({ length: 2 * d }, () => Array<number>(2 * d).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    const [re, im] = rows[i][j];
    real[i][j] = re;
    real[i + d][j + d] = re;
    real[i][j + d] = -im;
    real[i + d][j] = im;
  }
  return symmetricEigenvalues(real)[0];
}

describe('exact positive semidefiniteness', () => {
  it('agrees with linalg and with numeric eigenvalues on random Gram-type and shifted matrices', () => {
    const rand = rng(7);
    const small = (): Scalar => Scalar.rational(Math.floor(rand() * 7) - 3, 1 + Math.floor(rand() * 3));
    let psdCount = 0;
    for (let trial = 0; trial < 60; trial++) {
      const d = 1 + Math.floor(rand() * 4);
      // B Bᴴ is PSD (rank deficient when B is thin); subtracting a multiple of I may break it.
      const k = 1 + Math.floor(rand() * d);
      const b = ExactMatrix.fromFunction(d, k, () => small().add(Scalar.I.mul(small())));
      let m = b.mul(b.dagger());
      if (rand() < 0.5) m = m.sub(ExactMatrix.identity(d).scale(Scalar.rational(Math.floor(rand() * 4), 2)));
      const mine = isPositiveSemidefiniteExact(m).psd;
      expect(mine).toBe(isPositiveSemidefinite(m));
      const lam = numericMinEigenvalue(m);
      if (Math.abs(lam) > 1e-9) expect(mine).toBe(lam > 0);
      if (mine) psdCount++;
    }
    expect(psdCount).toBeGreaterThan(10);
    expect(psdCount).toBeLessThan(55);
  });

  it('zero pivots: [[0, 1], [1, 1]] is not PSD, [[0, 0], [0, 1]] is; surds are decided exactly', () => {
    expect(isPositiveSemidefiniteExact(ExactMatrix.fromRows([[0, 1], [1, 1]])).psd).toBe(false);
    expect(isPositiveSemidefiniteExact(ExactMatrix.fromRows([[0, 0], [0, 1]])).psd).toBe(true);
    const r2 = Scalar.sqrt(Scalar.int(2));
    // [[1, √2/2], [√2/2, 1/2]] has determinant exactly 0: PSD, on the boundary.
    const edge = ExactMatrix.fromRows([[Scalar.ONE, r2.div(Scalar.int(2))], [r2.div(Scalar.int(2)), Scalar.rational(1, 2)]]);
    expect(isPositiveSemidefiniteExact(edge).psd).toBe(true);
    const over = ExactMatrix.fromRows([[Scalar.ONE, r2.div(Scalar.int(2))], [r2.div(Scalar.int(2)), Scalar.rational(49, 100)]]);
    expect(isPositiveSemidefiniteExact(over).psd).toBe(false);
  });
});
