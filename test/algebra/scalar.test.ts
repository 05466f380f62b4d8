import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scalar } from '../../src/algebra/scalar.ts';
import { Polynomial, polynomialGcd } from '../../src/algebra/polynomial.ts';

// Tolerance for comparing exact rational functions with direct double evaluation.
const TOL = 1e-9;

/** A random rational function in a, b built from small Gaussian-integer polynomials. */
const PARAMS = ['a', 'b'] as const;
const arbCoef = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -2, max: 2 }));
const arbPolyTerms = fc.array(fc.tuple(arbCoef, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), {
  minLength: 1,
  maxLength: 4,
});

type Terms = [[number, number], number, number][];

function buildScalar(terms: Terms): Scalar {
  let s = Scalar.ZERO;
  for (const [[re, im], ea, eb] of terms) {
    const c = Scalar.int(re).add(Scalar.I.mul(Scalar.int(im)));
    s = s.add(c.mul(Scalar.param('a').pow(ea)).mul(Scalar.param('b').pow(eb)));
  }
  return s;
}

/** Independent evaluation of the same term list with complex doubles. */
function evalTerms(terms: Terms, a: number, b: number): [number, number] {
  let re = 0;
  let im = 0;
  for (const [[cr, ci], ea, eb] of terms) {
    const m = a ** ea * b ** eb;
    re += cr * m;
    im += ci * m;
  }
  return [re, im];
}

function cdiv([ar, ai]: [number, number], [br, bi]: [number, number]): [number, number] {
  const d = br * br + bi * bi;
  return [(ar * br + ai * bi) / d, (ai * br - ar * bi) / d];
}

describe('Scalar: exact rational functions over K', () => {
  it('cancels common factors: (a² − b²)/(a − b) = a + b', () => {
    const a = Scalar.param('a');
    const b = Scalar.param('b');
    expect(a.mul(a).sub(b.mul(b)).div(a.sub(b)).equals(a.add(b))).toBe(true);
  });

  it('finds Gaussian factors: (γ + iω)/(γ² + ω²) = 1/(γ − iω)', () => {
    const g = Scalar.param('gamma');
    const w = Scalar.param('omega');
    const lhs = g.add(Scalar.I.mul(w)).div(g.mul(g).add(w.mul(w)));
    expect(lhs.equals(Scalar.ONE.div(g.sub(Scalar.I.mul(w))))).toBe(true);
  });

  it('a quotient of random polynomials evaluates like the quotient of their values', () => {
    fc.assert(
      fc.property(arbPolyTerms, arbPolyTerms, fc.double({ min: 0.3, max: 2, noNaN: true }), fc.double({ min: 0.3, max: 2, noNaN: true }), (p, q, a, b) => {
        const den = evalTerms(q, a, b);
        fc.pre(Math.hypot(...den) > 1e-3);
        const sq = buildScalar(q);
        fc.pre(!sq.isZero());
        const r = buildScalar(p).div(sq);
        const expected = cdiv(evalTerms(p, a, b), den);
        const got = r.toComplex({ a, b });
        const scale = 1 + Math.hypot(...expected);
        expect(Math.abs(got[0] - expected[0])).toBeLessThan(TOL * scale * 1e3);
        expect(Math.abs(got[1] - expected[1])).toBeLessThan(TOL * scale * 1e3);
      }),
      { numRuns: 120 },
    );
  });

  it('field axioms hold exactly: (x/y)·y = x, x − x = 0, conj(conj x) = x', () => {
    fc.assert(
      fc.property(arbPolyTerms, arbPolyTerms, (p, q) => {
        const x = buildScalar(p);
        const y = buildScalar(q);
        fc.pre(!y.isZero());
        expect(x.div(y).mul(y).equals(x)).toBe(true);
        expect(x.sub(x).isZero()).toBe(true);
        expect(x.conj().conj().equals(x)).toBe(true);
        expect(x.re().add(Scalar.I.mul(x.im())).equals(x)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('the gcd divides both arguments and is monic', () => {
    fc.assert(
      fc.property(arbPolyTerms, arbPolyTerms, arbPolyTerms, (p, q, r) => {
        const common = buildScalar(r).numerator();
        fc.pre(!common.isZero());
        const a = buildScalar(p).numerator().mul(common);
        const b = buildScalar(q).numerator().mul(common);
        fc.pre(!a.isZero() && !b.isZero());
        const g = polynomialGcd(a, b);
        expect(a.divExact(g)).not.toBeNull();
        expect(b.divExact(g)).not.toBeNull();
        expect(g.divExact(common.monic())).not.toBeNull();
        expect(g.leading().coef.isOne()).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('reads decimals exactly and writes parameters in LaTeX', () => {
    expect(Scalar.decimal('0.05').equals(Scalar.rational(1, 20))).toBe(true);
    expect(Scalar.sqrt(Scalar.decimal('0.02')).mul(Scalar.sqrt(Scalar.decimal('0.02'))).equals(Scalar.rational(1, 50))).toBe(true);
    const g = Scalar.param('gamma_m');
    const w = Scalar.param('omega');
    expect(g.div(g.add(w)).toLatex()).toBe('\\frac{\\gamma_{m}}{\\gamma_{m} + \\omega}');
    expect(Scalar.rational(1, 3).add(Scalar.I).toLatex()).toBe('\\frac{1}{3} + \\mathrm{i}');
  });

  it('polynomials survive a round trip through coefficients in one variable', () => {
    const a = Polynomial.variable('a');
    const b = Polynomial.variable('b');
    const p = a.mul(a).mul(b).add(a.scale(Scalar.int(3).constantValue())).add(b);
    expect(Polynomial.fromCoefficientsIn('a', p.coefficientsIn('a')).equals(p)).toBe(true);
  });
});
