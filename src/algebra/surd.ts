import { Rational, bitLength, gcd, isqrt, smallestPrimeFactor, squareFreeDecomposition } from './rational.ts';

/**
 * An element of K = Q(i)(√m₁, √m₂, …): a finite sum Σ_m (a_m + i b_m)·√m over square-free m ≥ 1 with
 * rational a_m, b_m. The square roots of distinct square-free integers are linearly independent over
 * Q(i) (Besicovitch 1940), so the sorted term list with no zero coefficient is a canonical form and
 * equality is structural. K is a field: the inverse rationalises one prime at a time (see `inv`).
 */
interface SurdTerm {
  readonly radicand: bigint;
  readonly re: Rational;
  readonly im: Rational;
}

export class Surd {
  /** Terms sorted by radicand, none with both parts zero. */
  readonly terms: readonly SurdTerm[];

  private constructor(terms: readonly SurdTerm[]) {
    this.terms = terms;
  }

  static readonly ZERO = new Surd([]);
  static readonly ONE = new Surd([{ radicand: 1n, re: Rational.ONE, im: Rational.ZERO }]);
  static readonly I = new Surd([{ radicand: 1n, re: Rational.ZERO, im: Rational.ONE }]);

  static rational(q: Rational): Surd {
    return q.isZero() ? Surd.ZERO : new Surd([{ radicand: 1n, re: q, im: Rational.ZERO }]);
  }

  static gaussian(re: Rational, im: Rational): Surd {
    return re.isZero() && im.isZero() ? Surd.ZERO : new Surd([{ radicand: 1n, re, im }]);
  }

  static int(n: number | bigint): Surd {
    return Surd.rational(Rational.of(n));
  }

  /**
   * √q for a rational q: √(a/b) = √(ab)/b, with ab = s²m square-free; negative q gives i√|q|.
   * @example Surd.sqrtRational(Rational.of(1, 20)).toString() // => "1/10*sqrt(5)"
   */
  static sqrtRational(q: Rational): Surd {
    if (q.isZero()) return Surd.ZERO;
    const negative = q.sign() < 0;
    const a = negative ? -q.num : q.num;
    const { square, radicand } = squareFreeDecomposition(a * q.den);
    const coef = Rational.of(square, q.den);
    return new Surd([
      negative
        ? { radicand, re: Rational.ZERO, im: coef }
        : { radicand, re: coef, im: Rational.ZERO },
    ]);
  }

  isZero(): boolean {
    return this.terms.length === 0;
  }

  isOne(): boolean {
    return this.equals(Surd.ONE);
  }

  /** True when the value lies in Q(i) (no square roots). */
  isGaussianRational(): boolean {
    return this.terms.length === 0 || (this.terms.length === 1 && this.terms[0].radicand === 1n);
  }

  isRational(): boolean {
    return this.isGaussianRational() && (this.terms.length === 0 || this.terms[0].im.isZero());
  }

  /** The rational value; throws when not rational. */
  toRational(): Rational {
    if (!this.isRational()) throw new TypeError(`${this.toString()} is not rational`);
    return this.terms.length === 0 ? Rational.ZERO : this.terms[0].re;
  }

  isReal(): boolean {
    return this.terms.every((t) => t.im.isZero());
  }

  equals(o: Surd): boolean {
    if (this.terms.length !== o.terms.length) return false;
    for (let k = 0; k < this.terms.length; k++) {
      const a = this.terms[k];
      const b = o.terms[k];
      if (a.radicand !== b.radicand || !a.re.equals(b.re) || !a.im.equals(b.im)) return false;
    }
    return true;
  }

  add(o: Surd): Surd {
    if (o.terms.length === 0) return this;
    if (this.terms.length === 0) return o;
    const out: SurdTerm[] = [];
    let i = 0;
    let j = 0;
    while (i < this.terms.length || j < o.terms.length) {
      const a = this.terms[i];
      const b = o.terms[j];
      if (b === undefined || (a !== undefined && a.radicand < b.radicand)) {
        out.push(a);
        i++;
      } else if (a === undefined || b.radicand < a.radicand) {
        out.push(b);
        j++;
      } else {
        const re = a.re.add(b.re);
        const im = a.im.add(b.im);
        if (!re.isZero() || !im.isZero()) out.push({ radicand: a.radicand, re, im });
        i++;
        j++;
      }
    }
    return new Surd(out);
  }

  neg(): Surd {
    return new Surd(this.terms.map((t) => ({ radicand: t.radicand, re: t.re.neg(), im: t.im.neg() })));
  }

  sub(o: Surd): Surd {
    return this.add(o.neg());
  }

  /** Complex conjugate (square roots of positive integers are real). */
  conj(): Surd {
    if (this.isReal()) return this;
    return new Surd(this.terms.map((t) => ({ radicand: t.radicand, re: t.re, im: t.im.neg() })));
  }

  re(): Surd {
    return new Surd(this.terms.filter((t) => !t.re.isZero()).map((t) => ({ ...t, im: Rational.ZERO })));
  }

