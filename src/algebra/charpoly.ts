import { DimensionMismatch } from '../core/errors.ts';
import { ExactMatrix } from './matrix.ts';
import { Polynomial, polynomialGcd } from './polynomial.ts';
import { Rational, isqrt } from './rational.ts';
import { Scalar } from './scalar.ts';
import { Surd } from './surd.ts';
import { seededRandom } from '../core/random.ts';

/**
 * Characteristic polynomials and exact roots.
 *
 * `characteristicPolynomial` uses Berkowitz's division-free algorithm, so it is exact for symbolic
 * entries too. `exactRoots` splits a polynomial into square-free parts (Yun), then finds the roots it
 * can *prove*: numeric roots (Aberth–Ehrlich in doubles) only suggest candidates — Gaussian rationals,
 * a + b√m for radicands m already in the coefficients, affine functions of the parameters, and
 * quadratic factors λ² − sλ + p with recognisable s, p — and a candidate counts only after exact
 * verification (p(r) = 0 in K(p…), or exact division leaving remainder 0). Whatever is left is reported
 * as numeric, with a certified inclusion radius.
 */

/**
 * Univariate polynomials Σ c_k λ^k with `Scalar` coefficients, ascending, no trailing zero
 * coefficient (the zero polynomial has none). Coefficients live in the field K(p…), so division with
 * remainder and Euclid's gcd are exact.
 * @example UniPoly.fromCoefficients([-1, 0, 1]).divmod(UniPoly.fromCoefficients([-1, 1])).quotient.toString() // => "1 + λ"
 */
export class UniPoly {
  readonly coefficients: readonly Scalar[];

  private constructor(coefficients: readonly Scalar[]) {
    this.coefficients = coefficients;
  }

  static fromCoefficients(c: readonly (Scalar | number)[]): UniPoly {
    const s = c.map((x) => (typeof x === 'number' ? Scalar.int(x) : x));
    let n = s.length;
    while (n > 0 && s[n - 1].isZero()) n--;
    return new UniPoly(s.slice(0, n));
  }

  static readonly ZERO = new UniPoly([]);
  static readonly ONE = new UniPoly([Scalar.ONE]);
  /** The polynomial λ. */
  static readonly X = new UniPoly([Scalar.ZERO, Scalar.ONE]);

  static constant(c: Scalar): UniPoly {
    return UniPoly.fromCoefficients([c]);
  }

  /** (λ − r). */
  static linear(r: Scalar): UniPoly {
    return new UniPoly([r.neg(), Scalar.ONE]);
  }

  /** Degree; −1 for the zero polynomial. */
  degree(): number {
    return this.coefficients.length - 1;
  }

  isZero(): boolean {
    return this.coefficients.length === 0;
  }

  coefficient(k: number): Scalar {
    return this.coefficients[k] ?? Scalar.ZERO;
  }

  leading(): Scalar {
    if (this.isZero()) throw new RangeError('leading coefficient of the zero polynomial');
    return this.coefficients[this.coefficients.length - 1];
  }

  /** True when no coefficient depends on a parameter. */
  isConstantCoefficient(): boolean {
    return this.coefficients.every((c) => c.isConstant());
  }

  freeParams(): string[] {
    const s = new Set<string>();
    for (const c of this.coefficients) for (const p of c.freeParams()) s.add(p);
    return [...s].sort();
  }

  equals(o: UniPoly): boolean {
    return this.coefficients.length === o.coefficients.length && this.coefficients.every((c, k) => c.equals(o.coefficients[k]));
  }

  add(o: UniPoly): UniPoly {
    const n = Math.max(this.coefficients.length, o.coefficients.length);
    const out: Scalar[] = [];
    for (let k = 0; k < n; k++) out.push(this.coefficient(k).add(o.coefficient(k)));
    return UniPoly.fromCoefficients(out);
  }

  neg(): UniPoly {
    return new UniPoly(this.coefficients.map((c) => c.neg()));
  }

  sub(o: UniPoly): UniPoly {
    return this.add(o.neg());
  }

  scale(c: Scalar): UniPoly {
    return UniPoly.fromCoefficients(this.coefficients.map((x) => x.mul(c)));
  }

  mul(o: UniPoly): UniPoly {
    if (this.isZero() || o.isZero()) return UniPoly.ZERO;
    const out = new Array<Scalar>(this.coefficients.length + o.coefficients.length - 1).fill(Scalar.ZERO);
    this.coefficients.forEach((a, i) => {
      if (a.isZero()) return;
      o.coefficients.forEach((b, j) => {
        if (!b.isZero()) out[i + j] = out[i + j].add(a.mul(b));
      });
    });
    return UniPoly.fromCoefficients(out);
  }

  pow(k: number): UniPoly {
    let r: UniPoly = UniPoly.ONE;
    for (let j = 0; j < k; j++) r = r.mul(this);
    return r;
  }

  /**
   * Division with remainder: this = quotient·d + remainder, deg remainder < deg d.
   * @example UniPoly.fromCoefficients([1, 0, 1]).divmod(UniPoly.fromCoefficients([0, 1])).remainder.toString() // => "1"
   */
  divmod(d: UniPoly): { quotient: UniPoly; remainder: UniPoly } {
    if (d.isZero()) throw new RangeError('polynomial division by zero');
    const r = [...this.coefficients];
    const dd = d.degree();
    if (r.length - 1 < dd) return { quotient: UniPoly.ZERO, remainder: this };
    const q = new Array<Scalar>(r.length - dd).fill(Scalar.ZERO);
    const lcInv = d.leading().inv();
    for (let k = r.length - 1; k >= dd; k--) {
      const c = r[k];
      if (c.isZero()) continue;
      const f = c.mul(lcInv);
      q[k - dd] = f;
      for (let j = 0; j <= dd; j++) {
        const dj = d.coefficients[j];
        if (!dj.isZero()) r[k - dd + j] = r[k - dd + j].sub(f.mul(dj));
      }
      r[k] = Scalar.ZERO;
    }
    return { quotient: UniPoly.fromCoefficients(q), remainder: UniPoly.fromCoefficients(r.slice(0, dd)) };
  }

  /** Exact quotient, or null when d does not divide this. */
  divExact(d: UniPoly): UniPoly | null {
    const { quotient, remainder } = this.divmod(d);
    return remainder.isZero() ? quotient : null;
  }

  /** Value at an exact point (Horner). */
  evaluate(x: Scalar): Scalar {
    let acc = Scalar.ZERO;
    for (let k = this.coefficients.length - 1; k >= 0; k--) acc = acc.mul(x).add(this.coefficients[k]);
    return acc;
  }

