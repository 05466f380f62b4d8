import { Scalar } from '../algebra/scalar.ts';
import type { NetworkModel } from '../model/network.ts';
import { deriveCoherentDynamics, type CoherentDynamics, type CoherentDynamicsOptions } from '../coherent/derive.ts';
import type { LabelledValue } from '../coherent/projection.ts';
import { type EtaThreshold, type NamedConstant, formatDouble, numericConstant, thresholdsByEta, transientThreshold, uniformGrid } from './common.ts';
import type { ApplicabilityCheck, NumericCheck } from './theorem1.ts';
import { coherentBaseConstants, coherentChecks, denseCheckData, fullTrajectory, theorem3, MAX_CHECK_QUBITS, type CoherentStudy, type Theorem3Result } from './theorem3.ts';

/**
 * Theorem 4 (paper §5.3, proof in Appendix D): for η > 0 and T₁ > 0, once K_c ≥ K_c*,
 *   ‖ρ(t) − 𝒫_*(ρ(t))‖_F ≤ η  for all t ≥ T₁,
 *   K_c* = max{ ln(2C/η)/(T₁λ_m(Q_d)), 2‖A_d‖/(ηλ_m(Q_d)) },  C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F.
 * Proof check: by eq. 37, ‖ρ(t) − 𝒫_*ρ(t)‖_F = ‖ν̃(t)‖ ≤ Ce^{−K_cλ_m t} + ‖A‖/(K_cλ_m) (eq. 35); the first
 * term is ≤ η/2 for t ≥ T₁ once K_c ≥ ln(2C/η)/(T₁λ_m), the second ≤ η/2 once K_c ≥ 2‖A‖/(ηλ_m). Confirmed
 * as stated. No time horizon is needed since eq. 35 does not grow in t.
 */
export interface Theorem4Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly reason: string;
  readonly constants: readonly NamedConstant[];
  readonly KcStar: NamedConstant | null;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly numericChecks: readonly NumericCheck[];
}

/**
 * K_c* of Theorem 4 with every constant, and (n ≤ 3) a numeric check of ‖ρ(t) − 𝒫_*ρ(t)‖_F ≤ η on
 * [T₁, max(T₂, 10T₁)] at K_c* and at the study gains.
 */
