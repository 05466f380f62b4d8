/** The §4 and §5 derivations of a model with its theorems, as `computeDerivation` composes them (no simulation). */
import type { NetworkModel } from '../../src/model/network.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { deriveTheorems } from '../../src/theorems/derive-theorems.ts';
import { modelJson } from '../../src/model/model-json.ts';
import type { Derivation } from '../../src/derivation/derive.ts';

export function theoremsFor(model: NetworkModel, options: { exactSpectrum?: boolean } = {}) {
  const reduced = deriveReduced(model);
  const coherent = deriveCoherent(model, { exactSpectrum: options.exactSpectrum ?? false });
  return { model, reduced, coherent, theorems: deriveTheorems(model, reduced, coherent) };
}

/** A `Derivation` of §4, §5 and the theorems without the simulation stage (for the JSON of those blocks). */
export function derivationWithoutSimulation(model: NetworkModel, options: { exactSpectrum?: boolean } = {}): Derivation {
  return { ...theoremsFor(model, options), modelFacts: modelJson(model), simulation: null, simulationSkipped: null, checks: [], checkPlan: null };
}
