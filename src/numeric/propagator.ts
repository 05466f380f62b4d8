/**
 * One interface for linear time-invariant systems dy/dt = G·y, y(t₀) = y₀, with outputs on a time
 * grid: paper eq. 4 (the full network), eq. 5 (the reduced-state network), eq. 6 (the blended
 * reduced state) and eq. 17 (the blended coherent dynamics in the orbit basis) are all of this form,
 * y(t_k) = e^{(t_k − t₀)G}·y₀.
 *
 * A problem (`LtiProblem`) gives G as a dense matrix, a matrix-free operator, or both (each may be
 * built on demand), plus optional structure the specialised methods use: a density matrix under a
 * Lindbladian (eq. 4; real coordinates of Hermitian matrices, and the lowered model for the slow
 * manifold), the stacked reduced states of eq. 5, the orbit basis of eq. 17. `propagate(problem,
 * options)` runs the method `choosePropagator` names: the one documented policy. Methods are
 * registered by name (QuTiP 5's `Integrator` base class and `add_integrator`): a new method is one
 * file exporting a `PropagatorMethod` and one `registerPropagator` call. The built-in methods are
 * the dense exponential (`propagator-dense.ts`) and the adaptive Krylov exponential
 * (`propagator-krylov.ts` over `propagate.ts`), registered here. Specialised methods register
 * themselves in their own module: `chebyshev-factorized` (eq. 5 with one node class,
 * `reduced-network.ts`) and `slow-manifold` (eq. 4 at strong coupling on a connected graph with one
 * edge weight, `simulate/slow-manifold.ts`, the layer that knows the model).
 *
 * State layout: interleaved complex Float64Array of 2·dim doubles. For `density-matrix` problems y
 * is the row-major D×D matrix ρ (dim = D²), while a dense G is the column-stacked Liouvillian of
 * CONVENTIONS.md (vec(ρ)); the dense method converts between the two, so every method reads and
 * writes the same row-major ρ.
 *
 * @example propagate({ dim: 1, y0: new Float64Array([1, 0]), times: [0, Math.LN2], dense: fromPairs([[[-1, 0]]]) }).states[1][0].toFixed(12) // => '0.500000000000'
 */
import { DimensionMismatch, UserError } from '../core/errors.ts';
import type { LoweredModel } from '../core/lowered-model.ts';
import type { CMatrix } from './cmatrix.ts';
import type { LinearOperator } from './propagate.ts';
import type { ReducedNetwork } from './reduced-network.ts';
import { denseExpmMethod, type Lazy } from './propagator-dense.ts';
import { krylovMethod } from './propagator-krylov.ts';

export { forceLazy, type Lazy } from './propagator-dense.ts';

/** Extra structure of a problem that specialised methods use (and the policy reads). */
export type LtiStructure =
  /**
   * y is a row-major D×D density matrix and G a Lindbladian (paper eq. 4): G maps Hermitian to
   * Hermitian, so a Hermitian ρ₀ can be propagated in real coordinates. A dense G is the
   * column-stacked Liouvillian. `model` (with its K_c) lets model-aware methods (slow manifold) run.
   */
  | { readonly kind: 'density-matrix'; readonly D: number; readonly model?: LoweredModel }
  /** y = [vec ρ₁; …; vec ρₙ] of paper eq. 5, G = diag(𝓛_j) − K_c(Q ⊗ I₄) on `network`'s graph. */
  | { readonly kind: 'reduced-network'; readonly network: ReducedNetwork }
  /** y_d in the orbit basis of paper eq. 17, G = Proj(A_d) (sparse, no K_c: not stiff). */
  | { readonly kind: 'orbit-basis' };


/** dy/dt = G·y on the grid `times` (t₀ = times[0] ≤ times[1] ≤ …), y(t₀) = y0. */
export interface LtiProblem {
  /** Complex entries of y (y0 has 2·dim doubles). */
  readonly dim: number;
  readonly y0: Float64Array;
  readonly times: readonly number[];
  /** G as a dense dim×dim matrix (column-stacked Liouvillian for `density-matrix`). */
  readonly dense?: Lazy<CMatrix>;
  /** G as a matrix-free operator (on row-major ρ for `density-matrix`). */
  readonly operator?: Lazy<LinearOperator>;
  readonly structure?: LtiStructure;
  /**
   * Real weights w (dim entries) of a linear invariant Σ w_i·y_i of the exact flow (Σ_j tr ρ_j for
   * eq. 5): the Krylov method projects each step back onto it (`PropagateOptions.conserved`).
   */
  readonly invariant?: Float64Array;
}

