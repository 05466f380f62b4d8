/**
 * `simulateModel`: trajectories of eqs. 4, 5, 6 and 17 for every K_c of a model's study block, and
 * the metrics of the paper's figures:
 *   Fig. 1  ‖ρ_j(t) − ρ_r‖_F per qubit and their max          (separable, relaxing 𝓛̄)
 *   Fig. 2  ‖ρ_j(t) − ρ_b(t)‖_F per qubit (and max)           (separable)
 *   Fig. 3  Bloch vectors r = (x, y, z) of each ρ_j and of ρ_b, with initial and final points
 *           (ρ = ½(I + xσx + yσy + zσz), CONVENTIONS.md)        (separable)
 *   Fig. 6  ‖ρ(t) − vec⁻¹(P_d y_d(t))‖_F                      (connected graph, n ≤ 10)
 *   Fig. 7  ‖ρ(t) − 𝒫_*(ρ(t))‖_F                               (connected graph, n ≤ 10)
 * For a separable model the reduced states of the figures come from eq. 5, which is exact for such
 * models (and works at any n); when n ≤ 10 the full eq. 4 is propagated too, and the largest
 * difference between its partial traces and eq. 5 is reported as a cross-check.
 * Plain data in, plain data out: no I/O (progress goes to the caller's `onProgress`); the notes are
 * facts (`SimulationNote`), written as sentences by report/sections/simulation-text.ts.
 */
import { STUDY_DEFAULTS, type NetworkModel } from '../model/network.ts';
import { MAX_FULL_QUBITS } from '../numeric/lindblad-action.ts';
import { blochVector } from './density.ts';
import { buildSimulationContext, reducedSeries, fullSeries, type SimulationContext, type SimulationInputs, type SimulationNote, type SteadySource } from './context.ts';
import { lowerReal } from './lowering.ts';
import { DEFAULT_FULL_TOLERANCE, type FullNetworkMethod, type FullNetworkOptions, type StateMonitors } from './full-network.ts';

export type MetricName =
  | 'fig1.distanceToSteadyState'
  | 'fig1.maxDistanceToSteadyState'
  | 'fig2.distanceToBlended'
  | 'fig2.maxDistanceToBlended'
  | 'fig3.blochX'
  | 'fig3.blochY'
  | 'fig3.blochZ'
  /**
   * Pauli expectations ⟨σ_x⟩, ⟨σ_y⟩, ⟨σ_z⟩ of each qubit (its Bloch vector) from the partial traces of
   * eq. 4, for models without eq. 5 (not separable): the same data as Fig. 3, where Fig. 3 does not exist.
   * At the largest study gain only (the one the report's Bloch figures show), to keep the JSON compact.
   */
  | 'pauli.x'
  | 'pauli.y'
  | 'pauli.z'
  | 'fig6.coherentError'
  | 'fig7.symmetrizationError';

/** One curve of a figure. */
export interface Curve {
  readonly metric: MetricName;
  readonly Kc: number;
  readonly t: readonly number[];
  readonly values: readonly number[];
  /** 1-based qubit for per-qubit curves; `'blended'` for ρ_b in Fig. 3. */
  readonly qubit?: number | 'blended';
}

/** Fig. 3's red and green dots: the first and last Bloch vector of each trajectory. */
export interface BlochEndpoints {
  readonly Kc: number;
  readonly state: number | 'blended';
  readonly initial: readonly [number, number, number];
  readonly final: readonly [number, number, number];
}

/** What was run at one K_c and how healthy it was. */
export interface KcRun {
  readonly Kc: number;
  /** Eq. 4 method and monitors (null when n > 10). */
  readonly full: { method: FullNetworkMethod; monitors: StateMonitors } | null;
  /** Eq. 5 method (separable models). */
  readonly reducedMethod: 'dense-expm' | 'krylov' | null;
  /** max over j, t, entries of |Tr_{¬j}ρ(t) − ρ_j(t)| between eq. 4 and eq. 5 (separable, n ≤ 10). */
  readonly eq5VsEq4: number | null;
  readonly wallMs: number;
}

