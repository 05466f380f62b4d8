import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelTooLarge } from '../../src/core/errors.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { embed, PAULI, swapOperator } from '../../src/algebra/operator.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import {
  applySuperop,
  couplingSuperop,
  dissipatorSuperop,
  hamiltonianSuperop,
  liouvillianParts,
  spre,
} from '../../src/algebra/superop.ts';
import { unvec, vec } from '../../src/algebra/vec.ts';
import {
  inducedLaplacian,
  lindbladReference,
  matrixArb,
  modelArb,
  rateArb,
  S,
  swapFromPaulis,
} from '../support/algebra-oracle.ts';

const RUNS = { numRuns: 25 };

/** S·vec(X) back to a matrix. */
const act = (s: ExactMatrix, x: ExactMatrix): ExactMatrix => unvec(s.mul(vec(x)), x.rows);

/** vec(I)ᵀ·S: the row vector whose vanishing is trace preservation. */
const traceRow = (s: ExactMatrix, d: number): ExactMatrix => vec(ExactMatrix.identity(d)).transpose().mul(s);

const EDGES_3: [number, number, number][] = [[1, 2, 1], [2, 3, 2], [1, 3, 3]];

describe('Liouvillian superoperators (eq. 4, column stacking)', () => {
  it('every part matches the Lindblad action built by matrix products, on random one-qubit and two-qubit models', () => {
    for (const n of [1, 2]) {
      const d = 2 ** n;
      fc.assert(
        fc.property(modelArb(n), matrixArb(d, d), rateArb, (model, rho, kc) => {
          const edges: [number, number, Scalar][] = n === 2 ? [[1, 2, S(3, 2)]] : [];
          const parts = liouvillianParts({ hamiltonian: model.h, channels: model.channels, edges, Kc: kc });
          const ref = lindbladReference(model.h, model.channels, rho, n === 2 ? { n, edges, Kc: kc } : null);
          return act(parts.total, rho).equals(ref) && applySuperop(parts.total, rho).equals(ref);
        }),
        { numRuns: n === 1 ? 40 : 15 },
      );
    }
  });

  it('trace preservation vec(I)ᵀ·𝓛 = 0 for every part', () => {
    fc.assert(
      fc.property(modelArb(2), (model) => {
        const parts = liouvillianParts({ hamiltonian: model.h, channels: model.channels, edges: [[1, 2, 1]], Kc: S(5) });
        return [parts.hamiltonian, parts.dissipative, parts.coupling as ExactMatrix, parts.total].every((p) => traceRow(p, 4).isZero());
      }),
      RUNS,
    );
    expect(traceRow(couplingSuperop(3, EDGES_3), 8).isZero()).toBe(true);
  });

  it('Hermiticity preservation 𝓛(ρ)† = 𝓛(ρ†) for every part and arbitrary ρ', () => {
    fc.assert(
      fc.property(modelArb(2), matrixArb(4, 4), (model, rho) => {
        const parts = liouvillianParts({ hamiltonian: model.h, channels: model.channels, edges: [[1, 2, 2]], Kc: S(1, 3) });
        return [parts.hamiltonian, parts.dissipative, parts.coupling as ExactMatrix, parts.total].every((p) =>
          act(p, rho).dagger().equals(act(p, rho.dagger())),
        );
      }),
      RUNS,
    );
  });

  it('D(U_jk)ρ = U ρ U − ρ for SWAPs, and U_jk is a real symmetric involution equal to ½(I + XX + YY + ZZ)', () => {
    fc.assert(
      fc.property(matrixArb(8, 8), fc.constantFrom<[number, number]>([1, 2], [1, 3], [2, 3]), (rho, [j, k]) => {
        const u = swapOperator(3, j, k);
        return act(dissipatorSuperop(u), rho).equals(u.mul(rho).mul(u).sub(rho));
      }),
      { numRuns: 10 },
    );
    for (const [j, k] of [[1, 2], [1, 3], [2, 3]] as const) {
      const u = swapOperator(3, j, k);
      expect(u.equals(swapFromPaulis(3, j, k))).toBe(true);
      expect(u.equals(u.transpose()) && u.conj().equals(u) && u.mul(u).equals(ExactMatrix.identity(8))).toBe(true);
    }
    // U_12 (ρ₁ ⊗ ρ₂) U_12 = ρ₂ ⊗ ρ₁
    const r1 = ExactMatrix.fromRows([[1, 0], [0, 0]]);
    const r2 = ExactMatrix.fromRows([[S(1, 2), S(1, 2)], [S(1, 2), S(1, 2)]]);
    const u = swapOperator(2, 1, 2);
    expect(u.mul(r1.kron(r2)).mul(u).equals(r2.kron(r1))).toBe(true);
  });

  it('the coupling superoperator is −Q_d, the Laplacian of the induced graph built independently', () => {
    expect(couplingSuperop(2, [[1, 2, 1]]).equals(inducedLaplacian(2, [[1, 2, 1]]).neg())).toBe(true);
    const c3 = couplingSuperop(3, EDGES_3);
    expect(c3.equals(inducedLaplacian(3, EDGES_3).neg())).toBe(true);
    // Laplacian properties: symmetric, zero row sums
    expect(c3.equals(c3.transpose())).toBe(true);
    const ones = ExactMatrix.column(new Array(64).fill(Scalar.ONE));
    expect(c3.mul(ones).isZero()).toBe(true);
    expect(() => couplingSuperop(2, [[1, 2, 0.5]])).toThrow(TypeError);
  });

  it('closed forms: amplitude damping and the Hamiltonian part of σz', () => {
    // D(σ₋)|1⟩⟨1| = |0⟩⟨0| − |1⟩⟨1|; coherences decay at γ/2
    const g = Scalar.param('gamma');
    const l = dissipatorSuperop(PAULI.minus).scale(g);
    expect(act(l, ExactMatrix.fromRows([[0, 0], [0, 1]])).equals(ExactMatrix.fromRows([[g, Scalar.ZERO], [Scalar.ZERO, g.neg()]]))).toBe(true);
    expect(act(l, ExactMatrix.fromRows([[0, 1], [0, 0]])).equals(ExactMatrix.fromRows([[Scalar.ZERO, g.mul(S(-1, 2))], [Scalar.ZERO, Scalar.ZERO]]))).toBe(true);
    // −i[ω σz/2, |0⟩⟨1|] = −iω |0⟩⟨1|
    const w = Scalar.param('omega');
    const h = hamiltonianSuperop(PAULI.z.scale(w.mul(S(1, 2))));
    expect(act(h, ExactMatrix.fromRows([[0, 1], [0, 0]])).get(0, 1).equals(Scalar.I.mul(w).neg())).toBe(true);
  });

  it('total keeps K_c as a symbolic factor by default', () => {
    const parts = liouvillianParts({ hamiltonian: ExactMatrix.zeros(4), channels: [], edges: [[1, 2, 1]] });
    expect(parts.total.freeParams()).toEqual(['K_c']);
    expect(parts.total.equals((parts.coupling as ExactMatrix).scale(Scalar.param('K_c')))).toBe(true);
    expect(parts.A.isZero()).toBe(true);
  });

  it('refuses exact superoperators beyond n = 4 with ModelTooLarge naming the size and the alternative', () => {
    const h = embed(5, 1, PAULI.z);
    expect(() => hamiltonianSuperop(h)).toThrow(ModelTooLarge);
    expect(() => spre(h)).toThrow(/1024×1024.*n ≤ 4/);
    let error: unknown;
    try {
      couplingSuperop(5, [[1, 2, 1]]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelTooLarge);
    expect((error as ModelTooLarge).format()).toMatch(/1024×1024.*numeric path.*orbit/);
  });
});
