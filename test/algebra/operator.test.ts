import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { commutatorApply, dissipatorApply, embed, partialTraceKeep, partialTraceToQubit, PAULI, swapOperator, tensor } from '../../src/algebra/operator.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { dissipatorSuperop, hamiltonianSuperop } from '../../src/algebra/superop.ts';
import { unvec, vec } from '../../src/algebra/vec.ts';
import { hermitianArb, matrixArb, productState, qubitStateArb, S } from '../support/algebra-oracle.ts';

describe('exact operators on qubits', () => {
  it('partial traces of product states return the factors', () => {
    fc.assert(
      fc.property(fc.array(qubitStateArb, { minLength: 3, maxLength: 3 }), (rs) => {
        const rho = productState(rs);
        return (
          [1, 2, 3].every((j) => partialTraceToQubit(rho, 3, j).equals(rs[j - 1])) &&
          partialTraceKeep(rho, 3, [1, 3]).equals(productState([rs[0], rs[2]])) &&
          partialTraceKeep(rho, 3, [3, 2]).equals(productState([rs[1], rs[2]])) &&
          partialTraceKeep(rho, 3, [1, 2, 3]).equals(rho)
        );
      }),
      { numRuns: 30 },
    );
  });

  it('partial trace of an entangled state: the Bell state reduces to I/2', () => {
    const bell = ExactMatrix.fromFunction(4, 4, (i, j) => ((i === 0 || i === 3) && (j === 0 || j === 3) ? S(1, 2) : Scalar.ZERO));
    expect(partialTraceToQubit(bell, 2, 1).equals(ExactMatrix.identity(2).scale(S(1, 2)))).toBe(true);
    expect(() => partialTraceKeep(bell, 2, [1, 1])).toThrow(RangeError);
    expect(() => partialTraceToQubit(bell, 2, 3)).toThrow(RangeError);
  });

  it('embed places the operator in slot j; the SWAP moves it: U σ^(1) U = σ^(3)', () => {
    const u = swapOperator(3, 1, 3);
    expect(u.mul(embed(3, 1, PAULI.plus)).mul(u).equals(embed(3, 3, PAULI.plus))).toBe(true);
    expect(tensor([PAULI.x, PAULI.identity, PAULI.z]).equals(embed(3, 1, PAULI.x).mul(embed(3, 3, PAULI.z)))).toBe(true);
    expect(() => embed(2, 1, ExactMatrix.identity(4))).toThrow(/dimension mismatch/);
  });

  it('commutatorApply and dissipatorApply agree with the superoperators (vec convention)', () => {
    fc.assert(
      fc.property(hermitianArb(4), matrixArb(4, 4), matrixArb(4, 4), (h, l, rho) => {
        const viaSuper = unvec(hamiltonianSuperop(h).mul(vec(rho)), 4);
        const viaD = unvec(dissipatorSuperop(l).mul(vec(rho)), 4);
        return commutatorApply(h, rho).scale(Scalar.I.neg()).equals(viaSuper) && dissipatorApply(l, rho).equals(viaD);
      }),
      { numRuns: 15 },
    );
  });

  it('a dissipator is traceless and keeps Hermiticity', () => {
    fc.assert(
      fc.property(matrixArb(2, 2), hermitianArb(2), (l, rho) => {
        const out = dissipatorApply(l, rho);
        return out.trace().isZero() && out.isHermitian();
      }),
      { numRuns: 40 },
    );
  });
});
