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
import { simulateModel, studyGains, type SimulationProgress, type SimulationResult } from '../simulate/simulate.ts';
import { simulationToJson } from '../simulate/json.ts';
import { checkTheorems, checkToJson, constantsFromTheorems, type CheckOptions, type TheoremCheck } from '../theorems/checks.ts';
import type { DerivationReportInput } from '../report/derivation-document.ts';
import { ModelTooLarge } from '../core/errors.ts';
import { MAX_FULL_QUBITS } from '../numeric/lindblad-action.ts';

/**
 * How derive runs the numerical checks of Theorems 3–4, which need the full ρ(t) of eq. 4 at K_c = K_c*
 * (10³–10⁶ for the models in derivations/, where eq. 4 is stiff) and through a bisection over K_c.
 * Measured on the 2-core reference machine, one propagation at K_c*:
 * - n ≤ 3: dense 64×64 exponential, well under a second: full checks.
 * - n = 4: dense 256×256 exponential (one per grid step size, accurate at any K_c): ~1 s at
 *   K_c* ≈ 3.5·10³ (Krylov is no cheaper there), so full checks, the bisection bracketed from the study gains.
 * - n = 5: Krylov at tolerance 1e-8 (the errors compared with η are ≥ 10⁻⁷): ~10 s at K_c* ≈ 1.3·10⁵
 *   on [0, 10]; full checks, the bisections bracketed from the study gains (a propagation there takes
 *   < 1 s on [0, 10], a few s on Theorem 4's [0, T₁ + 50]). ring-5-weighted's whole derive: ~30 s.
 * - n = 6: the same, with long real Krylov bases (numeric/propagate.ts; the Example-3-like bench
 *   model takes ~1.9 s on [0, 10] at K_c = 10³, `npm run bench -- eq4`): path-6-dephasing's whole
 *   derive with both checks (K_c* ≈ 2.7·10³ and 4·10⁶) and their bisections takes ~3 min.
 * - n ≥ 7: a propagation at K_c = 10³ takes ~10.5 s at n = 7 and ~65 s at n = 8 (4× and 5× the
 *   K_c = 1 time: each Krylov basis must capture the coupling clusters, and Gram–Schmidt costs
 *   O(m²·4ⁿ)), and 2–3× more again at K_c* ≈ 10⁵–10⁶ (~25 s at n = 7 on [0, 10], longer on
 *   Theorem 4's window); with ten or more propagations per check, a 7-qubit path model with T3
 *   (K_c* ≈ 10⁷) and T4 took 12 min in all (path-7 variant of path-6-dephasing, shared machine),
 *   and its 8-qubit version 1 h 54 min (9×; T3 at K_c* ≈ 2.5·10⁷, T4 at 6.5·10³, both hold; peak
 *   RSS 0.94 GiB): not run by default, only on request (derive --full-checks).
 */
export interface CoherentCheckPlan {
  readonly run: boolean;
  readonly options: Pick<CheckOptions, 'fullMethod' | 'fullTolerance' | 'seeds' | 'skipBisection'>;
  /** What the report says about what was (not) run, or null. */
  readonly note: string | null;
}

/** Largest n whose Theorem 3–4 checks derive runs by default (see `coherentCheckPlan`). */
export const MAX_COHERENT_CHECK_QUBITS = 6;

/** `--full-checks` needs the full ρ(t) of eq. 4, which exists only up to MAX_FULL_QUBITS qubits. */
export function assertFullChecksPossible(n: number): void {
  if (n <= MAX_FULL_QUBITS) return;
  throw new ModelTooLarge(
    `--full-checks: the Theorem 3–4 checks need the full ρ(t) of eq. 4, which is not propagated beyond ${MAX_FULL_QUBITS} qubits (this model has ${n})`,
    { field: 'qubits' },
    "drop --full-checks; the report still gives the theorems' constants and the reduced and orbit-basis figures",
  );
}

