/**
 * One derivation of one model, computed once and carried as typed data: the model as stated, paper §4
 * (`deriveReduced`: separability, eq. 5, 𝓛̄ of eq. 6, steady states, spectrum, μ, λ_m(Q)), §5
 * (`deriveCoherent`: induced graph, orbit basis, Proj(A_d) of eq. 17, its spectrum, y_d(0)), Theorems
 * 1–4 added from those two values (`deriveTheorems`), the simulation of eqs. 4, 5, 6 and 17 lowered
 * from them (`simulateModel`), and the numerical checks of the theorems along the simulated
 * trajectories (`checkTheorems`). Each stage reads what an earlier stage computed; none re-derives it
 * from the raw model. Plain data, no I/O: the report renders a `Derivation`, the CLI writes files.
 */
import type { NetworkModel } from '../model/network.ts';
import { modelJson, type ModelJson } from '../model/model-json.ts';
import { deriveReduced, type ReducedDerivation } from '../reduced/derive.ts';
import { steadyThresholdOf, type SteadyThresholdResult } from '../reduced/exact-threshold.ts';
import { deriveCoherent, type CoherentDerivation } from '../coherent/derive.ts';
import { simulateModel, studyGains, type SimulationProgress, type SimulationResult } from '../simulate/simulate.ts';
import { deriveTheorems, type TheoremKey, type TheoremResults } from '../theorems/derive-theorems.ts';
import { checkTheorems, constantsFromTheorems, type TheoremCheck, type TheoremConstants } from '../theorems/checks.ts';
import { coherentCheckPlan, type CoherentCheckPlan } from './check-plan.ts';
import { networkOutputs, type NetworkOutputs } from './outputs.ts';

export interface DeriveOptions {
  /** Progress of the simulation and the checks (the CLI draws a bar on a terminal). */
  readonly onProgress?: (p: SimulationProgress) => void;
  /** Run the Theorem 3–4 checks beyond the default size too (`derive --full-checks`; see `coherentCheckPlan`). */
  readonly fullChecks?: boolean;
}

/** Why nothing was integrated: the symbolic parameters that have no value in the file. */
export interface SimulationSkipped {
  readonly freeParameters: readonly string[];
}

/** Everything derived for one model. */
export interface Derivation {
  readonly model: NetworkModel;
  /** The model as stated, in the JSON form of schemaVersion 5 (what the report's first section shows). */
  readonly modelFacts: ModelJson;
  /** Paper §4. */
  readonly reduced: ReducedDerivation;
  /** §4's exact t → ∞ threshold: eq. 5's steady state as a function of K_c, K_c,∞(η), c and K_c,asym(η). */
  readonly steadyThreshold: SteadyThresholdResult;
  /** Paper §5. */
  readonly coherent: CoherentDerivation;
  /** Theorems 1–4: hypotheses, typed constants, K_c*. */
  readonly theorems: TheoremResults;
  /** Trajectories and figure metrics (null when a parameter has no value). */
  readonly simulation: SimulationResult | null;
  readonly simulationSkipped: SimulationSkipped | null;
  /** The numerical check of each applicable theorem along the simulated trajectories. */
  readonly checks: readonly TheoremCheck[];
  /** Which Theorem 3–4 checks were planned for this size of model, and why (null without a simulation). */
  readonly checkPlan: CoherentCheckPlan | null;
  /** The spectrum of Q, λ_max(Q_d), 𝒫_*(ρ(0)) and the t → ∞ limits per K_c (derivation/outputs.ts). */
  readonly outputs: NetworkOutputs;
}

/**
 * Derives everything for a model: §4, §5, the theorems, the simulation and the theorem checks. The
 * simulation needs every parameter to have a value; a model with free symbolic parameters gets the
 * exact derivation and `simulationSkipped` instead of numerics.
 */
export function computeDerivation(model: NetworkModel, options: DeriveOptions = {}): Derivation {
  const reduced = deriveReduced(model);
  const coherent = deriveCoherent(model);
  const theorems = deriveTheorems(model, reduced, coherent);
  const free = model.declaredParameters.filter((p) => !model.parameters.has(p));
  const steadyThreshold = steadyThresholdOf(reduced, model.parameters, model.study.etaList);
  const base = { model, modelFacts: modelJson(model), reduced, steadyThreshold, coherent, theorems };
  if (free.length > 0) {
    return { ...base, simulation: null, simulationSkipped: { freeParameters: free }, checks: [], checkPlan: null, outputs: networkOutputs(model, null) };
  }
  const simulation = simulateModel({ model, reduced, coherent }, { onProgress: options.onProgress });
  let constants = checkConstants({ reduced, theorems });
  const coherentTheorems = (['T3', 'T4'] as const).filter((t) => constants[t] !== undefined);
  const checkPlan = coherentCheckPlan(model.qubits, studyGains(model, simulation.context.params), coherentTheorems, { fullChecks: options.fullChecks });
  if (!checkPlan.run) constants = { ...constants, T3: undefined, T4: undefined };
  const checks = checkTheorems(simulation.context, constants, { onProgress: options.onProgress, ...checkPlan.options, ...checkHorizon(model, simulation.context.params) });
  return { ...base, simulation, simulationSkipped: null, checks, checkPlan, outputs: networkOutputs(model, simulation) };
}

/**
 * The numbers the theorem checks read: each applicable theorem's typed constants with the study's η,
 * T₁ and T₂ as §4 resolved them (`constantsFromTheorems`).
 */
export function checkConstants(d: Pick<Derivation, 'reduced' | 'theorems'>): TheoremConstants {
  return constantsFromTheorems(d.theorems, { eta: d.reduced.eta ?? undefined, T1: d.reduced.T1, T2: d.reduced.T2 });
}

/** `study.horizon` at the model's values, as the checks take it (none: each theorem's default window). */
export function checkHorizon(model: NetworkModel, params: Readonly<Record<string, number>>): { horizon?: number } {
  return model.study.horizon ? { horizon: model.study.horizon.toComplex(params)[0] } : {};
}

/** The theorems checked numerically for a derivation (those a proof walkthrough can show). */
export function checkedTheorems(d: Derivation): TheoremKey[] {
  return d.checks.map((c) => c.theorem);
}
