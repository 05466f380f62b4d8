import { isPositiveSemidefinite } from '../algebra/linalg.ts';
import { fromReal } from '../numeric/cmatrix.ts';
import { hermitianEig } from '../numeric/eig.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { Scalar } from '../algebra/scalar.ts';
import type { Graph } from '../model/graph.ts';
import { type LambdaMin, lambdaMin } from '../model/graph-spectrum.ts';
import { stateOperator, STUDY_DEFAULTS, type InitialState, type PaperBlock, type Study } from '../model/network.ts';
import { type BlendedGenerator, type LocalGenerator, blendedGenerator, blendedInitial, definition1Literal, localGenerators } from './blended-generator.ts';
import { pauliForm } from './local-operator.ts';
import { type Equation5Step, type ReducedSystem, EQUATION_5_STEPS, initialReducedStates, reducedSystem } from './reduced-system.ts';
import { type SeparabilityVerdict, type SeparabilityViolation, checkSeparability } from './separability.ts';
import { type MuRule, type ParameterCondition, type RelaxingReason, type SteadyAnalysis, analyseSteadyState } from './steady.ts';

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

/**
 * An erratum in words: where in the paper, what it states, what is derived, the size of the
 * disagreement, the likely cause. The proof errata of Theorems 1–2 are written so; §4's own errata are
 * facts (`ReducedErratum`) that the report words into this form (src/report/sections/errata-text.ts).
 */
export interface Erratum {
  readonly id: string;
  readonly location: string;
  readonly stated: string;
  readonly derived: string;
  /** Size of the disagreement (e.g. ‖stated − derived‖_F), when it is a number; or a fact the report states. */
  readonly residual: string | ErratumResidual;
  readonly likelyCause: string;
}

/** Where η, T₁, T₂ come from: all from the study block, or T₁ = 1, T₂ = 10 by default where it gives none (η has no default). */
export type WindowSource = 'study-block' | 'defaults';

/** A residual that is a formula: Definition 1 read literally weakens every dissipator by the factor n. */
export type ErratumResidual = { readonly kind: 'literal-dissipators'; readonly n: number };

/** Why a reduced initial state is not a density operator. */
export type DensityProblem = { readonly kind: 'not-hermitian' } | { readonly kind: 'trace'; readonly trace: string } | { readonly kind: 'not-psd' };

/**
 * What is wrong with the reduced initial states: ρ_qubit(0) (`stated`: the paper's, else the model's;
 * `matrix` plain text) is not a density operator, or they could not be formed (`error`, the message
 * of the failure).
 */
export type InitialIssue =
  | { readonly kind: 'not-density'; readonly qubit: number; readonly stated: boolean; readonly matrix: string; readonly problems: readonly DensityProblem[] }
  | { readonly kind: 'unavailable'; readonly error: string };

/**
 * Where a value the paper states for this model disagrees with the derivation, as facts (matrices and
 * values in plain text); the report writes the erratum (`reducedErratumText`). `reference`: the
 * model file's paper reference, if any.
 */
export type ReducedErratum =
  /** The stated ρ_r; 𝓛̄ applied to it; the two alternative readings tried and whether they reproduce it. */
  | {
      readonly id: 'steady-state'; readonly reference: string | null; readonly stated: string; readonly derived: string; readonly frobenius: string;
      readonly generatorOnStated: string; readonly literalRho: string | null; readonly literalMatches: boolean; readonly swappedRho: string; readonly swappedMatches: boolean;
    }
  /** The stated ρ_b(0), with its trace and whether it is Hermitian. */
  | { readonly id: 'blended-initial'; readonly reference: string | null; readonly stated: string; readonly derived: string; readonly frobenius: string; readonly statedTrace: string; readonly statedHermitian: boolean }
  /** A stated initial factor that is not a density operator. */
  | { readonly id: 'initial-state'; readonly reference: string | null; readonly issue: InitialIssue }
  /** The stated μ; `residual` = derived − stated. */
  | { readonly id: 'mu'; readonly stated: string; readonly derived: string; readonly residual: string }
  /** Definition 1 read literally (μ of the literal form and of the average of generators, plain text or LaTeX). */
  | { readonly id: 'definition-1'; readonly n: number; readonly literalMu: string; readonly mu: string };

/**
 * What §4 explains about a model, in the order the report tells it; the report writes each sentence
 * (src/report/sections/explanations.ts). LaTeX fields are formulas without delimiters.
 */