  /** Value at a complex double, parameters given as doubles. */
  evaluateComplex(z: Complex, params: Readonly<Record<string, number>> = {}): Complex {
    return hornerC(this.toComplexCoefficients(params), z);
  }

  toComplexCoefficients(params: Readonly<Record<string, number>> = {}): Complex[] {
    return this.coefficients.map((c) => c.toComplex(params));
  }

  derivative(): UniPoly {
    return UniPoly.fromCoefficients(this.coefficients.slice(1).map((c, k) => c.mul(Scalar.int(k + 1))));
  }

  /** Divides by the leading coefficient. */
  monic(): UniPoly {
    if (this.isZero()) return this;
    const lc = this.leading();
    return lc.isOne() ? this : this.scale(lc.inv());
  }

  /**
   * Monic greatest common divisor (Euclid over the coefficient field).
   * @example UniPoly.fromCoefficients([-1, 0, 1]).gcd(UniPoly.fromCoefficients([1, 1])).toString() // => "1 + λ"
   */
  gcd(o: UniPoly): UniPoly {
    let a: UniPoly = this;
    let b: UniPoly = o;
    while (!b.isZero()) {
      const r = a.divmod(b).remainder;
      a = b;
      b = r;
    }
    return a.monic();
  }

  /**
   * LaTeX, highest power first.
   * @example UniPoly.fromCoefficients([2, -3, 1]).toLatex() // => "\\lambda^{2} - 3 \\lambda + 2"
   */
  toLatex(variable = '\\lambda'): string {
    if (this.isZero()) return '0';
    let out = '';
    for (let k = this.coefficients.length - 1; k >= 0; k--) {
      let c = this.coefficients[k];
      if (c.isZero()) continue;
      const power = k === 0 ? '' : k === 1 ? variable : `${variable}^{${k}}`;
      let negative = false;
      let body: string;
      if (c.needsParentheses() && k > 0) {
        body = `\\left(${c.toLatex()}\\right) ${power}`;
      } else if (k === 0 && (c.needsParentheses() || !c.isConstant())) {
        // A sum as the last term: its own leading sign is the sign of its first term only.
        const t = c.toLatex();
        negative = t.startsWith('-');
        body = negative ? t.slice(1) : t;
      } else {
        if (c.isNegativeLooking()) {
          negative = true;
          c = c.neg();
        }
        body = k === 0 ? c.toLatex() : c.isOne() ? power : `${c.toLatex()} ${power}`;
      }
      if (out === '') out = negative ? `-${body}` : body;
      else out += negative ? ` - ${body}` : ` + ${body}`;
    }
    return out;
  }

  /** Plain text, ascending: "1 + λ". */
  toString(): string {
    if (this.isZero()) return '0';
    const parts: string[] = [];
    this.coefficients.forEach((c, k) => {
      if (c.isZero()) return;
      const power = k === 0 ? '' : k === 1 ? 'λ' : `λ^${k}`;
      const cs = c.needsParentheses() || !c.isConstant() ? `(${c.toString()})` : c.toString();
      parts.push(k === 0 ? cs : c.isOne() ? power : `${cs}*${power}`);
    });
    return parts.join(' + ');
  }
}

/**
 * det(λI − A) by Berkowitz's algorithm: division-free, O(n⁴) ring operations, exact for symbolic
 * entries. Working from the bottom-right corner, the vector of coefficients of the trailing block
 * M = [[a, R], [C, A']] is T·(vector of A'), where T is the lower-triangular Toeplitz matrix with first
 * column (1, −a, −RC, −RA'C, −RA'²C, …).
 * @example characteristicPolynomial(ExactMatrix.fromRows([[2, 1], [1, 2]])).toString() // => "3 + -4*λ + λ^2"
 */
export function characteristicPolynomial(m: ExactMatrix): UniPoly {
  if (!m.isSquare()) throw new DimensionMismatch('a square matrix', `${m.rows}×${m.cols}`);
  const n = m.rows;
  if (n === 0) return UniPoly.ONE;
  // vecDesc: coefficients of the trailing block's characteristic polynomial, highest power first.
  let vecDesc: Scalar[] = [Scalar.ONE, m.get(n - 1, n - 1).neg()];
  for (let k = n - 2; k >= 0; k--) {
    const size = n - k; // size of the block M = m[k:, k:]
    const a = m.get(k, k);
    const sub = size - 1;
    // R A'^i C for i = 0..size−2, computed as R·(A'^i C) with a running vector.
    let v: Scalar[] = [];
    for (let i = 0; i < sub; i++) v.push(m.get(k + 1 + i, k));
    const diags: Scalar[] = [Scalar.ONE, a.neg()];
    for (let i = 0; i < sub; i++) {
      let dot = Scalar.ZERO;
      for (let j = 0; j < sub; j++) {
        const r = m.get(k, k + 1 + j);
        if (!r.isZero() && !v[j].isZero()) dot = dot.add(r.mul(v[j]));
      }
      diags.push(dot.neg());
      if (i < sub - 1) {
        const nv: Scalar[] = new Array(sub);
        for (let r = 0; r < sub; r++) {
          let acc = Scalar.ZERO;
          for (let j = 0; j < sub; j++) {
            const x = m.get(k + 1 + r, k + 1 + j);
            if (!x.isZero() && !v[j].isZero()) acc = acc.add(x.mul(v[j]));
          }
          nv[r] = acc;
        }
        v = nv;
      }
    }
    const next: Scalar[] = [];
    for (let i = 0; i <= size; i++) {
      let acc = Scalar.ZERO;
      for (let j = 0; j <= Math.min(i, size - 1); j++) {
        const t = diags[i - j];
        if (!t.isZero() && !vecDesc[j].isZero()) acc = acc.add(t.mul(vecDesc[j]));
      }
      next.push(acc);
    }
    vecDesc = next;
  }
  return UniPoly.fromCoefficients([...vecDesc].reverse());
}

// ---------------------------------------------------------------------------------------------
// Roots

export type Complex = [number, number];

