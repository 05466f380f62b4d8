/**
 * Numerical checks of Theorems 1–4 along simulated trajectories.
 *
 * For each applicable theorem, at K_c = K_c* (the theorem modules' constant):
 * - the actual error curve against the theorem's bound on a grid of its time set, and a verdict; a
 *   violated bound is a counterexample, reported with the model, the time and the two values;
 * - the proofs' intermediate inequalities along the same trajectory, each as (lhs curve, rhs curve,
 *   holds?, max lhs/rhs), so a reader sees which step is loose:
 *     T1: eq. 25 (consensus error), eq. 28 (‖ρ̄‖_𝕊), the E(t) bound after eq. 28, and
 *         max_j‖ρ_j − ρ_r‖ ≤ (1 + √2)E(t) (end of Appendix A);
 *     T2: eq. 25, eq. 30 (‖e‖ = ‖ρ̄ − ρ_b‖), and C e^{−K_cλ_m t} + D(t)/K_c (end of Appendix B);
 *     T3: eq. 35 (‖ν̃‖ = ‖ρ − 𝒫_*ρ‖_F by eq. 37), eq. 36 (‖ẽ‖ = ‖P_dᵀvec ρ − y_d‖), and
 *         C e^{−K_cλ_m(Q_d)t} + D(t)/K_c (end of Appendix C);
 *     T4: eq. 35;
 *   these curves carry `EARLY_POINTS` extra log-spaced times before the grid's first step
 *   (`earlyTimes`), so the e^{−K_cλ_m t} transient (time scale 1/(K_cλ_m), ~10⁻⁴ at large K_c*) is
 *   resolved; the theorem's own curve and the verdict stay on the grid;
 * - the empirical smallest K_c meeting η on the theorem's time set, by geometric bisection until the
 *   bracket [lo, hi] has hi/lo ≤ 1.01 (K_c,empirical := hi, which meets η; lo does not). Assumption:
 *   the worst error over the time set is non-increasing in K_c on the bracket. It is checked: every
 *   evaluated (K_c, error) pair plus 6 log-spaced samples of the initial bracket are sorted by K_c and
 *   any increase beyond 1e-9 (relative) is reported.
 *
 * - when the study lists several η (`study.eta: [η₁, η₂, …]`), the same verdict and bisection at each
 *   further η, at that η's K_c*(η) (the theorem module's formula, other constants unchanged): `etaSweep`,
 *   the primary η₁ first. Theorem 1's time set moves with η (t* grows as ln(1/η)).
 *
 * Time sets: T1 {t ≥ t* = (2/μ)ln(C/η)} checked on [t*, t* + 10/μ] (after 10/μ the blended transient
 * e^{−μt} is below 5e-5 of its start, and eq. 5 is then at its K_c-dependent equilibrium); T2 and T3
 * [T₁, T₂]; T4 {t ≥ T₁} checked on [T₁, max(T₁ + 50, 2T₂, study end)] by `checkTheorems` (stated in
 * each result).
 * Trajectories: T1/T2 from eq. 5 (exact for separable models, 4n×4n dense exponential), T3/T4 from
 * eq. 4 (dense 4ⁿ×4ⁿ exponential for n ≤ 3, Krylov otherwise, or as `CheckOptions.fullMethod` and
 * `fullTolerance` say; the CLI's per-n plan is `coherentCheckPlan` in cli/pipeline.ts). For T3/T4 the
 * worst error at K_c*, computed for the verdict, is reused by the bisection, which can start its
 * bracket from `seeds` (the study gains) instead of descending from K_c* by factors of 4.
 *
 * The results are facts (the theorem, the time set, the trajectory, the proof step, how the bisection
 * ended, each as an id with its numbers); report/sections/check-text.ts writes their sentences.
 */
import type { NetworkModel } from '../model/network.ts';
import { matvecInto, vec, vecNorm, type CMatrix } from '../numeric/cmatrix.ts';
import { reducedNetworkGenerator, stackReducedStates } from '../simulate/reduced-dynamics.ts';
import { projectedDense } from '../simulate/coherent-dynamics.ts';
import { reducedSeries, fullSeries, coherentOnGrid, type FullSeries, type SimulationContext } from '../simulate/context.ts';
import type { SimulationProgress } from '../simulate/simulate.ts';
import { frobeniusDistance } from '../simulate/density.ts';
import { DEFAULT_FULL_TOLERANCE, type FullNetworkMethod, type FullNetworkOptions } from '../simulate/full-network.ts';
import { transientThreshold, type ConstantValue, type EtaThreshold } from './common.ts';
import type { TheoremResults } from './derive-theorems.ts';
import { PROOF_OUTLINE, type ProofOutlineStep } from './proof-outline.ts';

/** A number or an exact value that lowers to one (Scalar-like). */
export type Numberish = number | { toComplex(params?: Readonly<Record<string, number>>): [number, number] };

function num(x: Numberish): number {
  return typeof x === 'number' ? x : x.toComplex()[0];
}

/** K_c*(η) at one further error level of the study, from the theorem module's formula. */
export interface EtaThresholdValue {
  readonly eta: Numberish;
  readonly KcStar: Numberish;
}

/** Every theorem's constants may carry K_c*(η) for each η of the study (the primary first). */
interface EtaSweepInput {
  readonly KcStarByEta?: readonly EtaThresholdValue[];
}

/** Theorem 1's constants (Appendix A), as the theorem module states them. */
export interface Theorem1Constants extends EtaSweepInput {
  readonly KcStar: Numberish;
  readonly eta: Numberish;
  /** μ = |minimal nonzero real part| of the spectrum of 𝓛̄. */
  readonly mu: Numberish;
  /** λ_m(Q). */
  readonly lambdaMin: Numberish;
  /** ‖𝓛‖ = max_j ‖𝓛_j‖ (eq. 19). */
  readonly normL: Numberish;
  /** L_c, the Lipschitz constant of the eigen-coefficients. */
  readonly Lc: Numberish;
}

/** Theorem 2's constants (Appendix B); f(t) = M Σ_{j=0}^{m} t^j bounds ‖e^{𝓛̄t}‖. */
export interface Theorem2Constants extends EtaSweepInput {
  readonly KcStar: Numberish;
  readonly eta: Numberish;
  readonly T1: Numberish;
  readonly T2: Numberish;
  readonly lambdaMin: Numberish;
  readonly normL: Numberish;
  readonly M: Numberish;
  readonly m: number;
}

/** Theorem 3's constants (Appendix C); f_d(t) = M_d Σ_{j=0}^{m_d} t^j bounds ‖e^{Proj(A_d)t}‖. */
export interface Theorem3Constants extends EtaSweepInput {
  readonly KcStar: Numberish;
  readonly eta: Numberish;
  readonly T1: Numberish;
  readonly T2: Numberish;
  /** λ_m(Q_d). */
  readonly lambdaMin: Numberish;
  /** ‖A_d‖. */
  readonly normA: Numberish;
  readonly M: Numberish;
  readonly m: number;
}

/** Theorem 4's constants (Appendix D). */
export interface Theorem4Constants extends EtaSweepInput {
  readonly KcStar: Numberish;
  readonly eta: Numberish;
  readonly T1: Numberish;
  readonly lambdaMin: Numberish;
  readonly normA: Numberish;
}

export interface TheoremConstants {
  readonly T1?: Theorem1Constants;
  readonly T2?: Theorem2Constants;
  readonly T3?: Theorem3Constants;
  readonly T4?: Theorem4Constants;
}

/**
 * The steps of the proofs the checks evaluate (the report names each and cites its equation,
 * report/sections/check-text.ts):
 * - 'consensus': eq. 25, max_j‖ρ_j − ρ̄‖_F (Theorems 1–2);
 * - 'mean-on-subspace': eq. 28, ‖ρ̄‖_𝕊 (Theorem 1);
 * - 'combined-error': the bound on E(t) after eq. 28 (Theorem 1);
 * - 'reduced-to-steady': max_j‖ρ_j − ρ_r‖_F ≤ (1 + √2)E(t), end of Appendix A;
 * - 'mean-to-blended': eq. 30, ‖ρ̄ − ρ_b‖_F (Theorem 2);
 * - 'reduced-to-blended': max_j‖ρ_j − ρ_b‖_F, end of Appendix B;
 * - 'symmetrization': eq. 35 with eq. 37, ‖ρ − 𝒫_*ρ‖_F (Theorems 3–4);
 * - 'orbit-coordinates': eq. 36, ‖P_dᵀvec ρ − y_d‖ (Theorem 3);
 * - 'triangle': the first display of Appendix C (Theorem 3);
 * - 'coherent-combined': the bound at the end of Appendix C (Theorem 3).
 */
export type ProofStepId =
  | 'consensus'
  | 'mean-on-subspace'
  | 'combined-error'
  | 'reduced-to-steady'
  | 'mean-to-blended'
  | 'reduced-to-blended'
  | 'symmetrization'
  | 'orbit-coordinates'
  | 'triangle'
  | 'coherent-combined';

