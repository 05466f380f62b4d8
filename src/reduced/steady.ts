import { type RootInfo, UniPoly, characteristicPolynomial, exactRoots, quadraticRoots } from '../algebra/charpoly.ts';
import { isPositiveSemidefinite, nullSpace, rank } from '../algebra/linalg.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { Polynomial } from '../algebra/polynomial.ts';
import { Scalar } from '../algebra/scalar.ts';
import { Surd } from '../algebra/surd.ts';
import { applySuperop } from '../algebra/superop.ts';
import { unvec, vec } from '../algebra/vec.ts';
import { type EvidentSign, evidentSign } from './sign.ts';

/**
 * Steady states and spectrum of a 4×4 blended generator 𝓛̄ (paper eq. 6, §4.2), exactly:
 *  - steady states: the null space of 𝓛̄ (exact Gauss–Jordan over K(params)), turned into a Hermitian
 *    basis (ker 𝓛̄ is closed under † because 𝓛̄ preserves Hermiticity) and trace-normalised;
 *  - spectrum: the characteristic polynomial det(λI − 𝓛̄) (Berkowitz) and its roots, exact where they
 *    factor into pieces of degree ≤ 2 over the field of the entries, else certified numeric, labelled;
 *  - relaxing (paper §4.2): a unique steady state and every other eigenvalue with Re λ < 0;
 *  - 𝕊: the span of the eigenvectors whose eigenvalue has Re λ = 0 (the invariant subspace of eq. 10);
 *  - μ = |min nonzero real part|: since a Lindbladian's spectrum lies in Re λ ≤ 0, |Re λ| = −Re λ and
 *    μ = min{−Re λ : Re λ ≠ 0}. With symbolic parameters the candidates −Re λ_k are formulas; the
 *    minimum is named when the differences have an evident sign under the positivity assumptions
 *    (rates > 0), otherwise the candidates and the rule are returned.
 */

export interface RealPart {
  /** Exact real part (may be a formula), or null. */
  readonly exact: Scalar | null;
  readonly latex: string;
  /** Numeric value (at the sample point for symbolic models), or null. */
  readonly numeric: number | null;
  /** When the real part depends on a parameter region (e.g. the sign of a discriminant), the rule. */
  readonly rule?: RealPartRule;
}

/** How a real part was decided, for a root of a quadratic factor or a numeric root. */
export type RealPartRule =
  /** Δ has an evident sign ≤ 0, so both roots s/2 ± (i/2)√(−Δ) have Re λ = s/2. */
  | { readonly kind: 'discriminant-sign'; readonly discriminantLatex: string; readonly sign: 'negative' | 'nonpositive' | 'zero' }
  /** Δ has no evident sign: Re λ = s/2 where Δ < 0, else the root is real. */
  | { readonly kind: 'discriminant-cases'; readonly discriminantLatex: string; readonly halfTraceLatex: string; readonly rootLatex: string }
  | { readonly kind: 'numeric-root' };

/** A condition on the parameters, as the LaTeX of its formula. */
export type ParameterCondition =
  | { readonly kind: 'nonzero'; readonly latex: string }
  | { readonly kind: 'negative'; readonly latex: string }
  | { readonly kind: 'positive'; readonly latex: string }
  /** det ρ_r ≥ 0: positive semidefiniteness of a Hermitian trace-one 2×2 matrix. */
  | { readonly kind: 'psd-determinant'; readonly latex: string }
  /** The rate parameters, assumed positive. */
  | { readonly kind: 'positive-parameters'; readonly params: readonly string[] };


export interface SpectrumEntry {
  readonly latex: string;
  readonly exact: Scalar | null;
  /** [re, im] (at `sampleParams` for symbolic generators). */
  readonly numeric: [number, number];
  readonly multiplicity: number;
  readonly kind: RootInfo['kind'];
  /** Certified inclusion radius for numeric roots. */
  readonly radius?: number;
  readonly realPart: RealPart;
  /** Re λ = 0 exactly (true/false), or undecided (null). */
  readonly onImaginaryAxis: boolean | null;
}