export interface RootInfo {
  /** The root as an exact scalar, when it has been verified to lie in the field; else null. */
  exact: Scalar | null;
  latex: string;
  /** Double approximation [re, im] (at `SpectrumResult.params` for symbolic polynomials). */
  numeric: Complex;
  multiplicity: number;
  /**
   * 'exact-in-field': a verified root in K(p…); 'quadratic-surd': a root of a verified quadratic
   * factor written (s ± √Δ)/2 (exact set when √Δ is in the field); 'numeric': an approximation.
   */
  kind: 'exact-in-field' | 'quadratic-surd' | 'numeric';
  /**
   * For 'numeric' roots of constant polynomials: a certified radius ρ such that the closed disc of
   * radius ρ around `numeric` contains a root of this root's factor (ρ = deg·|f(z)|/|f'(z)| with both
   * magnitudes rigorously bounded, see `exactRoots`). Discs of different roots are not proven disjoint
   * here (though square-freeness, when proven numerically, used exactly that disjointness).
   */
  radius?: number;
}

export interface SpectrumResult {
  /** The factors found, each with its multiplicity in the input (their product is p up to a constant). */
  factors: { poly: UniPoly; multiplicity: number }[];
  roots: RootInfo[];
  /** True when every root is exact or a verified quadratic's root (no 'numeric' root). */
  complete: boolean;
  /** The parameter values at which the numeric parts of a symbolic polynomial were computed. */
  params?: Record<string, number>;
}

export interface ExactRootsOptions {
  /** Parameter values for the numeric roots of a symbolic polynomial (default: a fixed sample point). */
  params?: Record<string, number>;
  /** Largest denominator tried when recognising rationals (default 10 000). */
  maxDenominator?: number;
}

/**
 * Square-free decomposition by Yun's algorithm: p = c·Π f_i^i with f_i square-free, pairwise coprime.
 * @example squareFreeFactorization(UniPoly.fromCoefficients([1, 2, 1])).map((f) => f.multiplicity) // => [2]
 */
export function squareFreeFactorization(p: UniPoly): { poly: UniPoly; multiplicity: number }[] {
  if (p.degree() < 1) return [];
  if (!p.isConstantCoefficient()) return squareFreeSymbolic(p);
  // Euclid's gcd(p, p') over K suffers coefficient swell once surds enter the coefficients (docs/
  // BENCHMARKS.md § Kernel design measurements), so first try to prove p square-free
  // numerically-but-rigorously.
  if (p.degree() === 1 || provablySquareFree(p)) return [{ poly: p.monic(), multiplicity: 1 }];
  const out: { poly: UniPoly; multiplicity: number }[] = [];
  const dp = p.derivative();
  const a0 = p.gcd(dp);
  let b = p.divmod(a0).quotient;
  let c = dp.divmod(a0).quotient;
  let d = c.sub(b.derivative());
  for (let i = 1; b.degree() > 0; i++) {
    const a = b.gcd(d);
    b = b.divmod(a).quotient;
    c = d.divmod(a).quotient;
    d = c.sub(b.derivative());
    if (a.degree() > 0) out.push({ poly: a.monic(), multiplicity: i });
  }
  return out;
}

/** The main variable used when a symbolic UniPoly is viewed as a multivariate polynomial. */
const LAMBDA = '~lambda';

/** p·D as a polynomial in K[params, λ], D a common denominator of the coefficients. */
function toMultivariate(p: UniPoly): Polynomial {
  let den = Polynomial.ONE;
  for (const c of p.coefficients) {
    const d = c.denominator();
    if (d.isConstant()) continue;
    const g = polynomialGcd(den, d);
    den = den.mul(d.divExact(g) ?? d);
  }
  const coeffs = p.coefficients.map((c) => {
    const n = c.numerator();
    const d = c.denominator();
    return d.isConstant() ? n.mul(den).scale(d.constantValue().inv()) : n.mul(den.divExact(d) as Polynomial);
  });
  return Polynomial.fromCoefficientsIn(LAMBDA, coeffs);
}

function fromMultivariate(p: Polynomial): UniPoly {
  return UniPoly.fromCoefficients(p.coefficientsIn(LAMBDA).map((c) => Scalar.fromParts(c, Polynomial.ONE))).monic();
}

function dLambda(p: Polynomial): Polynomial {
  const c = p.coefficientsIn(LAMBDA);
  return Polynomial.fromCoefficientsIn(LAMBDA, c.slice(1).map((x, k) => x.scale(Surd.int(k + 1))));
}

/**
 * True when p (constant coefficients, degree n) provably has n distinct roots: around each of the n
 * numeric roots z_i the disc of radius r_i = n·|p(z_i)|/|p'(z_i)| (certified, see `certifiedRadius`)
 * contains a root, and if the n discs are pairwise disjoint they hold n different roots. False means
 * "not proven" (clustered or multiple roots), never "has a multiple root".
 */
function provablySquareFree(p: UniPoly): boolean {
  const zs = numericRoots(p.toComplexCoefficients());
  if (zs.length !== p.degree()) return false;
  const radii = zs.map((z) => certifiedRadius(p, z));
  if (!radii.every((r) => Number.isFinite(r))) return false;
  for (let a = 0; a < zs.length; a++) {
    for (let b = a + 1; b < zs.length; b++) {
      // distance rounded down (hypot is faithful to about 1 ulp; the margin covers it)
      const dist = Math.hypot(zs[a][0] - zs[b][0], zs[a][1] - zs[b][1]) * (1 - 1e-12);
      if (!(dist > radii[a] + radii[b])) return false;
    }
  }
  return true;
}

/**
 * Yun's algorithm for symbolic coefficients. Euclid over K(p…) makes every step a rational-function
 * gcd, so first a cheap exact test: if the specialisation at a rational point keeps its degree and is
 * square-free, so is p (a repeated factor would specialise to a repeated factor). Otherwise Yun runs on
 * p as a polynomial in K[p…, λ] with the multivariate gcd.
 */
function squareFreeSymbolic(p: UniPoly): { poly: UniPoly; multiplicity: number }[] {
  const names = p.freeParams();
  const point = new Map(names.map((name, k) => [name, Scalar.rational(7 + 3 * k, 11 + 2 * k)] as const));
  const special = UniPoly.fromCoefficients(p.coefficients.map((c) => c.substitute(point)));
  if (special.degree() === p.degree() && special.gcd(special.derivative()).degree() === 0) {
    return [{ poly: p.monic(), multiplicity: 1 }];
  }
  const out: { poly: UniPoly; multiplicity: number }[] = [];
  const f = toMultivariate(p);
  const df = dLambda(f);
  const a0 = polynomialGcd(f, df);
  let b = f.divExact(a0) as Polynomial;
  let c = df.divExact(a0) as Polynomial;
  let d = c.sub(dLambda(b));
  for (let i = 1; b.degreeIn(LAMBDA) > 0; i++) {
    const a = polynomialGcd(b, d);
    b = b.divExact(a) as Polynomial;
    c = d.divExact(a) as Polynomial;
    d = c.sub(dLambda(b));
    if (a.degreeIn(LAMBDA) > 0) out.push({ poly: fromMultivariate(a), multiplicity: i });
  }
  return out;
}