/** One inequality evaluated along a trajectory. */
export interface InequalityCheck {
  /** Which step of the proof (its statement and equation are the report's, check-text.ts). */
  readonly step: ProofStepId;
  readonly t: readonly number[];
  readonly lhs: readonly number[];
  readonly rhs: readonly number[];
  readonly holds: boolean;
  /** max_t lhs/rhs over the whole grid (≤ 1 when it holds; small means loose). */
  readonly maxRatio: number;
  readonly tAtMaxRatio: number;
  /** max lhs/rhs over the theorem's time set only (how loose the step is where the theorem speaks). */
  readonly maxRatioOnTimeSet: number;
  /**
   * The right-hand side with the errata of derive-theorems.ts (`proofErrata`) corrected, where they
   * change this step (Theorem 1: eq. 28 and the E(t) bound; Theorem 2: eq. 30 and D(t)); absent otherwise.
   */
  readonly rhsCorrected?: readonly number[];
  /** Both sides (and the corrected right side) at the first grid time of the theorem's time set. */
  readonly at: { readonly t: number; readonly lhs: number; readonly rhs: number; readonly rhsCorrected?: number };
}

/**
 * The numbers a proof substitutes, as the evaluation used them at its K_c (K_c* for the check; the
 * walkthrough writes each line of the proof with them): n, K_c, λ_m (of Q, or of Q_d for Theorems
 * 3–4), η, and
 * - C0: Theorems 1–2 C₀ = √(Σ_j‖ρ_j(0) − ρ̄(0)‖²_F) (eqs. 24–25), Theorems 3–4 C = ‖ν̃(0)‖ (eqs. 35, 37);
 * - Theorem 1: ‖𝓛‖, μ, L_c, C₁ = C₀ + L_c, C = (1 + √2)C₁, D (paper) and D′ (re-derived);
 * - Theorem 2: ‖𝓛‖, M and m of f(t), T₁, T₂, D(T₂) (paper) and D(T₂)′ (re-derived);
 * - Theorem 3: ‖A_d‖, M_d and m_d of f_d(t), T₁, T₂, D(T₂);
 * - Theorem 4: ‖A_d‖, T₁;
 * - the terms of the maximum that defines K_c* (`thresholds`), and of K_c*′ where the errata change it.
 */
export interface ProofNumbers {
  readonly n: number;
  readonly Kc: number;
  readonly lambdaMin: number;
  readonly eta: number;
  readonly C0: number;
  readonly normL?: number;
  readonly mu?: number;
  readonly Lc?: number;
  readonly C1?: number;
  /** Theorem 1's transient constant C = (1 + √2)C₁ (statement, eq. 7). */
  readonly C?: number;
  readonly D?: number;
  readonly DPrime?: number;
  readonly M?: number;
  readonly m?: number;
  readonly normA?: number;
  readonly T1?: number;
  readonly T2?: number;
  /** K_c* = max of `paper`; K_c*′ = max of `corrected` (Theorems 1–2). */
  readonly thresholds: { readonly paper: readonly number[]; readonly corrected?: readonly number[] };
}

export interface Counterexample {
  readonly model: string;
  readonly theorem: string;
  readonly Kc: number;
  readonly t: number;
  readonly value: number;
  readonly bound: number;
}

/**
 * How the search for the empirical K_c ended: 'bisected' to hi/lo ≤ `ratio` (its bracket found from
 * `seeds` when there were any, else by factors of 4 from K_c*); 'below-range': every K_c down to `min`
 * meets η; 'above-range': no K_c up to `max` does; 'not-run': skipped, for the caller's `reason`.
 */
export type BisectionOutcome =
  | { readonly kind: 'bisected'; readonly ratio: number; readonly seeds: readonly number[] }
  | { readonly kind: 'below-range'; readonly min: number }
  | { readonly kind: 'above-range'; readonly max: number }
  | { readonly kind: 'not-run'; readonly reason: string };

/**
 * A failure of the bisection's assumption: the worst error rises from `errorFrom` at `KcFrom` to
 * `errorTo` at the next evaluated gain `KcTo`, or the final bracket is inconsistent (lo meets η or hi
 * does not).
 */
export type MonotonicityViolation =
  | { readonly kind: 'error-rises'; readonly KcFrom: number; readonly errorFrom: number; readonly KcTo: number; readonly errorTo: number }
  | { readonly kind: 'bracket-inconsistent' };

export interface BisectionResult {
  /** Smallest K_c found meeting η (the upper end of the final bracket). */
  readonly KcEmpirical: number | null;
  readonly bracket: readonly [number, number] | null;
  /** (K_c, worst error on the time set) at every evaluation, sorted by K_c. */
  readonly evaluations: readonly (readonly [number, number])[];
  readonly monotone: boolean;
  readonly monotonicityViolations: readonly MonotonicityViolation[];
  readonly outcome: BisectionOutcome;
}

/**
 * The time set a check covers, [from, to] as checked: 'after-t-star', Theorem 1's {t ≥ t*} with
 * t* = (2/μ)ln(C/η), checked on [t*, t* + 10/μ] (C and μ as used); 'window', [T₁, T₂] (Theorems 2–3);
 * 'after-t1', Theorem 4's {t ≥ T₁}, checked on [T₁, to].
 */
export type CheckTimeSet =
  | { readonly kind: 'after-t-star'; readonly from: number; readonly to: number; readonly C: number; readonly mu: number }
  | { readonly kind: 'window'; readonly from: number; readonly to: number }
  | { readonly kind: 'after-t1'; readonly from: number; readonly to: number };

/**
 * The trajectory a check runs along: eq. 5 (Theorems 1–2, exact for separable models) by its method,
 * or eq. 4 (Theorems 3–4) by its method, with the Krylov tolerance the caller set (null when left at
 * the default) and, for Theorem 3, eq. 17 in the orbit basis beside it.
 */
export type CheckTrajectory =
  | { readonly equation: 5; readonly method: 'dense-expm' | 'krylov' }
  | { readonly equation: 4; readonly method: FullNetworkMethod; readonly tolerance: number | null; readonly withEq17: boolean };

/** The check at one η of the study: verdict at K_c*(η), empirical K_c(η) and their ratio. */
export interface EtaSweepEntry {
  readonly eta: number;
  readonly KcStar: number;
  /** K_c*′(η), the threshold with the errata corrected (Theorems 1–2, `ProofNumbers.thresholds`); null when the paper's stands. */
  readonly KcStarPrime: number | null;
  readonly holdsAtKcStar: boolean;
  readonly KcEmpirical: number | null;
  /** K_c*(η) ÷ K_c,empirical(η). */
  readonly ratio: number | null;
  /** Whether the bisection's monotonicity check passed (see `BisectionResult`). */
  readonly monotone: boolean;
}

export interface TheoremCheck {
  /** Which theorem (its statement is the report's, check-text.ts). */
  readonly theorem: 'T1' | 'T2' | 'T3' | 'T4';
  readonly KcStar: number;
  readonly eta: number;
  /** The time set checked. */
  readonly timeSet: CheckTimeSet;
  /** The error the theorem bounds, and the bound, along the grid at K_c*. */
  readonly curve: { readonly t: readonly number[]; readonly error: readonly number[]; readonly bound: readonly number[] };
  readonly holdsAtKcStar: boolean;
  readonly counterexample: Counterexample | null;
  readonly KcEmpirical: number | null;
  /** K_c* ÷ K_c,empirical (how conservative the theorem is). */
  readonly ratio: number | null;
  readonly bisection: BisectionResult;
  readonly intermediate: readonly InequalityCheck[];
  /** The numbers the proof's lines substitute (see `ProofNumbers`). */
  readonly proofNumbers: ProofNumbers;
  /** The lines of the proof in the appendix's order (proof-outline.ts). */
  readonly outline: readonly ProofOutlineStep[];
  readonly trajectory: CheckTrajectory;
  /**
   * For the eq. 4 trajectories of Theorems 3–4: the integration tolerance on ‖ρ(t)‖_F (null for the
   * dense exponential, accurate to rounding) and the double-precision floor of that trajectory at
   * K_c* (simulate/full-network.ts `roundoffFloor`), which the tolerance cannot go below.
   */
  readonly precision?: { readonly tolerance: number | null; readonly roundoffFloor: number };
  /** Present when the study lists several η: one entry per η, the primary (this check's) first. */
  readonly etaSweep?: readonly EtaSweepEntry[];
  /** The certified supremum of the error on the time set at K_c* (the bisection certifies every K_c it tries the same way). */
  readonly supremumAtKcStar?: CertifiedSupremum;
}

/**
 * One theorem's claim and its proof's steps evaluated along the trajectory at one K_c (the check does
 * this at K_c*; an interactive view at the K_c a reader chooses): the error against the theorem's
 * bound on its time set, the first violation if any, the worst error on the time set (the empirical
 * K_c's criterion: at most η), and each intermediate inequality with both sides at this K_c.
 */
export interface TheoremEvaluation {
  readonly theorem: 'T1' | 'T2' | 'T3' | 'T4';
  readonly Kc: number;
  readonly eta: number;
  readonly timeSet: CheckTimeSet;
  readonly curve: { readonly t: readonly number[]; readonly error: readonly number[]; readonly bound: readonly number[] };
  /** The first point of the time set where the error exceeds the bound (null: the bound holds at this K_c). */
  readonly counterexample: Counterexample | null;
  /** max of the error over the time set's grid points (sampled). */
  readonly worstOnTimeSet: number;
  /** The supremum of the error over the whole time set, certified between grid points (`certifySupremum`). */
  readonly supremum: CertifiedSupremum;
  readonly intermediate: readonly InequalityCheck[];
  /** The numbers the proof's lines substitute at this K_c. */
  readonly proofNumbers: ProofNumbers;
  readonly trajectory: CheckTrajectory;
  readonly precision?: TheoremCheck['precision'];
}

