/**
 * The sentences of the numerical theorem checks, written from the facts that src/theorems/checks.ts
 * returns (STYLE.md §7, "Facts below, sentences above"): what each check verifies, its time set and
 * trajectory, a counterexample, the proofs' steps and their equations, and how the bisection for the
 * empirical K_c ended. The JSON writer (report/json/checks.ts), the numerics section and the proof
 * walkthroughs all call these, so the JSON and the rendered reports say the same.
 */
import type {
  BisectionOutcome, CheckTimeSet, CheckTrajectory, Counterexample, MonotonicityViolation, ProofStepId, TheoremCheck,
} from '../../theorems/checks.ts';

const CHECK_STATEMENTS: Record<TheoremCheck['theorem'], string> = {
  T1: 'max_j‖ρ_j(t) − ρ_r‖_F ≤ C e^{−μt/2} for t ≤ t* = (2/μ)ln(C/η), ≤ η for t ≥ t*',
  T2: 'max_j‖ρ_j(t) − ρ_b(t)‖_F ≤ η for t ∈ [T₁, T₂]',
  T3: '‖ρ(t) − vec⁻¹(P_d y_d(t))‖_F ≤ η for t ∈ [T₁, T₂]',
  T4: '‖ρ(t) − 𝒫_*(ρ(t))‖_F ≤ η for t ≥ T₁',
};

/**
 * The bound a theorem's check verifies along the trajectory.
 * @example checkStatementText('T2') // => "max_j‖ρ_j(t) − ρ_b(t)‖_F ≤ η for t ∈ [T₁, T₂]"
 */
export function checkStatementText(theorem: TheoremCheck['theorem']): string {
  return CHECK_STATEMENTS[theorem];
}

/**
 * The time set a check covers, with the interval checked when the theorem's set is unbounded.
 * @example timeSetText({ kind: 'window', from: 1, to: 10 }) // => "[T₁, T₂] = [1, 10]"
 */
export function timeSetText(s: CheckTimeSet): string {
  switch (s.kind) {
    case 'after-t-star':
      return `t ≥ t* = ${s.from.toPrecision(6)}, checked on [t*, t* + 10/μ] (C = ${s.C.toPrecision(6)}, μ = ${s.mu.toPrecision(6)})`;
    case 'window': return `[T₁, T₂] = [${s.from}, ${s.to}]`;
    case 'after-t1': return `t ≥ T₁ = ${s.from}, checked on [T₁, ${s.to}]`;
  }
}

/**
 * The equation a check's trajectory solves and how; a Krylov tolerance is stated only when the
 * caller set one (the dense exponential has none).
 * @example trajectoryText({ equation: 4, method: 'krylov', tolerance: 1e-8, withEq17: true }) // => "eq. 4 (krylov, tolerance 1e-8 in Frobenius norm) and eq. 17 (orbit basis)"
 */
export function trajectoryText(t: CheckTrajectory): string {
  if (t.equation === 5) return `eq. 5 (${t.method}), exact for separable models`;
  const method = t.method !== 'dense-expm' && t.tolerance !== null ? `${t.method}, tolerance ${t.tolerance} in Frobenius norm` : t.method;
  return `eq. 4 (${method})${t.withEq17 ? ' and eq. 17 (orbit basis)' : ''}`;
}

/**
 * A violated bound, with the model, the gain, the time and the two values.
 * @example counterexampleText({ model: 'm', theorem: 'Theorem 2', Kc: 10, t: 2, value: 0.2, bound: 0.1 }) // => 'COUNTEREXAMPLE to Theorem 2 for model "m": at K_c = K_c* = 10.000000, t = 2.00000 the error is 0.20000000 > bound 0.10000000'
 */
export function counterexampleText(c: Counterexample): string {
  return `COUNTEREXAMPLE to ${c.theorem} for model "${c.model}": at K_c = K_c* = ${c.Kc.toPrecision(8)}, t = ${c.t.toPrecision(6)} the error is ${c.value.toPrecision(8)} > bound ${c.bound.toPrecision(8)}`;
}

