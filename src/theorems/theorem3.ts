import { Scalar } from '../algebra/scalar.ts';
import type { CoherentDerivation } from '../coherent/derive.ts';
import type { WindowSource } from '../reduced/derive.ts';
import {
  ConstantTable, type ConstantValue, type EtaThreshold, type GrowthBound, type NamedConstant, type TheoremConstants, exactConstant, formatDouble, growthBound, growthValue,
  numericConstant, thresholdsByEta, transientThreshold, uniformGrid,
} from './common.ts';
import { type ApplicabilityCheck, type TheoremOutcome, failedHypotheses } from './theorem1.ts';

/**
 * Theorem 3 (paper §5.3, proof in Appendix C): for η > 0 and T₂ ≥ T₁ > 0, once K_c ≥ K_c*,
 *   ‖ρ(t) − vec⁻¹(ỹ_d(t))‖_F ≤ η  on [T₁, T₂],   ỹ_d = P_d y_d, y_d from eq. 17,
 *   K_c* = max{ ln(2C/η)/(T₁λ_m(Q_d)), 2D(T₂)/η },   C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F,
 *   D(T₂) = ‖A_d‖/λ_m(Q_d) + f_d(T₂)‖A_d‖(C + T₂‖A_d‖)/λ_m(Q_d),  f_d(T) ≥ ‖e^{Proj(A_d)t}‖ on [0, T].
 *
 * Re-derivation (with the errata of coherent/errata.ts fixed): split ỹ = S_dν̃ + P_dξ̃, ẽ = ξ̃ − y_d.
 * d‖ν̃‖/dt ≤ ‖A‖‖ỹ‖ − K_cλ_m‖ν̃‖ with ‖ỹ‖ = ‖ρ‖_F ≤ 1 gives eq. 35, ‖ν̃(t)‖ ≤ Ce^{−K_cλ_m t} + ‖A‖/(K_cλ_m);
 * dẽ/dt = Proj(A)ẽ + P_dᵀAS_dν̃ with ẽ(0) = 0 gives eq. 36, ‖ẽ(t)‖ ≤ f_d(t)‖A‖(C + t‖A‖)/(K_cλ_m); and
 * ‖ρ − ρ_d‖_F = √(‖ν̃‖² + ‖ẽ‖²) ≤ ‖ν̃‖ + ‖ẽ‖ ≤ Ce^{−K_cλ_m t} + D(t)/K_c. So the stated D(T₂) is
 * confirmed (no corrected variant is needed), with f_d nondecreasing.
 *
 * f_d is derived, not assumed: e^{t·Proj(A_d)} is the restriction to the permutation-invariant subspace of
 * the CPTP semigroup of the symmetrised Lindbladian (1/n!)Σ_π 𝒰_π𝓛𝒰_π⁻¹, so (Russo–Dye: a CPTP map
 * contracts the trace norm of every operator) ‖e^{t·Proj}X‖_F ≤ ‖X‖₁ ≤ 2^{n/2}‖X‖_F for all t:
 * m_d = 0 exactly (eigenvalues on the imaginary axis are semisimple) and M_d ≤ 2^{n/2}. For small p the
 * sharper κ(V) (unit eigenvectors) of the numeric Proj(A_d) is also offered, and the bound used is
 * verified against ‖expm(Proj(A_d)t)‖ on [0, T₂].
 */

/** Largest p for the numeric Jordan/conditioning analysis of Proj(A_d) (n ≤ 5; 81 dense exponentials on the grid). */
export const MAX_GROWTH_DIM = 60;

export interface CoherentStudy {
  readonly eta?: Scalar;
  /** Every η of the study when it lists several (`eta` first); K_c* is also given at each. */
  readonly etas?: readonly Scalar[];
  readonly T1?: Scalar;
  readonly T2?: Scalar;
  readonly Kc?: readonly Scalar[];
  /** Where η, T₁, T₂ come from (default: the study block). */
  readonly source?: WindowSource;
}

/** The constants Theorems 3 and 4 share: C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F, ‖A_d‖, λ_m(Q_d). */
export type CoherentBaseKey = 'C' | 'normA' | 'lambdaMin';
/** Theorem 3's constants, as typed fields (Appendix C). */
export type Theorem3Key = CoherentBaseKey | 'md' | 'Md' | 'fdT2' | 'D' | 'Kc1' | 'Kc2' | 'KcStar';

