import { Rational } from './rational.ts';
import { Surd, joinSigned } from './surd.ts';
import { Polynomial, polynomialGcd, type Monomial } from './polynomial.ts';

/**
 * The exact scalars of qblend: K(p₁,…,p_k), rational functions in real symbolic parameters with
 * coefficients in K = Q(i)(√m…). Constants are held as a bare `Surd` (the common case, kept fast);
 * otherwise numerator/denominator are coprime with a monic denominator, so `equals` decides equality.
 * Parameters are real (rates, field strengths), hence conj acts on coefficients only.
 * @example Scalar.rational(1, 3).add(Scalar.I).toLatex() // => "\\frac{1}{3} + \\mathrm{i}"
 */
export class Scalar {
  private readonly k: Surd | null;
  private readonly num: Polynomial;
  private readonly den: Polynomial;

  private constructor(k: Surd | null, num: Polynomial, den: Polynomial) {
    this.k = k;
    this.num = num;
    this.den = den;
  }

  static fromSurd(s: Surd): Scalar {
    return new Scalar(s, Polynomial.ZERO, Polynomial.ONE);
  }

  static readonly ZERO = Scalar.fromSurd(Surd.ZERO);
  static readonly ONE = Scalar.fromSurd(Surd.ONE);
  static readonly I = Scalar.fromSurd(Surd.I);

  static int(n: number | bigint): Scalar {
    return Scalar.fromSurd(Surd.int(n));
  }

  static rational(num: number | bigint, den: number | bigint = 1): Scalar {
    return Scalar.fromSurd(Surd.rational(Rational.of(num, den)));
  }

  static fromRational(q: Rational): Scalar {
    return Scalar.fromSurd(Surd.rational(q));
  }

  /** An exact decimal or fraction literal: `Scalar.decimal('0.05')` is 1/20. */
  static decimal(text: string): Scalar {
    return Scalar.fromRational(Rational.parse(text));
  }

  /** A real symbolic parameter. */
  static param(name: string): Scalar {
    return Scalar.fromParts(Polynomial.variable(name), Polynomial.ONE);
  }

  /** √x for a constant rational x (negative x gives i√|x|); anything else is not in the field. */
  static sqrt(x: Scalar): Scalar {
    if (x.k === null || !x.k.isRational()) {
      throw new TypeError(`sqrt(${x.toString()}) is exact only for a rational argument`);
    }
    return Scalar.fromSurd(Surd.sqrtRational(x.k.toRational()));
  }

  /** Builds num/den in lowest terms with a monic denominator. */
  static fromParts(num: Polynomial, den: Polynomial): Scalar {
    if (den.isZero()) throw new RangeError('division by zero');
    if (num.isZero()) return Scalar.ZERO;
    if (den.isConstant()) {
      const n = num.scale(den.constantValue().inv());
      return n.isConstant() ? Scalar.fromSurd(n.constantValue()) : new Scalar(null, n, Polynomial.ONE);
    }
    const g = polynomialGcd(num, den);
    let n = g.isConstant() ? num : (num.divExact(g) as Polynomial);
    let d = g.isConstant() ? den : (den.divExact(g) as Polynomial);
    const lc = d.leading().coef;
    if (!lc.isOne()) {
      const s = lc.inv();
      n = n.scale(s);
      d = d.scale(s);
    }
    if (d.isConstant()) {
      return n.isConstant() ? Scalar.fromSurd(n.constantValue()) : new Scalar(null, n, Polynomial.ONE);
    }
    return new Scalar(null, n, d);
  }

  numerator(): Polynomial {
    return this.k !== null ? Polynomial.constant(this.k) : this.num;
  }

  denominator(): Polynomial {
    return this.k !== null ? Polynomial.ONE : this.den;
  }

  isConstant(): boolean {
    return this.k !== null;
  }

  /** The constant value in K; throws for a symbolic expression. */
  constantValue(): Surd {
    if (this.k === null) throw new TypeError(`${this.toString()} depends on parameters`);
    return this.k;
  }

  isZero(): boolean {
    return this.k !== null && this.k.isZero();
  }

  isOne(): boolean {
    return this.k !== null && this.k.isOne();
  }

  freeParams(): string[] {
    if (this.k !== null) return [];
    return [...new Set([...this.num.variables(), ...this.den.variables()])].sort();
  }

  equals(o: Scalar): boolean {
    if (this.k !== null || o.k !== null) return this.k !== null && o.k !== null && this.k.equals(o.k);
    return this.num.equals(o.num) && this.den.equals(o.den);
  }

