/**
 * Everything a simulation needs that does not depend on K_c, lowered from the exact model once:
 * ρ(0) (n ≤ 10), the reduced states ρ_j(0), for a separable model the local generators 𝓛_j of eq. 5,
 * the blended generator 𝓛̄ and ρ_b(0) of eq. 6 with its steady state ρ_r and invariant subspace 𝕊,
 * and for a connected graph Proj(A_d) and y_d(0) of eq. 17. Then `reducedSeries` / `fullSeries`
 * evaluate, for one K_c on one grid, every quantity the figures (paper Figs. 1–3, 6–7) and the
 * theorem checks (Theorems 1–4 and the inequalities of their proofs) read.
 */
import type { ExactMatrix } from '../algebra/matrix.ts';
import type { LoweredModel } from '../core/lowered-model.ts';
import { type CMatrix, vecNorm, zeros } from '../numeric/cmatrix.ts';
import { eig } from '../numeric/eig.ts';
import { MAX_FULL_QUBITS, buildLindbladKernel, lindbladApplyInto } from '../numeric/lindblad-action.ts';
import type { NetworkModel } from '../model/network.ts';
import { lowerModel } from '../model/lower.ts';
import type { ReducedDerivation } from '../reduced/derive.ts';
import type { CoherentDerivation } from '../coherent/derive.ts';
import type { OrbitGenerator } from '../coherent/orbit-basis.ts';
import type { SeparabilityVerdict } from '../reduced/separability.ts';
import { lowerInitialState, lowerMatrix, lowerReducedInitialStates, parameterValues } from './lowering.ts';
import { propagateBlended, propagateReducedNetwork, reducedStateInto } from './reduced-dynamics.ts';
import { propagateCoherent } from './coherent-dynamics.ts';
import { propagateFullNetwork, type FullNetworkMethod, type FullNetworkOptions, type StateMonitors } from './full-network.ts';
import { partialTraceInto, symmetrizationDistance, unitOrbitTable, orbitLiftInto, orbitCoordinateDistance, frobeniusDistance, type UnitOrbitTable } from './density.ts';

/** The exact facts about 𝓛̄ the simulation takes from the §4 derivation (`SteadyAnalysis` satisfies it). */
export interface BlendedSteadyFacts {
  readonly relaxing: { readonly verdict: boolean | null };
  readonly steadyStates: { readonly kind: string; readonly rho?: ExactMatrix };
}

function exactFacts(r: BlendedSteadyFacts | null): { relaxing: boolean; steadyState: ExactMatrix | null } | null {
  if (!r) return null;
  const relaxing = r.relaxing.verdict;
  if (relaxing === null) return null;
  const rho = r.steadyStates.kind === 'unique' ? r.steadyStates.rho ?? null : null;
  if (relaxing && (!rho || rho.freeParams().length > 0)) return null;
  return { relaxing, steadyState: relaxing ? rho : null };
}

/**
 * What a simulation lowers: the model (H, L_l, ρ(0), the graph, the study) and the exact objects its
 * §4 and §5 derivations already built — the separability verdict, the local generators 𝓛_j of eq. 5,
 * 𝓛̄ and ρ_b(0) of eq. 6 with their steady analysis, Proj(A_d) and y_d(0) of eq. 17. Nothing is derived
 * again from the model.
 */
export interface SimulationInputs {
  readonly model: NetworkModel;
  readonly reduced: ReducedDerivation;
  readonly coherent: CoherentDerivation;
}

export interface SeparableContext {
  /** 𝓛_j, 4×4 column-stacked, lowered from the exact local generators of `reduced/`. */
  readonly locals: CMatrix[];
  /** 𝓛̄ = (1/n)Σ_j 𝓛_j (exact, lowered once). */
  readonly blendedGenerator: CMatrix;
  readonly rhoB0: CMatrix;
  readonly relaxing: boolean;
  /** ρ_r (relaxing) or null. */
  readonly steadyState: CMatrix | null;
  /** Where `relaxing` and ρ_r came from. */
  readonly steadySource: SteadySource;
  /** Orthonormal basis (Frobenius inner product) of 𝕊, the span of eigenvectors of 𝓛̄ with Re λ = 0, as vec's. */
  readonly invariantBasis: Float64Array[];
}

/**
 * Where the relaxing verdict and ρ_r of a simulation came from: 'exact', the §4 derivation's steady
 * analysis, lowered; 'numeric', the eigen-decomposition of the lowered 𝓛̄ (when the exact analysis
 * has no verdict, or ρ_r keeps a free parameter).
 */