/** What the policy reads of a problem: no state, no grid. */
export type LtiShape = Pick<LtiProblem, 'dim' | 'dense' | 'operator' | 'structure'>;

export interface PropagatorOptions {
  /** A registered method's name, or `auto` (default): `choosePropagator`'s choice. */
  method?: string;
  /** Error-controlled methods: tolerance on ‖y(t) − y_exact(t)‖₂ over the grid, absolute and relative to ‖y₀‖ (default 1e-10). */
  tolerance?: number;
  /** Krylov: largest basis dimension (default `defaultKrylovDim`). */
  maxKrylovDim?: number;
  /** Keep every output in the result (default true; false for large states, use `onOutput`). */
  keepStates?: boolean;
  /** Called at every output with y(t_k) in a buffer reused afterwards (copy it to keep it). */
  onOutput?: (k: number, t: number, y: Float64Array) => void;
}

/** The options a method receives: defaults resolved. */
export interface ResolvedPropagatorOptions {
  readonly tolerance: number;
  readonly maxKrylovDim: number | undefined;
  readonly keepStates: boolean;
  readonly onOutput: ((k: number, t: number, y: Float64Array) => void) | undefined;
}

export interface PropagatorStats {
  /** Applications of G (Krylov), or matrix–vector products with e^{ΔG} (dense). */
  matvecs: number;
  /** Dense exponentials formed (one per distinct grid step). */
  exponentials: number;
  /** The method's estimate of its global error (0 for the dense exponential, exact up to rounding). */
  errorEstimate: number;
  /** u·‖G‖₂·(t_end − t₀)·‖y₀‖ (`roundoffFloor` in propagate.ts): no double-precision method goes below it. */
  roundoffFloor: number;
}

export interface PropagatorRun {
  /** The method that ran. */
  method: string;
  /** y(t_k) for every output (empty when keepStates is false). */
  states: Float64Array[];
  stats: PropagatorStats;
  /** Method-specific statistics (the slow manifold's `SlowManifoldStats`). */
  details?: unknown;
}

/** A propagation method. `run` receives a validated problem whose `unsupported` was null. */
export interface PropagatorMethod {
  readonly name: string;
  /** Why this method cannot run the problem at all, or null when it can. */
  unsupported(problem: LtiShape): string | null;
  /**
   * For specialised methods: true when the method applies to the problem and, by its own cost rule,
   * beats the general methods (consulted by `choosePropagator`, rule 4). Absent: never auto-chosen
   * unless the policy names it.
   */
  prefers?(problem: LtiShape): boolean;
  run(problem: LtiProblem, options: ResolvedPropagatorOptions): PropagatorRun;
}

const registry = new Map<string, PropagatorMethod>();

/**
 * Adds a method under its name; returns a function that removes it again. Names are unique.
 * @example typeof registerPropagator({ name: 'doc-example', unsupported: () => null, run: () => { throw new Error('unused'); } }) // => 'function'
 */
export function registerPropagator(method: PropagatorMethod): () => void {
  if (registry.has(method.name)) throw new Error(`a propagator named '${method.name}' is already registered`);
  registry.set(method.name, method);
  return () => {
    if (registry.get(method.name) === method) registry.delete(method.name);
  };
}

/** The registered method names, in registration order. @example registeredPropagators().slice(0, 2) // => ['dense-expm', 'krylov'] */
export function registeredPropagators(): string[] {
  return [...registry.keys()];
}

registerPropagator(denseExpmMethod);
registerPropagator(krylovMethod);

/** Default tolerance of the error-controlled methods. */
export const DEFAULT_PROPAGATOR_TOLERANCE = 1e-10;

/**
 * Largest dim for which `auto` exponentiates G densely, by structure. These are the limits each
 * equation's path had when it was written (not measured crossovers); they are kept so results stay
 * as they were:
 * - `density-matrix` (eq. 4): 64 = 4³. From n = 4 the Lindbladian's matrix-free kernel in real
 *   Hermitian coordinates is applied at a cost ∝ 4ⁿ per product, while the complex dense exponential
 *   costs ∝ 4³ⁿ per distinct step with ≈ log₂‖ΔG‖ squarings (‖G‖ ∝ K_c).
 * - `reduced-network` (eq. 5): 256 (n ≤ 64 qubits).
 * - `orbit-basis` (eq. 17): 816 = C(18, 3) (n ≤ 15).
 * - no structure: 256.
 */
export const DENSE_MAX_DIM = { 'density-matrix': 64, 'reduced-network': 256, 'orbit-basis': 816, general: 256 } as const;