  add(o: Scalar): Scalar {
    if (this.k !== null && o.k !== null) return Scalar.fromSurd(this.k.add(o.k));
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    const [an, ad] = [this.numerator(), this.denominator()];
    const [bn, bd] = [o.numerator(), o.denominator()];
    if (ad.equals(bd)) return Scalar.fromParts(an.add(bn), ad);
    return Scalar.fromParts(an.mul(bd).add(bn.mul(ad)), ad.mul(bd));
  }

  neg(): Scalar {
    if (this.k !== null) return Scalar.fromSurd(this.k.neg());
    return new Scalar(null, this.num.neg(), this.den);
  }

  sub(o: Scalar): Scalar {
    return this.add(o.neg());
  }

  mul(o: Scalar): Scalar {
    if (this.k !== null && o.k !== null) return Scalar.fromSurd(this.k.mul(o.k));
    if (this.isZero() || o.isZero()) return Scalar.ZERO;
    if (o.isOne()) return this;
    if (this.isOne()) return o;
    return Scalar.fromParts(this.numerator().mul(o.numerator()), this.denominator().mul(o.denominator()));
  }

  inv(): Scalar {
    if (this.k !== null) return Scalar.fromSurd(this.k.inv());
    return Scalar.fromParts(this.den, this.num);
  }

  div(o: Scalar): Scalar {
    if (this.k !== null && o.k !== null) return Scalar.fromSurd(this.k.div(o.k));
    return this.mul(o.inv());
  }

  pow(e: number): Scalar {
    if (!Number.isInteger(e)) throw new RangeError('non-integer power');
    if (e < 0) return this.inv().pow(-e);
    if (this.k !== null) return Scalar.fromSurd(this.k.pow(e));
    return Scalar.fromParts(this.num.pow(e), this.den.pow(e));
  }

  conj(): Scalar {
    if (this.k !== null) return this.k.isReal() ? this : Scalar.fromSurd(this.k.conj());
    return Scalar.fromParts(this.num.conj(), this.den.conj());
  }

  isReal(): boolean {
    if (this.k !== null) return this.k.isReal();
    return this.equals(this.conj());
  }

  /** Real part (parameters real): (z + z̄)/2. */
  re(): Scalar {
    if (this.k !== null) return Scalar.fromSurd(this.k.re());
    return this.add(this.conj()).mul(Scalar.rational(1, 2));
  }

  /** Imaginary part: (z − z̄)/(2i). */
  im(): Scalar {
    if (this.k !== null) return Scalar.fromSurd(this.k.im());
    return this.sub(this.conj()).mul(Scalar.fromSurd(Surd.gaussian(Rational.ZERO, Rational.of(-1, 2))));
  }

  /** Exact sign of a constant real value. */
  sign(): -1 | 0 | 1 {
    if (this.k === null) throw new TypeError(`the sign of ${this.toString()} depends on its parameters`);
    return this.k.sign();
  }

  /** Substitutes exact values for parameters (those not given stay symbolic). */
  substitute(values: ReadonlyMap<string, Scalar>): Scalar {
    if (this.k !== null) return this;
    let result: Scalar | null = null;
    const polys = new Map<string, Polynomial>();
    const symbolic: [string, Scalar][] = [];
    for (const [name, v] of values) {
      if (v.k !== null) polys.set(name, Polynomial.constant(v.k));
      else symbolic.push([name, v]);
    }
    result = Scalar.fromParts(this.num.substitute(polys), this.den.substitute(polys));
    if (symbolic.length === 0) return result;
    // A symbolic replacement: evaluate numerator and denominator as Scalars.
    const evalPoly = (p: Polynomial): Scalar => {
      let acc = Scalar.ZERO;
      for (const t of p.monomials()) {
        let term = Scalar.fromSurd(t.coef);
        for (const [v, e] of t.mono) {
          const rep = values.get(v) ?? Scalar.param(v);
          term = term.mul(rep.pow(e));
        }
        acc = acc.add(term);
      }
      return acc;
    };
    return evalPoly(this.num).div(evalPoly(this.den));
  }

  /** Lowers to a complex double; every parameter must be given. */
  toComplex(params: Readonly<Record<string, number>> = {}): [number, number] {
    if (this.k !== null) return this.k.toComplex();
    const [nr, ni] = this.num.evaluate(params);
    const [dr, di] = this.den.evaluate(params);
    const d = dr * dr + di * di;
    return [(nr * dr + ni * di) / d, (ni * dr - nr * di) / d];
  }