export interface SimulationProgress {
  readonly stage: 'simulate' | 'check';
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

export interface SimulateOptions {
  /** Progress callback (the CLI renders a bar; the simulate layer never prints). */
  onProgress?: (p: SimulationProgress) => void;
  /** Coupling gains (default: the study block's K_c). */
  Kc?: readonly number[];
  /** Output grid (default: the study block's time grid, else 0…10 with 101 points). */
  times?: readonly number[];
  /** Method for eq. 4 (default auto: dense exponential for n ≤ 3, Krylov otherwise). */
  fullMethod?: FullNetworkOptions['method'];
}

export interface SimulationResult {
  readonly model: string;
  readonly n: number;
  readonly separable: boolean;
  readonly relaxing: boolean | null;
  readonly t: readonly number[];
  readonly Kc: readonly number[];
  readonly curves: readonly Curve[];
  readonly bloch: readonly BlochEndpoints[];
  readonly runs: readonly KcRun[];
  /** Methods, sources of constants, omissions (facts; the report writes them, simulation-text.ts). */
  readonly notes: readonly SimulationNote[];
  /** ρ_r (row-major [re, im] pairs) and where it came from, when relaxing. */
  readonly steadyState: { value: [number, number][][]; source: SteadySource } | null;
  /** The context, for the theorem checks (not serialised). */
  readonly context: SimulationContext;
}

/** The study grid of a model: start…end with `steps` points (default 0…10, 101 points). */
export function studyTimes(model: NetworkModel, params: Readonly<Record<string, number>> = {}): number[] {
  const g = model.study.time;
  const start = g ? lowerReal(g.start, params, 'study.time.start') : STUDY_DEFAULTS.time.start;
  const end = g ? lowerReal(g.end, params, 'study.time.end') : STUDY_DEFAULTS.time.end;
  const steps = g ? g.steps : STUDY_DEFAULTS.time.steps;
  return Array.from({ length: steps }, (_, k) => (k === steps - 1 ? end : start + ((end - start) * k) / (steps - 1)));
}

/** The study block's coupling gains as doubles (default [1, 10, 40] when the file gives none). */
export function studyGains(model: NetworkModel, params: Readonly<Record<string, number>> = {}): number[] {
  const ks = model.study.Kc.map((k, i) => lowerReal(k, params, `study.Kc[${i}]`));
  return ks.length > 0 ? ks : [...STUDY_DEFAULTS.Kc];
}

/**
 * Trajectories and figure metrics for every K_c, from the model and its §4/§5 derivations (lowered
 * once, `buildSimulationContext`).
 */
export function simulateModel(inputs: SimulationInputs, options: SimulateOptions = {}): SimulationResult {
  const ctx = buildSimulationContext(inputs);
  const model = inputs.model;
  const t = options.times ? [...options.times] : studyTimes(model, ctx.params);
  const gains = options.Kc ? [...options.Kc] : studyGains(model, ctx.params);
  const notes: SimulationNote[] = [...ctx.notes];
  const curves: Curve[] = [];
  const bloch: BlochEndpoints[] = [];
  const runs: KcRun[] = [];
  const sep = ctx.separableData;
  const canFull = ctx.n <= MAX_FULL_QUBITS;
  if (sep) {
    notes.push({ kind: 'eq6', steadySource: sep.steadySource }, { kind: 'figures-from-eq5' });
    if (!sep.relaxing) notes.push({ kind: 'not-relaxing' });
  }
  gains.forEach((Kc, idx) => {
    options.onProgress?.({ stage: 'simulate', done: idx, total: gains.length, label: `K_c = ${Kc}` });
    const g = simulateGain(ctx, Kc, t, { fullMethod: options.fullMethod, pauli: Kc === Math.max(...gains) });
    curves.push(...g.curves);
    bloch.push(...g.bloch);
    runs.push(g.run);
  });
  options.onProgress?.({ stage: 'simulate', done: gains.length, total: gains.length, label: 'done' });
  if (canFull) notes.push({ kind: 'eq4', method: runs[0]?.full?.method ?? null, tolerance: DEFAULT_FULL_TOLERANCE });
  if (ctx.coherentData) notes.push({ kind: 'eq17', orbitDimension: ctx.coherentData.generator.csr.dim });
  const steady = sep?.steadyState
    ? { value: [[pair(sep.steadyState.data, 0), pair(sep.steadyState.data, 1)], [pair(sep.steadyState.data, 2), pair(sep.steadyState.data, 3)]], source: sep.steadySource }
    : null;
  return {
    model: model.name, n: ctx.n, separable: ctx.separable, relaxing: sep ? sep.relaxing : null, t, Kc: gains, curves, bloch, runs, notes, steadyState: steady, context: ctx,
  };
}

function pair(d: Float64Array, k: number): [number, number] {
  return [d[2 * k], d[2 * k + 1]];
}

/** The curves, Bloch end points and run record of one coupling gain (one iteration of `simulateModel`). */
export interface GainSimulation {
  readonly curves: readonly Curve[];
  readonly bloch: readonly BlochEndpoints[];
  readonly run: KcRun;
}

/**
 * Trajectories and figure metrics at one K_c on the grid t, from a context lowered once
 * (`buildSimulationContext`): what `simulateModel` computes for each gain of the study, and what an
 * interactive view computes when its K_c changes.
 */
export function simulateGain(
  ctx: SimulationContext, Kc: number, t: readonly number[],
  options: Pick<SimulateOptions, 'fullMethod'> & { /** Non-separable models: each qubit's ⟨σ_x⟩, ⟨σ_y⟩, ⟨σ_z⟩ from eq. 4's partial traces (`pauli.*`). */ pauli?: boolean } = {},
): GainSimulation {
  const curves: Curve[] = [];
  const bloch: BlochEndpoints[] = [];
  const sep = ctx.separableData;
  const n = ctx.n;
  const canFull = n <= MAX_FULL_QUBITS;
  const t0 = performance.now();
  let reducedMethod: KcRun['reducedMethod'] = null;
  let eq5VsEq4: number | null = null;
  let full: KcRun['full'] = null;
  const rs = sep ? reducedSeries(ctx, Kc, t) : null;
  if (rs && sep) {
    reducedMethod = rs.method;
    if (rs.distToSteady) {
      rs.distToSteady.forEach((values, j) => curves.push({ metric: 'fig1.distanceToSteadyState', Kc, t, values, qubit: j + 1 }));
      curves.push({ metric: 'fig1.maxDistanceToSteadyState', Kc, t, values: t.map((_, k) => Math.max(...rs.distToSteady!.map((d) => d[k]))) });
    }
    rs.distToBlended.forEach((values, j) => curves.push({ metric: 'fig2.distanceToBlended', Kc, t, values, qubit: j + 1 }));
    curves.push({ metric: 'fig2.maxDistanceToBlended', Kc, t, values: t.map((_, k) => Math.max(...rs.distToBlended.map((d) => d[k]))) });
    const trajectories: [number | 'blended', typeof rs.rhoB][] = [...rs.rho.map((r, j) => [j + 1, r] as [number, typeof rs.rhoB]), ['blended', rs.rhoB]];
    for (const [state, rhos] of trajectories) {
      const r = rhos.map((x) => blochVector(x));
      curves.push({ metric: 'fig3.blochX', Kc, t, values: r.map((v) => v[0]), qubit: state });
      curves.push({ metric: 'fig3.blochY', Kc, t, values: r.map((v) => v[1]), qubit: state });
      curves.push({ metric: 'fig3.blochZ', Kc, t, values: r.map((v) => v[2]), qubit: state });
      bloch.push({ Kc, state, initial: r[0], final: r[r.length - 1] });
    }
  }
  if (canFull) {
    // Partial traces: against eq. 5 for separable models, else (when asked) as each qubit's Pauli expectations.
    const pauli = !rs && (options.pauli ?? false);
    const fs = fullSeries(ctx, Kc, t, { partialTraces: !!rs || pauli, method: options.fullMethod });
    full = { method: fs.method, monitors: fs.monitors };
    if (fs.coherentError) curves.push({ metric: 'fig6.coherentError', Kc, t, values: fs.coherentError });
    if (fs.symmetrizationError) curves.push({ metric: 'fig7.symmetrizationError', Kc, t, values: fs.symmetrizationError });
    if (pauli && fs.partialTraces) {
      fs.partialTraces.forEach((rhos, j) => {
        const r = rhos.map((x) => blochVector(x));
        curves.push({ metric: 'pauli.x', Kc, t, values: r.map((b) => b[0]), qubit: j + 1 });
        curves.push({ metric: 'pauli.y', Kc, t, values: r.map((b) => b[1]), qubit: j + 1 });
        curves.push({ metric: 'pauli.z', Kc, t, values: r.map((b) => b[2]), qubit: j + 1 });
      });
    }
    if (rs && fs.partialTraces) {
      let worst = 0;
      for (let j = 0; j < n; j++) for (let k = 0; k < t.length; k++) {
        const a = rs.rho[j][k].data;
        const b = fs.partialTraces[j][k].data;
        for (let q = 0; q < 8; q += 2) worst = Math.max(worst, Math.hypot(a[q] - b[q], a[q + 1] - b[q + 1]));
      }
      eq5VsEq4 = worst;
    }
  }
  return { curves, bloch, run: { Kc, full, reducedMethod, eq5VsEq4, wallMs: performance.now() - t0 } };
}
