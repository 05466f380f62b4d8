import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { ModelTooLarge, type Warning } from '../core/errors.ts';
import { EXACT_DENSE_LIMIT_HINT } from './sparse.ts';
import type { Expr } from './expr.ts';
import type { Graph } from './graph.ts';
import { DENSE_STATE_MAX_QUBITS, SparseOperator, type SparseEntry } from './sparse.ts';

/**
 * A network model: the data of the master equation (paper eq. 4)
 *   dρ/dt = −i[H, ρ] + Σ_l γ_l D(L_l)ρ + K_c Σ_{{j,k}∈E} a_jk D(U_jk)ρ
 * with everything exact, plus what the file says about the study and about the source paper.
 * Produced (and validated) by `parseModel`; K_c is a study variable, not part of the model.
 *
 * Parameters: H, the L_l, the rates and the weights are kept *as stated*, with every declared
 * parameter symbolic, even when `parameters` gives it a value. A derivation binds the values
 * explicitly: `substituteParameters(model)` (exact; parameters without a value stay symbolic) or
 * `lowerModel(model, Kc, overrides)` (numeric). So one file yields both the formula in ω and its
 * value at the stated ω.
 */
export interface NetworkModel {
  /** File-safe identifier; output files are named after it. */
  readonly name: string;
  readonly title: string;
  /** Free text from the file, untrusted: renderers must escape it. */
  readonly notes: string;
  readonly source: { readonly file: string; readonly text: string };
  readonly qubits: number;
  readonly graph: Graph;
  /** H as an exact Pauli expansion (symbolic parameters kept symbolic). */
  readonly hamiltonian: PauliSum;
  /** H as written. */
  readonly hamiltonianSource: Expr;
  readonly hamiltonianText: string;
  readonly lindblad: readonly LindbladChannel[];
  readonly initial: InitialState;
  /** Parameters with exact values (real constants). */
  readonly parameters: ReadonlyMap<string, Scalar>;
  /** Every declared parameter, with or without a value, sorted. */
  readonly declaredParameters: readonly string[];
  readonly study: Study;
  readonly paper: PaperBlock | null;
  readonly warnings: readonly Warning[];
  /** Assumptions the derivation makes, e.g. "γ_m > 0" for a symbolic rate. */
  readonly assumptions: readonly string[];
}

/** One channel γ_l D(L_l). */
export interface LindbladChannel {
  readonly operator: PauliSum;
  readonly rate: Scalar;
  /** L_l as written. */
  readonly source: Expr;
  readonly operatorText: string;
  /** γ_l as written (`null` when the file leaves the default 1). */
  readonly rateSource: Expr | null;
  readonly rateText: string;
  /** Optional label from the file. */
  readonly label?: string;
}

/** How the study requests exact dense objects (4ⁿ×4ⁿ Liouvillians, 2ⁿ×2ⁿ states). */
export type ExactPath = 'auto' | 'dense' | 'none';

/** Largest qubit count for exact dense superoperators: 4⁵ = 1024 rows. */
export const EXACT_DENSE_MAX_QUBITS = 5;

export interface Study {
  /** Coupling gains K_c to study. */
  readonly Kc: readonly Scalar[];
  /** The primary error level η: every theorem constant, K_c*, proof walkthrough and figure uses it. */
  readonly eta?: Scalar;
  /**
   * Every η of a list `eta: [η₁, η₂, …]` with more than one entry, the primary η₁ first; absent for a
   * single η. The further ones only add K_c*(η) and the empirical K_c(η) of each theorem check.
   */
  readonly etaList?: readonly Scalar[];
  readonly T1?: Scalar;
  readonly T2?: Scalar;
  /**
   * End of the window on which the unbounded time sets are checked and the empirical K_c is sought:
   * Theorem 1's {t ≥ t*} on [t*, max(t*, horizon)], Theorem 4's {t ≥ T₁} on [T₁, horizon]. Absent: t* + 10/μ
   * and max(T₁ + 50, 2T₂, the study's end) (theorems/checks.ts).
   */
  readonly horizon?: Scalar;
  readonly time?: { readonly start: Scalar; readonly end: Scalar; readonly steps: number };
  /** `auto`: exact dense objects when n ≤ 5; `dense`: required (n > 5 is refused); `none`: never. */
  readonly exact: ExactPath;
}