  /** Rough size, used to prefer simple pivots in exact elimination. */
  complexity(): number {
    if (this.k !== null) return this.k.complexity();
    let c = 0;
    for (const t of this.num.monomials()) c += t.coef.complexity() + 8 * t.mono.length;
    for (const t of this.den.monomials()) c += t.coef.complexity() + 8 * t.mono.length;
    return c + 64;
  }

  toString(): string {
    if (this.k !== null) return this.k.toString();
    const n = polynomialText(this.num);
    if (this.den.isConstant()) return n;
    return `(${n})/(${polynomialText(this.den)})`;
  }

  /**
   * LaTeX: constants as `\frac{2}{3}\mathrm{i}`; rational functions as `\frac{num}{den}`.
   * @example Scalar.param('gamma').div(Scalar.param('gamma').add(Scalar.param('omega'))).toLatex() // => "\\frac{\\gamma}{\\gamma + \\omega}"
   */
  toLatex(): string {
    if (this.k !== null) return this.k.toLatex();
    const n = polynomialLatex(this.num);
    if (this.den.isConstant()) return n;
    return `\\frac{${n}}{${polynomialLatex(this.den)}}`;
  }

  /** True when, as a factor in a product, the LaTeX needs parentheses. */
  needsParentheses(): boolean {
    if (this.k !== null) return this.k.needsParentheses();
    return this.den.isConstant() && this.num.monomials().length > 1;
  }

  /** True when the LaTeX starts with a minus sign that can be pulled out of a sum. */
  isNegativeLooking(): boolean {
    const lead = this.k !== null ? this.k : this.num.isZero() ? Surd.ZERO : this.num.leading().coef;
    return coefLooksNegative(lead);
  }
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta',
  'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/**
 * LaTeX of a parameter name: Greek names become letters, `_x` a subscript.
 * @example parameterLatex('gamma_m') // => "\\gamma_{m}"
 */
export function parameterLatex(name: string): string {
  const m = /^([A-Za-z]+)(\d*)(?:_(\w+))?$/.exec(name);
  if (!m) return `\\mathrm{${name.replace(/[^A-Za-z0-9]/g, '')}}`;
  const [, base, digits, sub] = m;
  const head = GREEK.has(base) ? `\\${base}` : base.length > 1 ? `\\mathrm{${base}}` : base;
  const subscript = [digits, sub].filter((s) => s).join(',');
  return subscript ? `${head}_{${subscript}}` : head;
}

function coefLooksNegative(c: Surd): boolean {
  const first = c.terms.find((t) => !t.re.isZero());
  if (first) return first.re.sign() < 0;
  const firstIm = c.terms.find((t) => !t.im.isZero());
  return firstIm !== undefined && firstIm.im.sign() < 0 && !c.needsParentheses();
}

function monomialLatex(m: Monomial): string {
  return m.map(([v, e]) => (e === 1 ? parameterLatex(v) : `${parameterLatex(v)}^{${e}}`)).join(' ');
}

export function polynomialLatex(p: Polynomial): string {
  if (p.isZero()) return '0';
  const pieces: { negative: boolean; body: string }[] = [];
  for (const t of p.monomials()) {
    if (t.mono.length === 0) {
      if (t.coef.needsParentheses()) {
        // A constant that is itself a sum: its leading minus belongs to its first term only, so
        // x + (−a + b) is written x - a + b (not "x + -a + b").
        const text = t.coef.toLatex();
        const negative = text.startsWith('-');
        pieces.push({ negative, body: negative ? text.slice(1) : text });
        continue;
      }
      const negative = coefLooksNegative(t.coef);
      pieces.push({ negative, body: negative ? t.coef.neg().toLatex() : t.coef.toLatex() });
      continue;
    }
    const mono = monomialLatex(t.mono);
    if (t.coef.needsParentheses()) {
      pieces.push({ negative: false, body: `\\left(${t.coef.toLatex()}\\right) ${mono}` });
      continue;
    }
    const negative = coefLooksNegative(t.coef);
    const abs = negative ? t.coef.neg() : t.coef;
    const coef = abs.isOne() ? '' : `${abs.toLatex()} `;
    pieces.push({ negative, body: `${coef}${mono}` });
  }
  return joinSigned(pieces);
}

function polynomialText(p: Polynomial): string {
  if (p.isZero()) return '0';
  return p
    .monomials()
    .map((t) => {
      const mono = t.mono.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
      if (mono === '') return t.coef.needsParentheses() ? `(${t.coef.toString()})` : t.coef.toString();
      if (t.coef.isOne()) return mono;
      return `${t.coef.needsParentheses() ? `(${t.coef.toString()})` : t.coef.toString()}*${mono}`;
    })
    .join(' + ')
    .replace(/\+ -/g, '- ');
}