/**
 * The supremum of an error curve over a time set, certified rather than sampled, to the precision the
 * question "is it at most η?" needs. Along each theorem's trajectory the error e(t) cannot rise faster
 * than a rate L⁺ that does not depend on K_c (the coupling only pulls states together), so on a step
 * [a, a + h] it stays below e(a) + L⁺h. A step whose bound exceeds both η and the best value found
 * (plus the tolerance) is split into 8 and evaluated again, until none is left or a value above η is
 * found. `upper` is a certified upper bound of the supremum (the values found and every discarded
 * step's bound); `attained` the largest value evaluated (at `tAttained`), a lower bound; `gridMax` the
 * largest on the check's grid alone. Outcome: 'resolved' (upper − attained ≤ tolerance), 'below-eta'
 * (upper ≤ η, the supremum not resolved further), 'above-eta' (attained > η: the search stopped),
 * 'budget' (the refinement budget ran out; upper is still a bound).
 */
export interface CertifiedSupremum {
  readonly gridMax: number;
  readonly attained: number;
  readonly tAttained: number;
  readonly upper: number;
  readonly tolerance: number;
  /** Error values computed between grid points. */
  readonly refinements: number;
  readonly outcome: 'resolved' | 'below-eta' | 'above-eta' | 'budget';
  /**
   * Which rise-rate bound was used: 'reduced-to-steady' (Theorem 1, ‖𝓛‖), 'reduced-to-blended'
   * (Theorem 2, 2‖𝓛‖), 'coherent' (Theorem 3, ‖A_d‖(1 + e^{‖A_d‖h}‖y_d(a)‖)), 'symmetrization'
   * (Theorem 4, ‖A_d‖); the reasons are in `certifySupremum`'s callers.
   */
  readonly rate: 'reduced-to-steady' | 'reduced-to-blended' | 'coherent' | 'symmetrization';
}

/** A theorem's K_c-independent setting (grid, time set, constants), evaluated at any K_c by `at`. */
interface TheoremSetup {
  readonly KcStar: number;
  readonly eta: number;
  /** The evaluation at K_c; without `steps` the proof's intermediate inequalities are left out (empty). */
  at(Kc: number, steps?: boolean): TheoremEvaluation;
  /** The certified supremum of the error on the time set at K_c (what the bisection evaluates; no intermediate steps). */
  worst(Kc: number): number;
  /** The empirical K_c, given the evaluation at K_c* (its worst error is reused). */
  bisect(atKcStar: TheoremEvaluation): BisectionResult;
}

/** The check of a theorem: its evaluation at K_c* and the bisection for the empirical K_c. */
function checkFromSetup(setup: TheoremSetup): TheoremCheck {
  const ev = setup.at(setup.KcStar);
  const bisection = setup.bisect(ev);
  return {
    theorem: ev.theorem,
    KcStar: setup.KcStar,
    eta: setup.eta,
    timeSet: ev.timeSet,
    curve: ev.curve,
    ...verdictAtKcStar(ev.counterexample, bisection, setup.KcStar),
    intermediate: ev.intermediate,
    proofNumbers: ev.proofNumbers,
    outline: PROOF_OUTLINE[ev.theorem],
    trajectory: ev.trajectory,
    supremumAtKcStar: ev.supremum,
    ...(ev.precision ? { precision: ev.precision } : {}),
  };
}

export interface CheckOptions {
  onProgress?: (p: SimulationProgress) => void;
  /** Override η (e.g. Example 1 at η = 0.05 and 0.01); K_c* is then the caller's, and no η sweep runs. */
  eta?: number;
  /** Points per grid segment (default 200). */
  points?: number;
  /** Relative slack for round-off in comparisons (default 1e-9). */
  slack?: number;
  /** Eq. 4 method for Theorems 3–4 (default auto: dense exponential for n ≤ 3, Krylov otherwise). */
  fullMethod?: FullNetworkOptions['method'];
  /** Krylov tolerance on ‖ρ(t)‖_F for Theorems 3–4 (default 1e-11, `propagateFullNetwork`'s). */
  fullTolerance?: number;
  /**
   * Gains tried first when bracketing the empirical K_c of Theorems 3–4 (e.g. the study gains, below
   * K_c*): the smallest one meeting η and the one below it bracket K_c,empirical without descending
   * from K_c* by factors of 4 (each step a propagation at a large, stiff K_c).
   */
  seeds?: readonly number[];
  /** Theorems whose bisection is not run, with the reason stated in the result (verdict at K_c* only). */
  skipBisection?: { readonly T3?: string; readonly T4?: string };
}

const SQRT2 = Math.SQRT2;

/** The bisection stops when its bracket [lo, hi] has hi/lo at most this (K_c,empirical to 1 %). */
const BISECTION_RATIO = 1.01;

function linspace(a: number, b: number, k: number): number[] {
  if (k <= 1 || b === a) return [a];
  return Array.from({ length: k }, (_, i) => (i === k - 1 ? b : a + ((b - a) * i) / (k - 1)));
}

/**
 * A grid on [0, b] with a as a grid point and about k points on [a, b]. When one step h divides both a
 * and b − a (e.g. T₁ = 1, T₂ = 10) the grid is uniform, so a dense propagator needs one exponential;
 * otherwise [0, a] and [a, b] are uniform separately.
 */
function twoSegmentGrid(a: number, b: number, k: number): number[] {
  if (!(a > 0)) return linspace(0, b, k);
  const h0 = (b - a) / (k - 1);
  const n1 = Math.max(2, Math.ceil(a / h0));
  const h = a / n1;
  const n2 = Math.round((b - a) / h);
  if (n2 >= 1 && Math.abs(a + n2 * h - b) <= 1e-12 * Math.max(1, b)) {
    return Array.from({ length: n1 + n2 + 1 }, (_, i) => (i === n1 ? a : i === n1 + n2 ? b : i * h));
  }
  return [...linspace(0, a, Math.max(2, Math.ceil(k / 4))), ...linspace(a, b, k).slice(1)];
}

/** Log-spaced times added before the first grid point to the intermediate inequalities' curves. */
export const EARLY_POINTS = 40;

/**
 * `EARLY_POINTS` log-spaced times from 10⁻³/rate up to (excluding) t[1], or none when the grid already
 * resolves the decay e^{−rate·t} (t[1]·rate ≤ 1). rate = K_cλ_m: the first inequality of each proof
 * (eqs. 25, 35) decays on the time scale 1/(K_cλ_m), ~10⁻⁴ at large K_c*, far below the grid step.
 * @example earlyTimes([0, 1, 2], 1e4).length // => 40
 */
export function earlyTimes(t: readonly number[], rate: number): number[] {
  if (t.length < 2 || !(rate > 0)) return [];
  const a = 1e-3 / rate;
  const b = t[1] - t[0];
  if (!(b * rate > 1)) return [];
  return Array.from({ length: EARLY_POINTS }, (_, i) => t[0] + a * (b / a) ** (i / EARLY_POINTS));
}

/** The grid t with the early times inserted after t[0]. */
function refinedGrid(t: readonly number[], early: readonly number[]): number[] {
  return [t[0], ...early, ...t.slice(1)];
}

/** A series on the refined grid: its values on [t[0], …early] followed by the main grid's from t[1]. */
function refined(early: readonly number[] | null | undefined, main: readonly number[]): number[] {
  return early ? [...early, ...main.slice(1)] : [...main];
}

/**
 * Absolute round-off level of the inequalities' two sides (norms of states with ‖ρ‖_F ≤ 1 computed in
 * doubles): a side below it is zero as far as the trajectory can tell.
 */
const ROUNDOFF_LEVEL = 1e-14;

function inequality(step: ProofStepId, t: readonly number[], lhs: readonly number[], rhs: readonly number[], slack: number, timeSet: readonly [number, number], rhsCorrected?: readonly number[]): InequalityCheck {
  let holds = true;
  let maxRatio = 0;
  let maxRatioOnTimeSet = 0;
  let tAt = t[0];
  t.forEach((tk, k) => {
    if (lhs[k] > rhs[k] * (1 + slack) + ROUNDOFF_LEVEL) holds = false;
    // Where the bound itself is at round-off level (e.g. t = 0 with a symmetric ρ(0)), lhs/rhs is a
    // ratio of rounding errors: count it only when lhs is above that level too (then it is a failure).
    const r = rhs[k] > ROUNDOFF_LEVEL ? lhs[k] / rhs[k] : lhs[k] > ROUNDOFF_LEVEL ? Infinity : 0;
    if (r > maxRatio) {
      maxRatio = r;
      tAt = tk;
    }
    if (tk >= timeSet[0] && tk <= timeSet[1] && r > maxRatioOnTimeSet) maxRatioOnTimeSet = r;
  });
  // The first grid time of the time set (its start is a grid point, `twoSegmentGrid`).
  const k0 = Math.max(0, t.findIndex((tk) => tk >= timeSet[0]));
  const at = { t: t[k0], lhs: lhs[k0], rhs: rhs[k0], ...(rhsCorrected ? { rhsCorrected: rhsCorrected[k0] } : {}) };
  return { step, t, lhs, rhs, holds, maxRatio, tAtMaxRatio: tAt, maxRatioOnTimeSet, ...(rhsCorrected ? { rhsCorrected } : {}), at };
}

