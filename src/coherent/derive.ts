import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { CMatrix } from '../numeric/cmatrix.ts';
import type { NetworkModel } from '../model/network.ts';
import { components as graphComponents, type Edge } from '../model/graph.ts';
import { orbitIndex, orbitSizeBig, componentCountFormula, type OrbitCounts } from './orbits.ts';
import { exactGeneratorTerms, lowerGeneratorTerms, type Complex, type GeneratorTerms } from './sandwich.ts';
import { projectedGeneratorExact, projectedGeneratorSparse, csrToPairs, type OrbitGenerator } from './orbit-basis.ts';
import {
  projectedSpectrum, projectedSteadyStatesExact, orbitInitialCondition, labelExact, labelNumeric,
  type LabelledValue, type OrbitInitial, type ProjectedSpectrum, type ProjectedSpectrumMethod, type ProjectedSteadyStates,
} from './projection.ts';
import { inducedSpectralGap, CITATIONS, type SpectralGap } from './spectral-gap.ts';
import { generatorNorm, type GeneratorNorm } from './superop-norm.ts';
import { inducedGraphFigure, type Fig4Data } from './induced-graph.ts';
import { coherentErrata, type CoherentErratum } from './errata.ts';

/**
 * Paper §5 for one model, as plain data: the induced graph's components (p, sizes), eq. 17's
 * Proj(A_d) (exact with LaTeX for small n, sparse doubles always), its spectrum and steady states, the
 * initial condition y_d(0), λ_m(Q_d), ‖A_d‖, the symmetry defect C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F, the
 * paper's formula errors with their demonstrations, and the facts behind the report's explanations.
 * Theorems 3–4 build on this (src/theorems/theorem3.ts, theorem4.ts).
 */

export interface CoherentOptions {
  /** 'auto': exact objects where small (default); 'none': doubles only. */
  readonly exact?: 'auto' | 'none';
  /** Parameter values overriding the model's. */
  readonly params?: Readonly<Record<string, number>>;
  /**
   * Exact characteristic polynomial and kernel of Proj(A_d) for p ≤ 20 (default true; the cost is in
   * docs/BENCHMARKS.md). With false the spectrum and steady states are numeric.
   */
  readonly exactSpectrum?: boolean;
}

/** Largest p with an exact Proj(A_d) (and its LaTeX): n ≤ 5. */
export const MAX_EXACT_PROJECTED_DIM = 56;
/** Largest p with the exact characteristic polynomial and null space (n ≤ 3: 20×20). */
export const MAX_EXACT_SPECTRAL_DIM = 20;
/** Largest p with a dense numeric Proj(A_d) for spectra and f_d (n ≤ 12). */
export const MAX_DENSE_PROJECTED_DIM = 455;

export interface CoherentDerivation {
  readonly n: number;
  readonly connected: boolean;
  /** G's edges (for the dense checks). */
  readonly graphEdges: readonly Edge[];
  /** G's connected components (qubits). */
  readonly graphComponents: readonly (readonly number[])[];
  /** p, from the closed form Π C(s_i + 3, 3). */
  readonly components: number;
  readonly componentsFormula: string;
  /** |V_m| as decimal strings (exact; up to ~10²⁷ at n = 50), in orbit order (connected G). */
  readonly componentSizes: readonly string[];
  /** (n₀₀, n₀₁, n₁₀, n₁₁) of each component (connected G). */
  readonly componentCounts: readonly OrbitCounts[];
  readonly terms: GeneratorTerms<Scalar>;
  /** Terms in doubles; null when symbolic parameters have no values (then only exact objects are derived). */
  readonly lowered: GeneratorTerms<Complex> | null;
  /** Sparse Proj(A_d) in doubles (connected G). */
  readonly generator: OrbitGenerator | null;
  /** Exact Proj(A_d) (orthonormal basis, surd entries) for p ≤ 56. */
  readonly projectedExact: ExactMatrix | null;
  /** Exact D·Proj(A_d)·D⁻¹ in the orbit-indicator basis (same spectrum, no surds) for p ≤ 56. */
  readonly projectedIndicatorExact: ExactMatrix | null;
  /** Dense numeric Proj(A_d) for p ≤ 455. */
  readonly projectedDense: CMatrix | null;
  readonly spectrum: ProjectedSpectrum | null;
  readonly steadyStates: ProjectedSteadyStates | null;
  readonly initial: OrbitInitial;
  /** C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F and its square (exact when y_d(0) is exact). */
  readonly symmetryDefect: { readonly squared: LabelledValue; readonly value: LabelledValue; readonly note: SymmetryDefectNote };
  readonly lambdaMin: SpectralGap;
  /** Null when symbolic parameters have no values. */
  readonly norm: GeneratorNorm | null;
  readonly fig4: Fig4Data | null;
  readonly errata: readonly CoherentErratum[];
  readonly citations: readonly string[];
  readonly explanations: readonly CoherentExplanation[];
  readonly params: Readonly<Record<string, number>>;
}

