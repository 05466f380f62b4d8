import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinant, inverse, isPositiveSemidefinite, nullSpace, rank, rref, solve } from '../../src/algebra/linalg.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { embed, PAULI } from '../../src/algebra/operator.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { liouvillianParts } from '../../src/algebra/superop.ts';
import { unvec } from '../../src/algebra/vec.ts';
import { cofactorDeterminant, gaussianArb, matrixArb, S, sparseGaussianArb } from '../support/algebra-oracle.ts';

const RUNS = { numRuns: 30 };
const sqrt = (n: number): Scalar => Scalar.sqrt(S(n));

/** Low-rank random matrices: a product of r×k and k×c factors. */
const lowRankArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 5 }))
  .chain(([k, r, c]) => fc.tuple(matrixArb(r, k, sparseGaussianArb), matrixArb(k, c, sparseGaussianArb)).map(([a, b]) => a.mul(b)));

describe('exact linear algebra', () => {
  it('null-space vectors satisfy A v = 0, their count is cols − rank, and they are independent', () => {
    fc.assert(
      fc.property(lowRankArb, (a) => {
        const ns = nullSpace(a);
        const r = rank(a);
        if (ns.length !== a.cols - r) return false;
        if (!ns.every((v) => a.mul(v).isZero())) return false;
        if (ns.length === 0) return true;
        const basis = ExactMatrix.fromFunction(a.cols, ns.length, (i, j) => ns[j].get(i, 0));
        return rank(basis) === ns.length;
      }),
      RUNS,
    );
  });

  it('rref is idempotent, has unit pivots and the rank of the transpose', () => {
    fc.assert(
      fc.property(lowRankArb, (a) => {
        const { matrix, pivots, rank: r } = rref(a);
        const again = rref(matrix);
        return again.matrix.equals(matrix) && pivots.every((p, i) => matrix.get(i, p).isOne()) && rank(a.transpose()) === r;
      }),
      RUNS,
    );
  });

  it('solve: A X = B when consistent, null when not; inverse: A A⁻¹ = A⁻¹ A = I', () => {
    fc.assert(
      fc.property(matrixArb(3, 3), matrixArb(3, 2), (a, x) => {
        const b = a.mul(x);
        const sol = solve(a, b);
        if (sol === null || !a.mul(sol).equals(b)) return false;
        if (!determinant(a).isZero()) {
          const inv = inverse(a);
          return a.mul(inv).equals(ExactMatrix.identity(3)) && inv.mul(a).equals(ExactMatrix.identity(3)) && sol.equals(x);
        }
        return true;
      }),
      RUNS,
    );
    const singular = ExactMatrix.fromRows([[1, 2], [2, 4]]);
    expect(solve(singular, ExactMatrix.fromRows([[1], [0]]))).toBeNull();
    expect(() => inverse(singular)).toThrow(RangeError);
    // with surds: [[√2, 1], [1, √2]]⁻¹ = [[√2, −1], [−1, √2]]
    const m = ExactMatrix.fromRows([[sqrt(2), Scalar.ONE], [Scalar.ONE, sqrt(2)]]);
    expect(inverse(m).equals(ExactMatrix.fromRows([[sqrt(2), S(-1)], [S(-1), sqrt(2)]]))).toBe(true);
  });

  it('determinant equals cofactor expansion on random 4×4 and symbolic 3×3 matrices', () => {
    fc.assert(
      fc.property(matrixArb(4, 4), (a) => determinant(a).equals(cofactorDeterminant(a))),
      RUNS,
    );
    const g = Scalar.param('gamma');
    const w = Scalar.param('omega');
    const sym = ExactMatrix.fromRows([
      [g, S(1), Scalar.I.mul(w)],
      [w.neg(), g.mul(w), sqrt(3)],
      [S(1, 2), g.add(w), S(-2)],
    ]);
    expect(determinant(sym).equals(cofactorDeterminant(sym))).toBe(true);
    expect(rank(sym)).toBe(3);
  });

  it('exact steady state of amplitude damping plus a drive: the closed form ρ₁₁ = Ω²/(γ² + 2Ω²)', () => {
    // H = (Ω/2)σx, L = σ₋ at rate γ: the textbook steady state with real symbolic parameters.
    const g = Scalar.param('gamma');
    const om = Scalar.param('Omega');
    const { total } = liouvillianParts({ hamiltonian: PAULI.x.scale(om.mul(S(1, 2))), channels: [{ rate: g, operator: PAULI.minus }] });
    const ns = nullSpace(total);
    expect(ns).toHaveLength(1);
    const rho = unvec(ns[0], 2);
    const p1 = rho.get(1, 1).div(rho.trace());
    expect(p1.equals(om.mul(om).div(g.mul(g).add(om.mul(om).mul(S(2)))))).toBe(true);
  });

  it('exact steady state of a two-qubit Liouvillian with a √3 term: trace-one, Hermitian, PSD, in the kernel', () => {
    const h = embed(2, 1, PAULI.z).add(embed(2, 1, PAULI.x).mul(embed(2, 2, PAULI.x)).scale(sqrt(3)));
    const channels = [1, 2].map((j) => ({ rate: S(j, 3), operator: embed(2, j, PAULI.minus) }));
    const { total } = liouvillianParts({ hamiltonian: h, channels, edges: [[1, 2, 1]], Kc: S(2) });
    const ns = nullSpace(total);
    expect(ns).toHaveLength(1);
    const rho = unvec(ns[0], 4).scale(unvec(ns[0], 4).trace().inv());
    expect(rho.trace().isOne()).toBe(true);
    expect(rho.isHermitian()).toBe(true);
    expect(isPositiveSemidefinite(rho)).toBe(true);
    expect(total.mul(ns[0]).isZero()).toBe(true);
  });

  it('positive semidefiniteness, exactly (surds included)', () => {
    const psd = [
      ExactMatrix.fromRows([[1, 1], [1, 1]]),
      ExactMatrix.fromRows([[2, sqrt(2)], [sqrt(2), 1]].map((r) => r.map((x) => (typeof x === 'number' ? S(x) : x)))), // det 0
      ExactMatrix.fromRows([[0, 0, 0], [0, 2, Scalar.I], [0, Scalar.I.neg(), 1]]),
      ExactMatrix.zeros(3),
      ExactMatrix.fromRows([[S(1, 2), S(1, 2).mul(Scalar.I)], [S(-1, 2).mul(Scalar.I), S(1, 2)]]), // |−i⟩⟨−i|-like pure state
    ];
    const indefinite = [
      ExactMatrix.fromRows([[1, 2], [2, 1]]),
      ExactMatrix.fromRows([[2, sqrt(3)], [sqrt(3), 1]].map((r) => r.map((x) => (typeof x === 'number' ? S(x) : x)))), // det −1
      ExactMatrix.fromRows([[0, 1], [1, 0]]),
      ExactMatrix.fromRows([[0, 0], [0, -1]]),
      ExactMatrix.fromRows([[1, 0], [1, 1]]), // not Hermitian
      // off-diagonal 1.414213563 just above √(1·2) = 1.41421356237…: det < 0 by 6.5e-10
      ExactMatrix.fromRows([[S(1), S(1414213563, 1000000000)], [S(1414213563, 1000000000), S(2)]]),
    ];
    for (const m of psd) expect(isPositiveSemidefinite(m)).toBe(true);
    for (const m of indefinite) expect(isPositiveSemidefinite(m)).toBe(false);
    // just below: off-diagonal 1.414213562 < √2 keeps it positive definite
    expect(isPositiveSemidefinite(ExactMatrix.fromRows([[S(1), S(1414213562, 1000000000)], [S(1414213562, 1000000000), S(2)]]))).toBe(true);
    expect(() => isPositiveSemidefinite(ExactMatrix.fromRows([[Scalar.param('a'), S(0)], [S(0), S(1)]]))).toThrow(TypeError);
  });

  it('Gram matrices B Bᴴ are PSD; subtracting a large multiple of I breaks it', () => {
    fc.assert(
      fc.property(matrixArb(3, 2, gaussianArb), (b) => {
        const g = b.mul(b.dagger());
        const shifted = g.sub(ExactMatrix.identity(3).scale(g.trace().add(S(1))));
        return isPositiveSemidefinite(g) && !isPositiveSemidefinite(shifted);
      }),
      RUNS,
    );
  });
});