/**
 * Roots of p with as much exactness as can be proven (see the module comment). Numeric roots of the
 * leftover factors carry a certified radius: for a square-free f of degree d and any z, some root of f
 * lies within d·|f(z)|/|f'(z)| of z (since f'/f(z) = Σ 1/(z − ζ_i)); f(z) and f'(z) are enclosed by
 * complex interval arithmetic at 256-bit fixed point with outward rounding (the double z is an exact
 * dyadic point), so the radius is a rigorous bound, not an estimate.
 * @example exactRoots(UniPoly.fromCoefficients([2, -3, 1])).roots.map((r) => r.latex) // => ["2", "1"]
 */
export function exactRoots(p: UniPoly, options: ExactRootsOptions = {}): SpectrumResult {
  const maxDen = options.maxDenominator ?? 10_000;
  const symbolic = !p.isConstantCoefficient();
  const params = symbolic ? { ...defaultSample(p.freeParams()), ...(options.params ?? {}) } : undefined;
  const factors: { poly: UniPoly; multiplicity: number }[] = [];
  const roots: RootInfo[] = [];
  let parts: { poly: UniPoly; multiplicity: number }[];
  if (symbolic) {
    parts = squareFreeFactorization(p);
  } else {
    // Recognisable roots first, divided out as often as they divide (their multiplicity), so the
    // expensive gcd-based square-free split only ever sees what is left.
    const pre = extractRationalRoots(p.monic(), maxDen);
    for (const { root, multiplicity } of pre.roots) {
      factors.push({ poly: UniPoly.linear(root), multiplicity });
      roots.push({ ...exactRoot(root), multiplicity });
    }
    parts = squareFreeFactorization(pre.rest);
  }
  for (const { poly, multiplicity } of parts) {
    const found = symbolic ? splitSymbolic(poly, params ?? {}) : splitConstant(poly, maxDen);
    for (const f of found.factors) factors.push({ poly: f, multiplicity });
    for (const r of found.roots) roots.push({ ...r, multiplicity });
  }
  roots.sort((x, y) => y.numeric[0] - x.numeric[0] || y.numeric[1] - x.numeric[1]);
  const result: SpectrumResult = { factors, roots, complete: roots.every((r) => r.kind !== 'numeric') };
  if (params) result.params = params;
  return result;
}

interface Split {
  factors: UniPoly[];
  roots: Omit<RootInfo, 'multiplicity'>[];
}

function exactRoot(r: Scalar, params?: Record<string, number>): Omit<RootInfo, 'multiplicity'> {
  return { exact: r, latex: r.toLatex(), numeric: r.toComplex(params ?? {}), kind: 'exact-in-field' };
}

/**
 * Roots in K suggested by the numeric roots of p — each approximation and the mean of each cluster
 * (a root of multiplicity m is approximated only to about ε^(1/m), but the m approximations surround
 * it symmetrically) — verified exactly, then divided out as many times as they divide.
 */
function extractRationalRoots(p: UniPoly, maxDen: number): { roots: { root: Scalar; multiplicity: number }[]; rest: UniPoly } {
  let rest = p;
  const found: { root: Scalar; multiplicity: number }[] = [];
  if (rest.degree() < 1) return { roots: found, rest };
  const radicands = radicandsOf(rest);
  const zs = numericRoots(rest.toComplexCoefficients());
  const candidates: Complex[] = [...clusterMeans(zs), ...zs];
  for (const z of candidates) {
    if (rest.degree() < 1) break;
    for (const cand of recogniseComplex(z, radicands, maxDen)) {
      const r = Scalar.fromSurd(cand);
      if (found.some((e) => e.root.equals(r))) break;
      let multiplicity = 0;
      for (;;) {
        const q = rest.divExact(UniPoly.linear(r));
        if (q === null) break;
        rest = q;
        multiplicity++;
      }
      if (multiplicity > 0) {
        found.push({ root: r, multiplicity });
        break;
      }
    }
  }
  return { roots: found, rest };
}

/** Means of groups of at least two approximations lying within 1e-4·max(1, |z|) of each other. */
function clusterMeans(zs: readonly Complex[]): Complex[] {
  const used = new Array<boolean>(zs.length).fill(false);
  const out: Complex[] = [];
  for (let a = 0; a < zs.length; a++) {
    if (used[a]) continue;
    const group = [a];
    const tol = 1e-4 * Math.max(1, Math.hypot(zs[a][0], zs[a][1]));
    for (let b = a + 1; b < zs.length; b++) {
      if (!used[b] && Math.hypot(zs[a][0] - zs[b][0], zs[a][1] - zs[b][1]) <= tol) group.push(b);
    }
    if (group.length < 2) continue;
    for (const k of group) used[k] = true;
    let sum: Complex = [0, 0];
    for (const k of group) sum = cadd(sum, zs[k]);
    out.push(cscale(sum, 1 / group.length));
  }
  return out;
}

