/**
 * The exact t → ∞ coupling threshold of paper §4 (beyond the sufficient K_c* of Theorem 1).
 *
 * Eq. 5 is linear and time-invariant, dx/dt = (⊕_j 𝓛_j − K_c Q ⊗ I)x, so for a relaxing separable
 * model its t → ∞ limit is the steady state of eq. 5 with every trace 1. In Bloch coordinates
 * r_j = (tr σ_xρ_j, tr σ_yρ_j, tr σ_zρ_j) each 𝓛_j is affine, dr_j/dt = A_j r_j + b_j with
 *   (A_j)_{ab} = ½ tr(σ_a 𝓛_j σ_b),  (b_j)_a = ½ tr(σ_a 𝓛_j I)
 * (real, since 𝓛_j preserves Hermiticity), and the trace is fixed by construction. The steady state
 * solves the 3n×3n system
 *   (diag(A_1, …, A_n) − K_c Q ⊗ I₃) r = −(b_1; …; b_n),
 * solved exactly with K_c a symbol: each r_j is a rational function of K_c, hence so is the squared
 * error e_j(K_c) = ‖ρ_j(∞) − ρ_r‖²_F = ½‖r_j − r_r‖².
 *
 * - K_c,∞(η): the smallest gain from which on max_j e_j ≤ η², i.e. the largest positive real root of
 *   the polynomials N_j − η²D_j (e_j = N_j/D_j), a real algebraic number: isolated by Sturm sequences
 *   with exact arithmetic, exact where its factor is linear or quadratic, else given by its square-free
 *   defining polynomial and an isolating interval with rational ends.
 * - c = lim_{K_c→∞} K_c max_j‖ρ_j(∞) − ρ_r‖_F: as K_c → ∞, e_j = a_j/K_c² + O(K_c⁻³), so c² = max_j a_j
 *   with a_j the ratio of leading coefficients of N_j and D_j when deg D_j = deg N_j + 2 (the first-order
 *   term of the singular-perturbation expansion r = 1⊗r_r + r⁽¹⁾/K_c + …, whose r⁽¹⁾ is Q⁺ applied to
 *   the local generators at ρ_r plus the consensus correction fixed at the next order; it is read off
 *   the exact rational function here, not computed separately). K_c,asym(η) = c/η is the gain the
 *   first-order term alone predicts.
 */
import { UniPoly, exactRoots } from '../algebra/charpoly.ts';
import { determinant, solve } from '../algebra/linalg.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { Polynomial } from '../algebra/polynomial.ts';
import { Rational } from '../algebra/rational.ts';
import { Scalar } from '../algebra/scalar.ts';
import { laplacian } from '../model/graph.ts';
import type { LocalGenerator } from './blended-generator.ts';
import type { ReducedDerivation } from './derive.ts';

/** The symbol of the gain in the exact rational functions. */
export const KC_SYMBOL = 'K_c';

/** Largest n for which the 3n×3n system is solved exactly (rational functions in K_c). */
export const MAX_EXACT_THRESHOLD_QUBITS = 6;

/**
 * A positive real algebraic number: `exact` when it lies in the field (rational, or a quadratic surd
 * when its factor is quadratic with rational coefficients); always its square-free defining polynomial
 * (a factor of N_j − η²D_j; minimal when irreducible, which is not tested beyond degree 2) and an
 * isolating interval (lo, hi] with rational ends holding no other root of that polynomial.
 */
export interface RealAlgebraic {
  readonly exact: Scalar | null;
  readonly polynomial: UniPoly;
  readonly interval: readonly [Rational, Rational];
  /** The root to double precision (the exact form's, else the midpoint of an isolating interval of relative width ≤ 2⁻⁵²). */
  readonly value: number;
}

/** The threshold at one η. */
export interface SteadyThresholdAtEta {
  readonly eta: Scalar;
  /**
   * K_c,∞(η): for every K_c > it the steady state of eq. 5 is within η of ρ_r for every qubit; null when
   * every K_c > 0 is (no positive root).
   */
  readonly KcInfinity: RealAlgebraic | null;
  /** The qubit (1-based) whose error crosses η² at K_c,∞ (null when KcInfinity is). */
  readonly qubit: number | null;
  /** K_c,asym(η) = c/η, exact when c is (else null). */
  readonly KcAsymptotic: Scalar | null;
  readonly KcAsymptoticValue: number;
}

