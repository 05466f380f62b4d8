import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/algebra/rational.ts';
import { Surd } from '../../src/algebra/surd.ts';

// Numeric tolerance for comparing exact results with independent double evaluation.
const TOL = 1e-9;

const RADICANDS = [1n, 2n, 3n, 5n, 6n, 7n, 10n];

/** A random element of Q(i)(√2, √3, √5, √7) with small coefficients. */
const arbRational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 6 })).map(([n, d]) => Rational.of(n, d));
const arbSurd = fc
  .array(fc.tuple(fc.constantFrom(...RADICANDS), arbRational, arbRational), { maxLength: 4 })
  .map((terms) =>
    terms.reduce(
      (acc, [m, re, im]) => acc.add(Surd.gaussian(re, im).mul(Surd.sqrtRational(Rational.of(m)))),
      Surd.ZERO,
    ),
  );

/** Independent evaluation: every term as double complex, no use of Surd arithmetic. */
function evaluate(s: Surd): [number, number] {
  let re = 0;
  let im = 0;
  for (const t of s.terms) {
    const r = Math.sqrt(Number(t.radicand));
    re += (Number(t.re.num) / Number(t.re.den)) * r;
    im += (Number(t.im.num) / Number(t.im.den)) * r;
  }
  return [re, im];
}

function close(a: [number, number], b: [number, number], scale = 1): boolean {
  return Math.abs(a[0] - b[0]) <= TOL * scale && Math.abs(a[1] - b[1]) <= TOL * scale;
}

describe('the exact field K = Q(i)(√m…)', () => {
  it('gets the complex-rational product nerdamer gets wrong: (1+i)(1−i)·3 = 6', () => {
    const z = Surd.ONE.add(Surd.I).mul(Surd.ONE.sub(Surd.I)).mul(Surd.int(3));
    expect(z.equals(Surd.int(6))).toBe(true);
  });

  it('multiplies radicals into square-free form: √2·√6 = 2√3, √3·√3 = 3', () => {
    const r = (m: number) => Surd.sqrtRational(Rational.of(m));
    expect(r(2).mul(r(6)).equals(r(3).mul(Surd.int(2)))).toBe(true);
    expect(r(3).mul(r(3)).equals(Surd.int(3))).toBe(true);
  });

  it('reads √(1/20) as √5/10 and √(−4) as 2i', () => {
    expect(Surd.sqrtRational(Rational.parse('0.05')).toString()).toBe('1/10*sqrt(5)');
    expect(Surd.sqrtRational(Rational.of(-4)).equals(Surd.I.mul(Surd.int(2)))).toBe(true);
  });

  it('ring operations agree with double evaluation', () => {
    fc.assert(
      fc.property(arbSurd, arbSurd, (a, b) => {
        const [ar, ai] = evaluate(a);
        const [br, bi] = evaluate(b);
        const scale = 1 + Math.hypot(ar, ai) * Math.hypot(br, bi);
        expect(close(evaluate(a.add(b)), [ar + br, ai + bi], scale)).toBe(true);
        expect(close(evaluate(a.mul(b)), [ar * br - ai * bi, ar * bi + ai * br], scale)).toBe(true);
        expect(close(evaluate(a.conj()), [ar, -ai], scale)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every nonzero element has an exact inverse: x · x⁻¹ = 1', () => {
    fc.assert(
      fc.property(arbSurd, (a) => {
        fc.pre(!a.isZero());
        expect(a.mul(a.inv()).equals(Surd.ONE)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('decides the sign exactly even under near-cancellation', () => {
    const r2 = Surd.sqrtRational(Rational.of(2));
    // √2 = 1.41421356237309504880…; the rationals differ from it by about 1e-10.
    expect(r2.sub(Surd.rational(Rational.of(1414213562n, 1000000000n))).sign()).toBe(1);
    expect(r2.sub(Surd.rational(Rational.of(1414213563n, 1000000000n))).sign()).toBe(-1);
    // 2√2 + √3 − √5 − √(11 + 4√6)… use an identity: (√2 + √3)² = 5 + 2√6, so √2 + √3 − √(5 + 2√6) = 0
    // is outside K, but √2·√3 − √6 is exactly zero:
    expect(r2.mul(Surd.sqrtRational(Rational.of(3))).sub(Surd.sqrtRational(Rational.of(6))).sign()).toBe(0);
  });

  it('writes LaTeX with \\frac, \\sqrt and \\mathrm{i}, never \\cdot i', () => {
    expect(Surd.gaussian(Rational.ZERO, Rational.of(2, 3)).toLatex()).toBe('\\frac{2}{3}\\mathrm{i}');
    expect(Surd.gaussian(Rational.of(1, 2), Rational.of(-1, 6)).toLatex()).toBe('\\frac{1}{2} - \\frac{1}{6}\\mathrm{i}');
    expect(Surd.sqrtRational(Rational.of(3, 4)).toLatex()).toBe('\\frac{\\sqrt{3}}{2}');
    expect(Surd.I.neg().toLatex()).toBe('-\\mathrm{i}');
  });
});