/**
 * The policy: which registered method `propagate` runs for a problem.
 * 1. A method named in `options.method` (not `auto`) runs as asked; it must be registered and
 *    support the problem (else `UserError`). Explicit choices are for comparisons and tests.
 * 2. No matrix-free operator: `dense-expm`, the only method that needs nothing else.
 * 3. dim ≤ DENSE_MAX_DIM of the structure: `dense-expm`. One exponential per distinct grid step
 *    (Higham's scaling and squaring: backward stable, a few more squarings at large K_c, no step-size
 *    control) and a matrix–vector product per output: exact up to rounding and cheapest when small.
 * 4. The first registered specialised method that supports the problem and `prefers` it: the slow
 *    manifold (n ≥ 4, within its memory budget) on K_n at ε = ‖𝓛₀‖/(K_c·a·n) ≤ 0.02 and on other
 *    connected graphs with one edge weight at ε = ‖𝓛₀‖/(K_c·a·λ_m(Q)) ≤ 0.1, whose cost falls as K_c
 *    grows and which hands over to `krylov` itself when its fixed point does not contract; the
 *    Chebyshev factorisation of eq. 5 with one node class, exact, with √K_c growth on any graph and
 *    three state-sized vectors where Krylov keeps m of them and orthogonalises (at n = 10⁶ nodes a
 *    Krylov basis alone would take gigabytes). Their applicability and cost rules depend on
 *    structure only those methods know.
 * 5. Otherwise `krylov`: the adaptive Krylov exponential, matrix-free, with an a-posteriori error
 *    estimate and a cost that grows only mildly with the stiffness K_c (propagate.ts).
 * @example choosePropagator({ dim: 4, dense: fromPairs([[[0, 0]]]) }) // => 'dense-expm'
 * @example choosePropagator({ dim: 4096, operator: { dim: 4096, applyInto: (o) => o }, structure: { kind: 'orbit-basis' } }) // => 'krylov'
 */
export function choosePropagator(problem: LtiShape, options: Pick<PropagatorOptions, 'method'> = {}): string {
  const requested = options.method ?? 'auto';
  if (requested !== 'auto') {
    const method = registry.get(requested);
    if (!method) throw new UserError(`unknown propagator '${requested}'`, { field: 'method' }, `registered: ${registeredPropagators().join(', ')}`);
    const why = method.unsupported(problem);
    if (why !== null) throw new UserError(`propagator '${requested}' cannot run this problem: ${why}`, { field: 'method' });
    return requested;
  }
  if (problem.operator === undefined) return denseExpmMethod.name;
  if (problem.dim <= DENSE_MAX_DIM[problem.structure?.kind ?? 'general'] && problem.dense !== undefined) return denseExpmMethod.name;
  for (const method of registry.values()) {
    if (method.prefers && method.unsupported(problem) === null && method.prefers(problem)) return method.name;
  }
  return krylovMethod.name;
}

/**
 * y(t_k) = e^{(t_k − t₀)G}·y₀ on the problem's grid by the method `choosePropagator` names.
 * @example propagate({ dim: 1, y0: new Float64Array([1, 0]), times: [0, Math.LN2], operator: { dim: 1, applyInto: (o, x) => { o[0] = -x[0]; o[1] = -x[1]; return o; } } }).states[1][0].toFixed(12) // => '0.500000000000'
 */
export function propagate(problem: LtiProblem, options: PropagatorOptions = {}): PropagatorRun {
  checkProblem(problem);
  const name = choosePropagator(problem, options);
  const resolved: ResolvedPropagatorOptions = {
    tolerance: options.tolerance ?? DEFAULT_PROPAGATOR_TOLERANCE,
    maxKrylovDim: options.maxKrylovDim,
    keepStates: options.keepStates ?? true,
    onOutput: options.onOutput,
  };
  return registry.get(name)!.run(problem, resolved);
}

function checkProblem(problem: LtiProblem): void {
  const { dim, y0, times } = problem;
  if (problem.dense === undefined && problem.operator === undefined) throw new DimensionMismatch('a dense generator or an operator', 'neither');
  if (y0.length !== 2 * dim) throw new DimensionMismatch(`state of ${dim} complex entries`, y0.length / 2);
  if (problem.structure?.kind === 'density-matrix' && problem.structure.D ** 2 !== dim) throw new DimensionMismatch(`${dim} entries of a square ρ`, `D = ${problem.structure.D}`);
  if (times.length === 0) throw new DimensionMismatch('at least one output time', 0);
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] >= times[k - 1])) throw new Error(`output times must be non-decreasing (t[${k}] = ${times[k]})`);
  }
}
