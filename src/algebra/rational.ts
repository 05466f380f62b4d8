/**
 * Exact rational numbers on BigInt, always in lowest terms with a positive denominator.
 * The foundation of the exact field; nothing here ever becomes a float except through `toNumber`.
 * @example Rational.of(2, 4).toString() // => "1/2"
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /**
   * Parses an exact decimal or fraction literal: "0.05" is 1/20, "-3/4", "1e-3".
   * @example Rational.parse('0.05').toString() // => "1/20"
   */
  static parse(text: string): Rational {
    const t = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(t);
    if (frac) return Rational.of(BigInt(frac[1]), BigInt(frac[2]));
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!dec || (dec[2] === '' && (dec[3] === undefined || dec[3] === ''))) {
      throw new SyntaxError(`not an exact number: ${text}`);
    }
    const sign = dec[1] === '-' ? -1n : 1n;
    const intPart = dec[2] || '0';
    const fracPart = dec[3] ?? '';
    const exp = Number(dec[4] ?? '0') - fracPart.length;
    let n = BigInt(intPart + fracPart) * sign;
    let d = 1n;
    if (exp >= 0) n *= 10n ** BigInt(exp);
    else d = 10n ** BigInt(-exp);
    return Rational.of(n, d);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  inv(): Rational {
    return Rational.of(this.den, this.num);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  sign(): -1 | 0 | 1 {
    return this.num > 0n ? 1 : this.num < 0n ? -1 : 0;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  pow(k: number): Rational {
    if (k < 0) return this.inv().pow(-k);
    return Rational.of(this.num ** BigInt(k), this.den ** BigInt(k));
  }
  /** Nearest double; exact for small numerators/denominators, correctly scaled for huge ones. */
  toNumber(): number {
    const n = this.num;
    const d = this.den;
    const an = n < 0n ? -n : n;
    if (an < 2n ** 53n && d < 2n ** 53n) return Number(n) / Number(d);
    // Scale so the quotient keeps 64 significant bits before converting.
    const shift = BigInt(bitLength(d) - bitLength(an) + 64);
    const q = shift >= 0n ? (n << shift) / d : n / (d << -shift);
    return Number(q) * 2 ** -Number(shift);
  }
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function bitLength(a: bigint): number {
  if (a < 0n) a = -a;
  return a === 0n ? 0 : a.toString(2).length;
}

/** ⌊√a⌋ for a ≥ 0 (Newton on BigInt). */
export function isqrt(a: bigint): bigint {
  if (a < 0n) throw new RangeError('isqrt of a negative number');
  if (a < 2n) return a;
  let x = 1n << BigInt((bitLength(a) >> 1) + 1);
  for (;;) {
    const y = (x + a / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * Writes a positive integer as s²·m with m square-free (trial division; model radicands are small).
 * @example squareFreeDecomposition(12n) // => { square: 2n, radicand: 3n }
 */
export function squareFreeDecomposition(a: bigint): { square: bigint; radicand: bigint } {
  if (a <= 0n) throw new RangeError('square-free decomposition of a non-positive number');
  let square = 1n;
  let radicand = 1n;
  let rest = a;
  for (let p = 2n; p * p <= rest; p += p === 2n ? 1n : 2n) {
    if (p > 10_000_000n) throw new RangeError(`radicand ${a} too large to factor exactly`);
    let e = 0;
    while (rest % p === 0n) {
      rest /= p;
      e++;
    }
    if (e > 0) {
      square *= p ** BigInt(e >> 1);
      if (e & 1) radicand *= p;
    }
  }
  radicand *= rest;
  return { square, radicand };
}

/** Smallest prime factor of n > 1 (trial division). */
export function smallestPrimeFactor(n: bigint): bigint {
  if (n % 2n === 0n) return 2n;
  for (let p = 3n; p * p <= n; p += 2n) if (n % p === 0n) return p;
  return n;
}