/**
 * Smallest K_c with worstError(K_c) ≤ η, by bracketing down (÷4) or up (×4) from K_c* and geometric
 * bisection to hi/lo ≤ 1.01, with the monotonicity check described in the module docblock.
 */
export function bisectGain(
  worstError: (Kc: number) => number,
  eta: number,
  start: number,
  options: { min?: number; max?: number; known?: readonly (readonly [number, number])[]; seeds?: readonly number[] } = {},
): BisectionResult {
  const minK = options.min ?? 1e-3;
  const maxK = options.max ?? 1e9;
  const evals = new Map<number, number>(options.known?.map(([k, e]) => [k, e] as [number, number]));
  const seeds = [...new Set(options.seeds ?? [])].filter((k) => k >= minK && k < start).sort((a, b) => a - b);
  const f = (K: number): number => {
    let e = evals.get(K);
    if (e === undefined) {
      e = worstError(K);
      evals.set(K, e);
    }
    return e;
  };
  let hi = start;
  let lo: number;
  // Seeds below K_c*: the first (ascending) meeting η is an upper end; the seed before it a lower one.
  const firstMeeting = f(start) <= eta ? seeds.findIndex((k) => f(k) <= eta) : -1;
  if (firstMeeting > 0) {
    lo = seeds[firstMeeting - 1];
    hi = seeds[firstMeeting];
  } else if (seeds.length > 0 && f(start) <= eta && firstMeeting < 0) {
    // Every seed fails: climb from the largest by ×4, never past K_c* (which meets η).
    lo = seeds[seeds.length - 1];
    while (lo * 4 < hi && f(lo * 4) > eta) lo *= 4;
    if (lo * 4 < hi) hi = lo * 4;
  } else if (f(hi) <= eta) {
    if (firstMeeting === 0) hi = seeds[0];
    lo = hi / 4;
    while (f(lo) <= eta) {
      hi = lo;
      lo /= 4;
      if (lo < minK) return finish(null, null, { kind: 'below-range', min: minK });
    }
  } else {
    lo = hi;
    hi *= 4;
    while (f(hi) > eta) {
      lo = hi;
      hi *= 4;
      if (hi > maxK) return finish(null, null, { kind: 'above-range', max: maxK });
    }
  }
  const initial: [number, number] = [lo, hi];
  while (hi / lo > BISECTION_RATIO) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) <= eta) hi = mid;
    else lo = mid;
  }
  // Monotonicity samples inside the initial bracket.
  for (let i = 1; i <= 6; i++) f(initial[0] * (initial[1] / initial[0]) ** (i / 7));
  return finish(hi, [lo, hi], { kind: 'bisected', ratio: BISECTION_RATIO, seeds });

  function finish(K: number | null, bracket: [number, number] | null, outcome: BisectionOutcome): BisectionResult {
    const evaluations = [...evals.entries()].sort((a, b) => a[0] - b[0]);
    const violations: MonotonicityViolation[] = [];
    for (let i = 1; i < evaluations.length; i++) {
      const [k0, e0] = evaluations[i - 1];
      const [k1, e1] = evaluations[i];
      if (e1 > e0 * (1 + 1e-9) + 1e-15) violations.push({ kind: 'error-rises', KcFrom: k0, errorFrom: e0, KcTo: k1, errorTo: e1 });
    }
    // Consistency of the bracket: lo fails and hi meets η.
    if (bracket && !(f(bracket[0]) > eta && f(bracket[1]) <= eta)) violations.push({ kind: 'bracket-inconsistent' });
    return { KcEmpirical: K, bracket, evaluations, monotone: violations.length === 0, monotonicityViolations: violations, outcome };
  }
}

/** C₀ = √(Σ_j ‖ρ_j(0) − ρ̄(0)‖²_F), the initial consensus error of eqs. 24–25. */
export function initialConsensusError(ctx: SimulationContext): number {
  const n = ctx.n;
  const mean = new Float64Array(8);
  for (const r of ctx.reducedInitial) for (let q = 0; q < 8; q++) mean[q] += r.data[q] / n;
  let s = 0;
  for (const r of ctx.reducedInitial) s += frobeniusDistance(r.data, mean) ** 2;
  return Math.sqrt(s);
}

/**
 * Settings every check shares: the relative slack allowed on a bound (round-off, default 1e-9), the
 * number of grid points (default 200), the theorem's K_c* and η (overridable for a study).
 */
function checkSettings(c: { KcStar: Numberish; eta: Numberish }, options: CheckOptions) {
  return {
    slack: options.slack ?? 1e-9,
    points: options.points ?? 200,
    KcStar: num(c.KcStar),
    eta: options.eta ?? num(c.eta),
  };
}

/**
 * The verdict fields every check shares: the bound holds at K_c* when no violation was found, and
 * the ratio K_c^* / K_c,empirical says how conservative the theorem's constant is.
 */
function verdictAtKcStar(counterexample: Counterexample | null, bisection: BisectionResult, KcStar: number) {
  return {
    holdsAtKcStar: counterexample === null,
    counterexample,
    KcEmpirical: bisection.KcEmpirical,
    ratio: bisection.KcEmpirical ? KcStar / bisection.KcEmpirical : null,
    bisection,
  };
}

function firstViolation(model: NetworkModel, theorem: string, Kc: number, t: readonly number[], err: readonly number[], bound: readonly number[], slack: number, from: number, to: number): Counterexample | null {
  for (let k = 0; k < t.length; k++) {
    if (t[k] < from || t[k] > to) continue;
    if (err[k] > bound[k] * (1 + slack) + ROUNDOFF_LEVEL) {
      return {
        model: model.name, theorem, Kc, t: t[k], value: err[k], bound: bound[k],
      };
    }
  }
  return null;
}

function maxOn(t: readonly number[], v: readonly number[], from: number, to: number): number {
  let m = 0;
  t.forEach((tk, k) => {
    if (tk >= from && tk <= to && v[k] > m) m = v[k];
  });
  return m;
}

function maxOver(series: readonly (readonly number[])[], k: number): number {
  let m = 0;
  for (const s of series) if (s[k] > m) m = s[k];
  return m;
}

/** The certified supremum is resolved to this fraction of η (far below the bisection's 1 % bracket). */
export const SUPREMUM_TOLERANCE = 1e-3;

/** Error evaluations between grid points allowed per supremum (beyond it `upper` stays certified, looser). */
const MAX_REFINEMENTS = 20_000;

/** Each refined step is split into this many. */
const SPLIT = 8;

/** A time and the error there, with the rise-rate bound L⁺(h) valid on [t, t + h]. */
interface ErrorSample {
  readonly value: number;
  readonly rate: (h: number) => number;
}

/**
 * The certified supremum of an error curve over [from, to] (see `CertifiedSupremum`): `samples` at the
 * grid points t, `evaluate(times)` the error (and rate) at further (increasing) times, `eta` the level
 * decided, `tolerance` absolute.
 */
export function certifySupremum(
  t: readonly number[], samples: readonly ErrorSample[], from: number, to: number,
  evaluate: (times: number[]) => ErrorSample[], eta: number, tolerance: number, rate: CertifiedSupremum['rate'],
): CertifiedSupremum {
  let best = 0;
  let tBest = from;
  let open: { a: number; h: number; s: ErrorSample }[] = [];
  for (let k = 0; k < t.length; k++) {
    if (t[k] < from || t[k] > to) continue;
    if (samples[k].value > best) [best, tBest] = [samples[k].value, t[k]];
    if (k + 1 < t.length && t[k + 1] <= to) open.push({ a: t[k], h: t[k + 1] - t[k], s: samples[k] });
  }
  const gridMax = best;
  let discarded = 0;
  let refinements = 0;
  const bound = (i: { h: number; s: ErrorSample }) => i.s.value + i.s.rate(i.h) * i.h;
  for (;;) {
    const keep: typeof open = [];
    for (const i of open) {
      const b = bound(i);
      if (b > Math.max(best + tolerance, eta)) keep.push(i);
      else discarded = Math.max(discarded, b);
    }
    open = keep;
    if (open.length === 0 || best > eta || refinements + open.length * (SPLIT - 1) > MAX_REFINEMENTS) break;
    const times = open.flatMap((i) => Array.from({ length: SPLIT - 1 }, (_, m) => i.a + ((m + 1) * i.h) / SPLIT));
    const order = times.map((_, k) => k).sort((x, y) => times[x] - times[y]);
    const values = evaluate(order.map((k) => times[k]));
    const at = new Array<ErrorSample>(times.length);
    order.forEach((k, r) => (at[k] = values[r]));
    refinements += times.length;
    const next: typeof open = [];
    open.forEach((i, q) => {
      const h = i.h / SPLIT;
      next.push({ a: i.a, h, s: i.s });
      for (let m = 0; m < SPLIT - 1; m++) {
        const s = at[q * (SPLIT - 1) + m];
        if (s.value > best) [best, tBest] = [s.value, times[q * (SPLIT - 1) + m]];
        next.push({ a: times[q * (SPLIT - 1) + m], h, s });
      }
    });
    open = next;
  }
  const upper = Math.max(best, discarded, ...open.map(bound));
  const outcome = best > eta ? 'above-eta' : open.length > 0 ? 'budget' : upper - best <= tolerance ? 'resolved' : 'below-eta';
  return { gridMax, attained: best, tAttained: tBest, upper, tolerance, refinements, outcome, rate };
}