export type ReducedExplanation =
  /** Assumption 1's verdict and the terms that break it. */
  | { readonly kind: 'separability'; readonly separable: boolean; readonly violations: readonly SeparabilityViolation[] }
  /** A term that breaks Assumption 1. */
  | { readonly kind: 'separability-violation'; readonly violation: SeparabilityViolation }
  /** One step of the derivation of eq. 5 from eq. 4. */
  | { readonly kind: 'equation-5'; readonly step: Equation5Step }
  /** 𝓛̄ as the average of the local generators (eq. 26). */
  | { readonly kind: 'blended-average'; readonly actionLatex: string; readonly hamiltonianLatex: string }
  /** Relaxing: the steady state ρ_r (null when not unique), the eigenvalues off the imaginary axis, μ. */
  | { readonly kind: 'relaxing'; readonly rhoLatex: string | null; readonly decayingLatex: readonly string[]; readonly muLatex: string }
  | {
      readonly kind: 'not-relaxing'; readonly reason: RelaxingReason;
      readonly spectrum: readonly { readonly latex: string; readonly multiplicity: number }[];
      /** 𝕊's dimension (null: undecided) and whether it is the whole space. */
      readonly invariantSubspace: { readonly dimension: number | null; readonly whole: boolean };
    }
  | { readonly kind: 'relaxing-depends'; readonly reason: RelaxingReason; readonly conditions: readonly ParameterCondition[] }
  /** No dissipation: ρ_b precesses under H̄ = h·σ; h's components and 2|h| when it is a closed-form number. */
  | { readonly kind: 'orbit'; readonly hamiltonianLatex: string; readonly blochLatex: readonly string[]; readonly angularFrequencyLatex: string | null }
  /** How μ is chosen among the candidates −Re λ. */
  | { readonly kind: 'mu'; readonly candidatesLatex: readonly string[]; readonly rule: MuRule; readonly conditions: readonly ParameterCondition[] }
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
  /** Assumption 1's product initial state, decided exactly (see `ProductInitial`). */
  readonly productInitial: ProductInitial;
  readonly locals: readonly LocalGenerator[] | null;
  /** The local generators at the model's parameter values (= locals when nothing is substituted). */
  readonly localsAtValues: readonly LocalGenerator[] | null;
  readonly reducedSystem: ReducedSystem | null;
  readonly initialReduced: readonly ExactMatrix[] | null;
  readonly initialIssues: readonly InitialIssue[];
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
  readonly windowSource: WindowSource;
  readonly errata: readonly ReducedErratum[];
  readonly explanations: readonly ReducedExplanation[];
  readonly positiveParams: readonly string[];
}

/** Eigenvalues of a real symmetric matrix (λ_m(Q) of an explicit graph whose spectrum has no closed form here). */
function symmetricEigenvalues(rows: number[][]): number[] {
  return Array.from(hermitianEig(fromReal(rows), { vectors: false }).values);
}

/**
 * Whether ρ(0) is a product state: 'stated' (written as one), 'factorises' (written with ket-bras but
 * equal to the tensor product of its reduced states ρ₁ ⊗ … ⊗ ρ_n, decided exactly), 'not-product',
 * or 'undecided' (ket-bras on more than MAX_PRODUCT_TEST_QUBITS qubits, or no reduced states).
 */
export type ProductInitial = 'stated' | 'factorises' | 'not-product' | 'undecided';

/** Largest n for which a ket-bra ρ(0) is tested for being a product (its entries against ⊗ρ_j's). */
export const MAX_PRODUCT_TEST_QUBITS = 12;

/**
 * ρ = ⊗_j ρ_j exactly iff every nonzero entry of ρ is the product Π_j (ρ_j)_{l_j l'_j} and ρ has as
 * many nonzero entries as ⊗ρ_j, which is Π_j nnz(ρ_j) (a product of nonzero exact numbers is nonzero).
 */