export type SteadyThreshold =
  | {
      readonly kind: 'derived';
      /** e_j(K_c) = ‖ρ_j(∞; K_c) − ρ_r‖²_F, exact rational functions of K_c (index j − 1). */
      readonly squaredErrors: readonly Scalar[];
      /** c² = lim K_c² max_j e_j (exact). */
      readonly cSquared: Scalar;
      /** c, exact when c² is rational (√ of a rational), else null (then `cValue`). */
      readonly c: Scalar | null;
      readonly cValue: number;
      /** The qubits (1-based) attaining c. */
      readonly cQubits: readonly number[];
      readonly byEta: readonly SteadyThresholdAtEta[];
    }
  | { readonly kind: 'not-applicable'; readonly reason: SteadyThresholdSkip };

/**
 * Why no exact threshold: 'symbolic' (a parameter other than K_c has no value), 'too-large'
 * (n > MAX_EXACT_THRESHOLD_QUBITS), 'singular' (the steady state of eq. 5 is not unique for generic
 * K_c), 'limit-not-rho-r' (the K_c → ∞ limit is not ρ_r: the model is not relaxing as assumed).
 */
export type SteadyThresholdSkip = 'symbolic' | 'too-large' | 'singular' | 'limit-not-rho-r';

const HALF = Scalar.rational(1, 2);
const SIGMA = [
  ExactMatrix.fromRows([[0, 1], [1, 0]]),
  ExactMatrix.fromRows([[0, Scalar.I.neg()], [Scalar.I, 0]]),
  ExactMatrix.fromRows([[1, 0], [0, -1]]),
];

/** 𝓛ρ for a 4×4 superoperator on column-stacked vec ρ = (ρ₀₀, ρ₁₀, ρ₀₁, ρ₁₁). */
function applySuper(s: ExactMatrix, rho: ExactMatrix): ExactMatrix {
  const v = [rho.get(0, 0), rho.get(1, 0), rho.get(0, 1), rho.get(1, 1)];
  const out = [0, 1, 2, 3].map((i) => v.reduce((acc, x, k) => acc.add(s.get(i, k).mul(x)), Scalar.ZERO));
  return ExactMatrix.fromRows([[out[0], out[2]], [out[1], out[3]]]);
}

/** Bloch vector r_a = tr(σ_a ρ). */
export function blochVector(rho: ExactMatrix): Scalar[] {
  return SIGMA.map((s) => s.mul(rho).trace());
}

/** The affine Bloch form (A, b) of a single-qubit generator: dr/dt = A r + b. */
export function blochAffine(superop: ExactMatrix): { A: ExactMatrix; b: Scalar[] } {
  const A = ExactMatrix.fromFunction(3, 3, (a, c) => SIGMA[a].mul(applySuper(superop, SIGMA[c])).trace().mul(HALF));
  const image = applySuper(superop, ExactMatrix.identity(2));
  return { A, b: SIGMA.map((s) => s.mul(image).trace().mul(HALF)) };
}

/** A rational function of K_c as numerator/denominator polynomials in K_c with constant coefficients. */
function asUniPolys(e: Scalar): { num: UniPoly; den: UniPoly } {
  const toUni = (p: Polynomial) => UniPoly.fromCoefficients(p.coefficientsIn(KC_SYMBOL).map((c) => Scalar.fromParts(c, Polynomial.ONE)));
  return { num: toUni(e.numerator()), den: toUni(e.denominator()) };
}

/**
 * The steady states of eq. 5 as exact rational functions of K_c and the threshold facts. `locals`,
 * `laplacian` and `rhoR` must be free of parameters (values substituted); `etas` the study's η.
 */
