/**
 * The one JSON writer: a `Derivation` as the versioned JSON report (schemaVersion 5, see
 * docs/json-schema.md) — the model as stated, then `reduced` (§4 with Theorems 1–2), `coherent` (§5
 * with Theorems 3–4), `simulation`, `checks` and `checkByTheorem`, `checkNotes`, `thresholds`. The same bytes for
 * the same derivation: keys in a fixed order, numbers in ECMAScript's shortest round-trip form (the
 * simulation's and checks' doubles rounded to 10 significant digits first), no timings.
 */
import type { Derivation } from '../derivation/derive.ts';
import { coherentToJson } from './json/coherent.ts';
import { checkToJson } from './json/checks.ts';
import { blendedToJson, reducedErratumJson, type Json } from './json/reduced.ts';
import { simulationToJson } from './json/simulation.ts';
import { graphOutputsJson, outputsJson } from './json/outputs.ts';
import { thresholdsJson } from './json/thresholds.ts';
import { reducedTheoremExplanations, reducedTheoremsJson } from './json/theorems.ts';
import { reducedErrata } from './sections/errata.ts';
import { reducedExplanationText } from './sections/explanations.ts';
import { checkPlanNote, simulationSkippedNote } from './sections/numerics.ts';

/** The `reduced` block: §4, its errata with the proof errata of Theorems 1–2, and the theorems. */
function reducedJson(d: Derivation): Record<string, Json> {
  const out = blendedToJson(d.reduced);
  out.errata = reducedErrata(d).map(reducedErratumJson);
  out.explanations = [...d.reduced.explanations.map(reducedExplanationText), ...reducedTheoremExplanations(d.theorems)];
  out.theorems = reducedTheoremsJson(d.theorems);
  return out;
}

/**
 * The JSON report of a derivation, as a plain object.
 * @example derivationJson(computeDerivation(parseModel('name: two\nqubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|", "|1><1|"]}\nstudy: {Kc: [10], time: {end: 1, steps: 3}}\n'))).schemaVersion // => 5
 */
export function derivationJson(d: Derivation): Record<string, unknown> {
  const model = d.modelFacts as unknown as Record<string, unknown>;
  const reduced = reducedJson(d) as { graph?: { lambdaMin?: unknown } };
  const checks = d.checks.map(checkToJson);
  const checkNote = d.checkPlan ? checkPlanNote(d.checkPlan) : null;
  return {
    ...model,
    // λ_m(Q) belongs with the graph it describes; the §4 derivation computes it (closed form or numeric).
    graph: { ...(model.graph as Record<string, unknown>), lambdaMin: reduced.graph?.lambdaMin ?? null, ...graphOutputsJson(d.outputs) },
    reduced,
    ...coherentToJson(d.model.name, d.coherent, d.theorems),
    simulation: d.simulation ? simulationToJson(d.simulation) : null,
    simulationSkipped: d.simulationSkipped ? simulationSkippedNote(d.simulationSkipped) : null,
    ...outputsJson(d.outputs),
    checks,
    // The same checks keyed by theorem, so `checkByTheorem.T1.holdsAtKcStar` reads directly.
    checkByTheorem: Object.fromEntries(d.checks.map((c, k) => [c.theorem, checks[k]])),
    checkNotes: checkNote ? [checkNote] : [],
    thresholds: thresholdsJson(d),
  };
}

/**
 * Deterministic, readable JSON text: two-space indentation, each complex pair [re, im] kept on one
 * line, a trailing newline.
 * @example stringifyJson({ z: [1, -0.5] }) // => '{\n  "z": [1, -0.5]\n}\n'
 */
export function stringifyJson(data: unknown): string {
  const text = JSON.stringify(data, null, 2);
  return `${text.replace(/\[\s+(-?[0-9.eE+-]+),\s+(-?[0-9.eE+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

/** The JSON report of a derivation as text: what `qblend derive --format json` writes. */
export function derivationJsonText(d: Derivation): string {
  return stringifyJson(derivationJson(d));
}
