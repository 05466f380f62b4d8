import { isPositiveSemidefinite } from '../algebra/linalg.ts';
import { fromReal } from '../numeric/cmatrix.ts';
import { hermitianEig } from '../numeric/eig.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { Scalar } from '../algebra/scalar.ts';
import type { Graph } from '../model/graph.ts';
import { type LambdaMin, lambdaMin } from '../model/graph-spectrum.ts';
import type { InitialState, PaperBlock, Study } from '../model/network.ts';
import { type BlendedGenerator, type LocalGenerator, blendedGenerator, blendedInitial, definition1Literal, localGenerators } from './blended-generator.ts';
import { pauliForm } from './local-operator.ts';
import { type Equation5Step, type ReducedSystem, EQUATION_5_STEPS, initialReducedStates, reducedSystem } from './reduced-system.ts';
import { type SeparabilityVerdict, checkSeparability } from './separability.ts';
import { type ParameterCondition, type RelaxingReason, type SteadyAnalysis, analyseSteadyState } from './steady.ts';

/**
 * Paper §4 for one model — the entry point `deriveReduced` — as plain data: separability
 * (Assumption 1), eq. 5, the blended generator (eq. 6) and Definition 1 read literally, exact steady
 * states and spectra, μ, λ_m(Q) (explicit graphs through the dense Hermitian eigensolver unless a
 * closed form exists), the paper-vs-derivation errata that are decided exactly. Theorems 1–2 are
 * added by the theorems layer (`theorems/derive-theorems.ts`) from this value; they never re-derive it.
 */

/** What the derivation needs from a `NetworkModel` (which satisfies it). */
export interface ReducedModelInput {
  readonly name?: string;
  readonly qubits: number;
  readonly graph: Graph;
  readonly hamiltonian: PauliSum;
  readonly lindblad: readonly { readonly operator: PauliSum; readonly rate: Scalar; readonly label?: string }[];
  readonly initial: InitialState;
  readonly parameters: ReadonlyMap<string, Scalar>;
  readonly study: Study;
  readonly paper: PaperBlock | null;
}

export interface ReducedOptions {
  /** Override the study's η, T₁, T₂ (defaults: study block, else T₁ = 1, T₂ = 10; η has no default). */
  eta?: Scalar;
  T1?: Scalar;
  T2?: Scalar;
  /** Largest n for which eq. 5's 4n×4n matrix is built exactly (default 8). */
  maxReducedQubits?: number;
  /** Eigenvalues of a real symmetric matrix, for λ_m of explicit graphs (default: the dense Hermitian eigensolver). */
  eigenvalues?: (rows: number[][]) => number[];
}

export interface Erratum {
  readonly id: string;
  readonly location: string;
  readonly stated: string;
  readonly derived: string;
  /** Size of the disagreement (e.g. ‖stated − derived‖_F), when it is a number; or a fact the report states. */
  readonly residual: string | ErratumResidual;
  readonly likelyCause: string;
}

/** A residual that is a formula: Definition 1 read literally weakens every dissipator by the factor n. */
export type ErratumResidual = { readonly kind: 'literal-dissipators'; readonly n: number };

/**
 * What §4 explains about a model, in the order the report tells it; the report writes each sentence
 * (src/report/sections/explanations.ts). LaTeX fields are formulas without delimiters.
 */