export type SteadyStates =
  | {
      readonly kind: 'unique';
      /** ρ_r, trace one. */
      readonly rho: ExactMatrix;
      readonly hermitian: boolean;
      /** Exact PSD verdict (constant ρ_r), or null when it depends on parameters (see conditions). */
      readonly psd: boolean | null;
      /** Conditions under which the formula holds (denominators nonzero, PSD condition, …). */
      readonly conditions: readonly ParameterCondition[];
    }
  | {
      readonly kind: 'family';
      /** ρ_* (trace one) and traceless Hermitian directions K_k: the steady states are the PSD ρ_* + Σ t_k K_k. */
      readonly particular: ExactMatrix;
      readonly directions: readonly ExactMatrix[];
      /** For one direction K: the PSD range |t| ≤ 1/(2√(−det K)) as LaTeX. */
      readonly range?: string;
      readonly conditions: readonly ParameterCondition[];
    }
  | { readonly kind: 'none'; readonly conditions: readonly ParameterCondition[] };

export interface MuResult {
  readonly defined: boolean;
  readonly exact: Scalar | null;
  readonly latex: string;
  readonly numeric: number | null;
  /** The candidates −Re λ_k over the eigenvalues with Re λ ≠ 0. */
  readonly candidates: readonly RealPart[];
  /** How μ was chosen (or why it is undefined). */
  readonly rule: MuRule;
  /** When no candidate is minimal everywhere: each candidate with the region where it is μ. */
  readonly regions: readonly { readonly candidate: string; readonly condition: string }[];
  readonly conditions: readonly ParameterCondition[];
}

/**
 * How μ was chosen among the candidates −Re λ, as a fact; the report writes the sentence
 * (src/report/sections/derivation-text.ts, `muRuleText`).
 */
export type MuRule =
  /** No eigenvalue has a nonzero real part: nothing decays. */
  | { readonly kind: 'mu-undefined' }
  /** A single candidate. */
  | { readonly kind: 'mu-only-candidate' }
  /** Symbolic: `muText` (plain text) is ≤ every other candidate, the differences evidently ≥ 0 for positive rates. */
  | { readonly kind: 'mu-evident-minimum'; readonly muText: string }
  /** Constant candidates: their exact minimum. */
  | { readonly kind: 'mu-exact-minimum' }
  /** No candidate is minimal for every parameter value; the value is at the sample point. */
  | { readonly kind: 'mu-region-dependent' };

export interface JordanInfo {
  /** For each eigenvalue on the imaginary axis: algebraic multiplicity, geometric multiplicity, largest block. */
  readonly imaginaryAxis: readonly { latex: string; algebraic: number; geometric: number; largestBlock: number }[];
  /** m = largest Jordan block on the imaginary axis minus one (0: semisimple), or null when undecided. */
  readonly m: number | null;
}

/**
 * Why the blended dynamics is, is not, or may be relaxing, as a fact; the report writes the sentence
 * (src/report/sections/explanations.ts, `relaxingReasonText`). LaTeX fields are formulas without delimiters.
 */
export type RelaxingReason =
  /** A numeric eigenvalue lies within its certified radius of the imaginary axis. */
  | { readonly kind: 'axis-undecided' }
  /** ker 𝓛̄ is one-dimensional and the `decaying` other eigenvalues have Re λ < 0. */
  | { readonly kind: 'unique'; readonly decaying: number }
  /** ker 𝓛̄ has dimension `kernelDimension` ≠ 1; `undampedLatex`: the nonzero eigenvalues on the imaginary axis. */
  | { readonly kind: 'kernel-not-unique'; readonly kernelDimension: number; readonly undampedLatex: readonly string[] }
  /** ker 𝓛̄ is one-dimensional but `undamped` nonzero eigenvalues lie on the imaginary axis. */
  | { readonly kind: 'undamped'; readonly undamped: number }
  /** Symbolic: the generic null space is one-dimensional and every other real part is evidently negative. */
  | { readonly kind: 'generic-unique' }
  /** Symbolic: ker 𝓛̄ has generic dimension `kernelDimension` ≠ 1. */
  | { readonly kind: 'generic-kernel'; readonly kernelDimension: number }
  /** Symbolic: relaxing exactly where every nonzero eigenvalue has Re λ < 0 (the conditions). */
  | { readonly kind: 'depends' };