/**
 * The number the bisection compares with η, decided by the certificate: the largest value found when
 * that already settles the comparison (certified below η, or a value above η found), else the
 * certified upper bound (so an unresolved step counts against meeting η).
 */
function decisive(s: CertifiedSupremum, eta: number): number {
  return s.upper <= eta || s.attained > eta ? s.attained : s.upper;
}

/**
 * The rise bound from the state's speed: for dx/dt = Gx with G = G₀ − K_c(Laplacian part), the
 * Laplacian part symmetric negative semidefinite, the logarithmic norm of G is at most ‖G₀‖ = L, so
 * ‖ẋ(a + s)‖ = ‖e^{Gs}ẋ(a)‖ ≤ e^{Ls}‖ẋ(a)‖ and |e(a + h) − e(a)| ≤ speed·(e^{Lh} − 1)/L for any error e
 * that is 1-Lipschitz in x. As an average rate over [a, a + h]: min(the K_c-independent rate, that / h).
 */
function speedRate(speed: number, L: number, flat: number): (h: number) => number {
  const s = speed * (1 + 1e-9);
  const up = L * (1 + 1e-9);
  return (h) => Math.min(flat * (1 + 1e-9), h > 0 ? (s * Math.expm1(up * h)) / (up * h) : s);
}

function matVec(a: CMatrix, x: Float64Array): Float64Array {
  return matvecInto(new Float64Array(2 * a.rows), a, x);
}

/** ‖dy/dt‖ of eq. 5 at each point of a series: ‖(⊕𝓛_j − K_c Q⊗I)y‖ with y = (vec ρ_j)_j. */
function reducedSpeeds(ctx: SimulationContext, Kc: number, s: ReturnType<typeof reducedSeries>): number[] {
  const G = reducedNetworkGenerator(ctx.separableData!.locals, ctx.edges, Kc);
  return s.t.map((_, k) => vecNorm(matVec(G, stackReducedStates(s.rho.map((r) => r[k])))));
}

/** ‖𝓛̄ρ_b‖ of eq. 6 at each point of a series. */
function blendedSpeeds(ctx: SimulationContext, s: ReturnType<typeof reducedSeries>): number[] {
  return s.rhoB.map((r) => vecNorm(matVec(ctx.separableData!.blendedGenerator, vec(r))));
}

/**
 * Theorem 1 (relaxing separable model) at any K_c: the bound (7) along eq. 5 and the steps of
 * Appendix A, on a grid fixed by the constants (t* and the horizon do not depend on K_c).
 */
function theorem1Setup(ctx: SimulationContext, c: Theorem1Constants, options: CheckOptions & { horizon?: number }): TheoremSetup {
  const sep = ctx.separableData;
  if (!sep || !sep.relaxing || !sep.steadyState) throw new Error('Theorem 1 needs a separable model with relaxing 𝓛̄');
  const { slack, points, KcStar, eta } = checkSettings(c, options);
  const mu = num(c.mu);
  const lam = num(c.lambdaMin);
  const normL = num(c.normL);
  const Lc = num(c.Lc);
  const n = ctx.n;
  const S0 = initialConsensusError(ctx);
  const C1 = S0 + Lc;
  const C = (1 + SQRT2) * C1;
  const tStar = C > eta ? (2 / mu) * Math.log(C / eta) : 0;
  // The study's horizon when it gives one (never before t*), else 10/μ past t*.
  const horizon = options.horizon !== undefined ? Math.max(tStar, options.horizon) : tStar + 10 / mu;
  const t = twoSegmentGrid(tStar, horizon, points);
  const bound = t.map((tk) => (tk <= tStar ? C * Math.exp((-mu * tk) / 2) : eta));
  const timeSet: CheckTimeSet = { kind: 'after-t-star', from: tStar, to: horizon, C, mu };
  const at = (Kc: number, steps = true): TheoremEvaluation => {
    const D = (n * normL) / lam + ((Lc * normL) / lam) * (S0 / n + normL / mu);
    // D′ re-derived (theorem1.ts): n‖𝓛‖/λ_m + (L_c‖𝓛‖/λ_m)(2C₀ + n‖𝓛‖/μ).
    const Dc = (n * normL) / lam + ((Lc * normL) / lam) * (2 * S0 + (n * normL) / mu);
    const rs = reducedSeries(ctx, Kc, t);
    const err = t.map((_, k) => maxOver(rs.distToSteady!, k));
    const E = t.map((_, k) => rs.consensusError[k] + rs.averageToSubspace[k]);
    // The intermediate curves, with the early transient at rate K_cλ_m resolved (main grid from t[1]).
    const early = steps ? earlyTimes(t, Kc * lam) : [];
    const rsE = early.length > 0 ? reducedSeries(ctx, Kc, [t[0], ...early]) : null;
    const ti = refinedGrid(t, early);
    const consensusI = refined(rsE?.consensusError, rs.consensusError);
    const subspaceI = refined(rsE?.averageToSubspace, rs.averageToSubspace);
    const EI = refined(rsE?.t.map((_, k) => rsE.consensusError[k] + rsE.averageToSubspace[k]), E);
    const errI = refined(rsE?.t.map((_, k) => maxOver(rsE.distToSteady!, k)), err);
    return {
      theorem: 'T1', Kc, eta, timeSet,
      curve: { t, error: err, bound },
      counterexample: firstViolation(ctx.model, 'Theorem 1', Kc, t, err, bound, slack, 0, horizon),
      worstOnTimeSet: maxOn(t, err, tStar, horizon),
      supremum: supremum(Kc, rs),
      intermediate: !steps ? [] : [
        inequality('consensus', ti, consensusI,
          ti.map((tk) => S0 * Math.exp(-Kc * lam * tk) + (n * normL) / (Kc * lam)), slack, [tStar, horizon]),
        inequality('mean-on-subspace', ti, subspaceI,
          ti.map((tk) => Lc * Math.exp(-mu * tk) + ((Lc * normL) / (Kc * lam)) * (S0 / n + normL / mu)), slack, [tStar, horizon],
          // Kernel e^{λ(t−τ)} and the mean bounded by ‖𝓛‖max_j (errata theorem1-kernel, mean-bound; K_c ≥ 2μ/λ_m).
          ti.map((tk) => Lc * Math.exp(-mu * tk) + ((Lc * normL) / (Kc * lam)) * (2 * S0 + (n * normL) / mu))),
        inequality('combined-error', ti, EI,
          ti.map((tk) => C1 * Math.exp(-Math.min(mu, Kc * lam) * tk) + D / Kc), slack, [tStar, horizon],
          ti.map((tk) => C1 * Math.exp(-Math.min(mu, Kc * lam) * tk) + Dc / Kc)),
        inequality('reduced-to-steady', ti, errI, EI.map((e) => (1 + SQRT2) * e), slack, [tStar, horizon]),
      ],
      proofNumbers: {
        n, Kc, lambdaMin: lam, eta, C0: S0, normL, mu, Lc, C1, C, D, DPrime: Dc,
        thresholds: { paper: [mu / lam, (2 * (1 + SQRT2) * D) / eta], corrected: [(2 * mu) / lam, (2 * (1 + SQRT2) * Dc) / eta] },
      },
      trajectory: { equation: 5, method: rs.method },
    };
  };
  // Rise rate: at a j attaining max_j‖ρ_j − ρ_r‖_F, the coupling's part of d/dt‖ρ_j − ρ_r‖ is
  // K_c Σ_k a_jk⟨v_j, v_k − v_j⟩/‖v_j‖ ≤ 0 (v = ρ − ρ_r, ‖v_k‖ ≤ ‖v_j‖), so the maximum rises at most at
  // ‖𝓛_jρ_j‖_F ≤ ‖𝓛‖ (‖ρ_j‖_F ≤ 1), whatever K_c.
  // The error is also 1-Lipschitz in the state, so the speed of eq. 5 bounds it too (`speedRate`).
  const samples = (Kc: number, s: ReturnType<typeof reducedSeries>, from: number) => {
    const v = reducedSpeeds(ctx, Kc, s);
    return s.t.slice(from).map((_, i) => ({ value: maxOver(s.distToSteady!, i + from), rate: speedRate(v[i + from], normL, normL) }));
  };
  const supremum = (Kc: number, s: ReturnType<typeof reducedSeries>) =>
    certifySupremum(t, samples(Kc, s, 0), tStar, horizon, (times) => samples(Kc, reducedSeries(ctx, Kc, [0, ...times]), 1), eta, SUPREMUM_TOLERANCE * eta, 'reduced-to-steady');
  const worst = (Kc: number): number => decisive(supremum(Kc, reducedSeries(ctx, Kc, t)), eta);
  return { KcStar, eta, at, worst, bisect: (atKcStar) => bisectGain(worst, eta, KcStar, { known: [[KcStar, decisive(atKcStar.supremum, eta)]] }) };
}