/** Constant coefficients: candidates from numeric roots, each verified exactly. */
function splitConstant(f: UniPoly, maxDen: number): Split {
  const out: Split = { factors: [], roots: [] };
  let rest = f.monic();
  const radicands = radicandsOf(rest);
  const exact: Scalar[] = [];
  if (rest.degree() >= 2) {
    for (const z of numericRoots(rest.toComplexCoefficients())) {
      for (const cand of recogniseComplex(z, radicands, maxDen)) {
        const r = Scalar.fromSurd(cand);
        if (exact.some((e) => e.equals(r))) break;
        if (rest.evaluate(r).isZero()) {
          exact.push(r);
          rest = rest.divmod(UniPoly.linear(r)).quotient;
          break;
        }
      }
      if (rest.degree() < 2) break;
    }
  }
  for (const r of exact) {
    out.factors.push(UniPoly.linear(r));
    out.roots.push(exactRoot(r));
  }
  // Pair the remaining numeric roots into quadratics λ² − sλ + p with recognisable s and p.
  if (rest.degree() >= 3) {
    let zs = numericRoots(rest.toComplexCoefficients());
    let changed = true;
    while (changed && rest.degree() >= 3) {
      changed = false;
      search: for (let i = 0; i < zs.length; i++) {
        for (let j = i + 1; j < zs.length; j++) {
          const s = recogniseComplex(cadd(zs[i], zs[j]), radicands, maxDen)[0];
          const pr = recogniseComplex(cmul(zs[i], zs[j]), radicands, maxDen)[0];
          if (s === undefined || pr === undefined) continue;
          const quad = UniPoly.fromCoefficients([Scalar.fromSurd(pr), Scalar.fromSurd(s).neg(), Scalar.ONE]);
          const q = rest.divExact(quad);
          if (q === null) continue;
          out.factors.push(quad);
          out.roots.push(...quadraticRoots(quad));
          rest = q;
          zs = zs.filter((_, k) => k !== i && k !== j);
          changed = true;
          break search;
        }
      }
    }
  }
  if (rest.degree() === 1) {
    const r = rest.coefficient(0).neg().div(rest.coefficient(1));
    out.factors.push(rest);
    out.roots.push(exactRoot(r));
  } else if (rest.degree() === 2) {
    out.factors.push(rest);
    out.roots.push(...quadraticRoots(rest));
  } else if (rest.degree() >= 3) {
    out.factors.push(rest);
    for (const z of numericRoots(rest.toComplexCoefficients())) {
      out.roots.push({ exact: null, latex: complexLatex(z), numeric: z, kind: 'numeric', radius: certifiedRadius(rest, z) });
    }
  }
  return out;
}

/**
 * Roots of a monic-able quadratic a λ² + b λ + c as (s ± √Δ)/2 with s = −b/a, Δ = s² − 4c/a. When √Δ
 * lies in the field (Δ rational, or a Gaussian rational whose norm is a rational square), the roots are
 * exact scalars; otherwise they are written with \sqrt{Δ}. Symbolic coefficients give symbolic LaTeX.
 * @example quadraticRoots(UniPoly.fromCoefficients([-1, -1, 1])).map((r) => r.latex) // => ["\\frac{1}{2} + \\frac{\\sqrt{5}}{2}", "\\frac{1}{2} - \\frac{\\sqrt{5}}{2}"]
 */
export function quadraticRoots(q: UniPoly, params: Record<string, number> = {}): Omit<RootInfo, 'multiplicity'>[] {
  if (q.degree() !== 2) throw new RangeError('quadraticRoots needs a polynomial of degree 2');
  const m = q.monic();
  const s = m.coefficient(1).neg();
  const disc = s.mul(s).sub(m.coefficient(0).mul(Scalar.int(4)));
  const half = Scalar.rational(1, 2);
  const root = disc.isConstant() ? sqrtInField(disc.constantValue()) : null;
  if (root !== null) {
    const r = Scalar.fromSurd(root);
    return [s.add(r).mul(half), s.sub(r).mul(half)].map((x) => ({
      exact: x,
      latex: x.toLatex(),
      numeric: x.toComplex(params),
      kind: 'quadratic-surd' as const,
    }));
  }
  const sc = s.toComplex(params);
  const dc = csqrt(disc.toComplex(params));
  const sLatex = s.isZero() ? '' : s.toLatex();
  const dLatex = `\\sqrt{${disc.toLatex()}}`;
  return ([1, -1] as const).map((sign) => ({
    exact: null,
    latex: sLatex === '' ? `${sign < 0 ? '-' : ''}\\frac{${dLatex}}{2}` : `\\frac{${sLatex} ${sign < 0 ? '-' : '+'} ${dLatex}}{2}`,
    numeric: [(sc[0] + sign * dc[0]) / 2, (sc[1] + sign * dc[1]) / 2] as Complex,
    kind: 'quadratic-surd' as const,
  }));
}

/**
 * √d inside K when it can be written there: d rational (→ √|d| or i√|d|), or d = a + ib Gaussian
 * rational with a² + b² = r² a rational square, where √d = √((r + a)/2) + i·sgn(b)·√((r − a)/2).
 * Returns null otherwise (the root would need a new field extension).
 * @example sqrtInField(Surd.gaussian(Rational.ZERO, Rational.of(2)))?.toString() // => "1 + i"
 */
export function sqrtInField(d: Surd): Surd | null {
  if (d.isRational()) return Surd.sqrtRational(d.toRational());
  if (!d.isGaussianRational()) return null;
  const a = d.re().toRational();
  const b = d.im().toRational();
  const norm = a.mul(a).add(b.mul(b));
  const r = Surd.sqrtRational(norm);
  if (!r.isRational()) return null;
  const rr = r.toRational();
  const two = Rational.of(2);
  const x = Surd.sqrtRational(rr.add(a).div(two));
  const y = Surd.sqrtRational(rr.sub(a).div(two));
  const root = x.add(y.mul(Surd.I).scaleRational(Rational.of(b.sign())));
  return root.mul(root).equals(d) ? root : null;
}