function productInitialState(initial: InitialState, reduced: readonly ExactMatrix[] | null): ProductInitial {
  if (initial.kind === 'product') return 'stated';
  if (!reduced || initial.qubits > MAX_PRODUCT_TEST_QUBITS) return 'undecided';
  let productNonzeros = 1;
  for (const r of reduced) {
    let nnz = 0;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) if (!r.get(a, b).isZero()) nnz++;
    productNonzeros *= nnz;
  }
  let nonzeros = 0;
  for (const e of stateOperator(initial).entries()) {
    if (e.value.isZero()) continue;
    nonzeros++;
    let product = Scalar.ONE;
    for (let j = 0; j < reduced.length; j++) product = product.mul(reduced[j].get(Number(e.row[j]), Number(e.col[j])));
    if (!product.equals(e.value)) return 'not-product';
  }
  return nonzeros === productNonzeros ? 'factorises' : 'not-product';
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
function densityIssues(states: readonly ExactMatrix[], stated: boolean): InitialIssue[] {
  const issues: InitialIssue[] = [];
  states.forEach((r, j) => {
    const problems: DensityProblem[] = [];
    if (!r.isHermitian()) problems.push({ kind: 'not-hermitian' });
    if (!r.trace().equals(Scalar.ONE)) problems.push({ kind: 'trace', trace: r.trace().toString() });
    if (r.freeParams().length === 0 && r.isHermitian() && !isPositiveSemidefinite(r)) problems.push({ kind: 'not-psd' });
    if (problems.length) issues.push({ kind: 'not-density', qubit: j + 1, stated, matrix: r.toString(), problems });
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
  const errata: ReducedErratum[] = [];
  // Rates are assumed positive (paper eq. 1: γ_l > 0); their parameters are the positive ones.
  const positiveParams = [...new Set(model.lindblad.flatMap((c) => c.rate.freeParams()))].sort();

  let initialReduced: ExactMatrix[] | null = null;
  let initialIssues: InitialIssue[] = [];
  try {
    initialReduced = initialReducedStates(model.initial);
    initialIssues = densityIssues(initialReduced, false);
  } catch (e) {
    initialIssues = [{ kind: 'unavailable', error: (e as Error).message }];
  }
  const productInitial = productInitialState(model.initial, initialReduced);
  const eta = options.eta ?? model.study.eta ?? null;
  const T1 = options.T1 ?? model.study.T1 ?? Scalar.int(STUDY_DEFAULTS.T1);
  const T2 = options.T2 ?? model.study.T2 ?? Scalar.int(STUDY_DEFAULTS.T2);
  const windowSource: WindowSource = model.study.T1 && model.study.T2 ? 'study-block' : 'defaults';

  if (!separability.separable) {
    explanations.push({ kind: 'separability', separable: false, violations: separability.violations });
    for (const v of separability.violations) explanations.push({ kind: 'separability-violation', violation: v });
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
  explanations.push({ kind: 'separability', separable: true, violations: [] });
  for (const step of EQUATION_5_STEPS) explanations.push({ kind: 'equation-5', step });
  explanations.push({ kind: 'blended-average', actionLatex: blended.generator.actionLatex, hamiltonianLatex: blended.generator.hamiltonianLatex });
  const st = blended.steady;
  if (st.relaxing.verdict === true) {
    explanations.push({
      kind: 'relaxing', rhoLatex: st.steadyStates.kind === 'unique' ? st.steadyStates.rho.toLatex() : null,
      decayingLatex: st.spectrum.filter((e) => e.onImaginaryAxis !== true).map((e) => e.latex), muLatex: st.mu.latex,
    });
  } else if (st.relaxing.verdict === false) {
    explanations.push({ kind: 'not-relaxing', reason: st.relaxing.reason, spectrum: st.spectrum.map((e) => ({ latex: e.latex, multiplicity: e.multiplicity })), invariantSubspace: { dimension: st.invariantSubspace.dimension, whole: st.invariantSubspace.whole } });
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
    errata.push({
      id: 'steady-state', reference: model.paper?.reference ?? null, stated: statedRho.value.toString(), derived: derivedRho.toString(), frobenius: residual,
      generatorOnStated: applyGenerator(forTheorems.generator.superop, statedRho.value).toString(),
      literalRho: literalRho ? literalRho.toString() : null, literalMatches: literalRho !== null && literalRho.equals(statedRho.value),
      swappedRho: swappedRho.toString(), swappedMatches: swappedRho.equals(statedRho.value),
    });
  }
  const statedB0 = paperMatrix(model.paper, 'blendedInitial', 'rho_b0');
  if (statedB0 && rhoB0 && !statedB0.value.equals(rhoB0)) {
    errata.push({
      id: 'blended-initial', reference: model.paper?.reference ?? null, stated: statedB0.value.toString(), derived: rhoB0.toString(),
      frobenius: frobeniusDistance(statedB0.value, rhoB0), statedTrace: statedB0.value.trace().toString(), statedHermitian: statedB0.value.isHermitian(),
    });
  }
  const statedInit = model.paper?.values.get('initialState');
  if (statedInit && statedInit.kind === 'state') {
    try {
      const stInit = initialReducedStates(statedInit.value);
      for (const issue of densityIssues(stInit, true)) errata.push({ id: 'initial-state', reference: model.paper?.reference ?? null, issue });
    } catch {
      /* a stated state too large to expand is not checked */
    }
  }
  const statedMu = paperScalar(model.paper, 'mu');
  if (statedMu && forTheorems.steady.mu.exact && !statedMu.value.equals(forTheorems.steady.mu.exact)) {
    errata.push({ id: 'mu', stated: statedMu.value.toString(), derived: forTheorems.steady.mu.exact.toString(), residual: forTheorems.steady.mu.exact.sub(statedMu.value).toString() });
  }
  if (gen.dissipators.length > 0) {
    errata.push({
      id: 'definition-1', n, literalMu: literal.steady.mu.exact?.toString() ?? literal.steady.mu.latex,
      mu: forTheorems.steady.mu.exact?.toString() ?? forTheorems.steady.mu.latex,
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
