import { Surd } from './surd.ts';

/**
 * Multivariate polynomials over K = Q(i)(√m…) in real symbolic parameters. A monomial is a sorted
 * list of (variable, exponent ≥ 1); the polynomial is a list of terms sorted by lex order (variables
 * compared by name, larger exponent first) with no zero coefficient, so the form is canonical.
 * Exact division and a recursive primitive-PRS GCD keep rational functions in lowest terms.
 */
export type Monomial = readonly (readonly [string, number])[];

export interface PolyTerm {
  readonly mono: Monomial;
  readonly key: string;
  readonly coef: Surd;
}

function monoKey(m: Monomial): string {
  return m.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
}

function monoMul(a: Monomial, b: Monomial): Monomial {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: [string, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) out.push([a[i][0], a[i++][1]]);
    else if (i >= a.length || b[j][0] < a[i][0]) out.push([b[j][0], b[j++][1]]);
    else {
      out.push([a[i][0], a[i][1] + b[j][1]]);
      i++;
      j++;
    }
  }
  return out;
}

/** a / b when b divides a, else null. */
function monoDiv(a: Monomial, b: Monomial): Monomial | null {
  const out: [string, number][] = [];
  let j = 0;
  for (const [v, e] of a) {
    if (j < b.length && b[j][0] < v) return null;
    if (j < b.length && b[j][0] === v) {
      const d = e - b[j][1];
      if (d < 0) return null;
      if (d > 0) out.push([v, d]);
      j++;
    } else out.push([v, e]);
  }
  return j === b.length ? out : null;
}

/** Lex comparison: positive when a > b. */
function monoCompare(a: Monomial, b: Monomial): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    if (a[k][0] !== b[k][0]) return a[k][0] < b[k][0] ? 1 : -1;
    if (a[k][1] !== b[k][1]) return a[k][1] - b[k][1];
  }
  return a.length - b.length;
}

export class Polynomial {
  readonly terms: readonly PolyTerm[];

  private constructor(terms: readonly PolyTerm[]) {
    this.terms = terms;
  }

  static readonly ZERO = new Polynomial([]);
  static readonly ONE = Polynomial.constant(Surd.ONE);

  static constant(c: Surd): Polynomial {
    return c.isZero() ? Polynomial.ZERO : new Polynomial([{ mono: [], key: '', coef: c }]);
  }

  static variable(name: string): Polynomial {
    const mono: Monomial = [[name, 1]];
    return new Polynomial([{ mono, key: monoKey(mono), coef: Surd.ONE }]);
  }

  private static fromMap(acc: Map<string, { mono: Monomial; coef: Surd }>): Polynomial {
    const terms: PolyTerm[] = [];
    for (const [key, t] of acc) if (!t.coef.isZero()) terms.push({ key, mono: t.mono, coef: t.coef });
    terms.sort((x, y) => -monoCompare(x.mono, y.mono));
    return new Polynomial(terms);
  }

  isZero(): boolean {
    return this.terms.length === 0;
  }

  isConstant(): boolean {
    return this.terms.length === 0 || (this.terms.length === 1 && this.terms[0].mono.length === 0);
  }

  /** The constant value; throws if the polynomial has a variable. */
  constantValue(): Surd {
    if (!this.isConstant()) throw new TypeError('polynomial is not constant');
    return this.terms.length === 0 ? Surd.ZERO : this.terms[0].coef;
  }

  variables(): string[] {
    const s = new Set<string>();
    for (const t of this.terms) for (const [v] of t.mono) s.add(v);
    return [...s].sort();
  }

  equals(o: Polynomial): boolean {
    if (this.terms.length !== o.terms.length) return false;
    return this.terms.every((t, k) => t.key === o.terms[k].key && t.coef.equals(o.terms[k].coef));
  }

  add(o: Polynomial): Polynomial {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    const acc = new Map<string, { mono: Monomial; coef: Surd }>();
    for (const t of this.terms) acc.set(t.key, { mono: t.mono, coef: t.coef });
    for (const t of o.terms) {
      const prev = acc.get(t.key);
      acc.set(t.key, { mono: t.mono, coef: prev ? prev.coef.add(t.coef) : t.coef });
    }
    return Polynomial.fromMap(acc);
  }