export type ReducedExplanation =
  /** Assumption 1's verdict (`SeparabilityVerdict.reason`). */
  | { readonly kind: 'separability'; readonly reason: string }
  /** A term that breaks Assumption 1. */
  | { readonly kind: 'separability-violation'; readonly message: string; readonly termLatex: string }
  /** One step of the derivation of eq. 5 from eq. 4. */
  | { readonly kind: 'equation-5'; readonly step: Equation5Step }
  /** 𝓛̄ as the average of the local generators (eq. 26). */
  | { readonly kind: 'blended-average'; readonly actionLatex: string; readonly hamiltonianLatex: string }
  /** Relaxing: the steady state ρ_r (null when not unique), the eigenvalues off the imaginary axis, μ. */
  | { readonly kind: 'relaxing'; readonly rhoLatex: string | null; readonly decayingLatex: readonly string[]; readonly muLatex: string }
  | {
      readonly kind: 'not-relaxing'; readonly reason: RelaxingReason;
      readonly spectrum: readonly { readonly latex: string; readonly multiplicity: number }[];
      /** `SteadyAnalysis.invariantSubspace.note`. */
      readonly invariantNote: string;
    }
  | { readonly kind: 'relaxing-depends'; readonly reason: RelaxingReason; readonly conditions: readonly ParameterCondition[] }
  /** No dissipation: ρ_b precesses under H̄ = h·σ; h's components and 2|h| when it is a closed-form number. */
  | { readonly kind: 'orbit'; readonly hamiltonianLatex: string; readonly blochLatex: readonly string[]; readonly angularFrequencyLatex: string | null }
  /** How μ is chosen among the candidates −Re λ. */
  | { readonly kind: 'mu'; readonly candidatesLatex: readonly string[]; readonly rule: string; readonly conditions: readonly ParameterCondition[] }
  /** Definition 1 read literally: its action, μ and ρ_r against the average of generators' μ. */
  | { readonly kind: 'definition-1-literal'; readonly literalActionLatex: string; readonly literalMuLatex: string; readonly muLatex: string; readonly literalRhoLatex: string | null };

/** One analysed generator: the exact object and its steady/spectral analysis. */
export interface GeneratorAnalysis {
  readonly generator: BlendedGenerator;
  readonly steady: SteadyAnalysis;
}

export interface ReducedDerivation {
  readonly n: number;
  readonly graph: Graph;
  readonly separability: SeparabilityVerdict;
  readonly productInitial: boolean;
  readonly locals: readonly LocalGenerator[] | null;
  /** The local generators at the model's parameter values (= locals when nothing is substituted). */
  readonly localsAtValues: readonly LocalGenerator[] | null;
  readonly reducedSystem: ReducedSystem | null;
  readonly initialReduced: readonly ExactMatrix[] | null;
  readonly initialIssues: readonly string[];
  readonly blendedInitial: ExactMatrix | null;
  /** eq. 6 as the average of generators (symbolic parameters kept). */
  readonly blended: GeneratorAnalysis | null;
  /** The same at the model's parameter values, when some parameters have values (else null). */
  readonly blendedAtValues: GeneratorAnalysis | null;
  readonly definition1Literal: GeneratorAnalysis | null;
  readonly lambdaMin: LambdaMin;
  /** η, T₁, T₂ for the theorems and where they came from. */
  readonly eta: Scalar | null;
  readonly T1: Scalar;
  readonly T2: Scalar;
  readonly windowSource: string;
  readonly errata: readonly Erratum[];
  readonly explanations: readonly ReducedExplanation[];
  readonly positiveParams: readonly string[];
}

/** Eigenvalues of a real symmetric matrix (λ_m(Q) of an explicit graph whose spectrum has no closed form here). */
function symmetricEigenvalues(rows: number[][]): number[] {
  return Array.from(hermitianEig(fromReal(rows), { vectors: false }).values);
}

function numericValues(params: ReadonlyMap<string, Scalar>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of params) out[k] = v.toComplex()[0];
  return out;
}

function substituteModel(model: ReducedModelInput, values: ReadonlyMap<string, Scalar>): ReducedModelInput {
  return {
    ...model,
    hamiltonian: model.hamiltonian.substitute(values),
    lindblad: model.lindblad.map((c) => ({ ...c, operator: c.operator.substitute(values), rate: c.rate.substitute(values) })),
  };
}

function frobeniusDistance(a: ExactMatrix, b: ExactMatrix): string {
  const d = a.sub(b);
  const sq = d.dagger().mul(d).trace();
  if (sq.isConstant() && sq.constantValue().isRational()) return Scalar.sqrt(sq).toString();
  return sq.isConstant() ? String(Math.sqrt(sq.toComplex()[0])) : `sqrt(${sq.toString()})`;
}

function paperMatrix(paper: PaperBlock | null, ...keys: string[]): { value: ExactMatrix; text: string } | null {
  if (!paper) return null;
  for (const k of keys) {
    const v = paper.values.get(k);
    if (!v) continue;
    if (v.kind === 'matrix') return { value: v.value, text: v.text };
    if (v.kind === 'state' && v.value.qubits === 1) return { value: v.value.toMatrix(), text: v.text };
  }
  return null;
}