  im(): Surd {
    return new Surd(
      this.terms.filter((t) => !t.im.isZero()).map((t) => ({ radicand: t.radicand, re: t.im, im: Rational.ZERO })),
    );
  }

  scaleRational(q: Rational): Surd {
    if (q.isZero()) return Surd.ZERO;
    if (q.isOne()) return this;
    return new Surd(this.terms.map((t) => ({ radicand: t.radicand, re: t.re.mul(q), im: t.im.mul(q) })));
  }

  /** √a·√b = g·√(a b / g²) with g = gcd(a, b), both square-free, so the product stays square-free. */
  mul(o: Surd): Surd {
    if (this.terms.length === 0 || o.terms.length === 0) return Surd.ZERO;
    if (o.terms.length === 1 && o.terms[0].radicand === 1n && o.terms[0].im.isZero()) {
      return this.scaleRational(o.terms[0].re);
    }
    if (this.terms.length === 1 && this.terms[0].radicand === 1n && this.terms[0].im.isZero()) {
      return o.scaleRational(this.terms[0].re);
    }
    const acc = new Map<bigint, { re: Rational; im: Rational }>();
    for (const a of this.terms) {
      for (const b of o.terms) {
        const g = gcd(a.radicand, b.radicand);
        const radicand = (a.radicand / g) * (b.radicand / g);
        const gq = Rational.of(g);
        const re = a.re.mul(b.re).sub(a.im.mul(b.im)).mul(gq);
        const im = a.re.mul(b.im).add(a.im.mul(b.re)).mul(gq);
        const prev = acc.get(radicand);
        if (prev) acc.set(radicand, { re: prev.re.add(re), im: prev.im.add(im) });
        else acc.set(radicand, { re, im });
      }
    }
    const out: SurdTerm[] = [];
    for (const [radicand, v] of acc) if (!v.re.isZero() || !v.im.isZero()) out.push({ radicand, ...v });
    out.sort((x, y) => (x.radicand < y.radicand ? -1 : x.radicand > y.radicand ? 1 : 0));
    return new Surd(out);
  }

  /**
   * Multiplicative inverse. For a Gaussian rational z: z̄/|z|². Otherwise pick a prime p dividing a
   * radicand, split x = a + b√p with a, b free of √p, and use 1/x = (a − b√p)/(a² − p b²); the
   * denominator has one prime fewer, so the recursion ends.
   */
  inv(): Surd {
    if (this.isZero()) throw new RangeError('division by zero in K');
    if (this.terms.length === 1) {
      const t = this.terms[0];
      const norm = t.re.mul(t.re).add(t.im.mul(t.im));
      // 1/((a+ib)√m) = (a − ib)√m / ((a² + b²) m)
      const s = Rational.of(1n, t.radicand).div(norm);
      return new Surd([{ radicand: t.radicand, re: t.re.mul(s), im: t.im.neg().mul(s) }]);
    }
    const withRoot = this.terms.find((t) => t.radicand !== 1n);
    if (!withRoot) throw new Error('unreachable: multi-term Gaussian rational');
    const p = smallestPrimeFactor(withRoot.radicand);
    const aTerms: SurdTerm[] = [];
    const bTerms: SurdTerm[] = [];
    for (const t of this.terms) {
      if (t.radicand % p === 0n) bTerms.push({ ...t, radicand: t.radicand / p });
      else aTerms.push(t);
    }
    bTerms.sort((x, y) => (x.radicand < y.radicand ? -1 : x.radicand > y.radicand ? 1 : 0));
    const a = new Surd(aTerms);
    const b = new Surd(bTerms);
    const rootP = new Surd([{ radicand: p, re: Rational.ONE, im: Rational.ZERO }]);
    const conjugate = a.sub(b.mul(rootP));
    const norm = a.mul(a).sub(b.mul(b).scaleRational(Rational.of(p)));
    return conjugate.mul(norm.inv());
  }

  div(o: Surd): Surd {
    return this.mul(o.inv());
  }