const PROOF_STEPS: Record<ProofStepId, { readonly name: string; readonly equation: string }> = {
  'consensus': { name: 'max_j‖ρ_j − ρ̄‖_F ≤ C₀e^{−K_cλ_m t} + n‖𝓛‖/(K_cλ_m)', equation: 'eq. 25' },
  'mean-on-subspace': { name: '‖ρ̄‖_𝕊 ≤ L_c e^{−μt} + (L_c‖𝓛‖/(K_cλ_m))(C₀/n + ‖𝓛‖/μ)', equation: 'eq. 28' },
  'combined-error': { name: 'E(t) ≤ C₁e^{−min(μ, K_cλ_m)t} + D/K_c', equation: 'after eq. 28' },
  'reduced-to-steady': { name: 'max_j‖ρ_j − ρ_r‖_F ≤ (1 + √2)E(t)', equation: 'end of Appendix A' },
  'mean-to-blended': { name: '‖e(t)‖_F = ‖ρ̄ − ρ_b‖_F ≤ (f(t)‖𝓛‖/(K_cλ_m))(C₀/n + t‖𝓛‖)', equation: 'eq. 30' },
  'reduced-to-blended': { name: 'max_j‖ρ_j − ρ_b‖_F ≤ C₀e^{−K_cλ_m t} + D(t)/K_c', equation: 'end of Appendix B' },
  'symmetrization': { name: '‖ν̃(t)‖ = ‖ρ − 𝒫_*ρ‖_F ≤ ‖ν̃(0)‖e^{−K_cλ_m(Q_d)t} + ‖A_d‖/(K_cλ_m(Q_d))', equation: 'eq. 35 (with eq. 37)' },
  'orbit-coordinates': { name: '‖ẽ(t)‖ = ‖P_dᵀvec ρ − y_d‖ ≤ (f_d(t)‖A_d‖/(K_cλ_m(Q_d)))(‖ν̃(0)‖ + t‖A_d‖)', equation: 'eq. 36' },
  'triangle': { name: '‖ρ − vec⁻¹(ỹ_d)‖_F ≤ ‖ν̃‖ + ‖ẽ‖', equation: 'Appendix C (first display)' },
  'coherent-combined': { name: '‖ρ − vec⁻¹(ỹ_d)‖_F ≤ C e^{−K_cλ_m(Q_d)t} + D(t)/K_c', equation: 'end of Appendix C' },
};

/**
 * The inequality a step of a proof establishes, in plain text.
 * @example proofStepName('triangle') // => "‖ρ − vec⁻¹(ỹ_d)‖_F ≤ ‖ν̃‖ + ‖ẽ‖"
 */
export function proofStepName(step: ProofStepId): string {
  return PROOF_STEPS[step].name;
}

/**
 * Where in the paper a step of a proof is.
 * @example proofStepEquation('symmetrization') // => "eq. 35 (with eq. 37)"
 */
export function proofStepEquation(step: ProofStepId): string {
  return PROOF_STEPS[step].equation;
}

/** The assumption the bisection for the empirical K_c rests on, and how it is checked. */
export const BISECTION_ASSUMPTION = 'the worst error over the time set is non-increasing in K_c on the bracket (checked on the evaluations listed)';

/**
 * How the search for the empirical K_c ended.
 * @example bisectionOutcomeText({ kind: 'bisected', ratio: 1.01, seeds: [1, 10] }) // => "geometric bisection to hi/lo ≤ 1.01, bracket started from K_c ∈ {1, 10} (below K_c*)"
 */
export function bisectionOutcomeText(o: BisectionOutcome): string {
  switch (o.kind) {
    case 'bisected': return `geometric bisection to hi/lo ≤ ${o.ratio}${o.seeds.length > 0 ? `, bracket started from K_c ∈ {${o.seeds.join(', ')}} (below K_c*)` : ''}`;
    case 'below-range': return `every K_c down to ${o.min} meets η: the empirical K_c is below the search range`;
    case 'above-range': return `no K_c up to ${o.max} meets η on the time set`;
    case 'not-run': return `not run: ${o.reason}`;
  }
}

/**
 * A failure of the bisection's monotonicity assumption.
 * @example monotonicityViolationText({ kind: 'error-rises', KcFrom: 10, errorFrom: 0.01, KcTo: 20, errorTo: 0.02 }) // => "error rises from 0.0100000 at K_c = 10.0000 to 0.0200000 at K_c = 20.0000"
 */
export function monotonicityViolationText(v: MonotonicityViolation): string {
  switch (v.kind) {
    case 'error-rises': return `error rises from ${v.errorFrom.toPrecision(6)} at K_c = ${v.KcFrom.toPrecision(6)} to ${v.errorTo.toPrecision(6)} at K_c = ${v.KcTo.toPrecision(6)}`;
    case 'bracket-inconsistent': return 'bracket inconsistent: lo meets η or hi does not';
  }
}