function paperScalar(paper: PaperBlock | null, ...keys: string[]): { value: Scalar; text: string } | null {
  if (!paper) return null;
  for (const k of keys) {
    const v = paper.values.get(k);
    if (v && v.kind === 'scalar') return { value: v.value, text: v.text };
  }
  return null;
}

/** Density-operator checks of the reduced initial states (Hermitian, trace 1, PSD when constant). */
function densityIssues(states: readonly ExactMatrix[], what: (j: number) => string): string[] {
  const issues: string[] = [];
  states.forEach((r, j) => {
    const problems: string[] = [];
    if (!r.isHermitian()) problems.push('not Hermitian');
    if (!r.trace().equals(Scalar.ONE)) problems.push(`trace ${r.trace().toString()}`);
    if (r.freeParams().length === 0 && r.isHermitian() && !isPositiveSemidefinite(r)) problems.push('not positive semidefinite');
    if (problems.length) issues.push(`${what(j)} = ${r.toString()} is not a density operator: ${problems.join(', ')}`);
  });
  return issues;
}

function analyse(gen: BlendedGenerator, positive: readonly string[]): GeneratorAnalysis {
  return { generator: gen, steady: analyseSteadyState(gen.superop, { positiveParams: positive }) };
}

/** Exact Bloch vector h of a traceless Hermitian 2×2 H = h·σ. */
function blochOf(h: ExactMatrix): Scalar[] {
  const half = Scalar.rational(1, 2);
  return [
    h.get(0, 1).add(h.get(1, 0)).mul(half),
    h.get(1, 0).sub(h.get(0, 1)).mul(half).mul(Scalar.I.neg()),
    h.get(0, 0).sub(h.get(1, 1)).mul(half),
  ];
}

/**
 * Runs the exact part of §4 on a model.
 * @example deriveReduced(parseModel('qubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial:\n  product: [\'|0><0|\', \'|1><1|\']\n')).lambdaMin.exactText // => "2"
 */