  neg(): Polynomial {
    return new Polynomial(this.terms.map((t) => ({ ...t, coef: t.coef.neg() })));
  }

  sub(o: Polynomial): Polynomial {
    return this.add(o.neg());
  }

  scale(c: Surd): Polynomial {
    if (c.isZero()) return Polynomial.ZERO;
    if (c.isOne()) return this;
    return new Polynomial(this.terms.map((t) => ({ ...t, coef: t.coef.mul(c) })));
  }

  mul(o: Polynomial): Polynomial {
    if (this.isZero() || o.isZero()) return Polynomial.ZERO;
    if (o.isConstant()) return this.scale(o.constantValue());
    if (this.isConstant()) return o.scale(this.constantValue());
    const acc = new Map<string, { mono: Monomial; coef: Surd }>();
    for (const a of this.terms) {
      for (const b of o.terms) {
        const mono = monoMul(a.mono, b.mono);
        const key = monoKey(mono);
        const coef = a.coef.mul(b.coef);
        const prev = acc.get(key);
        acc.set(key, { mono, coef: prev ? prev.coef.add(coef) : coef });
      }
    }
    return Polynomial.fromMap(acc);
  }

  pow(k: number): Polynomial {
    let result: Polynomial = Polynomial.ONE;
    for (let j = 0; j < k; j++) result = result.mul(this);
    return result;
  }

  /** Complex conjugate of the coefficients (the variables are real parameters). */
  conj(): Polynomial {
    return new Polynomial(this.terms.map((t) => ({ ...t, coef: t.coef.conj() })));
  }

  mapCoefficients(f: (c: Surd) => Surd): Polynomial {
    const acc = new Map<string, { mono: Monomial; coef: Surd }>();
    for (const t of this.terms) acc.set(t.key, { mono: t.mono, coef: f(t.coef) });
    return Polynomial.fromMap(acc);
  }

  /** Leading term in lex order. */
  leading(): PolyTerm {
    if (this.isZero()) throw new RangeError('leading term of zero');
    return this.terms[0];
  }

  /** Divides by the leading coefficient so the lex-leading coefficient is 1 (a canonical associate). */
  monic(): Polynomial {
    if (this.isZero()) return this;
    const lc = this.terms[0].coef;
    return lc.isOne() ? this : this.scale(lc.inv());
  }

  degreeIn(v: string): number {
    let d = 0;
    for (const t of this.terms) for (const [w, e] of t.mono) if (w === v && e > d) d = e;
    return d;
  }

  /** Coefficients as a polynomial in v: result[k] multiplies v^k. */
  coefficientsIn(v: string): Polynomial[] {
    const d = this.degreeIn(v);
    const accs = Array.from({ length: d + 1 }, () => new Map<string, { mono: Monomial; coef: Surd }>());
    for (const t of this.terms) {
      const e = t.mono.find(([w]) => w === v)?.[1] ?? 0;
      const mono = t.mono.filter(([w]) => w !== v);
      accs[e].set(monoKey(mono), { mono, coef: t.coef });
    }
    return accs.map((a) => Polynomial.fromMap(a));
  }

  static fromCoefficientsIn(v: string, coeffs: Polynomial[]): Polynomial {
    let out = Polynomial.ZERO;
    const x = Polynomial.variable(v);
    for (let k = coeffs.length - 1; k >= 0; k--) out = out.mul(x).add(coeffs[k]);
    return out;
  }

  /** Exact quotient this / d, or null when d does not divide this. */
  divExact(d: Polynomial): Polynomial | null {
    if (d.isZero()) throw new RangeError('polynomial division by zero');
    if (d.isConstant()) return this.scale(d.constantValue().inv());
    let rest: Polynomial = this;
    let quotient: Polynomial = Polynomial.ZERO;
    const lead = d.leading();
    const leadInv = lead.coef.inv();
    while (!rest.isZero()) {
      const lt = rest.leading();
      const m = monoDiv(lt.mono, lead.mono);
      if (m === null) return null;
      const q = new Polynomial([{ mono: m, key: monoKey(m), coef: lt.coef.mul(leadInv) }]);
      quotient = quotient.add(q);
      rest = rest.sub(q.mul(d));
    }
    return quotient;
  }