export interface SteadyAnalysis {
  readonly generator: ExactMatrix;
  readonly charpoly: UniPoly;
  readonly charpolyLatex: string;
  readonly spectrum: readonly SpectrumEntry[];
  /** True when every root is exact or a verified quadratic's root. */
  readonly spectrumComplete: boolean;
  /** Parameter point used for the numeric parts of a symbolic spectrum. */
  readonly sampleParams?: Record<string, number>;
  readonly kernelDimension: number;
  readonly steadyStates: SteadyStates;
  readonly relaxing: { readonly verdict: boolean | null; readonly reason: RelaxingReason; readonly conditions: readonly ParameterCondition[] };
  /** `dimension` null: undecided (some eigenvalue not known to lie on or off the imaginary axis); the report words it (`invariantSubspaceText`). */
  readonly invariantSubspace: { readonly dimension: number | null; readonly basis: readonly ExactMatrix[]; readonly whole: boolean };
  readonly mu: MuResult;
  readonly jordan: JordanInfo;
}

export interface SteadyOptions {
  /** Parameters assumed positive (rates); default: none. */
  positiveParams?: readonly string[];
  /** Parameter values for the numeric parts of a symbolic spectrum. */
  sampleParams?: Record<string, number>;
}

/** Distinct non-constant denominators of the entries, as "den ≠ 0" conditions. */
function denominatorConditions(ms: readonly ExactMatrix[]): ParameterCondition[] {
  const seen = new Map<string, ParameterCondition>();
  for (const m of ms) {
    for (const x of m.entries()) {
      if (x.isConstant() || x.isZero()) continue;
      const d = Scalar.fromParts(x.denominator(), Polynomial.constant(Surd.ONE));
      if (d.isConstant()) continue;
      const key = d.toString();
      if (!seen.has(key)) seen.set(key, { kind: 'nonzero', latex: d.toLatex() });
    }
  }
  return [...seen.values()];
}

/** A Hermitian, complex-linearly independent basis of a †-closed subspace given by 2×2 matrices. */
function hermitianBasis(ms: readonly ExactMatrix[]): ExactMatrix[] {
  const half = Scalar.rational(1, 2);
  const minusHalfI = Scalar.I.mul(half).neg();
  const candidates: ExactMatrix[] = [];
  for (const m of ms) {
    candidates.push(m.add(m.dagger()).scale(half));
    candidates.push(m.sub(m.dagger()).scale(minusHalfI));
  }
  const out: ExactMatrix[] = [];
  for (const c of candidates) {
    if (c.isZero()) continue;
    const trial = [...out, c];
    const cols = ExactMatrix.fromFunction(4, trial.length, (i, j) => vec(trial[j]).get(i, 0));
    if (rank(cols) === trial.length) out.push(c);
    if (out.length === ms.length) break;
  }
  return out;
}

/** Re λ = 0 decided exactly, or by evident sign of a formula; null when undecided. */
function onAxis(re: Scalar | null, positive: ReadonlySet<string>): boolean | null {
  if (!re) return null;
  if (re.isZero()) return true;
  if (re.isConstant()) return false;
  const s = evidentSign(re, positive);
  return s === 'positive' || s === 'negative' ? false : null;
}

function realPartOfLinear(r: Scalar, params: Record<string, number>): RealPart {
  const re = r.re();
  return { exact: re, latex: re.toLatex(), numeric: re.toComplex(params)[0] };
}