export function steadyThreshold(locals: readonly LocalGenerator[], laplacian: ExactMatrix, rhoR: ExactMatrix, etas: readonly Scalar[]): SteadyThreshold {
  const n = locals.length;
  if (n > MAX_EXACT_THRESHOLD_QUBITS) return { kind: 'not-applicable', reason: 'too-large' };
  if (locals.some((l) => l.superop.freeParams().length > 0) || laplacian.freeParams().length > 0 || rhoR.freeParams().length > 0) {
    return { kind: 'not-applicable', reason: 'symbolic' };
  }
  const affine = locals.map((l) => blochAffine(l.superop));
  const blocks = ExactMatrix.fromFunction(3 * n, 3 * n, (r, c) =>
    Math.floor(r / 3) === Math.floor(c / 3) ? affine[Math.floor(r / 3)].A.get(r % 3, c % 3) : Scalar.ZERO);
  const coupling = ExactMatrix.fromFunction(3 * n, 3 * n, (r, c) => (r % 3 === c % 3 ? laplacian.get(Math.floor(r / 3), Math.floor(c / 3)) : Scalar.ZERO));
  const rhs = ExactMatrix.column(affine.flatMap((f) => f.b.map((x) => x.neg())));
  const x = solveLinearPencil(blocks, coupling, rhs);
  if (!x) return { kind: 'not-applicable', reason: 'singular' };
  const rr = blochVector(rhoR);
  const squaredErrors = Array.from({ length: n }, (_, j) =>
    rr.reduce((acc, ra, a) => {
      const d = x[3 * j + a].sub(ra);
      return acc.add(d.mul(d));
    }, Scalar.ZERO).mul(HALF));
  const parts = squaredErrors.map(asUniPolys);
  // The K_c → ∞ limit must be ρ_r: deg N_j < deg D_j for every j.
  if (parts.some((p) => !p.num.isZero() && p.num.degree() >= p.den.degree())) return { kind: 'not-applicable', reason: 'limit-not-rho-r' };
  const a = parts.map((p) => (p.num.isZero() || p.num.degree() < p.den.degree() - 2 ? Scalar.ZERO : p.num.leading().div(p.den.leading())));
  let cSquared = Scalar.ZERO;
  for (const aj of a) if (aj.sub(cSquared).sign() > 0) cSquared = aj;
  const cQubits = a.flatMap((aj, j) => (aj.equals(cSquared) ? [j + 1] : []));
  const c = cSquared.constantValue().isRational() ? Scalar.sqrt(cSquared) : null;
  const cValue = Math.sqrt(cSquared.toComplex()[0]);
  const byEta = etas.map((eta) => {
    const eta2 = eta.mul(eta);
    let best: { root: RealAlgebraic; qubit: number } | null = null;
    parts.forEach((p, j) => {
      if (p.num.isZero()) return;
      const root = largestPositiveRoot(p.num.sub(p.den.scale(eta2)));
      if (root && (!best || compareRoots(root, best.root) > 0)) best = { root, qubit: j + 1 };
    });
    const found = best as { root: RealAlgebraic; qubit: number } | null;
    return { eta, KcInfinity: found?.root ?? null, qubit: found?.qubit ?? null, KcAsymptotic: c ? c.div(eta) : null, KcAsymptoticValue: cValue / eta.toComplex()[0] };
  });
  return { kind: 'derived', squaredErrors, cSquared, c, cValue, cQubits, byEta };
}

/**
 * The unique solution of M(K_c)x = b with M(K_c) = A − K_c B (A, B, b constant), or null when M is
 * singular for every K_c. By Cramer's rule x = adj(M)b / det M: det M has degree ≤ N and each entry
 * of adj(M)b degree ≤ N − 1 in K_c, so both are interpolated exactly from N + 1 nonsingular rational
 * points K_c = 0, 1, 2, … (exact constant solves; a point where det M = 0 is skipped). Eliminating
 * with rational functions of K_c directly costs a multivariate gcd per step and does not finish for
 * n = 5; the interpolation is N + 1 exact rational solves.
 */
function solveLinearPencil(A: ExactMatrix, B: ExactMatrix, b: ExactMatrix): Scalar[] | null {
  const N = A.rows;
  const xs: Scalar[] = [];
  const dets: Scalar[] = [];
  const numerators: Scalar[][] = [];
  for (let k = 0; xs.length < N + 1; k++) {
    if (k > 4 * N + 8) return null;
    const K = Scalar.int(k);
    const M = A.sub(B.scale(K));
    const d = determinant(M);
    if (d.isZero()) continue;
    const x = solve(M, b)!;
    xs.push(K);
    dets.push(d);
    numerators.push(Array.from({ length: N }, (_, i) => x.get(i, 0).mul(d)));
  }
  const K = Scalar.param(KC_SYMBOL);
  const den = interpolate(xs, dets);
  const asScalar = (p: UniPoly) => p.coefficients.reduceRight((acc, c) => acc.mul(K).add(c), Scalar.ZERO);
  const denScalar = asScalar(den);
  return Array.from({ length: N }, (_, i) => asScalar(interpolate(xs, numerators.map((row) => row[i]))).div(denScalar));
}