export type SteadySource = 'exact' | 'numeric';

/**
 * What a simulation ran, took from where, or left out, in the order it says so (the report writes
 * each as a sentence, report/sections/simulation-text.ts):
 * - 'no-full-state': n > `maxQubits`, so ρ(t) of eq. 4 is not propagated and Figs. 6–7 are omitted;
 * - 'not-separable': Assumption 1 fails (the verdict), so eqs. 5–6 and Figs. 1–3 do not apply;
 * - 'eq17-not-propagated': the graph is connected but there is no ρ(t) to compare eq. 17 with;
 * - 'disconnected-graph': eq. 17 and Theorems 3–4 are not simulated;
 * - 'eq6': ρ_b(t) from the exact 𝓛̄, lowered once; relaxing and ρ_r from `steadySource`;
 * - 'figures-from-eq5': Figs. 1–3 use eq. 5, with eq5VsEq4 as the cross-check;
 * - 'not-relaxing': Fig. 1 does not apply;
 * - 'eq4': how eq. 4 was propagated (the first run's method; Krylov at `tolerance`);
 * - 'eq17': Proj(A_d) in the orbit basis of dimension `orbitDimension`, and y_d(0).
 */
export type SimulationNote =
  | { readonly kind: 'no-full-state'; readonly n: number; readonly maxQubits: number }
  | { readonly kind: 'not-separable'; readonly separability: SeparabilityVerdict }
  | { readonly kind: 'eq17-not-propagated'; readonly n: number }
  | { readonly kind: 'disconnected-graph' }
  | { readonly kind: 'eq6'; readonly steadySource: SteadySource }
  | { readonly kind: 'figures-from-eq5' }
  | { readonly kind: 'not-relaxing' }
  | { readonly kind: 'eq4'; readonly method: FullNetworkMethod | null; readonly tolerance: number }
  | { readonly kind: 'eq17'; readonly orbitDimension: number };

export interface CoherentContext {
  readonly generator: OrbitGenerator;
  readonly yd0: Float64Array;
}

export interface SimulationContext {
  readonly model: NetworkModel;
  readonly n: number;
  readonly params: Record<string, number>;
  readonly separable: boolean;
  /** ρ(0) (n ≤ 10) or null. */
  readonly rho0: CMatrix | null;
  readonly reducedInitial: CMatrix[];
  readonly separableData: SeparableContext | null;
  readonly coherentData: CoherentContext | null;
  readonly orbitTable: UnitOrbitTable | null;
  readonly edges: [number, number, number][];
  readonly notes: SimulationNote[];
}

/** Eigenvalues with |Re λ| below this (relative to ‖𝓛̄‖) count as purely imaginary (numeric path only). */
const IMAGINARY_AXIS_TOL = 1e-9;

/**
 * Builds the K_c-independent part of a simulation by lowering the derivation once (every parameter
 * must have a value).
 */
export function buildSimulationContext(inputs: SimulationInputs): SimulationContext {
  const { model, reduced, coherent } = inputs;
  const n = model.qubits;
  const values = parameterValues(model);
  const notes: SimulationNote[] = [];
  const verdict = reduced.separability;
  const rho0 = n <= MAX_FULL_QUBITS ? lowerInitialState(model, values) : null;
  if (!rho0) notes.push({ kind: 'no-full-state', n, maxQubits: MAX_FULL_QUBITS });
  const reducedInitial = reduced.initialReduced ? reduced.initialReduced.map((r) => lowerMatrix(r, values)) : lowerReducedInitialStates(model, values);
  let separableData: SeparableContext | null = null;
  if (verdict.separable && reduced.locals && reduced.blended) {
    const locals = reduced.locals.map((g) => lowerMatrix(g.superop, values));
    const Lbar = lowerMatrix(reduced.blended.generator.superop, values);
    // ρ_b(0) = (1/n)Σ_j ρ_j(0): exact for a product ρ(0) (its factors), else the mean of the lowered partial traces.
    const rhoB0 = model.initial.kind === 'product' && reduced.blendedInitial ? lowerMatrix(reduced.blendedInitial, values) : meanState(reducedInitial);
    const steady = (reduced.blendedAtValues ?? reduced.blended).steady;
    separableData = { locals, blendedGenerator: Lbar, rhoB0, ...blendedSpectrumFacts(Lbar, steady, values) };
  } else {
    notes.push({ kind: 'not-separable', separability: verdict });
  }
  let coherentData: CoherentContext | null = null;
  if (coherent.connected && coherent.generator && rho0) {
    const yd0 = new Float64Array(2 * coherent.components);
    coherent.initial.values.forEach((v, m) => {
      yd0[2 * m] = v.numeric[0];
      yd0[2 * m + 1] = v.numeric[1];
    });
    coherentData = { generator: coherent.generator, yd0 };
  } else if (coherent.connected) {
    notes.push({ kind: 'eq17-not-propagated', n });
  } else {
    notes.push({ kind: 'disconnected-graph' });
  }
  return {
    model, n, params: values, separable: verdict.separable, rho0, reducedInitial, separableData, coherentData,
    orbitTable: rho0 && coherentData ? unitOrbitTable(n) : null,
    edges: model.graph.edges.map((e) => [e.j, e.k, e.weight.toComplex(values)[0]] as [number, number, number]),
    notes,
  };
}