/**
 * What the stages use where the study block leaves a value out (docs/derivation-format.md, "Study
 * defaults"): the simulated coupling gains, the window [T₁, T₂] of Theorems 2–4, and the time grid
 * (`steps` counts grid points, both ends included).
 */
export const STUDY_DEFAULTS = { Kc: [1, 10, 40], T1: 1, T2: 10, time: { start: 0, end: 10, steps: 101 } } as const;

/** The study values that have a default. */
export type DefaultedStudyKey = 'Kc' | 'T1' | 'T2' | 'time';

/** The study as the stages run it. */
export interface StudyAsRun {
  readonly Kc: readonly Scalar[];
  readonly T1: Scalar;
  readonly T2: Scalar;
  readonly time: { readonly start: Scalar; readonly end: Scalar; readonly steps: number };
  /** The values the file leaves out, so that `STUDY_DEFAULTS` supplies them. */
  readonly defaults: readonly DefaultedStudyKey[];
}

/**
 * The study as the stages run it: the file's values, and `STUDY_DEFAULTS` where it gives none.
 * @example studyAsRun(parseModel('name: a\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\nstudy: {T1: 2}\n').study).defaults // => ['Kc', 'T2', 'time']
 */
export function studyAsRun(study: Study): StudyAsRun {
  const defaults: DefaultedStudyKey[] = [];
  const given = <T>(key: DefaultedStudyKey, value: T | undefined, fallback: () => T): T => {
    if (value !== undefined) return value;
    defaults.push(key);
    return fallback();
  };
  const d = STUDY_DEFAULTS;
  return {
    Kc: given('Kc', study.Kc.length > 0 ? study.Kc : undefined, () => d.Kc.map((k) => Scalar.int(k))),
    T1: given('T1', study.T1, () => Scalar.int(d.T1)),
    T2: given('T2', study.T2, () => Scalar.int(d.T2)),
    time: given('time', study.time, () => ({ start: Scalar.int(d.time.start), end: Scalar.int(d.time.end), steps: d.time.steps })),
    defaults,
  };
}