/** The polynomial of degree < m through (x_k, y_k), k < m (Newton's divided differences, exact). */
function interpolate(x: readonly Scalar[], y: readonly Scalar[]): UniPoly {
  const m = x.length;
  const c = [...y];
  for (let j = 1; j < m; j++) {
    for (let i = m - 1; i >= j; i--) c[i] = c[i].sub(c[i - 1]).div(x[i].sub(x[i - j]));
  }
  let p = UniPoly.constant(c[m - 1]);
  for (let i = m - 2; i >= 0; i--) p = p.mul(UniPoly.linear(x[i])).add(UniPoly.constant(c[i]));
  return p;
}

// ---------------------------------------------------------------------------------------------
// Real roots by Sturm sequences (exact signs at rational points).

function signAt(p: UniPoly, x: Rational): -1 | 0 | 1 {
  return p.evaluate(Scalar.fromRational(x)).sign();
}

/** p, p′, −rem(p_{k−1}, p_k), … for a square-free p. */
function sturmSequence(p: UniPoly): UniPoly[] {
  const seq = [p, p.derivative()];
  while (seq[seq.length - 1].degree() > 0) {
    const r = seq[seq.length - 2].divmod(seq[seq.length - 1]).remainder;
    if (r.isZero()) break;
    seq.push(r.neg());
  }
  return seq;
}

function variations(seq: readonly UniPoly[], x: Rational): number {
  let count = 0;
  let last = 0;
  for (const q of seq) {
    const s = signAt(q, x);
    if (s === 0) continue;
    if (last !== 0 && s !== last) count++;
    last = s;
  }
  return count;
}

/** Number of distinct real roots of the square-free p in (lo, hi] (Sturm's theorem). */
function rootsIn(seq: readonly UniPoly[], lo: Rational, hi: Rational): number {
  return variations(seq, lo) - variations(seq, hi);
}

/** A power of two above every root's modulus (Cauchy: 1 + max|a_k/a_d|, doubled for rounding). */
function rootBound(p: UniPoly): Rational {
  const lc = Math.hypot(...p.leading().toComplex());
  const m = Math.max(0, ...p.coefficients.slice(0, -1).map((c) => Math.hypot(...c.toComplex()) / lc));
  let b = 1n;
  while (Number(b) < 2 * (1 + m)) b *= 2n;
  return Rational.of(b);
}

/** p / gcd(p, p′), monic: the same roots, each simple. */
function squareFreePart(p: UniPoly): UniPoly {
  const g = p.gcd(p.derivative());
  return g.degree() > 0 ? p.divmod(g).quotient.monic() : p.monic();
}

/** Largest positive real root of p (constant coefficients, real), or null when p has none. */
export function largestPositiveRoot(p: UniPoly): RealAlgebraic | null {
  if (p.degree() < 1) return null;
  const f = squareFreePart(p);
  const seq = sturmSequence(f);
  let lo = Rational.ZERO;
  let hi = rootBound(f);
  if (rootsIn(seq, lo, hi) === 0) return null;
  const two = Rational.of(2);
  while (rootsIn(seq, lo, hi) > 1) {
    const mid = lo.add(hi).div(two);
    if (rootsIn(seq, mid, hi) >= 1) lo = mid;
    else hi = mid;
  }
  const interval: [Rational, Rational] = [lo, hi];
  // Refine for the double value (signs only: one simple root in (lo, hi]).
  let [a, b] = [lo, hi];
  const sb = signAt(f, b);
  if (sb !== 0) {
    const eps = Rational.of(1, 2n ** 52n);
    while (b.sub(a).compare(b.mul(eps)) > 0) {
      const mid = a.add(b).div(two);
      const s = signAt(f, mid);
      if (s === 0) {
        a = mid;
        b = mid;
        break;
      }
      if (s === sb) b = mid;
      else a = mid;
    }
  } else {
    a = b;
  }
  const value = (a.toNumber() + b.toNumber()) / 2;
  const { exact, polynomial } = exactForm(f, interval, value);
  // The refined bracket isolates the root too (it lies inside (lo, hi]); keep it when it is a proper one.
  return { exact, polynomial, interval: a.compare(b) < 0 ? [a, b] : interval, value: exact ? exact.toComplex()[0] : value };
}