/** Theorem 1 (relaxing separable model): the bound (7) at K_c* and the steps of Appendix A. */
export function checkTheorem1(ctx: SimulationContext, c: Theorem1Constants, options: CheckOptions = {}): TheoremCheck {
  return checkFromSetup(theorem1Setup(ctx, c, options));
}

/** Theorem 2 (separable model) at any K_c: max_j‖ρ_j − ρ_b‖_F against η on [T₁, T₂] and the steps of Appendix B. */
function theorem2Setup(ctx: SimulationContext, c: Theorem2Constants, options: CheckOptions): TheoremSetup {
  if (!ctx.separableData) throw new Error('Theorem 2 needs a separable model');
  const { slack, points, KcStar, eta } = checkSettings(c, options);
  const T1 = num(c.T1);
  const T2 = num(c.T2);
  const lam = num(c.lambdaMin);
  const normL = num(c.normL);
  const M = num(c.M);
  const n = ctx.n;
  const S0 = initialConsensusError(ctx);
  const f = (tt: number) => M * Array.from({ length: c.m + 1 }, (_, j) => tt ** j).reduce((a, b) => a + b, 0);
  const t = twoSegmentGrid(T1, T2, points);
  const bound = t.map((tk) => (tk >= T1 ? eta : Infinity));
  const timeSet: CheckTimeSet = { kind: 'window', from: T1, to: T2 };
  const Dt = (tt: number) => (n * normL) / lam + ((f(tt) * normL) / (n * lam)) * S0;
  // Re-derived (theorem2.ts): D(t)′ keeps its t‖𝓛‖ term and bounds the mean by ‖𝓛‖max_j.
  const DtCorrected = (tt: number) => (n * normL) / lam + ((f(tt) * normL) / lam) * (S0 + n * tt * normL);
  const at = (Kc: number, steps = true): TheoremEvaluation => {
    // Eq. 30 re-derived with the mean bounded by ‖𝓛‖max_j.
    const eCorrected = (tt: number) => ((f(tt) * normL) / (Kc * lam)) * (S0 + n * tt * normL);
    const rs = reducedSeries(ctx, Kc, t);
    const err = t.map((_, k) => maxOver(rs.distToBlended, k));
    const early = steps ? earlyTimes(t, Kc * lam) : [];
    const rsE = early.length > 0 ? reducedSeries(ctx, Kc, [t[0], ...early]) : null;
    const ti = refinedGrid(t, early);
    return {
      theorem: 'T2', Kc, eta, timeSet,
      curve: { t, error: err, bound },
      counterexample: firstViolation(ctx.model, 'Theorem 2', Kc, t, err, bound, slack, T1, T2),
      worstOnTimeSet: maxOn(t, err, T1, T2),
      supremum: supremum(Kc, rs),
      intermediate: !steps ? [] : [
        inequality('consensus', ti, refined(rsE?.consensusError, rs.consensusError),
          ti.map((tk) => S0 * Math.exp(-Kc * lam * tk) + (n * normL) / (Kc * lam)), slack, [T1, T2]),
        inequality('mean-to-blended', ti, refined(rsE?.averageToBlended, rs.averageToBlended),
          ti.map((tk) => ((f(tk) * normL) / (Kc * lam)) * (S0 / n + tk * normL)), slack, [T1, T2], ti.map(eCorrected)),
        inequality('reduced-to-blended', ti, refined(rsE?.t.map((_, k) => maxOver(rsE.distToBlended, k)), err),
          ti.map((tk) => S0 * Math.exp(-Kc * lam * tk) + Dt(tk) / Kc), slack, [T1, T2],
          ti.map((tk) => S0 * Math.exp(-Kc * lam * tk) + DtCorrected(tk) / Kc)),
      ],
      proofNumbers: {
        n, Kc, lambdaMin: lam, eta, C0: S0, normL, M, m: c.m, T1, T2, D: Dt(T2), DPrime: DtCorrected(T2),
        thresholds: { paper: [transientThreshold(S0, T1, lam, eta), (2 * Dt(T2)) / eta], corrected: [transientThreshold(S0, T1, lam, eta), (2 * DtCorrected(T2)) / eta] },
      },
      trajectory: { equation: 5, method: rs.method },
    };
  };
  // Rise rate: as for Theorem 1 with v_j = ρ_j − ρ_b(t) (v_k − v_j = ρ_k − ρ_j), now ρ_b moves too:
  // ‖𝓛_jρ_j − 𝓛̄ρ_b‖_F ≤ 2‖𝓛‖ (ρ_b(t) is a density operator, ‖𝓛̄‖ ≤ ‖𝓛‖).
  // Speeds: ‖ẏ‖ of eq. 5 plus ‖ρ̇_b‖ of eq. 6 (each grows at most like e^{‖𝓛‖s}, `speedRate`).
  const samples = (Kc: number, s: ReturnType<typeof reducedSeries>, from: number) => {
    const v = reducedSpeeds(ctx, Kc, s);
    const b = blendedSpeeds(ctx, s);
    return s.t.slice(from).map((_, i) => ({ value: maxOver(s.distToBlended, i + from), rate: speedRate(v[i + from] + b[i + from], normL, 2 * normL) }));
  };
  const supremum = (Kc: number, s: ReturnType<typeof reducedSeries>) =>
    certifySupremum(t, samples(Kc, s, 0), T1, T2, (times) => samples(Kc, reducedSeries(ctx, Kc, [0, ...times]), 1), eta, SUPREMUM_TOLERANCE * eta, 'reduced-to-blended');
  const worst = (Kc: number): number => decisive(supremum(Kc, reducedSeries(ctx, Kc, t)), eta);
  return { KcStar, eta, at, worst, bisect: (atKcStar) => bisectGain(worst, eta, KcStar, { known: [[KcStar, decisive(atKcStar.supremum, eta)]] }) };
}

/** Theorem 2 (separable model): max_j‖ρ_j − ρ_b‖_F ≤ η on [T₁, T₂] and the steps of Appendix B. */
export function checkTheorem2(ctx: SimulationContext, c: Theorem2Constants, options: CheckOptions = {}): TheoremCheck {
  return checkFromSetup(theorem2Setup(ctx, c, options));
}

/**
 * Eq. 4 on the early log-spaced times (`earlyTimes`): every step differs, so a dense propagator would
 * need one exponential per point; for n ≥ 4 the Krylov propagator (dense output, short span) is used.
 */
function earlyFullSeries(ctx: SimulationContext, Kc: number, t: readonly number[], options: CheckOptions) {
  return fullSeries(ctx, Kc, t, ctx.n <= 3 ? {} : { method: 'krylov', tolerance: options.fullTolerance });
}

/** The eq. 4 trajectory of a Theorem 3–4 check, with eq. 17 beside it for Theorem 3. */
function fullTrajectory(fs: FullSeries, options: CheckOptions, withEq17: boolean): CheckTrajectory {
  return { equation: 4, method: fs.method, tolerance: options.fullTolerance ?? null, withEq17 };
}

function fullPrecision(fs: FullSeries, options: CheckOptions): NonNullable<TheoremCheck['precision']> {
  return { tolerance: fs.method !== 'dense-expm' ? options.fullTolerance ?? DEFAULT_FULL_TOLERANCE : null, roundoffFloor: fs.roundoffFloor };
}

/**
 * The bisection of Theorems 3–4: reuses the worst error at K_c* already computed for the verdict,
 * brackets from `options.seeds`, or is skipped with `skipReason` (the evaluation at K_c* is kept).
 */
function coherentBisection(worst: (Kc: number) => number, eta: number, KcStar: number, worstAtKcStar: number, options: CheckOptions, skipReason: string | undefined): BisectionResult {
  if (skipReason !== undefined) {
    return { KcEmpirical: null, bracket: null, evaluations: [[KcStar, worstAtKcStar]], monotone: true, monotonicityViolations: [], outcome: { kind: 'not-run', reason: skipReason } };
  }
  return bisectGain(worst, eta, KcStar, { known: [[KcStar, worstAtKcStar]], seeds: options.seeds });
}

