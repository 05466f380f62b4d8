import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { sprepost, spost, spre } from '../../src/algebra/superop.ts';
import { unvec, vec, vecIndex } from '../../src/algebra/vec.ts';
import { explicitKron, explicitVec, matrixArb } from '../support/algebra-oracle.ts';

const RUNS = { numRuns: 40 };

describe('vectorization (column stacking, CONVENTIONS.md)', () => {
  it('the matrix unit |l⟩⟨l′| sits at index l + d·l′', () => {
    const d = 4;
    for (let l = 0; l < d; l++) {
      for (let lp = 0; lp < d; lp++) {
        const unit = ExactMatrix.fromFunction(d, d, (i, j) => (i === l && j === lp ? ExactMatrix.identity(1).get(0, 0) : ExactMatrix.zeros(1).get(0, 0)));
        const v = vec(unit);
        expect(v.get(l + d * lp, 0).isOne()).toBe(true);
        expect(vecIndex(l, lp, d)).toBe(l + d * lp);
        expect(v.entries().filter((x) => !x.isZero())).toHaveLength(1);
      }
    }
  });

  it('vec(AXB) = (Bᵀ ⊗ A) vec X on random Gaussian-rational matrices', () => {
    fc.assert(
      fc.property(matrixArb(2, 3), matrixArb(3, 2), matrixArb(2, 2), (a, x, b) => {
        const lhs = explicitVec(a.mul(x).mul(b));
        const rhs = explicitKron(b.transpose(), a).mul(explicitVec(x));
        return lhs.equals(rhs) && vec(a.mul(x).mul(b)).equals(lhs);
      }),
      RUNS,
    );
  });

  it('spre, spost, sprepost act as left, right and two-sided multiplication', () => {
    fc.assert(
      fc.property(matrixArb(2, 2), matrixArb(2, 2), matrixArb(2, 2), (a, x, b) => {
        return (
          spre(a).mul(vec(x)).equals(vec(a.mul(x))) &&
          spost(b).mul(vec(x)).equals(vec(x.mul(b))) &&
          sprepost(a, b).mul(vec(x)).equals(vec(a.mul(x).mul(b)))
        );
      }),
      RUNS,
    );
  });

  it('unvec inverts vec, including non-square shapes', () => {
    fc.assert(
      fc.property(matrixArb(3, 2), (x) => unvec(vec(x), 3).equals(x)),
      RUNS,
    );
    expect(() => unvec(ExactMatrix.zeros(5, 1), 2)).toThrow(/dimension mismatch/);
  });
});