/**
 * How C² = ‖ρ(0)‖²_F − Σ_m |y_m(0)|² was computed: exactly (y_d(0) exact) or in doubles; the report
 * words it (src/report/sections/derivation-text.ts).
 */
export type SymmetryDefectNote = { readonly kind: 'defect-exact' } | { readonly kind: 'defect-numeric' };

/**
 * What §5 explains about a model, in the order the report tells it; the report writes each sentence
 * (src/report/sections/explanations.ts).
 */
export type CoherentExplanation =
  /** G_d, its components (the orbits) and p; the graph components' sizes when G is disconnected. */
  | { readonly kind: 'induced-graph'; readonly n: number; readonly p: number; readonly connected: boolean; readonly componentSizes: readonly number[] }
  /** P_d has orthonormal columns 1/√|V_m| (not the paper's 1/|V_m|). */
  | { readonly kind: 'orthonormal-basis' }
  /** Eq. 14 with A and Q_d ⪰ 0 (the sign of the coupling). */
  | { readonly kind: 'equation-14' }
  /** Proj(A_d) built in the orbit basis from the permutation types of the sandwiches. */
  | { readonly kind: 'orbit-basis'; readonly sandwichTypes: number; readonly nonzeros: number }
  | { readonly kind: 'spectrum-method'; readonly method: ProjectedSpectrumMethod }
  /** λ_m(Q_d) = λ_m(Q) (Aldous' conjecture); LaTeX of the value when it has one; the direct check. */
  | { readonly kind: 'spectral-gap'; readonly gapLatex: string | null; readonly verificationDifference: number | null }
  | { readonly kind: 'norm'; readonly normKind: GeneratorNorm['kind']; readonly value: number }
  /** Parameters without values: only the exact objects are derived. */
  | { readonly kind: 'symbolic-parameters'; readonly free: readonly string[] };

function modelParams(model: NetworkModel, override: Readonly<Record<string, number>> = {}): { exact: Map<string, Scalar>; numeric: Record<string, number> } {
  const numeric: Record<string, number> = {};
  for (const [k, v] of model.parameters) numeric[k] = v.toComplex()[0];
  Object.assign(numeric, override);
  return { exact: new Map(model.parameters), numeric };
}

/**
 * Everything of paper §5 except the theorems, for a model.
 */
export function deriveCoherent(model: NetworkModel, options: CoherentOptions = {}): CoherentDerivation {
  const n = model.qubits;
  const { exact: exactParams, numeric: params } = modelParams(model, options.params);
  const wantExact = (options.exact ?? 'auto') === 'auto' && Object.keys(options.params ?? {}).length === 0;
  const H = model.hamiltonian.substitute(exactParams);
  const channels = model.lindblad.map((l) => ({ operator: l.operator.substitute(exactParams), rate: l.rate.substitute(exactParams) }));
  const terms = exactGeneratorTerms(n, H, channels);
  const free = [...new Set([...H.freeParams(), ...channels.flatMap((c) => [...c.operator.freeParams(), ...c.rate.freeParams()])].filter((p) => !(p in params)))];
  // Symbolic parameters without values: only the exact objects (Proj(A_d) as rational functions of
  // the parameters, y_d(0), C) are derived; everything numeric is left out and the theorems do not apply.
  const numericOk = free.length === 0;
  const symbolicLeft = [...H.freeParams(), ...channels.flatMap((c) => [...c.operator.freeParams(), ...c.rate.freeParams()])].length > 0;
  const lowered = numericOk ? lowerGeneratorTerms(terms, params) : null;
  const comps = graphComponents(model.graph);
  const connected = comps.length === 1;
  const p = componentCountFormula(comps.map((c) => c.length));
  const orbits = orbitIndex(n);
  const exactOk = wantExact && (!symbolicLeft || !numericOk);

  let generator: OrbitGenerator | null = null;
  let projectedExact: ExactMatrix | null = null;
  let projectedIndicatorExact: ExactMatrix | null = null;
  let projectedDense: CMatrix | null = null;
  let spectrum: ProjectedSpectrum | null = null;
  let steadyStates: ProjectedSteadyStates | null = null;
  if (connected) {
    if (exactOk && p <= MAX_EXACT_PROJECTED_DIM) {
      projectedExact = projectedGeneratorExact(terms);
      projectedIndicatorExact = projectedGeneratorExact(terms, { basis: 'indicator' });
    }
  }
  if (connected && lowered) {
    generator = projectedGeneratorSparse(lowered);
    if (p <= MAX_DENSE_PROJECTED_DIM) {
      const pairs = csrToPairs(generator.csr);
      const data = new Float64Array(2 * p * p);
      pairs.forEach((row, i) => row.forEach(([re, im], j) => { data[2 * (i * p + j)] = re; data[2 * (i * p + j) + 1] = im; }));
      projectedDense = { rows: p, cols: p, data };
      const exactSpectral = (options.exactSpectrum ?? true) && p <= MAX_EXACT_SPECTRAL_DIM;
      spectrum = projectedSpectrum(projectedDense, exactSpectral ? projectedIndicatorExact : null);
      if (projectedIndicatorExact && exactSpectral) steadyStates = projectedSteadyStatesExact(projectedIndicatorExact, orbits);
      else steadyStates = numericKernel(spectrum, projectedDense);
    }
  }
  const initial = orbitInitialCondition(model.initial, { exact: exactOk, params });
  const symmetryDefect = defectOf(model, initial, params);
  const lambdaMin = inducedSpectralGap(model.graph, { params });
  const norm = lowered ? generatorNorm(lowered) : null;
  const fig4 = n === 3 ? inducedGraphFigure(3, model.graph.edges) : null;
  const errata = coherentErrata(model, lowered, params, initial.values.map((v) => v.numeric));
  const explanations = explain(n, p, connected, comps, lambdaMin, norm, spectrum, generator);
  if (!numericOk) explanations.push({ kind: 'symbolic-parameters', free });
  return {
    n, connected, graphEdges: model.graph.edges, graphComponents: comps, components: p,
    componentsFormula: connected ? `p = \\binom{n+3}{3} = \\binom{${n + 3}}{3} = ${p}` : `p = \\prod_i \\binom{s_i+3}{3} = ${comps.map((c) => `\\binom{${c.length + 3}}{3}`).join('\\cdot ')} = ${p}`,
    componentSizes: connected ? orbits.counts.map((c) => orbitSizeBig(c).toString()) : [],
    componentCounts: connected ? orbits.counts : [],
    terms, lowered, generator, projectedExact, projectedIndicatorExact, projectedDense, spectrum, steadyStates, initial,
    symmetryDefect, lambdaMin, norm, fig4, errata,
    citations: [CITATIONS.aldous, CITATIONS.shi2016, CITATIONS.mazzarella2015, CITATIONS.hornJohnson],
    explanations, params,
  };
}