/** Theorem 3 at any K_c: ‖ρ − vec⁻¹(P_d y_d)‖_F against η on [T₁, T₂] and the steps of Appendix C. */
function theorem3Setup(ctx: SimulationContext, c: Theorem3Constants, options: CheckOptions): TheoremSetup {
  if (!ctx.coherentData || !ctx.rho0) throw new Error('Theorem 3 needs a connected graph and n ≤ 10');
  const { slack, points, KcStar, eta } = checkSettings(c, options);
  const T1 = num(c.T1);
  const T2 = num(c.T2);
  const lam = num(c.lambdaMin);
  const normA = num(c.normA);
  const M = num(c.M);
  const fd = (tt: number) => M * Array.from({ length: c.m + 1 }, (_, j) => tt ** j).reduce((a, b) => a + b, 0);
  const t = twoSegmentGrid(T1, T2, points);
  const run = (Kc: number) => fullSeries(ctx, Kc, t, { method: options.fullMethod, tolerance: options.fullTolerance, speeds: true });
  const bound = t.map((tk) => (tk >= T1 ? eta : Infinity));
  const timeSet: CheckTimeSet = { kind: 'window', from: T1, to: T2 };
  const at = (Kc: number, steps = true): TheoremEvaluation => {
    const fs = run(Kc);
    const err = fs.coherentError!;
    const nu = fs.symmetrizationError!;
    const C = nu[0];
    const Dt = (tt: number) => normA / lam + ((fd(tt) * normA) / lam) * (C + tt * normA);
    const early = steps ? earlyTimes(t, Kc * lam) : [];
    const fsE = early.length > 0 ? earlyFullSeries(ctx, Kc, [t[0], ...early], options) : null;
    const ti = refinedGrid(t, early);
    const nuI = refined(fsE?.symmetrizationError, nu);
    const orbitI = refined(fsE?.orbitError, fs.orbitError!);
    const errI = refined(fsE?.coherentError, err);
    return {
      theorem: 'T3', Kc, eta, timeSet,
      curve: { t, error: err, bound },
      counterexample: firstViolation(ctx.model, 'Theorem 3', Kc, t, err, bound, slack, T1, T2),
      worstOnTimeSet: maxOn(t, err, T1, T2),
      supremum: supremum(Kc, fs),
      intermediate: !steps ? [] : [
        inequality('symmetrization', ti, nuI,
          ti.map((tk) => C * Math.exp(-Kc * lam * tk) + normA / (Kc * lam)), slack, [T1, T2]),
        inequality('orbit-coordinates', ti, orbitI,
          ti.map((tk) => ((fd(tk) * normA) / (Kc * lam)) * (C + tk * normA)), slack, [T1, T2]),
        inequality('triangle', ti, errI, ti.map((_, k) => nuI[k] + orbitI[k]), slack, [T1, T2]),
        inequality('coherent-combined', ti, errI,
          ti.map((tk) => C * Math.exp(-Kc * lam * tk) + Dt(tk) / Kc), slack, [T1, T2]),
      ],
      proofNumbers: {
        n: ctx.n, Kc, lambdaMin: lam, eta, C0: C, normA, M, m: c.m, T1, T2, D: Dt(T2),
        thresholds: { paper: [transientThreshold(C, T1, lam, eta), (2 * Dt(T2)) / eta] },
      },
      trajectory: fullTrajectory(fs, options, true),
      precision: fullPrecision(fs, options),
    };
  };
  // Rise rate: w = vec ρ − P_d y_d has dw/dt = A_dρ − P_dP_dᵀA_dP_d y_d − K_cQ_d w (Q_d P_d = 0), and
  // ⟨w, −K_cQ_d w⟩ ≤ 0, so ‖w‖ rises at most at ‖A_d‖(‖ρ‖_F + ‖y_d(t)‖) ≤ ‖A_d‖(1 + e^{‖A_d‖h}‖y_d(a)‖)
  // on [a, a + h] (‖e^{Proj(A_d)s}‖ ≤ e^{‖A_d‖s}); and ‖w‖ is 1-Lipschitz in (ρ, y_d), whose speeds
  // ‖𝓛ρ‖_F and ‖Proj(A_d)y_d‖ grow at most like e^{‖A_d‖s} (`speedRate`).
  const coh = ctx.coherentData;
  const projA = projectedDense(coh.generator);
  const ydFacts = (times: readonly number[]) => coherentOnGrid(coh, times).map((y) => [vecNorm(y), vecNorm(matVec(projA, y))] as const);
  const sample = (value: number, rhoSpeed: number, [y, ySpeed]: readonly [number, number]) => {
    const flat = (h: number) => normA * (1 + 1e-9) * (1 + Math.exp(normA * h) * y);
    const bySpeed = speedRate(rhoSpeed + ySpeed, normA, Infinity);
    return { value, rate: (h: number) => Math.min(flat(h), bySpeed(h)) };
  };
  const gridFacts = ydFacts(t);
  const supremum = (Kc: number, fs: FullSeries) =>
    certifySupremum(t, fs.coherentError!.map((v, k) => sample(v, fs.speeds![k], gridFacts[k])), T1, T2, (times) => {
      const grid = [0, ...times];
      const f = fullSeries(ctx, Kc, grid, { method: options.fullMethod, tolerance: options.fullTolerance, speeds: true });
      const y = ydFacts(grid);
      return times.map((_, k) => sample(f.coherentError![k + 1], f.speeds![k + 1], y[k + 1]));
    }, eta, SUPREMUM_TOLERANCE * eta, 'coherent');
  const worst = (Kc: number): number => decisive(supremum(Kc, run(Kc)), eta);
  return { KcStar, eta, at, worst, bisect: (atKcStar) => coherentBisection(worst, eta, KcStar, decisive(atKcStar.supremum, eta), options, options.skipBisection?.T3) };
}

/** Theorem 3: ‖ρ − vec⁻¹(P_d y_d)‖_F ≤ η on [T₁, T₂] and the steps of Appendix C. */
export function checkTheorem3(ctx: SimulationContext, c: Theorem3Constants, options: CheckOptions = {}): TheoremCheck {
  return checkFromSetup(theorem3Setup(ctx, c, options));
}

/** Theorem 4 at any K_c: ‖ρ − 𝒫_*ρ‖_F against η for t ≥ T₁ (on a finite horizon) and eq. 35. */
function theorem4Setup(ctx: SimulationContext, c: Theorem4Constants, options: CheckOptions & { horizon?: number }): TheoremSetup {
  if (!ctx.coherentData || !ctx.rho0) throw new Error('Theorem 4 needs a connected graph and n ≤ 10');
  const { slack, points, KcStar, eta } = checkSettings(c, options);
  const T1 = num(c.T1);
  const lam = num(c.lambdaMin);
  const normA = num(c.normA);
  const horizon = options.horizon ?? Math.max(T1 + 50, 2 * T1);
  const t = twoSegmentGrid(T1, horizon, points);
  const run = (Kc: number) => fullSeries(ctx, Kc, t, { method: options.fullMethod, tolerance: options.fullTolerance, speeds: true });
  const bound = t.map((tk) => (tk >= T1 ? eta : Infinity));
  const timeSet: CheckTimeSet = { kind: 'after-t1', from: T1, to: horizon };
  const at = (Kc: number, steps = true): TheoremEvaluation => {
    const fs = run(Kc);
    const err = fs.symmetrizationError!;
    const C = err[0];
    const early = steps ? earlyTimes(t, Kc * lam) : [];
    const fsE = early.length > 0 ? earlyFullSeries(ctx, Kc, [t[0], ...early], options) : null;
    const ti = refinedGrid(t, early);
    return {
      theorem: 'T4', Kc, eta, timeSet,
      curve: { t, error: err, bound },
      counterexample: firstViolation(ctx.model, 'Theorem 4', Kc, t, err, bound, slack, T1, horizon),
      worstOnTimeSet: maxOn(t, err, T1, horizon),
      supremum: supremum(Kc, fs),
      intermediate: !steps ? [] : [
        inequality('symmetrization', ti, refined(fsE?.symmetrizationError, err),
          ti.map((tk) => C * Math.exp(-Kc * lam * tk) + normA / (Kc * lam)), slack, [T1, horizon]),
      ],
      proofNumbers: {
        n: ctx.n, Kc, lambdaMin: lam, eta, C0: C, normA, T1,
        thresholds: { paper: [transientThreshold(C, T1, lam, eta), (2 * normA) / (eta * lam)] },
      },
      trajectory: fullTrajectory(fs, options, false),
      precision: fullPrecision(fs, options),
    };
  };
  // Rise rate: ν = (I − 𝒫_*)vec ρ has dν/dt = (I − 𝒫_*)A_dρ − K_cQ_dν (the coupling commutes with 𝒫_*
  // and vanishes on its range), and ⟨ν, −K_cQ_dν⟩ ≤ 0, so ‖ν‖ rises at most at ‖A_d‖‖ρ‖_F ≤ ‖A_d‖.
  // ‖ν‖ is also 1-Lipschitz in ρ, so the speed ‖𝓛ρ‖_F of eq. 4 bounds it too (`speedRate`, L = ‖A_d‖).
  const samples = (fs: FullSeries, from: number) =>
    fs.symmetrizationError!.slice(from).map((value, i) => ({ value, rate: speedRate(fs.speeds![i + from], normA, normA) }));
  const supremum = (Kc: number, fs: FullSeries) =>
    certifySupremum(t, samples(fs, 0), T1, horizon,
      (times) => samples(fullSeries(ctx, Kc, [0, ...times], { method: options.fullMethod, tolerance: options.fullTolerance, speeds: true }), 1),
      eta, SUPREMUM_TOLERANCE * eta, 'symmetrization');
  const worst = (Kc: number): number => decisive(supremum(Kc, run(Kc)), eta);
  return { KcStar, eta, at, worst, bisect: (atKcStar) => coherentBisection(worst, eta, KcStar, decisive(atKcStar.supremum, eta), options, options.skipBisection?.T4) };
}