export interface Theorem3Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly outcome: TheoremOutcome;
  /** C, ‖A_d‖, λ_m(Q_d), m_d, M_d, f_d(T₂), D(T₂), K_{c,1}*, K_{c,2}*, K_c*. */
  readonly constants: TheoremConstants<Theorem3Key>;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly growth: GrowthBound | null;
  /** f_d(T) = M_d Σ_{j≤m_d} T^j used. */
  readonly fd: { readonly M: number; readonly m: number; readonly source: string } | null;
}

function valueOf(x: Scalar | undefined): number | null {
  if (!x || x.freeParams().length > 0) return null;
  return x.toComplex()[0];
}

/**
 * 2^{n/2}, correctly rounded: an exact power of two, times √2 (itself correctly rounded) for odd n.
 * `2 ** (n / 2)` is not: Math.pow with a fractional exponent is engine-dependent in its last bit
 * (Node 20 gives 2^{1.5} one unit in the last place below √8).
 * @example sqrt2Power(3) === 2 * Math.SQRT2 // => true
 */
export function sqrt2Power(n: number): number {
  const half = Math.floor(n / 2);
  return n % 2 === 0 ? 2 ** half : 2 ** half * Math.SQRT2;
}

/** Shared applicability checks of Theorems 3 and 4. */
export function coherentChecks(d: CoherentDerivation, study: CoherentStudy, needT2: boolean): { checks: ApplicabilityCheck[]; eta: number | null; T1: number | null; T2: number | null } {
  const checks: ApplicabilityCheck[] = [];
  checks.push({ id: 'coherent-connected-graph', holds: d.connected, components: d.graphComponents.length });
  checks.push({ id: 'numeric-parameters', holds: d.lowered !== null && d.norm !== null, valuesGiven: d.lowered !== null, free: [] });
  const lm = d.lambdaMin.value;
  checks.push({ id: 'lambda-m-qd', holds: lm !== null && lm > 0, latex: lm !== null ? d.lambdaMin.latex : null, note: d.lambdaMin.lambdaQ.note });
  const eta = valueOf(study.eta);
  const T1 = valueOf(study.T1);
  const T2 = valueOf(study.T2);
  const source = study.source ?? 'study-block';
  checks.push({ id: 'eta', holds: eta !== null && eta > 0, eta: eta !== null ? study.eta!.toString() : null, source });
  if (needT2) {
    const given = T1 !== null && T2 !== null;
    checks.push({ id: 'window', holds: given && T1 > 0 && T2 >= T1, T1: given ? study.T1!.toString() : null, T2: given ? study.T2!.toString() : null, source });
  } else {
    checks.push({ id: 't1-positive', holds: T1 !== null && T1 > 0, T1: T1 !== null ? study.T1!.toString() : null, source });
  }
  return { checks, eta, T1, T2 };
}

/** Adds the constants C, ‖A_d‖, λ_m(Q_d) shared by Theorems 3 and 4 to a theorem's table. */
export function addCoherentBaseConstants(d: CoherentDerivation, table: { add(key: CoherentBaseKey, c: NamedConstant): ConstantValue }): void {
  const C = d.symmetryDefect.value;
  table.add('C', C.exact
    ? exactConstant('C', 'symmetry defect ‖ρ(0) − 𝒫_*(ρ(0))‖_F', C.exact, d.symmetryDefect.note, d.params)
    : numericConstant('C', 'symmetry defect ‖ρ(0) − 𝒫_*(ρ(0))‖_F', C.numeric[0], d.symmetryDefect.note));
  table.add('normA', numericConstant('\\|A_d\\|', 'spectral norm of the generator A (eq. 14 without coupling)', d.norm!.value, d.norm!.note));
  const lm = d.lambdaMin;
  table.add('lambdaMin', lm.exact && lm.lambdaQ.exact
    ? exactConstant('\\lambda_m(Q_d)', 'smallest nonzero eigenvalue of Q_d', lm.lambdaQ.exact, ['λ_m(Q_d) = λ_m(Q) (', lm.method, '); ', lm.lambdaQ.note])
    : numericConstant('\\lambda_m(Q_d)', 'smallest nonzero eigenvalue of Q_d', lm.value, ['λ_m(Q_d) = λ_m(Q) (', lm.method, '); ', lm.lambdaQ.note]));
}

/**
 * Theorem 3's applicability, constants (each named, valued, sourced) and K_c*, with a numeric check on
 * eq. 4 for n ≤ 3 at K_c = K_c* and at the study gains.
 */
