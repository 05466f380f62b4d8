import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { embed, PAULI } from '../../src/algebra/operator.ts';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { explicitKron, S } from '../support/algebra-oracle.ts';

// Hand-written 2×2 matrices of the paper's §2.4 (CONVENTIONS.md: σ₊ = |1⟩⟨0|).
const i = Scalar.I;
const X = ExactMatrix.fromRows([[0, 1], [1, 0]]);
const Y = ExactMatrix.fromRows([[Scalar.ZERO, i.neg()], [i, Scalar.ZERO]]);
const Z = ExactMatrix.fromRows([[1, 0], [0, -1]]);
const PLUS = ExactMatrix.fromRows([[0, 0], [1, 0]]);
const MINUS = ExactMatrix.fromRows([[0, 1], [0, 0]]);
const I2 = ExactMatrix.identity(2);

const local = (op: Parameters<typeof PauliSum.local>[2], n = 1, q = 1): PauliSum => PauliSum.local(n, q, op);

describe('Pauli algebra', () => {
  it('single-qubit PauliSums are the hand-written matrices', () => {
    expect(local('x').toMatrix().equals(X)).toBe(true);
    expect(local('y').toMatrix().equals(Y)).toBe(true);
    expect(local('z').toMatrix().equals(Z)).toBe(true);
    expect(local('+').toMatrix().equals(PLUS)).toBe(true);
    expect(local('-').toMatrix().equals(MINUS)).toBe(true);
    expect(local('0').toMatrix().equals(ExactMatrix.fromRows([[1, 0], [0, 0]]))).toBe(true);
    expect(local('1').toMatrix().equals(ExactMatrix.fromRows([[0, 0], [0, 1]]))).toBe(true);
    expect(PAULI.plus.equals(PLUS) && PAULI.minus.equals(MINUS) && PAULI.y.equals(Y)).toBe(true);
  });

  it('[σx, σy] = 2iσz cyclically, as PauliSums and as matrices', () => {
    const two_i = S(2).mul(i);
    const [x, y, z] = [local('x'), local('y'), local('z')];
    expect(x.commutator(y).equals(z.scale(two_i))).toBe(true);
    expect(y.commutator(z).equals(x.scale(two_i))).toBe(true);
    expect(z.commutator(x).equals(y.scale(two_i))).toBe(true);
    expect(X.mul(Y).sub(Y.mul(X)).equals(Z.scale(two_i))).toBe(true);
    expect(Y.mul(Z).sub(Z.mul(Y)).equals(X.scale(two_i))).toBe(true);
  });

  it('anticommutators {σa, σb} = 2δ_ab I', () => {
    const ops = [local('x'), local('y'), local('z')];
    ops.forEach((a, p) =>
      ops.forEach((b, q) => {
        const anti = a.mul(b).add(b.mul(a));
        expect(anti.equals(p === q ? PauliSum.identity(1).scale(S(2)) : PauliSum.zero(1))).toBe(true);
      }),
    );
  });

  it('σ±: σ₊σ₋ + σ₋σ₊ = I, σ₊|0⟩ = |1⟩, σ₊² = 0, σ₊† = σ₋, σ₊σ₋ = |1⟩⟨1|', () => {
    const [p, m] = [local('+'), local('-')];
    expect(p.mul(m).add(m.mul(p)).equals(PauliSum.identity(1))).toBe(true);
    expect(p.mul(p).isZero()).toBe(true);
    expect(p.dagger().equals(m)).toBe(true);
    expect(p.mul(m).equals(local('1'))).toBe(true);
    const ket0 = ExactMatrix.fromRows([[1], [0]]);
    expect(PLUS.mul(ket0).equals(ExactMatrix.fromRows([[0], [1]]))).toBe(true);
    // [σ₊, σ₋] = −σz with σ₊ = |1⟩⟨0| (the paper's convention; QuTiP's sigmap would give +σz)
    expect(p.commutator(m).equals(local('z').neg())).toBe(true);
  });

  it('multi-qubit strings and embeddings match explicit Kronecker products (qubit 1 leftmost)', () => {
    expect(PauliSum.string('XZ').toMatrix().equals(explicitKron(X, Z))).toBe(true);
    expect(PauliSum.string('IYX').toMatrix().equals(explicitKron(explicitKron(I2, Y), X))).toBe(true);
    expect(PauliSum.local(3, 2, '+').toMatrix().equals(explicitKron(explicitKron(I2, PLUS), I2))).toBe(true);
    expect(embed(3, 3, MINUS).equals(explicitKron(I2, explicitKron(I2, MINUS)))).toBe(true);
    expect(embed(2, 1, Y).equals(PauliSum.local(2, 1, 'y').toMatrix())).toBe(true);
    // σ₊^(1) maps |00⟩ (index 0) to |10⟩ (index 2)
    expect(embed(2, 1, PLUS).get(2, 0).isOne()).toBe(true);
  });

  it('products of PauliSums match products of matrices', () => {
    const a = PauliSum.string('XY', S(1, 3)).add(PauliSum.string('ZI', Scalar.I)).add(PauliSum.local(2, 2, '+'));
    const b = PauliSum.string('YY', S(-2)).add(PauliSum.local(2, 1, '0'));
    expect(a.mul(b).toMatrix().equals(a.toMatrix().mul(b.toMatrix()))).toBe(true);
    expect(a.dagger().toMatrix().equals(a.toMatrix().dagger())).toBe(true);
  });
});