/** Spectrum entries with real parts, factor by factor. */
function spectrumEntries(p: UniPoly, positive: ReadonlySet<string>, sample?: Record<string, number>): { entries: SpectrumEntry[]; complete: boolean; params?: Record<string, number> } {
  const result = exactRoots(p, sample ? { params: sample } : {});
  const params = result.params ?? {};
  const entries: SpectrumEntry[] = [];
  let numericTaken = false;
  for (const { poly, multiplicity } of result.factors) {
    if (poly.degree() === 1) {
      const r = poly.coefficient(0).neg().div(poly.coefficient(1));
      const rp = realPartOfLinear(r, params);
      entries.push({ latex: r.toLatex(), exact: r, numeric: r.toComplex(params), multiplicity, kind: 'exact-in-field', realPart: rp, onImaginaryAxis: onAxis(rp.exact, positive) });
    } else if (poly.degree() === 2) {
      const m = poly.monic();
      const s = m.coefficient(1).neg();
      const disc = s.mul(s).sub(m.coefficient(0).mul(Scalar.int(4)));
      const half = Scalar.rational(1, 2);
      const roots = quadraticRoots(poly, params);
      const ds = evidentSign(disc, positive);
      for (const r of roots) {
        let rp: RealPart;
        if (r.exact) rp = realPartOfLinear(r.exact, params);
        else if (ds === 'negative' || ds === 'nonpositive' || ds === 'zero') {
          // Δ ≤ 0: the roots are s/2 ± (i/2)√(−Δ) (a double root s/2 at Δ = 0); both have real part s/2.
          const re = s.mul(half);
          rp = { exact: re.re(), latex: re.re().toLatex(), numeric: re.re().toComplex(params)[0], rule: { kind: 'discriminant-sign', discriminantLatex: disc.toLatex(), sign: ds } };
        } else {
          rp = {
            exact: null, latex: `\\mathrm{Re}\\left(${r.latex}\\right)`, numeric: r.numeric[0],
            rule: { kind: 'discriminant-cases', discriminantLatex: disc.toLatex(), halfTraceLatex: s.mul(half).toLatex(), rootLatex: r.latex },
          };
        }
        entries.push({ latex: r.latex, exact: r.exact, numeric: r.numeric, multiplicity, kind: r.kind, realPart: rp, onImaginaryAxis: onAxis(rp.exact, positive) });
      }
    } else if (!numericTaken) {
      numericTaken = true;
      for (const r of result.roots.filter((x) => x.kind === 'numeric')) {
        const near = r.radius !== undefined && Math.abs(r.numeric[0]) <= r.radius;
        entries.push({
          latex: r.latex, exact: null, numeric: r.numeric, multiplicity: r.multiplicity, kind: 'numeric', radius: r.radius,
          realPart: { exact: null, latex: String(r.numeric[0]), numeric: r.numeric[0], rule: { kind: 'numeric-root' } },
          onImaginaryAxis: near ? null : false,
        });
      }
    }
  }
  entries.sort((a, b) => b.numeric[0] - a.numeric[0] || b.numeric[1] - a.numeric[1]);
  return { entries, complete: result.complete, ...(result.params ? { params: result.params } : {}) };
}

/** Largest Jordan block of an exact eigenvalue λ: the least k with nullity((A − λI)^k) = algebraic multiplicity. */
function largestJordanBlock(a: ExactMatrix, lambda: Scalar, algebraic: number): { geometric: number; largest: number } {
  const n = a.rows;
  const shifted = a.sub(ExactMatrix.identity(n).scale(lambda));
  const geometric = n - rank(shifted);
  let power = shifted;
  for (let k = 1; k <= algebraic; k++) {
    if (n - rank(power) === algebraic) return { geometric, largest: k };
    power = power.mul(shifted);
  }
  return { geometric, largest: algebraic };
}

/**
 * Exact steady-state and spectral analysis of a 4×4 blended generator.
 * @example analyseSteadyState(ExactMatrix.zeros(4)).kernelDimension // => 4
 */