export function deriveReduced(model: ReducedModelInput, options: ReducedOptions = {}): ReducedDerivation {
  const n = model.qubits;
  const separability = checkSeparability(model);
  const values = numericValues(model.parameters);
  const lm = lambdaMin(model.graph, { params: values, eigenvalues: options.eigenvalues ?? symmetricEigenvalues });
  const explanations: ReducedExplanation[] = [];
  const errata: Erratum[] = [];
  // Rates are assumed positive (paper eq. 1: γ_l > 0); their parameters are the positive ones.
  const positiveParams = [...new Set(model.lindblad.flatMap((c) => c.rate.freeParams()))].sort();

  let initialReduced: ExactMatrix[] | null = null;
  let initialIssues: string[] = [];
  try {
    initialReduced = initialReducedStates(model.initial);
    initialIssues = densityIssues(initialReduced, (j) => `ρ_${j + 1}(0)`);
  } catch (e) {
    initialIssues = [`reduced initial states unavailable: ${(e as Error).message}`];
  }
  const productInitial = model.initial.kind === 'product';
  const studySource = 'study block';
  const eta = options.eta ?? model.study.eta ?? null;
  const T1 = options.T1 ?? model.study.T1 ?? Scalar.ONE;
  const T2 = options.T2 ?? model.study.T2 ?? Scalar.int(10);
  const windowSource = model.study.T1 && model.study.T2 ? studySource : 'η from the study block; T₁ = 1, T₂ = 10 by default where the study block gives none';

  if (!separability.separable) {
    explanations.push({ kind: 'separability', reason: separability.reason });
    for (const v of separability.violations) explanations.push({ kind: 'separability-violation', message: v.message, termLatex: v.termLatex });
    return {
      n, graph: model.graph, separability, productInitial, locals: null, localsAtValues: null, reducedSystem: null, initialReduced, initialIssues,
      blendedInitial: null, blended: null, blendedAtValues: null, definition1Literal: null, lambdaMin: lm, eta, T1, T2, windowSource,
      errata, explanations, positiveParams,
    };
  }

  const locals = localGenerators(model, separability);
  const reduced = n <= (options.maxReducedQubits ?? 8) ? reducedSystem(locals, model.graph) : null;
  const blended = analyse(blendedGenerator(locals), positiveParams);
  const free = blended.generator.superop.freeParams();
  const valued = new Map([...model.parameters].filter(([k]) => free.includes(k)));
  let localsV = locals;
  let blendedAtValues: GeneratorAnalysis | null = null;
  if (valued.size > 0) {
    localsV = localGenerators(substituteModel(model, valued));
    blendedAtValues = analyse(blendedGenerator(localsV), positiveParams);
  }
  const forTheorems = blendedAtValues ?? blended;
  const literal = analyse(definition1Literal(localsV), positiveParams);
  const rhoB0 = initialReduced ? blendedInitial(initialReduced) : null;

  // Explanations.
  explanations.push({ kind: 'separability', reason: separability.reason });
  for (const step of EQUATION_5_STEPS) explanations.push({ kind: 'equation-5', step });
  explanations.push({ kind: 'blended-average', actionLatex: blended.generator.actionLatex, hamiltonianLatex: blended.generator.hamiltonianLatex });
  const st = blended.steady;
  if (st.relaxing.verdict === true) {
    explanations.push({
      kind: 'relaxing', rhoLatex: st.steadyStates.kind === 'unique' ? st.steadyStates.rho.toLatex() : null,
      decayingLatex: st.spectrum.filter((e) => e.onImaginaryAxis !== true).map((e) => e.latex), muLatex: st.mu.latex,
    });
  } else if (st.relaxing.verdict === false) {
    explanations.push({ kind: 'not-relaxing', reason: st.relaxing.reason, spectrum: st.spectrum.map((e) => ({ latex: e.latex, multiplicity: e.multiplicity })), invariantNote: st.invariantSubspace.note });
  } else {
    explanations.push({ kind: 'relaxing-depends', reason: st.relaxing.reason, conditions: st.relaxing.conditions });
  }
  const gen = forTheorems.generator;
  if (gen.dissipators.length === 0 && !gen.hamiltonian.isZero()) {
    const h = blochOf(gen.hamiltonian);
    const h2 = h.reduce((s, x) => s.add(x.mul(x)), Scalar.ZERO);
    const twoH = h2.isConstant() && h2.constantValue().isRational() ? Scalar.sqrt(h2.mul(Scalar.int(4))) : null;
    explanations.push({ kind: 'orbit', hamiltonianLatex: pauliForm(gen.hamiltonian).latex, blochLatex: h.map((x) => x.toLatex()), angularFrequencyLatex: twoH ? twoH.toLatex() : null });
  }
  if (st.mu.defined) explanations.push({ kind: 'mu', candidatesLatex: st.mu.candidates.map((c) => c.latex), rule: st.mu.rule, conditions: st.mu.conditions });
  if (gen.dissipators.length > 0) {
    explanations.push({
      kind: 'definition-1-literal', literalActionLatex: literal.generator.actionLatex, literalMuLatex: literal.steady.mu.latex, muLatex: forTheorems.steady.mu.latex,
      literalRhoLatex: literal.steady.steadyStates.kind === 'unique' ? literal.steady.steadyStates.rho.toLatex() : null,
    });
  }

  // Errata.
  const derivedRho = forTheorems.steady.steadyStates.kind === 'unique' ? forTheorems.steady.steadyStates.rho : null;
  const statedRho = paperMatrix(model.paper, 'steadyState', 'rho_r');
  if (statedRho && derivedRho && !statedRho.value.equals(derivedRho)) {
    const residual = frobeniusDistance(statedRho.value, derivedRho);
    // Alternative readings tried exactly: Definition 1 literally, and the σ₊ ↔ σ₋ swap (QuTiP's convention).
    const literalRho = literal.steady.steadyStates.kind === 'unique' ? literal.steady.steadyStates.rho : null;
    const sx = ExactMatrix.fromRows([[0, 1], [1, 0]]);
    const swappedRho = sx.mul(derivedRho).mul(sx);
    const tried = [
      `Definition 1 literally: ρ_r = ${literalRho ? literalRho.toString() : 'not unique'}${literalRho && literalRho.equals(statedRho.value) ? ' (matches)' : ' (no match)'}`,
      `σ₊ ↔ σ₋ swapped: ρ_r = ${swappedRho.toString()}${swappedRho.equals(statedRho.value) ? ' (matches)' : ' (no match)'}`,
    ];
    errata.push({
      id: 'steady-state', location: `${model.paper?.reference ?? 'paper'}: stated steady state ρ_r`,
      stated: statedRho.value.toString(), derived: derivedRho.toString(), residual: `‖stated − derived‖_F = ${residual}`,
      likelyCause: `the stated matrix is not stationary: 𝓛̄ρ_stated = ${applyGenerator(forTheorems.generator.superop, statedRho.value).toString()} ≠ 0 (for a relaxing 𝓛̄ the steady state is unique). Alternatives tried: ${tried.join('; ')}. No reading of the model reproduces it: likely an arithmetic or transcription error in the paper`,
    });
  }
  const statedB0 = paperMatrix(model.paper, 'blendedInitial', 'rho_b0');
  if (statedB0 && rhoB0 && !statedB0.value.equals(rhoB0)) {
    errata.push({
      id: 'blended-initial', location: `${model.paper?.reference ?? 'paper'}: stated ρ_b(0)`,
      stated: statedB0.value.toString(), derived: rhoB0.toString(), residual: `‖stated − derived‖_F = ${frobeniusDistance(statedB0.value, rhoB0)}`,
      likelyCause: `the stated ρ_b(0) has trace ${statedB0.value.trace().toString()}${statedB0.value.isHermitian() ? '' : ' and is not Hermitian'}; ρ_b(0) = (1/n)Σ_j ρ_j(0) of the model's (density-operator) initial state differs — a dropped term or a non-density initial factor in the paper`,
    });
  }
  const statedInit = model.paper?.values.get('initialState');
  if (statedInit && statedInit.kind === 'state') {
    try {
      const stInit = initialReducedStates(statedInit.value);
      for (const issue of densityIssues(stInit, (j) => `stated ρ_${j + 1}(0)`)) {
        errata.push({ id: 'initial-state', location: `${model.paper?.reference ?? 'paper'}: stated initial state`, stated: issue, derived: 'a density operator is Hermitian, PSD, trace one', residual: '—', likelyCause: 'missing terms in the stated factor (the model file documents its correction)' });
      }
    } catch {
      /* a stated state too large to expand is not checked */
    }
  }
  const statedMu = paperScalar(model.paper, 'mu');
  if (statedMu && forTheorems.steady.mu.exact && !statedMu.value.equals(forTheorems.steady.mu.exact)) {
    errata.push({ id: 'mu', location: 'paper: stated μ', stated: statedMu.value.toString(), derived: forTheorems.steady.mu.exact.toString(), residual: forTheorems.steady.mu.exact.sub(statedMu.value).toString(), likelyCause: 'different generator' });
  }
  if (gen.dissipators.length > 0) {
    errata.push({
      id: 'definition-1', location: '§4.1, Definition 1, eq. 6',
      stated: 'γ_l D(L̄_l)ρ_b with L̄_l = (1/n)Σ_j L_{l,j}',
      derived: `(1/n)Σ_j γ_l D(L_{l,j}) (eq. 9 and eq. 26 use this); literal form: μ = ${literal.steady.mu.exact?.toString() ?? literal.steady.mu.latex}, ours: μ = ${forTheorems.steady.mu.exact?.toString() ?? forTheorems.steady.mu.latex}`,
      residual: { kind: 'literal-dissipators', n },
      likelyCause: 'D is quadratic in L: averaging operators inside D gives 1/n², averaging generators gives 1/n; the proofs need the generator average',
    });
  }


  return {
    n, graph: model.graph, separability, productInitial, locals, localsAtValues: localsV, reducedSystem: reduced, initialReduced, initialIssues,
    blendedInitial: rhoB0, blended, blendedAtValues, definition1Literal: literal, lambdaMin: lm, eta, T1, T2, windowSource,
    errata, explanations, positiveParams,
  };
}

function applyGenerator(s: ExactMatrix, rho: ExactMatrix): ExactMatrix {
  // vec column stacking: index r + 2c.
  const v = [rho.get(0, 0), rho.get(1, 0), rho.get(0, 1), rho.get(1, 1)];
  const out = [0, 1, 2, 3].map((i) => v.reduce((acc, x, k) => acc.add(s.get(i, k).mul(x)), Scalar.ZERO));
  return ExactMatrix.fromRows([[out[0], out[2]], [out[1], out[3]]]);
}