/** Factors of degree ≤ 2 give exact forms; larger square-free parts are left to their defining polynomial. */
const MAX_FACTORED_DEGREE = 16;

/**
 * The factor of f holding the root in (lo, hi] and the root's exact form when that factor is linear,
 * or quadratic with a rational discriminant (the root is then (−b ± √Δ)/(2a), the sign chosen by an
 * exact comparison with the interval).
 */
function exactForm(f: UniPoly, [lo, hi]: readonly [Rational, Rational], value: number): { exact: Scalar | null; polynomial: UniPoly } {
  if (f.degree() === 1) return { exact: f.coefficient(0).neg().div(f.coefficient(1)), polynomial: f };
  if (f.degree() > MAX_FACTORED_DEGREE) return { exact: null, polynomial: f };
  const factors = exactRoots(f).factors.map((x) => x.poly).filter((g) => g.degree() >= 1);
  const holder = factors.find((g) => rootsIn(sturmSequence(g), lo, hi) === 1) ?? f;
  if (holder.degree() === 1) return { exact: holder.coefficient(0).neg().div(holder.coefficient(1)), polynomial: holder };
  if (holder.degree() === 2) {
    const [c0, c1, c2] = holder.coefficients;
    const disc = c1.mul(c1).sub(Scalar.int(4).mul(c0).mul(c2));
    if (disc.isConstant() && disc.constantValue().isRational() && disc.sign() > 0) {
      const root = Scalar.sqrt(disc);
      const inside = (x: Scalar) => x.sub(Scalar.fromRational(lo)).sign() > 0 && Scalar.fromRational(hi).sub(x).sign() >= 0;
      const candidates = [c1.neg().add(root), c1.neg().sub(root)].map((x) => x.div(c2.mul(Scalar.int(2))));
      const exact = candidates.find(inside) ?? null;
      if (exact && Math.abs(exact.toComplex()[0] - value) <= 1e-9 * Math.abs(value)) return { exact, polynomial: holder };
    }
  }
  return { exact: null, polynomial: holder };
}

function compareRoots(a: RealAlgebraic, b: RealAlgebraic): number {
  return a.value - b.value;
}

/** Why §4's exact threshold is not derived for a model (before any computation). */
export type SteadyThresholdPrecondition = 'not-separable' | 'not-relaxing' | 'no-eta';

/** The exact threshold of a §4 derivation, or why there is none. */
export type SteadyThresholdResult = SteadyThreshold | { readonly kind: 'not-applicable'; readonly reason: SteadyThresholdPrecondition };

/**
 * The exact threshold for a model's §4 derivation: the local generators and ρ_r at the model's values,
 * the Laplacian with its weights substituted, at every η of the study (the primary first).
 */
export function steadyThresholdOf(
  reduced: Pick<ReducedDerivation, 'localsAtValues' | 'blended' | 'blendedAtValues' | 'graph' | 'eta'>,
  parameters: ReadonlyMap<string, Scalar>, etaList: readonly Scalar[] | undefined,
): SteadyThresholdResult {
  const locals = reduced.localsAtValues;
  const analysis = reduced.blendedAtValues ?? reduced.blended;
  if (!locals || !analysis) return { kind: 'not-applicable', reason: 'not-separable' };
  const st = analysis.steady.steadyStates;
  if (analysis.steady.relaxing.verdict !== true || st.kind !== 'unique') return { kind: 'not-applicable', reason: 'not-relaxing' };
  const etas = etaList && etaList.length > 0 ? etaList : reduced.eta ? [reduced.eta] : [];
  if (etas.length === 0) return { kind: 'not-applicable', reason: 'no-eta' };
  return steadyThreshold(locals, laplacian(reduced.graph).substitute(parameters), st.rho, etas);
}