function meanState(states: readonly CMatrix[]): CMatrix {
  const out = zeros(2, 2);
  for (const r of states) for (let k = 0; k < 8; k++) out.data[k] += r.data[k] / states.length;
  return out;
}

function blendedSpectrumFacts(Lbar: CMatrix, steady: BlendedSteadyFacts | null, values: Record<string, number>): Pick<SeparableContext, 'relaxing' | 'steadyState' | 'steadySource' | 'invariantBasis'> {
  const { values: lam, vectors } = eig(Lbar);
  let scale = 0;
  for (let k = 0; k < Lbar.data.length; k++) scale = Math.max(scale, Math.abs(Lbar.data[k]));
  const onAxis: number[] = [];
  for (let k = 0; k < 4; k++) if (Math.abs(lam[2 * k]) <= IMAGINARY_AXIS_TOL * Math.max(1, scale)) onAxis.push(k);
  const invariantBasis = orthonormalize(onAxis.map((k) => column(vectors, k)));
  const exact = exactFacts(steady);
  if (exact) {
    return {
      relaxing: exact.relaxing,
      steadyState: exact.steadyState ? lowerMatrix(exact.steadyState, values) : null,
      steadySource: 'exact',
      invariantBasis,
    };
  }
  // Relaxing ⇔ a single eigenvalue on the imaginary axis (the zero of the trace-preserving 𝓛̄) and all
  // others strictly in the left half-plane; ρ_r is its eigenvector normalised to unit trace.
  const relaxing = onAxis.length === 1;
  let steadyState: CMatrix | null = null;
  if (relaxing) {
    const v = column(vectors, onAxis[0]);
    // vec order ρ₀₀, ρ₁₀, ρ₀₁, ρ₁₁; trace = v₀ + v₃
    const tr: [number, number] = [v[0] + v[6], v[1] + v[7]];
    const d = tr[0] * tr[0] + tr[1] * tr[1];
    const y = new Float64Array(8);
    for (let k = 0; k < 4; k++) {
      y[2 * k] = (v[2 * k] * tr[0] + v[2 * k + 1] * tr[1]) / d;
      y[2 * k + 1] = (v[2 * k + 1] * tr[0] - v[2 * k] * tr[1]) / d;
    }
    steadyState = reducedStateInto(zeros(2, 2), y, 0);
  }
  return { relaxing, steadyState, steadySource: 'numeric', invariantBasis };
}

function column(V: CMatrix, k: number): Float64Array {
  const out = new Float64Array(2 * V.rows);
  for (let r = 0; r < V.rows; r++) {
    out[2 * r] = V.data[2 * (r * V.cols + k)];
    out[2 * r + 1] = V.data[2 * (r * V.cols + k) + 1];
  }
  return out;
}

/** Modified Gram–Schmidt with re-orthogonalisation; drops (numerically) dependent vectors. */
function orthonormalize(vs: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v0 of vs) {
    const v = v0.slice();
    for (let pass = 0; pass < 2; pass++) {
      for (const q of out) {
        const [cr, ci] = inner(q, v);
        for (let k = 0; k < v.length; k += 2) {
          v[k] -= cr * q[k] - ci * q[k + 1];
          v[k + 1] -= cr * q[k + 1] + ci * q[k];
        }
      }
    }
    const nrm = Math.sqrt(inner(v, v)[0]);
    if (nrm > 1e-8) out.push(v.map((x) => x / nrm));
  }
  return out;
}

/** ⟨a, b⟩ = Σ conj(a_k) b_k. */
function inner(a: Float64Array, b: Float64Array): [number, number] {
  let re = 0;
  let im = 0;
  for (let k = 0; k < a.length; k += 2) {
    re += a[k] * b[k] + a[k + 1] * b[k + 1];
    im += a[k] * b[k + 1] - a[k + 1] * b[k];
  }
  return [re, im];
}

