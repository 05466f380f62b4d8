/**
 * Why nerdamer is only a display aid in qblend. These record what nerdamer 1.1.13 actually returns
 * (measured on node 20; nerdamer-prime 1.5.0 returned the same in a scratch install) next to the exact
 * value our own field computes. If a nerdamer upgrade fixes one, the `recorded` assertion fails and
 * the note can be updated — the guard in factorForDisplay stays either way.
 */
import { describe, expect, it } from 'vitest';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { determinant } from '../../src/algebra/linalg.ts';
import { factorForDisplay, nerdamerText } from '../../src/algebra/nerdamer-adapter.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { S } from '../support/algebra-oracle.ts';

const i = Scalar.I;

describe('nerdamer failures we guard against', () => {
  it('expand((1+i)*(1-i)*3): nerdamer gives 2, the exact value is 6', () => {
    const ours = S(1).add(i).mul(S(1).sub(i)).mul(S(3));
    expect(ours.toString()).toBe('6');
    expect(nerdamerText('expand((1+i)*(1-i)*3)')).toBe('2'); // recorded: wrong
    // without the factor 3 it happens to be right
    expect(nerdamerText('expand((1+i)*(1-i))')).toBe('2');
  });

  it('determinant of a complex matrix: nerdamer leaves an unsimplified expression; ours is −4', () => {
    const m = ExactMatrix.fromRows([[S(1).add(i), S(2)], [S(3), S(1).sub(i)]]);
    expect(determinant(m).toString()).toBe('-4');
    const text = nerdamerText('expand(determinant(matrix([1+i,2],[3,1-i])))');
    expect(text).not.toBe('-4'); // recorded: "((-1/6)*i-1/6)^(-1)+((-1/6)*i-1/6)^(-1)*i+2"
    expect(text).toContain('^(-1)');
  });

  it('matrices come out as vmatrix in toTeX (we write bmatrix ourselves)', () => {
    expect(ExactMatrix.fromRows([[1, 2], [3, 4]]).toLatex()).toContain('bmatrix');
  });
});

describe('factorForDisplay', () => {
  const a = Scalar.param('a');
  const b = Scalar.param('b');
  const g = Scalar.param('gamma');
  const w = Scalar.param('omega');

  it('returns a factored form only after exact and sampled verification', () => {
    expect(factorForDisplay(a.pow(2).sub(b.pow(2)))).toBe('\\left(a + b\\right) \\left(a - b\\right)');
    const f = g.mul(g).sub(S(1)).mul(S(3, 4)).div(g.add(w).pow(2).mul(w));
    expect(factorForDisplay(f)).toBe('\\frac{3 \\left(\\gamma + 1\\right) \\left(\\gamma - 1\\right)}{4 \\omega \\left(\\gamma + \\omega\\right)^{2}}');
    expect(factorForDisplay(g.div(g.add(w)))).toBe('\\frac{\\gamma}{\\gamma + \\omega}');
    expect(factorForDisplay(g.mul(S(6)).mul(g).add(g.mul(w).mul(S(12))).add(w.mul(w).mul(S(6))))).toBe('6 \\left(\\gamma + \\omega\\right)^{2}');
  });

  it('declines constants and non-rational coefficients (complex or surd): nerdamer is not trusted with them', () => {
    expect(factorForDisplay(S(6))).toBeNull();
    expect(factorForDisplay(g.add(i))).toBeNull();
    expect(factorForDisplay(g.mul(Scalar.sqrt(S(2))).add(w))).toBeNull();
  });
});