/** Theorem 4: ‖ρ − 𝒫_*ρ‖_F ≤ η for t ≥ T₁ (checked on a finite horizon) and eq. 35. */
export function checkTheorem4(ctx: SimulationContext, c: Theorem4Constants, options: CheckOptions & { horizon?: number } = {}): TheoremCheck {
  return checkFromSetup(theorem4Setup(ctx, c, options));
}

/**
 * The theorems that can be checked for a simulated model, each as its setting at given constants.
 * Theorem 1 needs a relaxing separable model, Theorem 2 a separable one, Theorems 3–4 a connected
 * graph with n ≤ 10 (the full ρ(t) is needed).
 */
function applicableSetups(ctx: SimulationContext, constants: TheoremConstants, options: CheckOptions & { horizon?: number }) {
  const out: { key: TheoremEvaluation['theorem']; constants: TheoremConstants[keyof TheoremConstants]; setup: (c: never, o: CheckOptions) => TheoremSetup; options: CheckOptions & { horizon?: number } }[] = [];
  const sep = ctx.separableData;
  if (constants.T1 && sep?.relaxing) out.push({ key: 'T1', constants: constants.T1, setup: (c: Theorem1Constants, o) => theorem1Setup(ctx, c, o), options });
  if (constants.T2 && sep) out.push({ key: 'T2', constants: constants.T2, setup: (c: Theorem2Constants, o) => theorem2Setup(ctx, c, o), options });
  if (constants.T3 && ctx.coherentData && ctx.rho0) out.push({ key: 'T3', constants: constants.T3, setup: (c: Theorem3Constants, o) => theorem3Setup(ctx, c, o), options });
  if (constants.T4 && ctx.coherentData && ctx.rho0) {
    // Finite horizon for "t ≥ T₁": at least 50 time units past T₁ (Example 3's slowest dissipative rate
    // is 0.02·4 per qubit, so ρ(t) is near its stationary regime), twice T₂ and the study's end.
    const T1 = num(constants.T4.T1);
    const T2 = constants.T3 ? num(constants.T3.T2) : 0;
    const end = ctx.model.study.time ? ctx.model.study.time.end.toComplex(ctx.params)[0] : 0;
    const horizon = options.horizon ?? Math.max(T1 + 50, 2 * T2, end);
    out.push({ key: 'T4', constants: constants.T4, setup: (c: Theorem4Constants, o) => theorem4Setup(ctx, c, o), options: { ...options, horizon } });
  }
  return out;
}

/** Every applicable check for a simulated model (see `applicableSetups`), with its η sweep. */
export function checkTheorems(ctx: SimulationContext, constants: TheoremConstants, options: CheckOptions & { horizon?: number } = {}): TheoremCheck[] {
  const jobs = applicableSetups(ctx, constants, options).map((a) => () =>
    withEtaSweep(a.constants!, a.options, (c, o) => checkFromSetup(a.setup(c as never, o))));
  const out = jobs.map((job, i) => {
    options.onProgress?.({ stage: 'check', done: i, total: jobs.length, label: `theorem check ${i + 1}/${jobs.length}` });
    return job();
  });
  options.onProgress?.({ stage: 'check', done: jobs.length, total: jobs.length, label: 'done' });
  return out;
}

/**
 * Every applicable theorem evaluated at one K_c (no bisection, no η sweep): the bound and the proof's
 * steps along the trajectory at that gain, on the grid and time set of the check. `steps` lists the
 * theorems whose intermediate inequalities are wanted (default all; each costs the early-time series).
 */
export function evaluateTheorems(
  ctx: SimulationContext, constants: TheoremConstants, Kc: number,
  options: CheckOptions & { horizon?: number; steps?: readonly TheoremEvaluation['theorem'][] } = {},
): TheoremEvaluation[] {
  return applicableSetups(ctx, constants, options).map((a) => a.setup(a.constants as never, a.options).at(Kc, options.steps?.includes(a.key) ?? true));
}

function sweepEntry(c: TheoremCheck): EtaSweepEntry {
  const corrected = c.proofNumbers.thresholds.corrected;
  return { eta: c.eta, KcStar: c.KcStar, KcStarPrime: corrected ? Math.max(...corrected) : null, holdsAtKcStar: c.holdsAtKcStar, KcEmpirical: c.KcEmpirical, ratio: c.ratio, monotone: c.bisection.monotone };
}

/**
 * The check at the primary η, plus (when the constants carry K_c*(η) for further η) the same check at
 * each further η and its K_c*(η): verdict, bisection and ratio go into `etaSweep`, the rest is dropped.
 * Every other constant is the theorem's own: only η and K_c* change (and with η Theorem 1's t*, eq. 7).
 */
function withEtaSweep<C extends EtaSweepInput & { readonly KcStar: Numberish; readonly eta: Numberish }, O extends CheckOptions>(
  constants: C, options: O, check: (c: C, o: O) => TheoremCheck,
): TheoremCheck {
  const primary = check(constants, options);
  const further = constants.KcStarByEta?.slice(1) ?? [];
  if (further.length === 0 || options.eta !== undefined) return primary;
  const others = further.map((e) => sweepEntry(check({ ...constants, KcStar: e.KcStar, eta: e.eta, KcStarByEta: undefined }, options)));
  return { ...primary, etaSweep: [sweepEntry(primary), ...others] };
}

/** K_c*(η) of a theorem result for the checks, when the study lists several η and each has a value. */
function etaSweepOf(r: { readonly KcStarByEta: readonly EtaThreshold[] }): EtaSweepInput {
  const list = r.KcStarByEta;
  if (list.length < 2 || list.some((e) => e.KcStar.value === null)) return {};
  return { KcStarByEta: list.map((e) => ({ eta: e.eta, KcStar: e.KcStar.value! })) };
}

/** The double of a typed constant, or null when it is absent or not finite. */
function valueOf(c: ConstantValue | undefined): number | null {
  return c && c.value !== null && Number.isFinite(c.value) ? c.value : null;
}

/**
 * The numbers the checks need, read from the theorems' typed constants (K_c*, λ_m, ‖𝓛‖, μ, L_c, M, m,
 * ‖A_d‖) and from the study values the §4 derivation resolved (η, T₁, T₂). A theorem that does not
 * apply, or lacks a number, is left out.
 */
export function constantsFromTheorems(
  theorems: Partial<Pick<TheoremResults, 'T1' | 'T2' | 'T3' | 'T4'>>,
  study: { readonly eta?: Numberish; readonly T1?: Numberish; readonly T2?: Numberish },
): TheoremConstants {
  const out: { T1?: Theorem1Constants; T2?: Theorem2Constants; T3?: Theorem3Constants; T4?: Theorem4Constants } = {};
  const { T1: r1, T2: r2, T3: r3, T4: r4 } = theorems;
  const { eta, T1, T2 } = study;
  if (eta === undefined) return out;
  const v1 = r1?.constants.values ?? {};
  const t1 = { KcStar: valueOf(v1.KcStar), mu: valueOf(v1.mu), lambdaMin: valueOf(v1.lambdaMin), normL: valueOf(v1.normL), Lc: valueOf(v1.Lc) };
  if (r1?.applies && t1.KcStar !== null && t1.mu !== null && t1.lambdaMin !== null && t1.normL !== null && t1.Lc !== null) {
    out.T1 = { KcStar: t1.KcStar, eta, mu: t1.mu, lambdaMin: t1.lambdaMin, normL: t1.normL, Lc: t1.Lc, ...etaSweepOf(r1) };
  }
  if (T1 === undefined || T2 === undefined) return out;
  const v2 = r2?.constants.values ?? {};
  const t2 = { KcStar: valueOf(v2.KcStar), lambdaMin: valueOf(v2.lambdaMin), normL: valueOf(v2.normL) };
  if (r2?.applies && r2.growth && t2.KcStar !== null && t2.lambdaMin !== null && t2.normL !== null) {
    out.T2 = { KcStar: t2.KcStar, eta, T1, T2, lambdaMin: t2.lambdaMin, normL: t2.normL, M: r2.growth.M, m: r2.growth.m, ...etaSweepOf(r2) };
  }
  const v3 = r3?.constants.values ?? {};
  const t3 = { KcStar: valueOf(v3.KcStar), lambdaMin: valueOf(v3.lambdaMin), normA: valueOf(v3.normA) };
  const fd = r3 ? r3.fd ?? r3.growth ?? null : null;
  if (r3?.applies && fd && t3.KcStar !== null && t3.lambdaMin !== null && t3.normA !== null) {
    out.T3 = { KcStar: t3.KcStar, eta, T1, T2, lambdaMin: t3.lambdaMin, normA: t3.normA, M: fd.M, m: fd.m, ...etaSweepOf(r3) };
  }
  const v4 = r4?.constants.values ?? {};
  const t4 = { KcStar: valueOf(v4.KcStar), lambdaMin: valueOf(v4.lambdaMin), normA: valueOf(v4.normA) };
  if (r4?.applies && t4.KcStar !== null && t4.lambdaMin !== null && t4.normA !== null) {
    out.T4 = { KcStar: t4.KcStar, eta, T1, lambdaMin: t4.lambdaMin, normA: t4.normA, ...etaSweepOf(r4) };
  }
  return out;
}
