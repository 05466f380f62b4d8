/** The §4 and §5 derivations of a model with its theorems, as `computeDerivation` composes them (no simulation). */
import type { NetworkModel } from '../../src/model/network.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { steadyThresholdOf } from '../../src/reduced/exact-threshold.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { deriveTheorems } from '../../src/theorems/derive-theorems.ts';
import { modelJson } from '../../src/model/model-json.ts';
import type { Derivation } from '../../src/derivation/derive.ts';
import { networkOutputs } from '../../src/derivation/outputs.ts';
import { buildSimulationContext } from '../../src/simulate/context.ts';
import { checkTheorems, constantsFromTheorems } from '../../src/theorems/checks.ts';

export function theoremsFor(model: NetworkModel, options: { exactSpectrum?: boolean } = {}) {
  const reduced = deriveReduced(model);
  const coherent = deriveCoherent(model, { exactSpectrum: options.exactSpectrum ?? false });
  return { model, reduced, coherent, theorems: deriveTheorems(model, reduced, coherent) };
}

/** A `Derivation` of §4, §5 and the theorems without the simulation stage (for the JSON of those blocks). */
export function derivationWithoutSimulation(model: NetworkModel, options: { exactSpectrum?: boolean } = {}): Derivation {
  const t = theoremsFor(model, options);
  const steadyThreshold = steadyThresholdOf(t.reduced, model.parameters, model.study.etaList);
  return { ...t, steadyThreshold, modelFacts: modelJson(model), simulation: null, simulationSkipped: null, checks: [], checkPlan: null, outputs: networkOutputs(model, null) };
}

/** What the simulation lowers: the model with its §4 and §5 derivations. */
export function simulationInputs(model: NetworkModel) {
  return { model, reduced: deriveReduced(model), coherent: deriveCoherent(model, { exactSpectrum: false }) };
}

/**
 * The theorem checks of a model as `computeDerivation` runs them (η, T₁, T₂ from the §4 derivation),
 * on the simulation context lowered from the derivations.
 */
export function checksOf(model: NetworkModel, options: { only?: readonly ('T1' | 'T2' | 'T3' | 'T4')[] } = {}) {
  const t = theoremsFor(model);
  const ctx = buildSimulationContext(t);
  const all = constantsFromTheorems(t.theorems, { eta: t.reduced.eta ?? undefined, T1: t.reduced.T1, T2: t.reduced.T2 });
  const constants = options.only ? Object.fromEntries(options.only.map((k) => [k, all[k]])) : all;
  return { ...t, ctx, checks: checkTheorems(ctx, constants) };
}