/** Numeric kernel from the eigenvalues nearest 0 (labelled numeric): dimension only. */
function numericKernel(spectrum: ProjectedSpectrum, B: CMatrix): ProjectedSteadyStates {
  const scale = Math.max(1, Math.sqrt(B.data.reduce((s, x) => s + x * x, 0)));
  const zeros = spectrum.eigenvalues.filter((e) => Math.hypot(e.numeric[0], e.numeric[1]) <= 1e-9 * scale).reduce((s, e) => s + e.multiplicity, 0);
  return { basis: [], dimension: zeros, kind: 'numeric', method: { kind: 'numeric-zeros', zeros } };
}

function defectOf(model: NetworkModel, initial: OrbitInitial, params: Readonly<Record<string, number>>): CoherentDerivation['symmetryDefect'] {
  // ‖ρ‖²_F exactly from the state's own data; ‖𝒫_*ρ‖²_F = Σ_m |y_m|² (P_d orthonormal).
  let rho2: Scalar;
  if (model.initial.kind === 'sparse') rho2 = model.initial.entries.reduce((s, e) => s.add(e.value.mul(e.value.conj())), Scalar.ZERO);
  else rho2 = model.initial.factors.reduce((s, f) => s.mul(f.dagger().mul(f).trace()), Scalar.ONE);
  if (initial.kind === 'exact') {
    const proj2 = initial.values.reduce((s, v) => s.add(v.exact!.mul(v.exact!.conj())), Scalar.ZERO);
    const sq = rho2.sub(proj2);
    let value: LabelledValue;
    try {
      value = labelExact(Scalar.sqrt(sq.re()), params);
    } catch {
      value = labelNumeric([Math.sqrt(Math.max(0, sq.toComplex(params)[0])), 0]);
    }
    return { squared: labelExact(sq, params), value, note: { kind: 'defect-exact' } };
  }
  const r2 = rho2.toComplex(params)[0];
  const p2 = initial.values.reduce((s, v) => s + v.numeric[0] ** 2 + v.numeric[1] ** 2, 0);
  const sq = Math.max(0, r2 - p2);
  return { squared: labelNumeric([sq, 0]), value: labelNumeric([Math.sqrt(sq), 0]), note: { kind: 'defect-numeric' } };
}

function explain(n: number, p: number, connected: boolean, comps: readonly (readonly number[])[], gap: SpectralGap, norm: GeneratorNorm | null,
  spectrum: ProjectedSpectrum | null, generator: OrbitGenerator | null): CoherentExplanation[] {
  const out: CoherentExplanation[] = [];
  out.push({ kind: 'induced-graph', n, p, connected, componentSizes: comps.map((c) => c.length) });
  out.push({ kind: 'orthonormal-basis' });
  out.push({ kind: 'equation-14' });
  if (generator) out.push({ kind: 'orbit-basis', sandwichTypes: generator.types.length, nonzeros: generator.csr.colIdx.length });
  if (spectrum) out.push({ kind: 'spectrum-method', method: spectrum.method });
  out.push({ kind: 'spectral-gap', gapLatex: gap.value !== null ? gap.latex : null, verificationDifference: gap.verification ? gap.verification.difference : null });
  if (norm) out.push({ kind: 'norm', normKind: norm.kind, value: norm.value });
  return out;
}
