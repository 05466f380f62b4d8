/**
 * The derivation pipeline of one model, in memory: load → §4 (`deriveReduced`) → §5
 * (`deriveCoherent`, with Theorems 3–4) → numerics (`simulateModel`) → theorem checks. Returns plain data that
 * `buildDerivationDocument` (src/report) lays out and `derivationJson` serialises; nothing here
 * writes files or prints (progress goes to `onProgress`).
 */
import type { NetworkModel } from '../model/network.ts';
import { modelJson } from '../model/model-json.ts';
import { deriveReduced, reducedToJson, type ReducedDerivation } from '../theorems/reduced-derivation.ts';
import { coherentToJson, deriveCoherent } from '../theorems/theorem4.ts';
import { simulateModel, type SimulationProgress, type SimulationResult } from '../simulate/simulate.ts';
import { simulationToJson } from '../simulate/json.ts';
import { checkTheorems, checkToJson, constantsFromTheorems, type TheoremCheck } from '../theorems/checks.ts';
import type { DerivationReportInput } from '../report/derivation-document.ts';

/**
 * Largest n for which derive runs the numerical checks of Theorems 3–4 (dense 4ⁿ×4ⁿ propagators;
 * measured: n = 3 takes ~2 s, while n = 5 and 6 with Krylov at K_c* ~ 10⁴–10⁵ take minutes).
 */
export const MAX_COHERENT_CHECK_QUBITS = 3;

export interface PipelineOptions {
  onProgress?: (p: SimulationProgress) => void;
  /** Program name and version printed in the colophon, e.g. `qblend 0.1.0`. */
  generator: string;
}

export interface PipelineResult {
  readonly input: DerivationReportInput;
  readonly reduced: ReducedDerivation;
  readonly simulation: SimulationResult | null;
  readonly checks: readonly TheoremCheck[];
}

/**
 * Runs the whole derivation of a model. The simulation needs every parameter to have a value; a
 * model with free symbolic parameters gets the exact derivation and a note instead of numerics.
 */
export function runDerivation(model: NetworkModel, options: PipelineOptions): PipelineResult {
  const reduced = deriveReduced(model);
  const coherent = deriveCoherent(model);
  const free = model.declaredParameters.filter((p) => !model.parameters.has(p));
  let simulation: SimulationResult | null = null;
  let simulationSkipped: string | null = null;
  let checks: TheoremCheck[] = [];
  const checkNotes: string[] = [];
  if (free.length > 0) {
    simulationSkipped = `the symbolic parameter${free.length > 1 ? 's' : ''} ${free.join(', ')} ${free.length > 1 ? 'have' : 'has'} no value in the file, so nothing is integrated; give ${free.length > 1 ? 'them values' : 'it a value'} under parameters: to get the figures`;
  } else {
    const facts = reduced.blendedAtValues?.steady ?? reduced.blended?.steady;
    simulation = simulateModel(model, { reduced: facts ?? undefined, coherent }, { onProgress: options.onProgress });
    let constants = constantsFromTheorems(
      { T1: reduced.theorem1, T2: reduced.theorem2, T3: coherent.T3, T4: coherent.T4 },
      { eta: reduced.eta ?? undefined, T1: reduced.T1, T2: reduced.T2 },
    );
    if (model.qubits > MAX_COHERENT_CHECK_QUBITS) {
      const dropped = (['T3', 'T4'] as const).filter((t) => constants[t] !== undefined);
      if (dropped.length > 0) {
        checkNotes.push(`The numerical checks of ${dropped.map((t) => `Theorem ${t.slice(1)}`).join(' and ')} need the full ρ(t) at K_c = K_c* and through a bisection over K_c; for n = ${model.qubits} > ${MAX_COHERENT_CHECK_QUBITS} (a ${4 ** model.qubits}-dimensional Liouville space, stiff at large K_c) they take minutes and are not run by derive. Figs. 6 and 7 above show the quantities these theorems bound at the study gains.`);
      }
      constants = { ...constants, T3: undefined, T4: undefined };
    }
    checks = checkTheorems(simulation.context, constants, { onProgress: options.onProgress });
  }
  return {
    input: { model: modelJson(model), reduced, coherent, simulation, simulationSkipped, checks, checkNotes, generator: options.generator },
    reduced,
    simulation,
    checks,
  };
}

/** The JSON output of a derivation: the model (schemaVersion 1) plus `reduced`, `coherent`, `simulation`, `checks`. */
export function derivationJson(result: PipelineResult): Record<string, unknown> {
  const { input } = result;
  return {
    ...input.model,
    reduced: reducedToJson(result.reduced),
    ...(input.coherent ? coherentToJson(input.coherent) : { coherent: null }),
    simulation: result.simulation ? simulationToJson(result.simulation) : null,
    simulationSkipped: input.simulationSkipped,
    checks: result.checks.map(checkToJson),
    checkNotes: [...input.checkNotes],
  };
}