  pow(k: number): Surd {
    if (!Number.isInteger(k)) throw new RangeError('non-integer power');
    if (k < 0) return this.inv().pow(-k);
    let result: Surd = Surd.ONE;
    let base: Surd = this;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      base = base.mul(base);
      k >>= 1;
    }
    return result;
  }

  /**
   * Exact sign of a real element, by interval evaluation of Σ q_m √m with BigInt square roots at
   * growing precision; a nonzero value is separated from 0 at some precision, so this terminates.
   */
  sign(): -1 | 0 | 1 {
    if (!this.isReal()) throw new TypeError(`sign of a non-real number ${this.toString()}`);
    if (this.terms.length === 0) return 0;
    if (this.terms.length === 1) return this.terms[0].re.sign();
    for (let bits = 64n; ; bits *= 2n) {
      // Bounds on Σ q √m scaled by 2^bits: √m·2^bits ∈ [⌊√(m 4^bits)⌋, ⌊…⌋ + 1].
      let lo = Rational.ZERO;
      let hi = Rational.ZERO;
      for (const t of this.terms) {
        const r = isqrt(t.radicand << (2n * bits));
        const exact = r * r === t.radicand << (2n * bits);
        const low = Rational.of(r);
        const high = exact ? low : Rational.of(r + 1n);
        if (t.re.sign() > 0) {
          lo = lo.add(t.re.mul(low));
          hi = hi.add(t.re.mul(high));
        } else {
          lo = lo.add(t.re.mul(high));
          hi = hi.add(t.re.mul(low));
        }
      }
      if (lo.sign() > 0) return 1;
      if (hi.sign() < 0) return -1;
      if (bits > 1n << 16n) throw new Error('sign determination did not converge');
    }
  }

  /** Lowering to doubles: [re, im]. Each √m is a correctly rounded double, then summed. */
  toComplex(): [number, number] {
    let re = 0;
    let im = 0;
    for (const t of this.terms) {
      const r = t.radicand === 1n ? 1 : Math.sqrt(Number(t.radicand));
      re += t.re.toNumber() * r;
      im += t.im.toNumber() * r;
    }
    return [re, im];
  }

  /** Plain text, e.g. "2/3*i", "1/2 + 1/2*sqrt(3)". */
  toString(): string {
    if (this.terms.length === 0) return '0';
    const pieces: { negative: boolean; body: string }[] = [];
    for (const part of ['re', 'im'] as const) {
      for (const t of this.terms) {
        const q = t[part];
        if (q.isZero()) continue;
        const unit = [t.radicand === 1n ? '' : `sqrt(${t.radicand})`, part === 'im' ? 'i' : '']
          .filter((u) => u !== '')
          .join('*');
        const abs = q.abs();
        const body = unit === '' ? abs.toString() : abs.isOne() ? unit : `${abs.toString()}*${unit}`;
        pieces.push({ negative: q.sign() < 0, body });
      }
    }
    return joinSigned(pieces);
  }

  /**
   * LaTeX with \frac, \sqrt and \mathrm{i}, never `\cdot i`:
   * @example Surd.gaussian(Rational.ZERO, Rational.of(2, 3)).toLatex() // => "\\frac{2}{3}\\mathrm{i}"
   */
  toLatex(): string {
    if (this.terms.length === 0) return '0';
    const real = this.terms.filter((t) => !t.re.isZero()).map((t) => ({ q: t.re, m: t.radicand }));
    const imag = this.terms.filter((t) => !t.im.isZero()).map((t) => ({ q: t.im, m: t.radicand }));
    const pieces: { negative: boolean; body: string }[] = [];
    for (const t of real) pieces.push(rationalRootLatex(t.q, t.m, ''));
    if (imag.length === 1) {
      pieces.push(rationalRootLatex(imag[0].q, imag[0].m, '\\mathrm{i}'));
    } else if (imag.length > 1) {
      const inner = joinSigned(imag.map((t) => rationalRootLatex(t.q, t.m, '')));
      pieces.push({ negative: false, body: `\\left(${inner}\\right)\\mathrm{i}` });
    }
    return joinSigned(pieces);
  }

  /** Latex of this value as a coefficient multiplying something else (parenthesised if a sum). */
  needsParentheses(): boolean {
    const count = this.terms.reduce((c, t) => c + (t.re.isZero() ? 0 : 1) + (t.im.isZero() ? 0 : 1), 0);
    return count > 1;
  }

  /** A rough magnitude in bits, used to pick pivots that keep exact elimination small. */
  complexity(): number {
    let c = 0;
    for (const t of this.terms) c += bitLength(t.re.num) + bitLength(t.re.den) + bitLength(t.im.num) + bitLength(t.im.den) + 4;
    return c;
  }
}

function rationalRootLatex(q: Rational, m: bigint, unit: string): { negative: boolean; body: string } {
  const negative = q.sign() < 0;
  const a = negative ? -q.num : q.num;
  const b = q.den;
  const root = m === 1n ? '' : `\\sqrt{${m}}`;
  let numerator: string;
  if (root === '' && unit === '') numerator = a.toString();
  else if (a === 1n) numerator = `${root}${unit}`;
  else numerator = `${a}${root}${unit}`;
  if (b === 1n) return { negative, body: numerator };
  // Keep the imaginary unit outside the fraction: \frac{2}{3}\mathrm{i}.
  if (unit !== '') {
    const top = root === '' ? a.toString() : a === 1n ? root : `${a}${root}`;
    return { negative, body: `\\frac{${top}}{${b}}${unit}` };
  }
  return { negative, body: `\\frac{${numerator}}{${b}}` };
}

function joinSigned(pieces: { negative: boolean; body: string }[]): string {
  let out = '';
  pieces.forEach((p, k) => {
    if (k === 0) out += p.negative ? `-${p.body}` : p.body;
    else out += p.negative ? ` - ${p.body}` : ` + ${p.body}`;
  });
  return out;
}

export { joinSigned };