export function analyseSteadyState(generator: ExactMatrix, options: SteadyOptions = {}): SteadyAnalysis {
  if (generator.rows !== 4 || generator.cols !== 4) throw new RangeError('a 4×4 single-qubit generator is expected');
  const positive = new Set(options.positiveParams ?? []);
  const symbolic = generator.freeParams().length > 0;
  const charpoly = characteristicPolynomial(generator);
  const spec = spectrumEntries(charpoly, positive, options.sampleParams);
  const params = spec.params ?? {};

  // Steady states.
  const kernel = nullSpace(generator).map((v) => unvec(v, 2));
  const herm = hermitianBasis(kernel);
  let steadyStates: SteadyStates;
  if (herm.length === 0) {
    steadyStates = { kind: 'none', conditions: [] };
  } else if (herm.length === 1) {
    const t = herm[0].trace();
    const rho = herm[0].scale(t.inv());
    const conditions = denominatorConditions([rho]);
    let psd: boolean | null = null;
    if (!symbolic) psd = isPositiveSemidefinite(rho);
    else {
      const det = rho.get(0, 0).mul(rho.get(1, 1)).sub(rho.get(0, 1).mul(rho.get(1, 0)));
      const ds = evidentSign(det, positive);
      const d0 = evidentSign(rho.get(0, 0), positive);
      const d1 = evidentSign(rho.get(1, 1), positive);
      const nonneg = (s: EvidentSign): boolean => s === 'positive' || s === 'nonnegative' || s === 'zero';
      if (nonneg(ds) && nonneg(d0) && nonneg(d1)) psd = true;
      else conditions.push({ kind: 'psd-determinant', latex: det.toLatex() });
    }
    steadyStates = { kind: 'unique', rho, hermitian: rho.isHermitian(), psd, conditions };
  } else {
    const identity = ExactMatrix.identity(2);
    const unital = applySuperop(generator, identity).isZero();
    let particular: ExactMatrix;
    if (unital) particular = identity.scale(Scalar.rational(1, 2));
    else {
      const withTrace = herm.find((h) => !h.trace().isZero());
      particular = withTrace ? withTrace.scale(withTrace.trace().inv()) : herm[0];
    }
    const directions: ExactMatrix[] = [];
    for (const h of herm) {
      const k = h.sub(particular.scale(h.trace()));
      if (k.isZero()) continue;
      const trial = [...directions, k];
      const cols = ExactMatrix.fromFunction(4, trial.length, (i, j) => vec(trial[j]).get(i, 0));
      if (rank(cols) === trial.length) directions.push(k);
    }
    let range: string | undefined;
    if (directions.length === 1 && particular.equals(identity.scale(Scalar.rational(1, 2)))) {
      const k = directions[0];
      const negDet = k.get(0, 1).mul(k.get(1, 0)).sub(k.get(0, 0).mul(k.get(1, 1)));
      if (negDet.isConstant() && negDet.constantValue().isRational()) {
        const bound = Scalar.sqrt(negDet).mul(Scalar.int(2)).inv();
        range = `|t| \\le ${bound.toLatex()}`;
      } else range = `|t| \\le \\frac{1}{2\\sqrt{${negDet.toLatex()}}}`;
    }
    steadyStates = { kind: 'family', particular, directions, ...(range ? { range } : {}), conditions: denominatorConditions([particular, ...directions]) };
  }

  // Eigenvalues on the imaginary axis, Jordan structure and 𝕊.
  const axis = spec.entries.filter((e) => e.onImaginaryAxis === true);
  const axisUndecided = spec.entries.some((e) => e.onImaginaryAxis === null);
  const jordanRows: { latex: string; algebraic: number; geometric: number; largestBlock: number }[] = [];
  const sBasis: ExactMatrix[] = [];
  let jordanKnown = !axisUndecided;
  for (const e of axis) {
    if (!e.exact) {
      jordanKnown = false;
      continue;
    }
    const { geometric, largest } = largestJordanBlock(generator, e.exact, e.multiplicity);
    jordanRows.push({ latex: e.latex, algebraic: e.multiplicity, geometric, largestBlock: largest });
    for (const v of nullSpace(generator.sub(ExactMatrix.identity(4).scale(e.exact)))) sBasis.push(unvec(v, 2));
  }
  const m = jordanKnown ? Math.max(0, ...jordanRows.map((r) => r.largestBlock - 1)) : null;
  const axisCount = axis.reduce((s, e) => s + e.multiplicity, 0);

  // Relaxing verdict.
  let relaxing: SteadyAnalysis['relaxing'];
  const nonzero = spec.entries.filter((e) => e.onImaginaryAxis !== true);
  if (!symbolic) {
    if (axisUndecided) relaxing = { verdict: null, reason: { kind: 'axis-undecided' }, conditions: [] };
    else if (kernel.length === 1 && axisCount === 1) relaxing = { verdict: true, reason: { kind: 'unique', decaying: 4 - axisCount }, conditions: [] };
    else if (kernel.length !== 1) {
      const undampedLatex = axis.filter((e) => !(e.exact && e.exact.isZero())).map((e) => e.latex);
      relaxing = { verdict: false, reason: { kind: 'kernel-not-unique', kernelDimension: kernel.length, undampedLatex }, conditions: [] };
    }
    else relaxing = { verdict: false, reason: { kind: 'undamped', undamped: axisCount - 1 }, conditions: [] };
  } else {
    const signs = nonzero.map((e) => (e.realPart.exact ? evidentSign(e.realPart.exact, positive) : null));
    if (kernel.length === 1 && axisCount === 1 && signs.every((s) => s === 'negative')) {
      relaxing = { verdict: true, reason: { kind: 'generic-unique' }, conditions: positive.size ? [{ kind: 'positive-parameters', params: [...positive] }] : [] };
    } else if (kernel.length !== 1) relaxing = { verdict: false, reason: { kind: 'generic-kernel', kernelDimension: kernel.length }, conditions: [] };
    else {
      relaxing = {
        verdict: null, reason: { kind: 'depends' },
        conditions: nonzero.map((e) => ({ kind: 'negative', latex: e.realPart.latex })),
      };
    }
  }

  // 𝕊.
  const whole = sBasis.length === 4;
  const invariantSubspace = { dimension: jordanKnown ? sBasis.length : null, basis: sBasis, whole };

  const mu = computeMu(nonzero.map((e) => e.realPart), positive, symbolic);
  return {
    generator, charpoly, charpolyLatex: `\\det(\\lambda I - \\bar{\\mathcal{L}}) = ${charpoly.toLatex()}`,
    spectrum: spec.entries, spectrumComplete: spec.complete, ...(symbolic ? { sampleParams: params } : {}),
    kernelDimension: kernel.length, steadyStates, relaxing, invariantSubspace, mu,
    jordan: { imaginaryAxis: jordanRows, m },
  };
}