/** Symbolic coefficients: extract roots affine in the parameters, verified exactly. */
function splitSymbolic(f: UniPoly, params: Record<string, number>): Split {
  const out: Split = { factors: [], roots: [] };
  let rest = f.monic();
  const names = rest.freeParams();
  const base = defaultSample(names);
  const found: Scalar[] = [];
  if (rest.degree() >= 2) {
    const r0 = numericRoots(rest.toComplexCoefficients(base));
    const shifted = names.map((name) => numericRoots(rest.toComplexCoefficients({ ...base, [name]: base[name] + 1 })));
    const probe: Record<string, number> = {};
    names.forEach((name, k) => (probe[name] = 1.9 + 0.71 * k));
    const probeCoefs = rest.toComplexCoefficients(probe);
    const scaleAt = (z: Complex): number => probeCoefs.reduce((s, c, k) => s + Math.hypot(c[0], c[1]) * Math.hypot(z[0], z[1]) ** k, 0);
    for (const z0 of r0) {
      // Candidate slope along each parameter: the difference to some root at the shifted point.
      const slopes = shifted.map((roots) => {
        const cands: Surd[] = [];
        for (const z of roots) {
          const c = recogniseComplex(csub(z, z0), [], 12)[0];
          if (c !== undefined && !cands.some((x) => x.equals(c))) cands.push(c);
        }
        return cands;
      });
      let combos: Surd[][] = [[]];
      for (const s of slopes) combos = combos.flatMap((c) => s.map((x) => [...c, x])).slice(0, 4096);
      for (const combo of combos) {
        let c0: Complex = z0;
        combo.forEach((c, k) => (c0 = csub(c0, cscale(c.toComplex(), base[names[k]]))));
        const k0 = recogniseComplex(c0, [], 144)[0];
        if (k0 === undefined) continue;
        let cand = Scalar.fromSurd(k0);
        combo.forEach((c, k) => (cand = cand.add(Scalar.fromSurd(c).mul(Scalar.param(names[k])))));
        const zp = cand.toComplex(probe);
        const v = hornerC(probeCoefs, zp);
        if (Math.hypot(v[0], v[1]) > 1e-7 * scaleAt(zp)) continue;
        if (found.some((x) => x.equals(cand))) continue;
        if (!rest.evaluate(cand).isZero()) continue;
        found.push(cand);
        break;
      }
    }
    for (const r of found) {
      const q = rest.divExact(UniPoly.linear(r));
      if (q === null) throw new Error('internal: verified root does not divide');
      rest = q;
    }
  }
  for (const r of found) {
    out.factors.push(UniPoly.linear(r));
    out.roots.push(exactRoot(r, params));
  }
  while (rest.degree() >= 3) {
    const quad = findSymbolicQuadratic(rest, names);
    if (quad === null) break;
    out.factors.push(quad.factor);
    out.roots.push(...quadraticRoots(quad.factor, params));
    rest = quad.rest;
  }
  if (rest.degree() === 1) {
    out.factors.push(rest);
    out.roots.push(exactRoot(rest.coefficient(0).neg().div(rest.coefficient(1)), params));
  } else if (rest.degree() === 2) {
    out.factors.push(rest);
    out.roots.push(...quadraticRoots(rest, params));
  } else if (rest.degree() >= 3) {
    out.factors.push(rest);
    for (const z of numericRoots(rest.toComplexCoefficients(params))) {
      out.roots.push({ exact: null, latex: complexLatex(z), numeric: z, kind: 'numeric' });
    }
  }
  return out;
}

/**
 * A quadratic factor λ² − s λ + p of a symbolic polynomial with s affine in the parameters and p a
 * polynomial of total degree ≤ 2 in them (the shape of a complex-conjugate pair of Liouvillian
 * eigenvalues −a(γ) ± i b with a affine). The numeric roots suggest it: s from pair sums at a base
 * point and at unit shifts of each parameter (slopes recognised as small Gaussian rationals), p by
 * interpolating the matching pair's product at as many sample points as p has monomials. Only an
 * exact division with remainder 0 makes it a factor.
 */
function findSymbolicQuadratic(f: UniPoly, names: readonly string[]): { factor: UniPoly; rest: UniPoly } | null {
  const base = defaultSample(names);
  const rootsAt = (pt: Record<string, number>): Complex[] => numericRoots(f.toComplexCoefficients(pt));
  const r0 = rootsAt(base);
  const shifted = names.map((name) => rootsAt({ ...base, [name]: base[name] + 1 }));
  // Monomials of total degree ≤ 2 and the interpolation points (seeded, generic).
  const monos: number[][] = [[]];
  names.forEach((_, a) => {
    monos.push([a]);
    for (let b = a; b < names.length; b++) monos.push([a, b]);
  });
  const rand = seededRandom(7);
  const points: Record<string, number>[] = monos.map(() => Object.fromEntries(names.map((nm) => [nm, 0.5 + 2 * rand()])));
  const pointRoots = points.map(rootsAt);
  const pairNear = (zs: Complex[], target: Complex): Complex | null => {
    let best: Complex | null = null;
    let bestErr = Infinity;
    const tol = 1e-7 * Math.max(1, Math.hypot(target[0], target[1]));
    for (let a = 0; a < zs.length; a++) {
      for (let b = a + 1; b < zs.length; b++) {
        const sum = cadd(zs[a], zs[b]);
        const err = Math.hypot(sum[0] - target[0], sum[1] - target[1]);
        if (err < bestErr) {
          bestErr = err;
          best = cmul(zs[a], zs[b]);
        }
      }
    }
    return bestErr <= tol ? best : null;
  };
  const tried: string[] = [];
  for (let a = 0; a < r0.length; a++) {
    for (let b = a + 1; b < r0.length; b++) {
      const s0 = cadd(r0[a], r0[b]);
      // slope candidates per parameter: differences of pair sums at the shifted point
      const slopes = shifted.map((zs) => {
        const cands: Surd[] = [];
        for (let c = 0; c < zs.length; c++) {
          for (let d = c + 1; d < zs.length; d++) {
            const x = recogniseComplex(csub(cadd(zs[c], zs[d]), s0), [], 12)[0];
            if (x !== undefined && !cands.some((y) => y.equals(x))) cands.push(x);
          }
        }
        return cands;
      });
      let combos: Surd[][] = [[]];
      for (const sl of slopes) combos = combos.flatMap((c) => sl.map((x) => [...c, x])).slice(0, 256);
      for (const combo of combos) {
        let c0: Complex = s0;
        combo.forEach((c, k) => (c0 = csub(c0, cscale(c.toComplex(), base[names[k]]))));
        const k0 = recogniseComplex(c0, [], 144)[0];
        if (k0 === undefined) continue;
        let sExact = Scalar.fromSurd(k0);
        combo.forEach((c, k) => (sExact = sExact.add(Scalar.fromSurd(c).mul(Scalar.param(names[k])))));
        const key = sExact.toString();
        if (tried.includes(key)) continue;
        tried.push(key);
        // products of the matching pair at the interpolation points
        const values: Complex[] = [];
        for (let t = 0; t < points.length; t++) {
          const v = pairNear(pointRoots[t], sExact.toComplex(points[t]));
          if (v === null) break;
          values.push(v);
        }
        if (values.length !== points.length) continue;
        const rows = points.map((pt) => monos.map((m) => m.reduce((acc, k) => acc * pt[names[k]], 1)));
        const coef = solveComplexSystem(rows, values);
        if (coef === null) continue;
        let pExact = Scalar.ZERO;
        let ok = true;
        monos.forEach((m, k) => {
          if (!ok) return;
          const c = recogniseComplex(coef[k], [], 144)[0];
          if (c === undefined) {
            ok = false;
            return;
          }
          pExact = pExact.add(m.reduce((acc, v) => acc.mul(Scalar.param(names[v])), Scalar.fromSurd(c)));
        });
        if (!ok) continue;
        const factor = UniPoly.fromCoefficients([pExact, sExact.neg(), Scalar.ONE]);
        const rest = f.divExact(factor);
        if (rest !== null) return { factor, rest };
      }
    }
  }
  return null;
}