  /** Value at real parameter values, as a complex double. */
  evaluate(params: Readonly<Record<string, number>>): [number, number] {
    let re = 0;
    let im = 0;
    for (const t of this.terms) {
      let m = 1;
      for (const [v, e] of t.mono) {
        const x = params[v];
        if (x === undefined) throw new RangeError(`no value for parameter ${v}`);
        m *= x ** e;
      }
      const [cr, ci] = t.coef.toComplex();
      re += cr * m;
      im += ci * m;
    }
    return [re, im];
  }

  /** Substitutes exact values for some variables. */
  substitute(values: ReadonlyMap<string, Polynomial>): Polynomial {
    let out = Polynomial.ZERO;
    for (const t of this.terms) {
      let term = Polynomial.constant(t.coef);
      for (const [v, e] of t.mono) {
        const val = values.get(v);
        const base = val ?? Polynomial.variable(v);
        term = term.mul(base.pow(e));
      }
      out = out.add(term);
    }
    return out;
  }

  monomials(): readonly PolyTerm[] {
    return this.terms;
  }

  static monomialKey(m: Monomial): string {
    return monoKey(m);
  }
}

/**
 * Greatest common divisor in K[x₁,…,x_k], monic in lex order. Recursive: view both as polynomials in
 * the first variable with coefficients in K[rest]; gcd = gcd(contents) · primitive part of the last
 * nonzero remainder of the primitive pseudo-remainder sequence (Knuth, TAOCP vol. 2, §4.6.1).
 */
export function polynomialGcd(a: Polynomial, b: Polynomial): Polynomial {
  if (a.isZero()) return b.monic();
  if (b.isZero()) return a.monic();
  if (a.isConstant() || b.isConstant()) return Polynomial.ONE;
  const vars = [...new Set([...a.variables(), ...b.variables()])].sort();
  const x = vars[0];
  if (a.degreeIn(x) === 0) return polynomialGcd(a, contentIn(b, x));
  if (b.degreeIn(x) === 0) return polynomialGcd(contentIn(a, x), b);
  const ca = contentIn(a, x);
  const cb = contentIn(b, x);
  let p = exactOrThrow(a, ca);
  let q = exactOrThrow(b, cb);
  if (p.degreeIn(x) < q.degreeIn(x)) [p, q] = [q, p];
  while (!q.isZero() && q.degreeIn(x) > 0) {
    const r = pseudoRemainder(p, q, x);
    p = q;
    q = r.isZero() ? r : exactOrThrow(r, contentIn(r, x));
  }
  const g = q.isZero() ? p : Polynomial.ONE;
  return polynomialGcd(ca, cb).mul(g).monic();
}

function exactOrThrow(a: Polynomial, d: Polynomial): Polynomial {
  const q = a.divExact(d);
  if (q === null) throw new Error('internal: inexact division in gcd');
  return q;
}

/** gcd of the coefficients of a as a polynomial in x (an element of K[other variables]). */
function contentIn(a: Polynomial, x: string): Polynomial {
  let g = Polynomial.ZERO;
  for (const c of a.coefficientsIn(x)) {
    if (c.isZero()) continue;
    g = polynomialGcd(g, c);
    if (g.isConstant()) return Polynomial.ONE;
  }
  return g;
}

/** prem(p, q) in x: lc(q)^(deg p − deg q + 1)·p mod q, exact in K[rest][x]. */
function pseudoRemainder(p: Polynomial, q: Polynomial, x: string): Polynomial {
  const dq = q.degreeIn(x);
  const qc = q.coefficientsIn(x);
  const lcq = qc[dq];
  let r = p;
  const xPoly = Polynomial.variable(x);
  let steps = p.degreeIn(x) - dq + 1;
  while (!r.isZero() && r.degreeIn(x) >= dq) {
    const dr = r.degreeIn(x);
    const lcr = r.coefficientsIn(x)[dr];
    const shift = xPoly.pow(dr - dq);
    r = r.mul(lcq).sub(lcr.mul(shift).mul(q));
    steps--;
  }
  return steps > 0 ? r.mul(lcq.pow(steps)) : r;
}