/**
 * The plan for a model's Theorem 3–4 checks, by its number of qubits (see the measurements above).
 * `fullChecks` (derive --full-checks) runs them for MAX_COHERENT_CHECK_QUBITS < n ≤ MAX_FULL_QUBITS
 * too, with the n = 5, 6 settings; beyond MAX_FULL_QUBITS there is no full ρ(t) to check against,
 * and asking is a user error.
 */
export function coherentCheckPlan(
  n: number,
  studyGainList: readonly number[],
  theorems: readonly ('T3' | 'T4')[],
  request: { fullChecks?: boolean } = {},
): CoherentCheckPlan {
  const names = theorems.map((t) => `Theorem ${t.slice(1)}`).join(' and ');
  const krylov = { fullMethod: 'krylov', fullTolerance: 1e-8, seeds: studyGainList } as const;
  if (n <= 3) return { run: true, options: {}, note: null };
  if (n === 4) return { run: true, options: { fullMethod: 'dense-expm', seeds: studyGainList }, note: null };
  if (n <= MAX_COHERENT_CHECK_QUBITS) return { run: true, options: krylov, note: null };
  if (request.fullChecks && theorems.length > 0) {
    assertFullChecksPossible(n);
    return {
      run: true,
      options: krylov,
      note: `The numerical checks of ${names} were run on request (derive --full-checks) for n = ${n}: Krylov propagations of eq. 4 at tolerance ${krylov.fullTolerance}, as for n = 5, 6.`,
    };
  }
  return {
    run: false,
    options: {},
    note: theorems.length === 0 ? null : `The numerical checks of ${names} need the full ρ(t) of eq. 4 at K_c = K_c* and a bisection over K_c (ten or more propagations). For n = ${n} (a ${4 ** n}-dimensional Liouville space) one Krylov propagation over [0, 10] at K_c = 10³ takes about 10 s on the 2-core reference machine at n = 7 and 65 s at n = 8, and 2–3× more at K_c = 10⁵–10⁶ (each Krylov basis must first capture the coupling clusters, and Gram–Schmidt on vectors of 4ⁿ entries costs O(m²·4ⁿ), see numeric/propagate.ts), so derive does not run them by default; derive --full-checks runs them (measured for both checks of a path model: 12 min at 7 qubits, 1 h 54 min at 8). Figs. 6 and 7 above show the quantities these theorems bound at the study gains.`,
  };
}

export interface PipelineOptions {
  onProgress?: (p: SimulationProgress) => void;
  /** Run the Theorem 3–4 checks beyond MAX_COHERENT_CHECK_QUBITS (derive --full-checks). */
  fullChecks?: boolean;
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
    const coherentTheorems = (['T3', 'T4'] as const).filter((t) => constants[t] !== undefined);
    const plan = coherentCheckPlan(model.qubits, studyGains(model, simulation.context.params), coherentTheorems, { fullChecks: options.fullChecks });
    if (plan.note) checkNotes.push(plan.note);
    if (!plan.run) constants = { ...constants, T3: undefined, T4: undefined };
    checks = checkTheorems(simulation.context, constants, { onProgress: options.onProgress, ...plan.options });
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
  const reduced = reducedToJson(result.reduced) as { graph?: { lambdaMin?: unknown } };
  const checks = result.checks.map(checkToJson);
  return {
    ...input.model,
    // λ_m(Q) belongs with the graph it describes; the §4 derivation computes it (closed form or numeric).
    graph: { ...(input.model.graph as Record<string, unknown>), lambdaMin: reduced.graph?.lambdaMin ?? null },
    reduced,
    ...(input.coherent ? coherentToJson(input.coherent) : { coherent: null }),
    simulation: result.simulation ? simulationToJson(result.simulation) : null,
    simulationSkipped: input.simulationSkipped,
    checks,
    // The same checks keyed by theorem, so `checkByTheorem.T1.holdsAtKcStar` reads directly.
    checkByTheorem: Object.fromEntries(result.checks.map((c, k) => [c.theorem, checks[k]])),
    checkNotes: [...input.checkNotes],
  };
}