/** Gaussian elimination with partial pivoting on a real matrix with complex right-hand sides. */
function solveComplexSystem(a: number[][], b: Complex[]): Complex[] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, b[i][0], b[i][1]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (Math.abs(m[piv][c]) < 1e-12) return null;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      if (f === 0) continue;
      for (let k = c; k < n + 2; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => [row[n] / row[i], row[n + 1] / row[i]] as Complex);
}


/** A fixed, generic-looking sample point for symbolic polynomials (reproducible). */
function defaultSample(names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, k) => (out[name] = 0.7317 + 0.4123 * k));
  return out;
}

function radicandsOf(p: UniPoly): bigint[] {
  const s = new Set<bigint>();
  for (const c of p.coefficients) for (const t of c.constantValue().terms) if (t.radicand !== 1n) s.add(t.radicand);
  return [...s].sort((a, b) => (a < b ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Recognition of doubles as field elements (candidates only: every use is verified exactly).

/** Best rational approximation p/q (continued fractions) within tol with q ≤ maxDen, or null. */
export function recogniseRational(x: number, maxDen: number, tol = 1e-9 * Math.max(1, Math.abs(x))): Rational | null {
  if (!Number.isFinite(x)) return null;
  if (Math.abs(x) <= tol) return Rational.ZERO;
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  let y = Math.abs(x);
  for (let iter = 0; iter < 64; iter++) {
    const a = Math.floor(y);
    if (!Number.isFinite(a) || a > 2 ** 52) return null;
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > BigInt(maxDen)) return null;
    const approx = Number(h1) / Number(k1);
    if (Math.abs(approx - Math.abs(x)) <= tol) return Rational.of(x < 0 ? -h1 : h1, k1);
    const frac = y - a;
    if (frac === 0) return null;
    y = 1 / frac;
  }
  return null;
}

/** Candidates for a real double: a rational, then (A + B√m)/D for the given radicands. */
function recogniseReal(x: number, radicands: readonly bigint[], maxDen: number): Surd[] {
  const out: Surd[] = [];
  const q = recogniseRational(x, maxDen);
  if (q !== null) out.push(Surd.rational(q));
  const tol = 1e-9 * Math.max(1, Math.abs(x));
  for (const m of radicands) {
    const sm = Math.sqrt(Number(m));
    search: for (let D = 1; D <= 48; D++) {
      const t = x * D;
      for (let absB = 1; absB <= 64; absB++) {
        for (const B of [absB, -absB]) {
          const A = Math.round(t - B * sm);
          if (Math.abs(t - A - B * sm) <= tol * D) {
            out.push(Surd.rational(Rational.of(A, D)).add(Surd.sqrtRational(Rational.of(m)).scaleRational(Rational.of(B, D))));
            break search;
          }
        }
      }
    }
  }
  return out;
}

/** Candidate field elements for a complex double (real and imaginary parts recognised separately). */
function recogniseComplex(z: Complex, radicands: readonly bigint[], maxDen: number): Surd[] {
  const scale = Math.max(1, Math.hypot(z[0], z[1]));
  const re = Math.abs(z[0]) <= 1e-9 * scale ? [Surd.ZERO] : recogniseReal(z[0], radicands, maxDen);
  const im = Math.abs(z[1]) <= 1e-9 * scale ? [Surd.ZERO] : recogniseReal(z[1], radicands, maxDen);
  const out: Surd[] = [];
  for (const a of re) for (const b of im) out.push(a.add(b.mul(Surd.I)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Complex doubles: Aberth–Ehrlich simultaneous iteration.

function cadd(a: Complex, b: Complex): Complex {
  return [a[0] + b[0], a[1] + b[1]];
}
function csub(a: Complex, b: Complex): Complex {
  return [a[0] - b[0], a[1] - b[1]];
}
function cmul(a: Complex, b: Complex): Complex {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}
function cdiv(a: Complex, b: Complex): Complex {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}
function cscale(a: Complex, s: number): Complex {
  return [a[0] * s, a[1] * s];
}
function csqrt(z: Complex): Complex {
  const r = Math.hypot(z[0], z[1]);
  const re = Math.sqrt(Math.max(0, (r + z[0]) / 2));
  const im = Math.sqrt(Math.max(0, (r - z[0]) / 2));
  return [re, z[1] < 0 ? -im : im];
}
function hornerC(c: readonly Complex[], z: Complex): Complex {
  let acc: Complex = [0, 0];
  for (let k = c.length - 1; k >= 0; k--) acc = cadd(cmul(acc, z), c[k]);
  return acc;
}

/**
 * All complex roots of Σ c_k z^k (ascending, c_n ≠ 0) by the Aberth–Ehrlich method, then a few
 * Newton steps. Doubles only; used to propose candidates and for the numeric leftovers.
 * @example numericRoots([[-1, 0], [0, 0], [1, 0]]).map((z) => Math.round(z[0])).sort() // => [-1, 1]
 */
export function numericRoots(coefs: readonly Complex[]): Complex[] {
  let c = [...coefs];
  while (c.length > 0 && c[c.length - 1][0] === 0 && c[c.length - 1][1] === 0) c.pop();
  const zeros: Complex[] = [];
  while (c.length > 1 && c[0][0] === 0 && c[0][1] === 0) {
    zeros.push([0, 0]);
    c = c.slice(1);
  }
  const n = c.length - 1;
  if (n < 1) return zeros;
  const lead = c[n];
  c = c.map((x) => cdiv(x, lead));
  if (n === 1) return [...zeros, cscale(c[0], -1)];
  const dc = c.slice(1).map((x, k) => cscale(x, k + 1));
  const r0 = Math.hypot(c[0][0], c[0][1]) ** (1 / n) || 1;
  const z: Complex[] = Array.from({ length: n }, (_, k) => {
    const t = (2 * Math.PI * k) / n + 0.4;
    return [r0 * Math.cos(t), r0 * Math.sin(t)];
  });
  for (let iter = 0; iter < 2000; iter++) {
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      const p = hornerC(c, z[i]);
      if (p[0] === 0 && p[1] === 0) continue;
      const ratio = cdiv(p, hornerC(dc, z[i]));
      let s: Complex = [0, 0];
      for (let j = 0; j < n; j++) if (j !== i) s = cadd(s, cdiv([1, 0], csub(z[i], z[j])));
      const w = cdiv(ratio, csub([1, 0], cmul(ratio, s)));
      if (!Number.isFinite(w[0]) || !Number.isFinite(w[1])) continue;
      z[i] = csub(z[i], w);
      maxStep = Math.max(maxStep, Math.hypot(w[0], w[1]) / Math.max(1, Math.hypot(z[i][0], z[i][1])));
    }
    if (maxStep < 1e-15) break;
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const d = hornerC(dc, z[i]);
      if (d[0] === 0 && d[1] === 0) break;
      const step = cdiv(hornerC(c, z[i]), d);
      if (!Number.isFinite(step[0]) || !Number.isFinite(step[1])) break;
      z[i] = csub(z[i], step);
    }
  }
  return [...zeros, ...z];
}

// ---------------------------------------------------------------------------------------------
// Certified evaluation: rectangular complex interval arithmetic in BigInt fixed point.

/** Fixed-point scale 2^P for the interval evaluation. */
const P = 256n;

/** An interval [lo, hi] of reals, both scaled by 2^P. */
type Interval = [bigint, bigint];

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Enclosure of q·√m (q rational, m ≥ 1 integer) at scale 2^P. */
function termInterval(q: Rational, m: bigint): Interval {
  if (q.isZero()) return [0n, 0n];
  let rlo: bigint;
  let rhi: bigint;
  if (m === 1n) {
    rlo = rhi = 1n << P;
  } else {
    rlo = isqrt(m << (2n * P));
    rhi = rlo * rlo === m << (2n * P) ? rlo : rlo + 1n;
  }
  const [a, b] = q.num > 0n ? [q.num * rlo, q.num * rhi] : [q.num * rhi, q.num * rlo];
  return [floorDiv(a, q.den), -floorDiv(-b, q.den)];
}

/** Enclosures of the real and imaginary parts of a constant element of K. */
function surdInterval(v: Surd): [Interval, Interval] {
  const re: Interval = [0n, 0n];
  const im: Interval = [0n, 0n];
  for (const t of v.terms) {
    const a = termInterval(t.re, t.radicand);
    const b = termInterval(t.im, t.radicand);
    re[0] += a[0];
    re[1] += a[1];
    im[0] += b[0];
    im[1] += b[1];
  }
  return [re, im];
}

/** x·c for an interval x and an exact scaled integer c, rescaled by 2^−P outward. */
function mulExact(x: Interval, c: bigint): Interval {
  const [a, b] = c >= 0n ? [x[0] * c, x[1] * c] : [x[1] * c, x[0] * c];
  return [a >> P, -((-b) >> P)];
}

/** A double z as an exact integer at scale 2^P, or null when z has bits below 2^−P. */
function scaledExact(x: number): bigint | null {
  if (x === 0) return 0n;
  let e = 0n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
    if (e > P) return null;
  }
  return BigInt(m) << (P - e);
}

/** Enclosure of f(z) for a constant-coefficient f at the exact point z (Horner). */
function evaluateInterval(f: UniPoly, z: Complex): [Interval, Interval] | null {
  const a = scaledExact(z[0]);
  const b = scaledExact(z[1]);
  if (a === null || b === null) return null;
  let re: Interval = [0n, 0n];
  let im: Interval = [0n, 0n];
  for (let k = f.coefficients.length - 1; k >= 0; k--) {
    // (re + i im)(a + i b) = (re·a − im·b) + i(re·b + im·a)
    const ra = mulExact(re, a);
    const ib = mulExact(im, b);
    const rb = mulExact(re, b);
    const ia = mulExact(im, a);
    const [cre, cim] = surdInterval(f.coefficients[k].constantValue());
    re = [ra[0] - ib[1] + cre[0], ra[1] - ib[0] + cre[1]];
    im = [rb[0] + ia[0] + cim[0], rb[1] + ia[1] + cim[1]];
  }
  return [re, im];
}

const SCALE = 2 ** Number(P);

/** Upper bound on |x| for x in the interval, as a double at unit scale (rounded up). */
function upperAbs(x: Interval): number {
  const m = x[0] < 0n ? (-x[0] > x[1] ? -x[0] : x[1]) : x[1];
  return (Number(m < 0n ? -m : m) * (1 + 2 ** -50)) / SCALE;
}

/** Lower bound on |x| (0 when the interval contains 0), rounded down. */
function lowerAbs(x: Interval): number {
  if (x[0] <= 0n && x[1] >= 0n) return 0;
  const m = x[0] > 0n ? x[0] : -x[1];
  return (Number(m) * (1 - 2 ** -50)) / SCALE;
}

/**
 * deg·|f(z)|/|f'(z)|, with |f(z)| bounded above and |f'(z)| below by interval evaluation at 256-bit
 * fixed point (every rounding directed outward), and the final double arithmetic rounded up.
 * Infinity when no bound can be given (f'(z) not separated from 0).
 */
function certifiedRadius(f: UniPoly, z: Complex): number {
  // A component with bits below 2^−P is tiny: move the centre to 0 there and add the shift.
  let shift = 0;
  const c: Complex = [z[0], z[1]];
  for (const k of [0, 1] as const) {
    if (scaledExact(c[k]) === null) {
      shift += Math.abs(c[k]);
      c[k] = 0;
    }
  }
  const fz = evaluateInterval(f, c);
  const dz = evaluateInterval(f.derivative(), c);
  if (fz === null || dz === null) return Infinity;
  const upper = Math.hypot(upperAbs(fz[0]), upperAbs(fz[1])) * (1 + 2 ** -50);
  const lower = Math.hypot(lowerAbs(dz[0]), lowerAbs(dz[1])) * (1 - 2 ** -50);
  if (!(lower > 0)) return Infinity;
  const r = (f.degree() * upper) / lower + shift;
  return r * (1 + 2 ** -50) + Number.MIN_VALUE;
}

/** LaTeX of a numeric complex value with 12 significant digits. */
function complexLatex(z: Complex): string {
  const f = (x: number): string => {
    const s = x.toPrecision(12).replace(/\.?0+(e|$)/, '$1');
    const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
    return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
  };
  // Parts below the 12 digits shown are not displayed (the value itself keeps them).
  const size = Math.hypot(z[0], z[1]);
  const re = Math.abs(z[0]) < 1e-12 * size ? 0 : z[0];
  const im = Math.abs(z[1]) < 1e-12 * size ? 0 : z[1];
  if (im === 0) return f(re);
  const imAbs = `${f(Math.abs(im))}\\,\\mathrm{i}`;
  if (re === 0) return `${im < 0 ? '-' : ''}${imAbs}`;
  return `${f(re)} ${im < 0 ? '-' : '+'} ${imAbs}`;
}