export function theorem3(d: CoherentDerivation, study: CoherentStudy): Theorem3Result {
  const { checks, eta, T1, T2 } = coherentChecks(d, study, true);
  const failed = failedHypotheses(checks);
  const table = new ConstantTable<Theorem3Key>();
  if (failed.length > 0) {
    return { applies: false, checks, outcome: { kind: 'hypotheses-fail', failed }, constants: table.done(), KcStarByEta: [], growth: null, fd: null };
  }
  addCoherentBaseConstants(d, table);
  const c = d.symmetryDefect.value.numeric[0];
  const A = d.norm!.value;
  const lm = d.lambdaMin.value!;
  const t1 = T1!;
  const t2 = T2!;
  const structural = { M: sqrt2Power(d.n), m: 0, source: `e^{t·Proj(A_d)} is a CPTP semigroup restricted to the permutation-invariant subspace: ‖e^{t·Proj}X‖_F ≤ ‖X‖₁ ≤ 2^{n/2}‖X‖_F (Russo–Dye), so M_d ≤ 2^{${d.n}/2} and m_d = 0` };
  let growth: GrowthBound | null = null;
  let fd: { M: number; m: number; source: string } = structural;
  if (d.projectedDense && d.projectedDense.rows <= MAX_GROWTH_DIM) {
    growth = growthBound(d.projectedDense, { exactM: 0, knownBounds: [structural], times: uniformGrid(0, t2, 80) });
    fd = { M: growth.M, m: growth.m, source: growth.source };
  }
  table.add('md', exactConstant('m_d', 'polynomial growth degree of ‖e^{Proj(A_d)t}‖', Scalar.int(fd.m),
    'bounded semigroup ⇒ every eigenvalue of Proj(A_d) on the imaginary axis is semisimple ⇒ m_d = 0' + (growth ? `; numerical Jordan analysis gives ${growth.jordanM ?? 'n/a'}` : '')));
  table.add('Md', numericConstant('M_d', 'growth constant of ‖e^{Proj(A_d)t}‖', fd.M,
    `${fd.source}${growth ? `; candidates: ${growth.candidates.map((x) => `M = ${formatDouble(x.M)}, m = ${x.m}`).join('; ')}; grid check on [0, T₂]: max ‖e^{Proj t}‖/f_d(t) = ${formatDouble(growth.check.maxRatio)}` : ''}`));
  const f2 = growthValue(fd, t2);
  table.add('fdT2', numericConstant('f_d(T_2)', 'growth bound at T₂', f2, `f_d(T₂) = M_d Σ_{j≤m_d} T₂^j, T₂ = ${formatDouble(t2)}`));
  const D = A / lm + (f2 * A * (c + t2 * A)) / lm;
  table.add('D', numericConstant('D(T_2)', 'perturbation constant', D, 'D(T₂) = ‖A_d‖/λ_m(Q_d) + f_d(T₂)‖A_d‖(C + T₂‖A_d‖)/λ_m(Q_d) (as stated; confirmed by re-deriving eqs. 35–36)'));
  const k1 = transientThreshold(c, t1, lm, eta!);
  const k2 = (2 * D) / eta!;
  table.add('Kc1', numericConstant('K_{c,1}^*', 'transient threshold', k1, 2 * c > eta! ? 'ln(2C/η)/(T₁λ_m(Q_d)): makes Ce^{−K_cλ_mT₁} ≤ η/2' : '2C ≤ η: the transient term is ≤ η/2 for every K_c'));
  table.add('Kc2', numericConstant('K_{c,2}^*', 'perturbation threshold', k2, '2D(T₂)/η: makes D(t)/K_c ≤ η/2 on [0, T₂]'));
  const KcStar = theorem3KcStar(c, t1, lm, D, eta!);
  table.add('KcStar', KcStar);
  const KcStarByEta = thresholdsByEta(KcStar, study.etas, (e) => theorem3KcStar(c, t1, lm, D, e));
  return {
    applies: true, checks, outcome: { kind: 'applies' },
    constants: table.done(), KcStarByEta, growth, fd,
  };
}

/**
 * K_c* of Theorem 3 at η: max{K_{c,1}*, K_{c,2}*} with K_{c,1}* = ln(2C/η)/(T₁λ_m(Q_d)) (or 0 when
 * 2C ≤ η) and K_{c,2}* = 2D(T₂)/η (end of Appendix C).
 * @example theorem3KcStar(1, 1, 1, 1, 4).value // => 0.5
 */
export function theorem3KcStar(C: number, T1: number, lambdaMin: number, D: number, eta: number): NamedConstant {
  const k1 = transientThreshold(C, T1, lambdaMin, eta);
  const k2 = (2 * D) / eta;
  return numericConstant('K_c^*', 'coupling threshold of Theorem 3', Math.max(k1, k2), `K_c* = max{K_{c,1}*, K_{c,2}*} = max{${formatDouble(k1)}, ${formatDouble(k2)}}`);
}
