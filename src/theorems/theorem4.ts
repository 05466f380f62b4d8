import type { CoherentDerivation } from '../coherent/derive.ts';
import { ConstantTable, type EtaThreshold, type NamedConstant, type TheoremConstants, formatDouble, numericConstant, thresholdsByEta, transientThreshold } from './common.ts';
import { type ApplicabilityCheck, type TheoremOutcome, failedHypotheses } from './theorem1.ts';
import { addCoherentBaseConstants, coherentChecks, type CoherentBaseKey, type CoherentStudy } from './theorem3.ts';

/**
 * Theorem 4 (paper §5.3, proof in Appendix D): for η > 0 and T₁ > 0, once K_c ≥ K_c*,
 *   ‖ρ(t) − 𝒫_*(ρ(t))‖_F ≤ η  for all t ≥ T₁,
 *   K_c* = max{ ln(2C/η)/(T₁λ_m(Q_d)), 2‖A_d‖/(ηλ_m(Q_d)) },  C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F.
 * Proof check: by eq. 37, ‖ρ(t) − 𝒫_*ρ(t)‖_F = ‖ν̃(t)‖ ≤ Ce^{−K_cλ_m t} + ‖A‖/(K_cλ_m) (eq. 35); the first
 * term is ≤ η/2 for t ≥ T₁ once K_c ≥ ln(2C/η)/(T₁λ_m), the second ≤ η/2 once K_c ≥ 2‖A‖/(ηλ_m). Confirmed
 * as stated. No time horizon is needed since eq. 35 does not grow in t.
 */
/** Theorem 4's constants, as typed fields (Appendix D). */
export type Theorem4Key = CoherentBaseKey | 'Kc1' | 'Kc2' | 'KcStar';

export interface Theorem4Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly outcome: TheoremOutcome;
  /** C, ‖A_d‖, λ_m(Q_d), K_{c,1}*, K_{c,2}*, K_c*. */
  readonly constants: TheoremConstants<Theorem4Key>;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
}

/** Theorem 4's applicability, constants (each named, valued, sourced) and K_c*. */
export function theorem4(d: CoherentDerivation, study: CoherentStudy): Theorem4Result {
  const { checks, eta, T1 } = coherentChecks(d, study, false);
  const failed = failedHypotheses(checks);
  const table = new ConstantTable<Theorem4Key>();
  if (failed.length > 0) {
    return { applies: false, checks, outcome: { kind: 'hypotheses-fail', failed }, constants: table.done(), KcStarByEta: [] };
  }
  addCoherentBaseConstants(d, table);
  const c = d.symmetryDefect.value.numeric[0];
  const A = d.norm!.value;
  const lm = d.lambdaMin.value!;
  const t1 = T1!;
  const k1 = transientThreshold(c, t1, lm, eta!);
  const k2 = (2 * A) / (eta! * lm);
  table.add('Kc1', numericConstant('K_{c,1}^*', 'transient threshold', k1, 2 * c > eta! ? 'ln(2C/η)/(T₁λ_m(Q_d))' : '2C ≤ η: no transient condition'));
  table.add('Kc2', numericConstant('K_{c,2}^*', 'perturbation threshold', k2, '2‖A_d‖/(ηλ_m(Q_d))'));
  const KcStar = theorem4KcStar(c, t1, lm, A, eta!);
  table.add('KcStar', KcStar);
  const KcStarByEta = thresholdsByEta(KcStar, study.etas, (e) => theorem4KcStar(c, t1, lm, A, e));
  return { applies: true, checks, outcome: { kind: 'applies' }, constants: table.done(), KcStarByEta };
}

/**
 * K_c* of Theorem 4 at η: max{ln(2C/η)/(T₁λ_m(Q_d)) (or 0 when 2C ≤ η), 2‖A_d‖/(ηλ_m(Q_d))} (Appendix D).
 * @example theorem4KcStar(1, 1, 1, 1, 4).value // => 0.5
 */
export function theorem4KcStar(C: number, T1: number, lambdaMin: number, normA: number, eta: number): NamedConstant {
  const k1 = transientThreshold(C, T1, lambdaMin, eta);
  const k2 = (2 * normA) / (eta * lambdaMin);
  return numericConstant('K_c^*', 'coupling threshold of Theorem 4', Math.max(k1, k2), `K_c* = max{${formatDouble(k1)}, ${formatDouble(k2)}}`);
}