/** A value the source paper states, kept for later stages to check. */
export type PaperValue =
  | { readonly kind: 'matrix'; readonly value: ExactMatrix; readonly text: string }
  | { readonly kind: 'scalar'; readonly value: Scalar; readonly text: string }
  | { readonly kind: 'state'; readonly value: InitialState; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

export interface PaperBlock {
  readonly reference?: string;
  readonly notes?: string;
  /** Named values in file order (e.g. steadyState, initialState, blendedInitial). */
  readonly values: ReadonlyMap<string, PaperValue>;
}

/** ρ(0) = ρ₁ ⊗ … ⊗ ρₙ (paper Assumption 1), each factor an exact 2×2 matrix. */
export interface ProductState {
  readonly kind: 'product';
  readonly qubits: number;
  readonly factors: readonly ExactMatrix[];
  /** Each factor as written (`null` for a matrix literal). */
  readonly factorSources: readonly (Expr | null)[];
  /** ρ(0) as stated, in LaTeX. */
  readonly latex: string;
  toMatrix(): ExactMatrix;
}

/** ρ(0) by its nonzero elements |row⟩⟨col| (bit strings, qubit 1 first). */
export interface SparseState {
  readonly kind: 'sparse';
  readonly qubits: number;
  readonly entries: readonly SparseEntry[];
  readonly source: Expr;
  readonly latex: string;
  toMatrix(): ExactMatrix;
}

export type InitialState = ProductState | SparseState;

/**
 * A product state; `toMatrix()` is the Kronecker product ρ₁ ⊗ … ⊗ ρₙ (qubit 1 leftmost).
 * @example productState([ExactMatrix.fromRows([[1, 0], [0, 0]])], [null], '').toMatrix().trace().toString() // => "1"
 */
export function productState(factors: readonly ExactMatrix[], factorSources: readonly (Expr | null)[], latex: string): ProductState {
  for (const f of factors) if (f.rows !== 2 || f.cols !== 2) throw new RangeError('product factors are 2×2');
  return {
    kind: 'product',
    qubits: factors.length,
    factors,
    factorSources,
    latex,
    toMatrix(): ExactMatrix {
      if (factors.length > DENSE_STATE_MAX_QUBITS) {
        throw new ModelTooLarge(`the dense matrix of a ${factors.length}-qubit product state has 2^${factors.length} rows; the exact dense path stops at ${DENSE_STATE_MAX_QUBITS} qubits`,
          {}, 'use the product factors directly');
      }
      return factors.reduce((acc, f) => acc.kron(f), ExactMatrix.identity(1));
    },
  };
}

/**
 * A state from sparse entries.
 * @example sparseState(SparseOperator.ketBra('01', '01'), null, '').entries.length // => 1
 */
export function sparseState(op: SparseOperator, source: Expr, latex: string): SparseState {
  return {
    kind: 'sparse',
    qubits: op.qubits,
    entries: op.entries(),
    source,
    latex,
    toMatrix: () => op.toMatrix(),
  };
}

/**
 * The sparse operator of any initial state (a product state expands into its 0/1 entries).
 * @example stateOperator(productState([ExactMatrix.fromRows([[0, 0], [0, 1]])], [null], '')).entries().length // => 1
 */
export function stateOperator(s: InitialState): SparseOperator {
  if (s.kind === 'sparse') return SparseOperator.fromEntries(s.qubits, s.entries);
  let acc = SparseOperator.fromEntries(0, [{ row: '', col: '', value: Scalar.ONE }]);
  for (const f of s.factors) {
    const entries: SparseEntry[] = [];
    for (const e of acc.entries()) {
      for (let r = 0; r < 2; r++) {
        for (let c = 0; c < 2; c++) {
          const v = f.get(r, c);
          if (!v.isZero()) entries.push({ row: e.row + r, col: e.col + c, value: e.value.mul(v) });
        }
      }
    }
    acc = SparseOperator.fromEntries(acc.qubits + 1, entries);
  }
  return acc;
}

/**
 * The model with exact parameter values substituted into H, the L_l, the rates and the edge weights
 * (default: the values the file gives; parameters without a value stay symbolic). The stated
 * expressions are kept, since they are what the user wrote.
 * @example substituteParameters(parseModel('name: p\nqubits: 1\ngraph: complete\nparameters: {g: 0.5}\nhamiltonian: sz(1)\nlindblad: [{operator: sm(1), rate: g}]\ninitial: {product: ["|0><0|"]}\n')).lindblad[0].rate.toString() // => '1/2'
 */
export function substituteParameters(model: NetworkModel, values: ReadonlyMap<string, Scalar> = model.parameters): NetworkModel {
  return {
    ...model,
    hamiltonian: model.hamiltonian.substitute(values),
    lindblad: model.lindblad.map((l) => ({ ...l, operator: l.operator.substitute(values), rate: l.rate.substitute(values) })),
    graph: {
      ...model.graph,
      edges: model.graph.edges.map((e) => ({ ...e, weight: e.weight.substitute(values) })),
      ...(model.graph.weight ? { weight: model.graph.weight.substitute(values) } : {}),
    },
  };
}

/**
 * Whether a stage may build exact dense objects (4ⁿ×4ⁿ superoperators) for this model.
 * @example exactDenseAllowed(parseModel('name: one\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n')) // => true
 */
export function exactDenseAllowed(model: NetworkModel): boolean {
  return model.study.exact !== 'none' && model.qubits <= EXACT_DENSE_MAX_QUBITS;
}

/**
 * Guards an exact dense computation: throws `ModelTooLarge` naming the size and the alternative when
 * the model is beyond n = 5 or the study asked for `exact: none`.
 * @example (() => { try { requireExactDense(parseModel('name: one\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\nstudy: {exact: none}\n'), 'the exact Liouvillian'); return 'built'; } catch (e) { return e.constructor.name; } })() // => 'ModelTooLarge'
 */
export function requireExactDense(model: NetworkModel, what: string): void {
  if (exactDenseAllowed(model)) return;
  const dim = 4 ** model.qubits;
  const reason = model.study.exact === 'none'
    ? 'the study sets exact: none'
    : `it is ${dim.toLocaleString('en-US')} × ${dim.toLocaleString('en-US')} for ${model.qubits} qubits and the exact dense path stops at ${EXACT_DENSE_MAX_QUBITS} qubits`;
  throw new ModelTooLarge(`${what} is not built exactly: ${reason}`, { file: model.source.file, field: 'study.exact' }, EXACT_DENSE_LIMIT_HINT);
}