/**
 * LaTeX of −x from the LaTeX of x: a leading minus sign is dropped, a number gains one, anything else
 * is bracketed (a numeric real part −0.165… must not print as --0.165…).
 * @example [negatedLatex('-0.165'), negatedLatex('0.5'), negatedLatex('a + b')].join(' | ') // => "0.165 | -0.5 | -\\left(a + b\\right)"
 */
export function negatedLatex(latex: string): string {
  if (/^-[0-9.]/.test(latex)) return latex.slice(1);
  if (/^[0-9.]/.test(latex)) return `-${latex}`;
  return `-\\left(${latex}\\right)`;
}

function computeMu(realParts: readonly RealPart[], positive: ReadonlySet<string>, symbolic: boolean): MuResult {
  // Deduplicate the candidates −Re λ.
  const cands: RealPart[] = [];
  for (const r of realParts) {
    const c: RealPart = r.exact
      ? { exact: r.exact.neg(), latex: r.exact.neg().toLatex(), numeric: r.numeric === null ? null : -r.numeric, ...(r.rule ? { rule: r.rule } : {}) }
      : { exact: null, latex: negatedLatex(r.latex), numeric: r.numeric === null ? null : -r.numeric, ...(r.rule ? { rule: r.rule } : {}) };
    if (c.exact && cands.some((x) => x.exact && x.exact.equals(c.exact!))) continue;
    if (!c.exact && cands.some((x) => !x.exact && x.latex === c.latex)) continue;
    cands.push(c);
  }
  if (cands.length === 0) {
    return { defined: false, exact: null, latex: '\\text{undefined}', numeric: null, candidates: [], rule: { kind: 'mu-undefined' }, conditions: [], regions: [] };
  }
  const exactAll = cands.every((c) => c.exact);
  if (exactAll) {
    // Find a candidate ≤ every other one, decided exactly (constants) or by evident sign (formulas).
    for (const c of cands) {
      let ok = true;
      const conds: ParameterCondition[] = [];
      for (const o of cands) {
        if (o === c) continue;
        const diff = o.exact!.sub(c.exact!);
        const s = symbolic ? evidentSign(diff, positive) : diff.isZero() ? 'zero' : diff.sign() > 0 ? 'positive' : 'negative';
        if (s === 'positive' || s === 'nonnegative' || s === 'zero') continue;
        ok = false;
        break;
      }
      if (!ok) continue;
      if (symbolic) {
        const s = evidentSign(c.exact!, positive);
        if (s !== 'positive') conds.push({ kind: 'positive', latex: c.exact!.toLatex() });
        else if (positive.size) conds.push({ kind: 'positive-parameters', params: [...positive] });
      }
      return {
        defined: true, exact: c.exact, latex: c.exact!.toLatex(), numeric: c.numeric, candidates: cands,
        rule: cands.length === 1 ? { kind: 'mu-only-candidate' } : symbolic ? { kind: 'mu-evident-minimum', muText: c.exact!.toString() } : { kind: 'mu-exact-minimum' },
        conditions: conds,
        regions: [],
      };
    }
  }
  const numeric = cands.every((c) => c.numeric !== null) ? Math.min(...cands.map((c) => c.numeric!)) : null;
  const regions = exactAll
    ? cands.map((c) => ({
        candidate: c.latex,
        condition: cands.filter((o) => o !== c).map((o) => `${o.exact!.sub(c.exact!).toLatex()} \\ge 0`).join(',\\ ') || '\\text{always}',
      }))
    : [];
  return {
    regions,
    defined: true, exact: null, latex: `\\min\\left\\{${cands.map((c) => c.latex).join(', ')}\\right\\}`, numeric, candidates: cands,
    rule: { kind: 'mu-region-dependent' },
    conditions: [],
  };
}