export function theorem4(d: CoherentDynamics, study: CoherentStudy, options: { initialMatrix?: [number, number][][] } = {}): Theorem4Result {
  const { checks, eta, T1, T2 } = coherentChecks(d, study, false);
  const failed = checks.filter((c) => c.holds !== true);
  if (failed.length > 0) {
    return { applies: false, checks, reason: `Theorem 4 does not apply: ${failed.map((c) => `${c.name} — ${c.detail}`).join('; ')}.`, constants: [], KcStar: null, KcStarByEta: [], numericChecks: [] };
  }
  const constants = coherentBaseConstants(d);
  const c = d.symmetryDefect.value.numeric[0];
  const A = d.norm!.value;
  const lm = d.lambdaMin.value!;
  const t1 = T1!;
  const k1 = transientThreshold(c, t1, lm, eta!);
  const k2 = (2 * A) / (eta! * lm);
  constants.push(numericConstant('K_{c,1}^*', 'transient threshold', k1, 2 * c > eta! ? 'ln(2C/η)/(T₁λ_m(Q_d))' : '2C ≤ η: no transient condition'));
  constants.push(numericConstant('K_{c,2}^*', 'perturbation threshold', k2, '2‖A_d‖/(ηλ_m(Q_d))'));
  const KcStar = theorem4KcStar(c, t1, lm, A, eta!);
  constants.push(KcStar);
  const KcStarByEta = thresholdsByEta(KcStar, study.etas, (e) => theorem4KcStar(c, t1, lm, A, e));
  const numericChecks: NumericCheck[] = [];
  if (options.initialMatrix && d.n <= MAX_CHECK_QUBITS) {
    const data = denseCheckData(d, options.initialMatrix);
    const horizon = Math.max(T2 ?? 0, 10 * t1);
    const times = uniformGrid(t1, horizon, 80);
    const orbitsSize = d.components;
    for (const Kc of [KcStar.value!, ...(study.Kc ?? []).map((k: Scalar) => k.toComplex()[0])]) {
      const traj = fullTrajectory(data, Kc, times);
      let worst = 0;
      for (const y of traj) {
        // ‖ỹ − P_dP_dᵀỹ‖² = ‖ỹ‖² − Σ_m |Σ_{x∈V_m} ỹ_x|²/|V_m|
        const sr = new Float64Array(orbitsSize);
        const si = new Float64Array(orbitsSize);
        let total = 0;
        for (let x = 0; x < data.orbitOf.length; x++) {
          sr[data.orbitOf[x]] += y[2 * x];
          si[data.orbitOf[x]] += y[2 * x + 1];
          total += y[2 * x] ** 2 + y[2 * x + 1] ** 2;
        }
        let proj = 0;
        for (let m = 0; m < orbitsSize; m++) proj += (sr[m] ** 2 + si[m] ** 2) * data.invSqrtSize[m] ** 2;
        worst = Math.max(worst, Math.sqrt(Math.max(0, total - proj)));
      }
      numericChecks.push({
        Kc, observed: worst, bound: eta!, holds: worst <= eta!,
        description: `K_c = ${formatDouble(Kc)}${Kc === KcStar.value ? ' (K_c*)' : ' (study gain)'}: max over 81 times in [T₁, ${formatDouble(horizon)}] of ‖ρ(t) − 𝒫_*(ρ(t))‖_F = ${formatDouble(worst)} (η = ${formatDouble(eta!)})`,
      });
    }
  }
  return { applies: true, checks, reason: 'Theorem 4 applies: the graph is connected and η, T₁ are given.', constants, KcStar, KcStarByEta, numericChecks };
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

/** The full §5 derivation of a model: coherent dynamics plus Theorems 3 and 4. Plain data, no I/O. */
export interface CoherentDerivation {
  readonly model: string;
  readonly dynamics: CoherentDynamics;
  readonly T3: Theorem3Result;
  readonly T4: Theorem4Result;
}

/**
 * Entry point of paper §5 for a model (the graph, H, L_l, ρ(0) and the study's η, T₁, T₂).
 * It lives at the theorems layer because it assembles Theorems 3–4 on top of src/coherent.
 */
export function deriveCoherent(model: NetworkModel, options: CoherentDynamicsOptions = {}): CoherentDerivation {
  const dynamics = deriveCoherentDynamics(model, options);
  const initialMatrix = model.qubits <= MAX_CHECK_QUBITS ? model.initial.toMatrix().toComplexRows(dynamics.params) : undefined;
  // Same defaults as the §4 derivation (reduced/derive.ts): T₁ = 1, T₂ = 10 where the study block gives none.
  const study: CoherentStudy = {
    eta: model.study.eta, ...(model.study.etaList ? { etas: model.study.etaList } : {}), T1: model.study.T1 ?? Scalar.ONE, T2: model.study.T2 ?? Scalar.int(10), Kc: model.study.Kc,
    source: model.study.T1 && model.study.T2 ? 'study block' : 'η from the study block; T₁ = 1, T₂ = 10 by default where the study block gives none',
  };
  return {
    model: model.name,
    dynamics,
    T3: theorem3(dynamics, study, { initialMatrix }),
    T4: theorem4(dynamics, study, { initialMatrix }),
  };
}

function valueJson(v: LabelledValue): { value: [number, number]; latex: string; kind: string } {
  return { value: [v.numeric[0], v.numeric[1]], latex: v.latex, kind: v.kind };
}

function constantJson(c: NamedConstant): Record<string, unknown> {
  return { symbol: c.symbol, name: c.name, kind: c.kind, value: c.value, latex: c.latex, exact: c.exact ? c.exact.toString() : null, source: c.source };
}

/** Largest p whose dense numeric Proj(A_d) rows go into the JSON. */
export const MAX_JSON_DENSE_DIM = 56;

/**
 * The JSON form of a coherent derivation (deterministic: no timings; complex numbers as [re, im];
 * matrices as arrays of rows; exact values carry `latex`).
 */
export function coherentToJson(d: CoherentDerivation): { coherent: Record<string, unknown> } {
  const dyn = d.dynamics;
  const gen = dyn.generator;
  const p = dyn.components;
  const exactRows = dyn.projectedExact
    ? Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
      const s = dyn.projectedExact!.get(i, j);
      // symbolic entries (parameters without values) have no double: null
      const z = s.freeParams().every((x) => x in dyn.params) ? s.toComplex(dyn.params) : null;
      return { value: z ? [z[0], z[1]] : null, latex: s.toLatex() };
    }))
    : null;
  const numericRows = dyn.projectedDense && p <= MAX_JSON_DENSE_DIM
    ? Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => [dyn.projectedDense!.data[2 * (i * p + j)], dyn.projectedDense!.data[2 * (i * p + j) + 1]]))
    : null;
  const theorem = (t: Theorem3Result | Theorem4Result): Record<string, unknown> => ({
    applies: t.applies,
    reason: t.reason,
    checks: t.checks,
    KcStar: t.KcStar ? constantJson(t.KcStar) : null,
    constants: t.constants.map(constantJson),
    numericChecks: t.numericChecks,
    ...('fd' in t ? { fd: t.fd } : {}),
  });
  return {
    coherent: {
      model: d.model,
      qubits: dyn.n,
      connected: dyn.connected,
      components: p,
      componentsFormula: dyn.componentsFormula,
      componentSizes: dyn.componentSizes,
      componentCounts: dyn.componentCounts,
      lambdaMin: {
        value: dyn.lambdaMin.value, latex: dyn.lambdaMin.latex, exact: dyn.lambdaMin.exact, method: dyn.lambdaMin.method,
        verification: dyn.lambdaMin.verification, citations: dyn.lambdaMin.citations,
      },
      projected: {
        dim: p,
        nonzeros: gen ? gen.csr.colIdx.length : null,
        sandwichTypes: gen ? gen.types.map((t) => ({ key: t.key, pairs: t.pairs.map(([a, b]) => `${'IXYZ'[a]}${'IXYZ'[b]}`), terms: t.terms, coef: t.coef })) : null,
        exact: exactRows,
        latex: dyn.projectedExact ? dyn.projectedExact.toLatex() : null,
        numeric: numericRows,
        indicatorBasisLatex: dyn.projectedIndicatorExact ? dyn.projectedIndicatorExact.toLatex() : null,
      },
      projectedSpectrum: dyn.spectrum ? {
        method: dyn.spectrum.method, complete: dyn.spectrum.complete, relativeResidual: dyn.spectrum.relativeResidual,
        eigenvalues: dyn.spectrum.eigenvalues.map((e) => ({ ...valueJson(e), multiplicity: e.multiplicity })),
      } : null,
      steadyStates: dyn.steadyStates ? {
        dimension: dyn.steadyStates.dimension, kind: dyn.steadyStates.kind, note: dyn.steadyStates.note,
        basis: dyn.steadyStates.basis.map((v) => v.map(valueJson)),
      } : null,
      initial: { kind: dyn.initial.kind, method: dyn.initial.method, values: dyn.initial.values.map(valueJson) },
      symmetryDefect: { value: valueJson(dyn.symmetryDefect.value), squared: valueJson(dyn.symmetryDefect.squared), note: dyn.symmetryDefect.note },
      norm: dyn.norm ? { value: dyn.norm.value, kind: dyn.norm.kind, note: dyn.norm.note, bound: dyn.norm.bound, dense: dyn.norm.dense } : null,
      theorems: { T3: theorem(d.T3), T4: theorem(d.T4) },
      errata: dyn.errata,
      citations: dyn.citations,
      explanations: dyn.explanations,
      fig4: dyn.fig4,
    },
  };
}
