import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { Surd } from '../../src/algebra/surd.ts';
import { sqrtInField } from '../../src/algebra/charpoly.ts';
import { S } from '../support/algebra-oracle.ts';

const i = Scalar.I;
const sqrt = (n: number): Scalar => Scalar.sqrt(S(n));

describe('the exact field K = Q(i)(√m…)', () => {
  it('(1 + i)(1 − i)·3 = 6 (nerdamer 1.1.13 says 2)', () => {
    const v = S(1).add(i).mul(S(1).sub(i)).mul(S(3));
    expect(v.equals(S(6))).toBe(true);
    expect(v.toString()).toBe('6');
  });

  it('inverses with surds: x·x⁻¹ = 1 and explicit rationalisations', () => {
    const xs = [
      sqrt(2).add(S(1)),
      sqrt(2).add(sqrt(3)),
      sqrt(2).add(sqrt(3)).add(sqrt(5)).add(i),
      sqrt(6).mul(S(1, 3)).sub(S(2)).add(i.mul(sqrt(3))),
      sqrt(-7).add(S(1, 2)),
    ];
    for (const x of xs) expect(x.mul(x.inv()).isOne()).toBe(true);
    // 1/(1 + √2) = √2 − 1
    expect(sqrt(2).add(S(1)).inv().equals(sqrt(2).sub(S(1)))).toBe(true);
    // 1/(√2 + √3) = √3 − √2
    expect(sqrt(2).add(sqrt(3)).inv().equals(sqrt(3).sub(sqrt(2)))).toBe(true);
    // √2·√6 = 2√3, √(1/20) = √5/10, √(−4) = 2i
    expect(sqrt(2).mul(sqrt(6)).equals(sqrt(3).mul(S(2)))).toBe(true);
    expect(Scalar.sqrt(S(1, 20)).equals(sqrt(5).mul(S(1, 10)))).toBe(true);
    expect(sqrt(-4).equals(i.mul(S(2)))).toBe(true);
  });

  it('exact sign near cancellation', () => {
    const close = sqrt(2).sub(Scalar.fromRational(Rational.of(1414213562n, 1000000000n)));
    expect(close.sign()).toBe(1); // √2 = 1.41421356237…
    const closer = sqrt(2).sub(Scalar.fromRational(Rational.of(14142135623730951n, 10000000000000000n)));
    expect(closer.sign()).toBe(-1); // …730950488 < …730951
    expect(sqrt(2).add(sqrt(3)).sub(Scalar.fromRational(Rational.of(3146264369941972n, 1000000000000000n))).sign()).toBe(1); // 3.14626436994197234…
    // √2 + √3 − √(5 + 2√6) = 0 exactly, and (√2 + √3)² = 5 + 2√6
    const s = sqrt(2).add(sqrt(3));
    expect(s.mul(s).equals(S(5).add(sqrt(6).mul(S(2))))).toBe(true);
    expect(S(0).sign()).toBe(0);
  });

  it('√ of Gaussian rationals inside K when the norm is a rational square', () => {
    const two_i = Surd.gaussian(Rational.ZERO, Rational.of(2));
    expect(sqrtInField(two_i)?.toString()).toBe('1 + i');
    const z = Surd.gaussian(Rational.of(3), Rational.of(4)); // √(3 + 4i) = 2 + i
    const r = sqrtInField(z);
    expect(r !== null && r.mul(r).equals(z)).toBe(true);
    expect(sqrtInField(Surd.gaussian(Rational.of(1), Rational.of(1)))).toBeNull(); // needs √(√2 …)
    expect(sqrtInField(Surd.rational(Rational.of(-3)))?.toString()).toBe('sqrt(3)*i');
  });

  it('symbolic parameters: canonical rational functions, real parameters under conj', () => {
    const g = Scalar.param('gamma');
    const w = Scalar.param('omega');
    const f = g.div(g.add(w));
    expect(f.add(w.div(g.add(w))).isOne()).toBe(true);
    expect(g.mul(i).conj().equals(g.mul(i).neg())).toBe(true);
    expect(f.toLatex()).toBe('\\frac{\\gamma}{\\gamma + \\omega}');
    expect(S(2, 3).mul(i).toLatex()).toBe('\\frac{2}{3}\\mathrm{i}');
  });
});