/** ‖ρ‖_𝕊: the Frobenius distance of vec ρ (8 doubles) to span(basis) (paper §2.4 notation). */
export function distanceToSubspace(v: Float64Array, basis: readonly Float64Array[]): number {
  const r = v.slice();
  for (const q of basis) {
    const [cr, ci] = inner(q, r);
    for (let k = 0; k < r.length; k += 2) {
      r[k] -= cr * q[k] - ci * q[k + 1];
      r[k + 1] -= cr * q[k + 1] + ci * q[k];
    }
  }
  return Math.sqrt(inner(r, r)[0]);
}

// ---------------------------------------------------------------------------------------------
// Series for one K_c on one grid.

/** Quantities of the separable analysis (eq. 5 and eq. 6) along a grid. */
export interface ReducedSeries {
  readonly t: number[];
  /** ρ_j(t_k) (2×2), [j][k]. */
  readonly rho: CMatrix[][];
  /** ρ_b(t_k). */
  readonly rhoB: CMatrix[];
  /** ‖ρ_j − ρ_r‖_F, [j][k] (relaxing only). */
  readonly distToSteady: number[][] | null;
  /** ‖ρ_j − ρ_b‖_F, [j][k]. */
  readonly distToBlended: number[][];
  /** max_j ‖ρ_j − ρ̄‖_F with ρ̄ = (1/n)Σρ_j (eq. 25's left side, maximised over j). */
  readonly consensusError: number[];
  /** √(Σ_j ‖ρ_j − ρ̄‖²_F) (eq. 24's left side). */
  readonly consensusErrorRms: number[];
  /** ‖ρ̄‖_𝕊 (eq. 28's left side). */
  readonly averageToSubspace: number[];
  /** ‖e‖_F = ‖ρ̄ − ρ_b‖_F (eq. 30's left side). */
  readonly averageToBlended: number[];
  readonly method: 'dense-expm' | 'krylov';
}

const blendedCache = new WeakMap<SeparableContext, Map<string, CMatrix[]>>();

function blendedOnGrid(sep: SeparableContext, t: readonly number[]): CMatrix[] {
  let byGrid = blendedCache.get(sep);
  if (!byGrid) {
    byGrid = new Map();
    blendedCache.set(sep, byGrid);
  }
  const key = t.join(',');
  let hit = byGrid.get(key);
  if (!hit) {
    hit = propagateBlended(sep.blendedGenerator, sep.rhoB0, t);
    byGrid.set(key, hit);
  }
  return hit;
}

/** Eq. 5 (exact for a separable model, any ρ(0)) and eq. 6 along the grid at gain K_c. */
export function reducedSeries(ctx: SimulationContext, Kc: number, t: readonly number[]): ReducedSeries {
  const sep = ctx.separableData;
  if (!sep) throw new Error('reducedSeries needs a separable model');
  const n = ctx.n;
  const traj = propagateReducedNetwork(sep.locals, ctx.edges, Kc, ctx.reducedInitial, t);
  const rhoB = blendedOnGrid(sep, t);
  const rho: CMatrix[][] = Array.from({ length: n }, () => []);
  const distToSteady = sep.steadyState ? Array.from({ length: n }, () => [] as number[]) : null;
  const distToBlended = Array.from({ length: n }, () => [] as number[]);
  const consensusError: number[] = [];
  const consensusErrorRms: number[] = [];
  const averageToSubspace: number[] = [];
  const averageToBlended: number[] = [];
  const mean = new Float64Array(8);
  const meanMat = zeros(2, 2);
  traj.states.forEach((y, k) => {
    mean.fill(0);
    for (let j = 0; j < n; j++) {
      const r = reducedStateInto(zeros(2, 2), y, j);
      rho[j].push(r);
      for (let q = 0; q < 8; q++) mean[q] += y[8 * j + q] / n;
      if (distToSteady) distToSteady[j].push(frobeniusDistance(r.data, sep.steadyState!.data));
      distToBlended[j].push(frobeniusDistance(r.data, rhoB[k].data));
    }
    let worst = 0;
    let sq = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < 8; q++) {
        const d = y[8 * j + q] - mean[q];
        s += d * d;
      }
      sq += s;
      worst = Math.max(worst, Math.sqrt(s));
    }
    consensusError.push(worst);
    consensusErrorRms.push(Math.sqrt(sq));
    averageToSubspace.push(distanceToSubspace(mean, sep.invariantBasis));
    reducedStateInto(meanMat, mean, 0);
    averageToBlended.push(frobeniusDistance(meanMat.data, rhoB[k].data));
  });
  return { t: [...t], rho, rhoB, distToSteady, distToBlended, consensusError, consensusErrorRms, averageToSubspace, averageToBlended, method: traj.method };
}

