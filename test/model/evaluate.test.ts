import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/model/expr.ts';
import { evaluateOperator, evaluateScalar, evaluateState } from '../../src/model/evaluate.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import {
  add, c, embed, eye, I2, ketBra, kron, maxAbsDiff, mul, P0, P1, scale, SM, SP, SX, SY, SZ, zeros, type CM,
} from '../support/model-oracle.ts';

/** Exact results are rounded only when compared with the float oracle. */
const TOL = 1e-12;
const NONE = new Set<string>();

function op(text: string, n: number): CM {
  return evaluateOperator(parseExpr(text), n, NONE).toMatrix().toComplexRows();
}

describe('operator expressions equal independently built matrices', () => {
  it('single-qubit operators follow the paper §2.4 (σ₊ = |1⟩⟨0|)', () => {
    expect(maxAbsDiff(op('sp(1)', 1), SP)).toBe(0);
    expect(maxAbsDiff(op('sm(1)', 1), SM)).toBe(0);
    expect(maxAbsDiff(op('sigma_x(1)', 1), SX)).toBe(0);
    expect(maxAbsDiff(op('σy(1)', 1), SY)).toBe(0);
    expect(maxAbsDiff(op('σ₊(1)', 1), SP)).toBe(0);
    expect(maxAbsDiff(op('P0(1)', 1), P0)).toBe(0);
    expect(maxAbsDiff(op('P1(1)', 1), P1)).toBe(0);
    expect(maxAbsDiff(op('|0><1|', 1), SM)).toBe(0);
    expect(maxAbsDiff(op('I', 1), I2)).toBe(0);
  });

  it('embeds σ^(j) with qubit 1 leftmost', () => {
    expect(maxAbsDiff(op('sp(2)', 3), embed(SP, 2, 3))).toBe(0);
    expect(maxAbsDiff(op('sx(1)*sy(3)', 3), kron(kron(SX, I2), SY))).toBe(0);
    expect(maxAbsDiff(op('|01><10|', 2), ketBra('01', '10'))).toBe(0);
  });

  it("Example 1's Lindblad operator sqrt(3)*sp(3)", () => {
    expect(maxAbsDiff(op('sqrt(3)*sp(3)', 3), scale(Math.sqrt(3), embed(SP, 3, 3)))).toBeLessThan(TOL);
    expect(maxAbsDiff(op('sqrt(3) sp(3)', 3), scale(Math.sqrt(3), embed(SP, 3, 3)))).toBeLessThan(TOL);
  });

  it("Example 2's Hamiltonian", () => {
    const expected = add(embed(SX, 1, 3), embed(SY, 2, 3), embed(SZ, 3, 3));
    expect(maxAbsDiff(op('sx(1) + sy(2) + sz(3)', 3), expected)).toBe(0);
  });

  it("Example 3's Hamiltonian and Lindblad operator (with j > k)", () => {
    const n = 3;
    let h = zeros(8);
    for (let j = 1; j <= n; j++) h = add(h, embed(SZ, j, n), scale(0.05, add(embed(SP, j, n), embed(SM, j, n))));
    for (let j = 1; j <= n; j++) for (let k = 1; k < j; k++) h = add(h, mul(embed(SX, j, n), embed(SY, k, n)));
    const text = 'sum(j=1..3, sz(j)) + 0.1/2 * sum(j=1..3, sp(j) + sm(j)) + sum(j>k, sx(j)*sy(k))';
    expect(maxAbsDiff(op(text, 3), h)).toBeLessThan(TOL);
    let l = zeros(8);
    for (let j = 1; j <= n; j++) l = add(l, scale(Math.sqrt(0.05), embed(SM, j, n)), scale(Math.sqrt(0.02), embed(SZ, j, n)));
    expect(maxAbsDiff(op('sqrt(0.05) * sum(j=1..3, sm(j)) + sqrt(0.02) * sum(j=1..3, sz(j))', 3), l)).toBeLessThan(TOL);
  });

  it('index sums over pairs, nested sums and shifted indices', () => {
    const n = 4;
    let lt = zeros(16);
    let ne = zeros(16);
    let ring = zeros(16);
    for (let j = 1; j <= n; j++) {
      for (let k = 1; k <= n; k++) {
        if (j < k) lt = add(lt, mul(embed(SX, j, n), embed(SY, k, n)));
        if (j !== k) ne = add(ne, mul(embed(SZ, j, n), embed(SZ, k, n)));
      }
      if (j < n) ring = add(ring, mul(embed(SZ, j, n), embed(SZ, j + 1, n)));
    }
    expect(maxAbsDiff(op('sum(j<k, sx(j)*sy(k))', 4), lt)).toBe(0);
    expect(maxAbsDiff(op('sum(j=1..n, sum(k=j+1..n, sx(j)*sy(k)))', 4), lt)).toBe(0);
    expect(maxAbsDiff(op('sum(j!=k, sz(j) sz(k))', 4), ne)).toBe(0);
    expect(maxAbsDiff(op('sum(j=1..n-1, sz(j)*sz(j+1))', 4), ring)).toBe(0);
    expect(maxAbsDiff(op('sum(j, j*sz(j))', 4), add(...[1, 2, 3, 4].map((j) => scale(j, embed(SZ, j, 4)))))).toBe(0);
  });

  it('scalars: exact decimals, i, powers, c + operator means c·I, dag', () => {
    expect(evaluateScalar(parseExpr('0.05'), NONE).equals(Scalar.rational(1, 20))).toBe(true);
    expect(evaluateScalar(parseExpr('1e-3'), NONE).equals(Scalar.rational(1, 1000))).toBe(true);
    expect(evaluateScalar(parseExpr('sqrt(0.05)^2'), NONE).equals(Scalar.rational(1, 20))).toBe(true);
    expect(evaluateScalar(parseExpr('(1+i)*(1-i)*3'), NONE).equals(Scalar.int(6))).toBe(true);
    expect(evaluateScalar(parseExpr('2^-2'), NONE).equals(Scalar.rational(1, 4))).toBe(true);
    expect(maxAbsDiff(op('2 + sz(1)', 1), [[c(3), c(0)], [c(0), c(1)]])).toBe(0);
    expect(maxAbsDiff(op('dag(sp(1))', 1), SM)).toBe(0);
    expect(maxAbsDiff(op('(sx(1) + i*sy(1))/2', 1), SM)).toBe(0);
    expect(maxAbsDiff(op('sx(1)^2', 1), eye(2))).toBe(0);
  });

  it('symbolic parameters stay symbolic', () => {
    const h = evaluateOperator(parseExpr('omega*sz(1) + gamma_m*sx(2)'), 2, new Set(['omega', 'gamma_m']));
    expect(h.freeParams()).toEqual(['gamma_m', 'omega']);
    expect(h.isHermitian()).toBe(true);
  });

  it('state expressions: ket-bras, |+>, coefficients', () => {
    const s = evaluateState(parseExpr('(1/6)(|001><001| + 2|010><010| + 3|100><100|)'), 3, NONE);
    const expected = add(scale(1 / 6, ketBra('001', '001')), scale(2 / 6, ketBra('010', '010')), scale(3 / 6, ketBra('100', '100')));
    expect(maxAbsDiff(s.toMatrix().toComplexRows(), expected)).toBeLessThan(TOL);
    const plus = evaluateState(parseExpr('|+><+|'), 1, NONE).toMatrix().toComplexRows();
    expect(maxAbsDiff(plus, scale(0.5, [[c(1), c(1)], [c(1), c(1)]]))).toBeLessThan(TOL);
    const minus = evaluateState(parseExpr('|-><-|'), 1, NONE).toMatrix().toComplexRows();
    expect(maxAbsDiff(minus, scale(0.5, [[c(1), c(-1)], [c(-1), c(1)]]))).toBeLessThan(TOL);
    expect(maxAbsDiff(evaluateState(parseExpr('I/2'), 1, NONE).toMatrix().toComplexRows(), scale(0.5, I2))).toBe(0);
    expect(maxAbsDiff(evaluateState(parseExpr('sx(1)'), 1, NONE).toMatrix().toComplexRows(), SX)).toBe(0);
  });
});