/** Quantities of the full network (eq. 4) and the blended coherent dynamics (eq. 17) along a grid. */
export interface FullSeries {
  readonly t: number[];
  /** ‖ρ − vec⁻¹(P_d y_d)‖_F (Fig. 6, Theorem 3), when eq. 17 applies. */
  readonly coherentError: number[] | null;
  /** ‖ρ − 𝒫_*ρ‖_F = ‖ν̃‖ (Fig. 7, Theorem 4, eqs. 35, 37). */
  readonly symmetrizationError: number[] | null;
  /** ‖ẽ‖ = ‖P_dᵀ vec ρ − y_d‖ (eq. 36's left side). */
  readonly orbitError: number[] | null;
  /** Partial traces ρ_j(t_k) of ρ(t), [j][k], when requested. */
  readonly partialTraces: CMatrix[][] | null;
  readonly monitors: StateMonitors;
  readonly method: FullNetworkMethod;
  /** The double-precision floor of this ρ(t) (`FullNetworkRun.roundoffFloor`). */
  readonly roundoffFloor: number;
  /** ‖dρ/dt‖_F = ‖𝓛ρ(t_k)‖_F (eq. 4's generator at this K_c), when requested. */
  readonly speeds: number[] | null;
}

const coherentCache = new WeakMap<CoherentContext, Map<string, Float64Array[]>>();

/** y_d(t_k) of eq. 17 on a grid (K_c-independent, cached per grid). */
export function coherentOnGrid(coh: CoherentContext, t: readonly number[]): Float64Array[] {
  let byGrid = coherentCache.get(coh);
  if (!byGrid) {
    byGrid = new Map();
    coherentCache.set(coh, byGrid);
  }
  const key = t.join(',');
  let hit = byGrid.get(key);
  if (!hit) {
    hit = propagateCoherent(coh.generator, coh.yd0, t).states;
    byGrid.set(key, hit);
  }
  return hit;
}

/** Eq. 4 at gain K_c along the grid, streaming the metrics (the 2ⁿ×2ⁿ states are not kept). */
export function fullSeries(
  ctx: SimulationContext,
  Kc: number,
  t: readonly number[],
  options: { partialTraces?: boolean; method?: FullNetworkOptions['method']; tolerance?: number; speeds?: boolean } = {},
): FullSeries {
  if (!ctx.rho0) throw new Error('fullSeries needs n ≤ 10');
  const lowered: LoweredModel = lowerModel(ctx.model, Kc, ctx.params);
  const coh = ctx.coherentData;
  const table = ctx.orbitTable;
  const yd = coh && table ? coherentOnGrid(coh, t) : null;
  const n = ctx.n;
  const D = 2 ** n;
  const lift = new Float64Array(2 * D * D);
  const scratch = table ? new Float64Array(2 * table.orbits.size) : new Float64Array(0);
  const coherentError: number[] | null = yd ? [] : null;
  const symmetrizationError: number[] | null = table ? [] : null;
  const orbitError: number[] | null = yd ? [] : null;
  const partialTraces = options.partialTraces ? Array.from({ length: n }, () => [] as CMatrix[]) : null;
  const kernel = options.speeds ? buildLindbladKernel(lowered) : null;
  const speeds: number[] | null = kernel ? [] : null;
  const drho = kernel ? new Float64Array(2 * D * D) : null;
  const run = propagateFullNetwork(lowered, ctx.rho0, t, {
    method: options.method,
    tolerance: options.tolerance,
    onState: (k, _t, rho) => {
      if (yd && table) {
        orbitLiftInto(lift, yd[k], table);
        coherentError!.push(frobeniusDistance(rho, lift));
        orbitError!.push(orbitCoordinateDistance(rho, yd[k], table, scratch));
      }
      if (table) symmetrizationError!.push(symmetrizationDistance(rho, table, scratch));
      if (partialTraces) for (let j = 0; j < n; j++) partialTraces[j].push(partialTraceInto(zeros(2, 2), rho, n, j + 1));
      if (kernel) speeds!.push(vecNorm(lindbladApplyInto(drho!, rho, kernel)));
    },
  });
  return { t: [...t], coherentError, symmetrizationError, orbitError, partialTraces, monitors: run.monitors, method: run.method, roundoffFloor: run.roundoffFloor, speeds };
}
