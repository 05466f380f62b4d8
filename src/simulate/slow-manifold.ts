/**
 * Eq. 4 at strong coupling on any connected graph with one edge weight a, by adiabatic elimination:
 * propagation on the slow invariant subspace of 𝓛 = 𝓛₀ − K_c·𝒬_d: the `slow-manifold` method of
 * numeric/propagator.ts (registered at the end of this file), which that policy prefers for eq. 4
 * where `chooseSlowManifold` holds. On every connected graph ker 𝒬_d is the symmetric operators and
 * the gap of 𝒬_d is a·λ_m(Q) (simulate/coupling-solve.ts), so the construction below holds with n
 * replaced by λ_m(Q) (λ_m = n on K_n); only the pseudo-inverse differs. On K_n it is the exact
 * polynomial in 𝒯 described next; on other graphs conjugate gradients on 𝒬_d with the a-posteriori
 * bound ‖x − x*‖ ≤ ‖r‖/(K_c·a·λ_m) (coupling-solve.ts), to an accuracy whose effect on the outputs is
 * ≤ tol/8 in the iteration that is accepted (looser in iterations predicted not to be, SOLVE_SLACK).
 *
 * Error order. The k-th iterate X_k of the fixed point below differs from the exact X by
 * O(ε^k·‖X‖) = O(K_c^{−(k+1)}) (X = O(K_c^{−1}); the first iterate is second-order adiabatic
 * elimination, error O(K_c^{−2})). The iteration is not stopped at a fixed order: it stops when the
 * bound on what further iterates change in the outputs is ≤ tol/2, and when the updates do not at least
 * halve (K_c too small for the expansion: ε = ‖𝓛₀‖/(K_c·a·λ_m) not small) it hands over to the
 * polynomial Krylov propagator from ρ(τ₀), which meets the tolerance at any K_c.
 *
 * The coupling on K_n with uniform weight a. 𝒬_d = Σ_{j<k}(I − Ad U_jk) = C(n,2)·I − 𝒯 with 𝒯 the
 * class sum of the transpositions of S_n acting on operators by permuting tensor factors. The
 * operator space (ℂ⁴)^{⊗n} splits into S_n-isotypic components λ ⊢ n with at most four rows
 * (Schur–Weyl duality for GL(4)), and the central class sum acts on component λ as the content sum
 * c(λ) = Σ_boxes (column − row) (Frobenius's character formula; Diaconis & Shahshahani, Z. Wahrsch.
 * verw. Gebiete 57 (1981) 159). So ker 𝒬_d is the symmetric operators (λ = (n)), spanned by the
 * orthonormal orbit basis E of dimension d = C(n+3,3); the gap of a·𝒬_d is a·n (λ = (n−1,1)).
 *
 * Depth. Call n − λ₁ the depth of λ. An ℓ-local superoperator (every Hamiltonian term and every
 * channel of 𝓛₀ acts on at most ℓ qubits) maps a vector whose components have depth ≤ q into depth
 * ≤ q + ℓ (restriction to S_{n−ℓ} removes at most ℓ boxes from the first row, induction back adds
 * them below it). Hence the right-hand sides below have depth ≤ ℓ·k at the k-th iteration, and
 * (K_c·a·𝒬_d)⁺ on them is the polynomial in 𝒯 interpolating 1/(K_c·a·(C(n,2) − c)) at the content
 * sums of depth 1…ℓk only: degree 2 instead of (#contents − 1) at the first iteration for ℓ = 2.
 *
 * The slow invariant subspace. With P = EEᵀ and Q = I − P, the invariant subspace of 𝓛 near ran E
 * is ran(E + X), X = QX, with 𝓛(E + X) = (E + X)·B and B = Eᵀ𝓛₀(E + X) (d × d), whose Q part is
 * the Riccati equation
 *   K_c·a·𝒬_d·X = Q𝓛₀(E + X) − X·B,
 * solved by the fixed point X ← (K_c·a·𝒬_d)⁺[Q𝓛₀(E + X) − X·B] from X = 0 (first step: the
 * adiabatic-elimination term X₁ = (K_c a 𝒬_d)⁺Q𝓛₀E of second-order perturbation theory). It contracts
 * by ≈ ε = ‖𝓛₀‖/(K_c·a·n) per iteration. A polynomial Krylov step to τ₀ = ln(100‖ρ₀‖/tol)/(K_c·a·n·(1 − 2ε))
 * damps the fast part of ρ₀ below tol/100; after it ρ(t) = (E + X)·e^{(t−τ₀)B}·Eᵀρ(τ₀) (Eᵀ of the
 * fast invariant subspace is O(its norm), and EᵀX = 0).
 *
 * Error. If the computed X leaves the residual 𝓡 = 𝓛(E + X) − (E + X)B (in ran Q), the computed
 * ρ̃(t) solves ρ̃' = 𝓛ρ̃ − 𝓡y(t); 𝓡 ≈ K_c·a·𝒬_d·δX for the remaining error δX of X, decays at rate
 * ≥ K_c·a·n on the fast part and has an O(ε) slow part, so ‖ρ̃ − ρ‖ ≲ ‖δX‖·(1 + (t − τ₀)·‖𝓛₀‖)·max‖y‖.
 * The iteration stops when what it still changes in the outputs, through B on the grid and through X
 * as Σ_r‖ΔX_r‖·|y_r|, times the observed contraction ratio (with a 10× margin: linear convergence),
 * is below tol/2; if the updates do not at least halve, the run falls back to the polynomial
 * propagator from ρ(τ₀).
 *
 * Cost: d applications of 𝓛₀ at the first iteration only (its 𝓛₀(E + X₁) is the next right-hand
 * side); an iteration that is accepted applies none, since its B = Eᵀ𝓛₀E + G·X comes from the sparse
 * rows of G = Eᵀ𝓛₀ (OrbitGeneratorRows, nnz(G)·d multiply-adds), and 𝓛₀E and G come from the sparse
 * action on E's disjoint supports (about ten dense products for both). Each iteration also takes d
 * pseudo-inverses of (#depth-≤ℓk contents − 1) applications of 𝒯 each (one signed gather per edge,
 * in WebAssembly, several times cheaper than an 𝓛₀ product) and the X·B products of the right-hand
 * sides; how a run divides between them is in docs/BENCHMARKS.md ("The slow-manifold method").
 * The polynomial propagator instead has to resolve every
 * coupling cluster near −K_c·a·spec(𝒬_d) in its Krylov basis (numeric/propagate.ts). Memory:
 * `slowManifoldMemoryBytes`, 0.94 GiB at n = 9 and 4.8 GiB at n = 10, of which the WebAssembly arena
 * is 2.5 GiB (X; the right-hand sides stay in host memory), plus G's 12 bytes per entry (≈ 23·4ⁿ
 * entries for the benchmark model), built only where it fits SLOW_MANIFOLD_MEMORY_BUDGET.
 * All vectors are real coordinates of Hermitian matrices (hermitianCoordinates, a Frobenius isometry).
 */
import type { LoweredModel } from '../core/lowered-model.ts';
import type { CMatrix } from '../numeric/cmatrix.ts';
import { buildLindbladKernel, lindbladOperator, SparseGeneratorAction, type LindbladKernel } from '../numeric/lindblad-action.ts';
import { propagateKrylov, hermitianCoordinates, hermitianFromCoordinates, hermitianRealOperator, roundoffFloor, KRYLOV_MEMORY_BUDGET, type LinearOperator } from '../numeric/propagate.ts';
import { propagate, registerPropagator, type LtiProblem, type LtiShape, type PropagatorMethod, type PropagatorRun, type ResolvedPropagatorOptions } from '../numeric/propagator.ts';
import { KrylovArena } from '../numeric/wasm-kernels.ts';
import { orbitIndex, unitCounts } from '../coherent/orbits.ts';
import { ConjugateGradientPseudoInverse, uniformCoupling } from './coupling-solve.ts';

const NEEDS_GRAPH = 'the coupling graph must be connected with one positive weight on every edge, and K_c > 0';

/** Largest ε = ‖𝓛₀‖/(K_c·a·n) for which `auto` chooses this method on K_n (see docs/BENCHMARKS.md). */
export const SLOW_MANIFOLD_MAX_EPSILON = 0.02;

/**
 * Largest ε = ‖𝓛₀‖/(K_c·a·λ_m(Q)) for which `auto` chooses this method on other connected graphs:
 * there Krylov's cost grows far more with K_c than on K_n (docs/BENCHMARKS.md, "Strong coupling on
 * every graph"), and the fixed point still contracted at ε ≈ 0.07–0.12 in those measurements.
 */
export const SLOW_MANIFOLD_MAX_EPSILON_GRAPH = 0.1;

/** Fixed-point iterations before the run gives up and falls back to the polynomial propagator. */
const MAX_ITERATIONS = 5;

/**
 * Off K_n, a column of an iteration predicted not to be accepted is solved to SOLVE_SLACK·ρ̂ times its
 * expected next update ρ̂·‖ΔX_k‖ (the solves' error then perturbs the observed ratios by ≲ 10 %).
 */
const SOLVE_SLACK = 0.1;

/** Safety factor on the observed contraction ratio of the fixed point (see the stopping test). */
const CONTRACTION_MARGIN = 10;

/** Partitions of n into at most `rows` parts, each ≤ max. */
function partitions(n: number, max: number, rows: number): number[][] {
  if (n === 0) return [[]];
  if (rows === 0) return [];
  const out: number[][] = [];
  for (let first = Math.min(n, max); first >= 1; first--) for (const rest of partitions(n - first, first, rows - 1)) out.push([first, ...rest]);
  return out;
}

/**
 * The distinct content sums c(λ) = Σ_rows (len·(len − 1)/2 − row·len) of λ ⊢ n with at most four
 * rows and depth n − λ₁ in [minDepth, maxDepth], decreasing; 𝒯 acts on component λ as c(λ).
 * @example couplingContentSums(4) // => [6, 2, 0, -2, -6]
 */
export function couplingContentSums(n: number, maxDepth = n, minDepth = 0): number[] {
  const sums = partitions(n, n, 4)
    .filter((l) => n - l[0] >= minDepth && n - l[0] <= maxDepth)
    .map((l) => l.reduce((s, len, row) => s + (len * (len - 1)) / 2 - row * len, 0));
  return [...new Set(sums)].sort((a, b) => b - a);
}

/**
 * ℓ, the largest number of qubits one term of 𝓛₀ acts on: a Hamiltonian term acts on its support;
 * a channel D(L) with L = Σ_a t_a is Σ_{a,b}(t_a·ρ·t_b† − ½{t_b†t_a, ρ}), whose (a, b) term acts on
 * supp t_a ∪ supp t_b (a collective decay Σ_j σ₋^(j) is 2-local).
 */
export function generatorLocality(model: LoweredModel): number {
  const support = (ops: Record<string, string>) => Object.entries(ops).filter(([, o]) => o !== 'I').map(([q]) => q);
  let l = 0;
  for (const t of model.hamiltonian) l = Math.max(l, support(t.ops).length);
  for (const c of model.lindblad) {
    const supports = c.terms.map((t) => support(t.ops));
    for (let a = 0; a < supports.length; a++) for (let b = a; b < supports.length; b++) l = Math.max(l, new Set([...supports[a], ...supports[b]]).size);
  }
  return l;
}

/** Host memory the method may use in all (the machine has 24 GiB; 4.8 GiB are needed at n = 10). */
export const SLOW_MANIFOLD_MEMORY_BUDGET = 6 * 2 ** 30;

/**
 * Bytes of the WebAssembly arena: X (d·4ⁿ doubles), twelve 4ⁿ work vectors (outputs, the
 * pseudo-inverse) and 𝒯's gather table, C(n,2)·4ⁿ int32 words. It must fit one memory (≤ 4 GiB).
 * @example Math.round(slowManifoldArenaBytes(10) / 2 ** 30 * 100) / 100 // => 2.5
 */
export function slowManifoldArenaBytes(n: number): number {
  const d = ((n + 1) * (n + 2) * (n + 3)) / 6;
  return 8 * 4 ** n * (d + 12) + 4 * ((n * (n - 1)) / 2) * 4 ** n;
}

/**
 * Bytes the method needs in all: the arena plus the right-hand sides R (d·4ⁿ doubles, host memory),
 * four 4ⁿ vectors (ρ₀, ρ(τ₀), an output), the complex image buffer of the sparse action (two) and
 * the orbit basis's position tables (slot, weight and the member lists: 24 bytes per position).
 * @example Math.round(slowManifoldMemoryBytes(8) / 2 ** 20) // => 183
 */
export function slowManifoldMemoryBytes(n: number): number {
  const d = ((n + 1) * (n + 2) * (n + 3)) / 6;
  return slowManifoldArenaBytes(n) + 8 * 4 ** n * (d + 9);
}

/**
 * The orthonormal orbit basis of the symmetric Hermitian operators in real coordinates. Orbit o
 * (colour counts of |a⟩⟨b|, coherent/orbits.ts) with its transpose orbit oᵀ gives E_o = |o|^{−1/2}Σ|a⟩⟨b|;
 * o = oᵀ contributes the Hermitian E_o, a pair o ≠ oᵀ contributes (E_o + E_oᵀ)/√2 and
 * i(E_o − E_oᵀ)/√2. In the coordinates of hermitianCoordinates every position belongs to at most one
 * of these d = C(n+3,3) vectors, so E is stored as (slot, weight) per position.
 */
export class RealOrbitBasis {
  readonly slot: Int32Array;
  readonly weight: Float64Array;
  readonly dim: number;
  /** The positions of E e_k are members[memberStart[k] … memberStart[k + 1]), with weights memberWeight. */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  readonly memberWeight: Float64Array;
  constructor(n: number) {
    const D = 2 ** n;
    const orbits = orbitIndex(n);
    const orbitOf = new Int32Array(D * D);
    const sizes = new Array<number>(orbits.size).fill(0);
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < D; b++) {
        const [c00, c01, c10] = unitCounts(a, b, n);
        const o = orbits.rank(c00, c01, c10);
        orbitOf[a * D + b] = o;
        sizes[o]++;
      }
    }
    // Transposing |a⟩⟨b| swaps the colours 01 and 10.
    const transpose = orbits.counts.map(([c00, c01, c10]) => orbits.rank(c00, c10, c01));
    const symSlot = new Int32Array(orbits.size).fill(-1);
    const antiSlot = new Int32Array(orbits.size).fill(-1);
    let dim = 0;
    for (let o = 0; o < orbits.size; o++) {
      const oT = transpose[o];
      if (oT === o) symSlot[o] = dim++;
      else if (o < oT) {
        symSlot[o] = symSlot[oT] = dim++;
        antiSlot[o] = antiSlot[oT] = dim++;
      }
    }
    this.dim = dim;
    this.slot = new Int32Array(D * D).fill(-1);
    this.weight = new Float64Array(D * D);
    for (let a = 0; a < D; a++) {
      const o = orbitOf[a * D + a];
      this.slot[a * D + a] = symSlot[o];
      this.weight[a * D + a] = 1 / Math.sqrt(sizes[o]);
      for (let b = a + 1; b < D; b++) {
        const ob = orbitOf[a * D + b];
        const s = 1 / Math.sqrt(sizes[ob]);
        // Upper position: √2·Re of the entry; lower position: √2·Im of the (a, b) entry.
        this.slot[a * D + b] = symSlot[ob];
        this.weight[a * D + b] = transpose[ob] === ob ? Math.SQRT2 * s : s;
        if (transpose[ob] !== ob) {
          this.slot[b * D + a] = antiSlot[ob];
          this.weight[b * D + a] = ob < transpose[ob] ? s : -s;
        }
      }
    }
    this.memberStart = new Int32Array(dim + 1);
    for (let p = 0; p < D * D; p++) if (this.slot[p] >= 0) this.memberStart[this.slot[p] + 1]++;
    for (let k = 0; k < dim; k++) this.memberStart[k + 1] += this.memberStart[k];
    this.members = new Int32Array(this.memberStart[dim]);
    this.memberWeight = new Float64Array(this.memberStart[dim]);
    const fill = this.memberStart.slice(0, dim);
    for (let p = 0; p < D * D; p++) {
      const k = this.slot[p];
      if (k < 0) continue;
      this.members[fill[k]] = p;
      this.memberWeight[fill[k]++] = this.weight[p];
    }
  }
  /** out = Eᵀx. */
  coordinates(x: Float64Array, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    out.fill(0);
    const { slot, weight } = this;
    for (let p = 0; p < slot.length; p++) if (slot[p] >= 0) out[slot[p]] += weight[p] * x[p];
    return out;
  }
  /** x ← Qx = x − EEᵀx (scratch of length dim). */
  removeSymmetricPart(x: Float64Array, scratch: Float64Array): void {
    this.coordinates(x, scratch);
    const { slot, weight } = this;
    for (let p = 0; p < slot.length; p++) if (slot[p] >= 0) x[p] -= weight[p] * scratch[slot[p]];
  }
  /** x ← x + E·c. */
  addCombination(x: Float64Array, c: ArrayLike<number>): void {
    const { slot, weight } = this;
    for (let p = 0; p < slot.length; p++) if (slot[p] >= 0) x[p] += weight[p] * c[slot[p]];
  }
  /** x ← x + E·e_k (the k-th basis vector). */
  addBasisVector(x: Float64Array, k: number): void {
    const { slot, weight } = this;
    for (let p = 0; p < slot.length; p++) if (slot[p] === k) x[p] += weight[p];
  }
}

/**
 * 𝒯 = Σ_{j<k} Ad U_jk on real coordinates. Ad U maps ρ_rs to ρ_{π(r)π(s)}; position (r, s) keeps its
 * kind (diagonal, upper = √2 Re, lower = √2 Im of the upper entry) and reads the same kind at
 * {π(r), π(s)}, with the sign of Im flipped when π reverses the order of r and s. One signed gather
 * table per edge (~index for a negated entry).
 */
export class RealClassSum {
  applications = 0;
  readonly edges: number;
  /**
   * The gather table goes into `arena.indices` (which must hold `RealClassSum.indexWords(kernel)`
   * words); the steps then act on the arena's vectors by index, in the WebAssembly kernel.
   */
  constructor(
    kernel: LindbladKernel,
    readonly arena: KrylovArena,
  ) {
    const D = kernel.dim;
    const E = kernel.swaps.length;
    this.edges = E;
    const table = arena.indices;
    if (table.length < E * D * D) throw new RangeError('RealClassSum: the arena holds too few index words');
    kernel.swaps.forEach((sw, e) => {
      const pi = sw.perm;
      for (let r = 0; r < D; r++) {
        for (let s = 0; s < D; s++) {
          const pr = pi[r];
          const ps = pi[s];
          let q: number;
          if (r === s) q = pr * D + pr;
          else if (r < s) q = Math.min(pr, ps) * D + Math.max(pr, ps);
          else q = pr > ps ? pr * D + ps : ~(ps * D + pr);
          table[(r * D + s) * E + e] = q;
        }
      }
    });
  }
  /** Int32 words of the gather table: one per edge and position. */
  static indexWords(kernel: LindbladKernel): number {
    return kernel.swaps.length * kernel.dim * kernel.dim;
  }
  /** v_out = 𝒯v_x − c·v_x + f·v_z on arena vectors (c = f = 0: v_out = 𝒯v_x); out ≠ x. */
  stepInto(out: number, x: number, c = 0, f = 0, z: number = x): void {
    this.arena.classSumStep(out, x, z, this.edges, c, f);
    this.applications++;
  }
}

/**
 * (K_c·a·𝒬_d)⁺ on vectors of depth ≤ maxDepth with no symmetric part: the Newton interpolant of
 * 1/(K_c·a·(C(n,2) − c)) at those content sums, as a polynomial in 𝒯 (Horner on two arena work
 * vectors).
 */
export class CouplingPseudoInverse {
  private readonly coefficients: number[];
  private readonly nodes: number[];
  constructor(
    private readonly T: RealClassSum,
    n: number,
    maxDepth: number,
    gain: number,
    private readonly work: readonly [number, number],
  ) {
    const pairs = (n * (n - 1)) / 2;
    this.nodes = couplingContentSums(n, maxDepth, 1);
    const dd = this.nodes.map((c) => 1 / (gain * (pairs - c)));
    for (let j = 1; j < dd.length; j++) for (let i = dd.length - 1; i >= j; i--) dd[i] = (dd[i] - dd[i - 1]) / (this.nodes[i] - this.nodes[i - j]);
    this.coefficients = dd;
  }
  get degree(): number {
    return this.nodes.length - 1;
  }
  /** v_out = p(𝒯)v_x for arena vectors out ≠ x (neither a work vector). */
  applyInto(out: number, x: number): void {
    const { coefficients: dd, nodes } = this;
    const last = nodes.length - 1;
    const { arena } = this.T;
    if (last === 0) {
      arena.scaleInto(out, x, dd[0]);
      return;
    }
    let acc = this.work[0];
    let image = this.work[1];
    arena.scaleInto(acc, x, dd[last]);
    // Horner in Newton form: acc ← (𝒯 − c_j)·acc + dd_j·x, the last step straight into out.
    for (let j = last - 1; j >= 0; j--) {
      const target = j === 0 ? out : image;
      this.T.stepInto(target, acc, nodes[j], dd[j], x);
      [acc, image] = [image, acc];
    }
  }
}

/** max_t Σ_r ‖X₁_r‖·|y_r(t)|: what the first iterate moves in the outputs through X. */
function firstChange(ys: readonly Float64Array[], columnNorms: Float64Array): number {
  let worst = 0;
  for (const y of ys) {
    let s = 0;
    for (let r = 0; r < y.length; r++) s += columnNorms[r] * Math.abs(y[r]);
    worst = Math.max(worst, s);
  }
  return worst;
}

/** v ← v − Σ_r B[r, k]·X_r, column k of R − X·B (B row-major d × d; arena vectors v and xBase + r). */
function subtractColumnProduct(arena: KrylovArena, v: number, xBase: number, B: Float64Array, d: number, k: number): void {
  let r = 0;
  for (; r + 4 <= d; r += 4) arena.axpy4(v, xBase + r, xBase + r + 1, xBase + r + 2, xBase + r + 3, -B[r * d + k], -B[(r + 1) * d + k], -B[(r + 2) * d + k], -B[(r + 3) * d + k]);
  for (; r < d; r++) arena.axpy1(v, xBase + r, -B[r * d + k]);
}

export interface SlowManifoldStats {
  /** Applications of 𝓛 (phase 1, and the fallback if any) and of 𝓛₀ (the slow subspace). */
  matvecs: number;
  /** Applications of the class sum 𝒯 (pseudo-inverses; 𝒯_G, the sum over the graph's edges, off K_n). */
  classSumApplications: number;
  /** Off K_n: conjugate-gradient steps of the pseudo-inverses (coupling-solve.ts), else 0. */
  conjugateGradientSteps: number;
  iterations: number;
  /** d = C(n+3,3). */
  slowDimension: number;
  /** The error bound of the accepted X plus the phase-1 Krylov estimate. */
  errorEstimate: number;
  roundoffFloor: number;
  /** ε = ‖𝓛₀‖/(K_c·a·n) with ‖𝓛₀‖ from a short power iteration. */
  epsilon: number;
  /** True when the fixed point did not contract and the polynomial propagator finished the run. */
  fellBack: boolean;
}

/** An estimate of ‖𝓛₀‖₂ from a few power-iteration steps on a fixed Hermitian start (a lower bound, within a small factor). */
export function generatorNormEstimate(op: LinearOperator, steps = 6): { norm: number; matvecs: number } {
  const N = op.dim;
  let x = new Float64Array(N).map((_, i) => Math.sin(1 + 7.3 * i));
  let y = new Float64Array(N);
  let norm = 0;
  let nx = Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  for (let s = 0; s < steps; s++) {
    op.applyInto(y, x);
    const ny = Math.sqrt(y.reduce((acc, v) => acc + v * v, 0));
    norm = Math.max(norm, ny / nx);
    if (ny === 0) break;
    for (let i = 0; i < N; i++) y[i] /= ny;
    [x, y] = [y, x];
    nx = 1;
  }
  return { norm, matvecs: steps };
}

/** 𝓛₀ = 𝓛 at K_c = 0 on real Hermitian coordinates. */
function uncoupledGenerator(kernel0: LindbladKernel): LinearOperator {
  return hermitianRealOperator(lindbladOperator(kernel0), kernel0.dim);
}

/**
 * out = the real coordinates of 𝓛E_k, 𝓛 the generator (or adjoint) of `action`, by the sparse action
 * on E_k's members alone; image is a 2·4ⁿ complex scratch. The E_k have disjoint supports covering
 * the 4ⁿ positions, so all d images together cost about as much as ten dense products.
 */
function orbitImage(E: RealOrbitBasis, action: SparseGeneratorAction, k: number, image: Float64Array, out: Float64Array): Float64Array {
  image.fill(0);
  action.addHermitianInto(image, E.members, E.memberWeight, E.memberStart[k], E.memberStart[k + 1]);
  return hermitianCoordinates(image, Math.round(Math.sqrt(out.length)), out);
}

/**
 * The rows of G = Eᵀ𝓛₀ (d × 4ⁿ), row r = 𝓛₀ᵀE_r stored sparse (positions ascending), so that the B of
 * a new X, B = Eᵀ𝓛₀(E + X) = Eᵀ𝓛₀E + G·X (eq. for B in the module docblock), costs nnz(G)·d
 * multiply-adds instead of d dense 𝓛₀ products or d² dense dot products. 𝓛₀ᵀE_r has about fan-out ×
 * |supp E_r| entries (an ℓ-local 𝓛₀ moves an entry to a few positions) and the E_r have disjoint
 * supports, so nnz(G) is a small multiple of 4ⁿ (23·4ⁿ for the benchmark model at n = 9).
 */
export class OrbitGeneratorRows {
  readonly rowStart: Int32Array;
  readonly positions: Int32Array;
  readonly values: Float64Array;
  private constructor(rowStart: Int32Array, positions: Int32Array, values: Float64Array) {
    this.rowStart = rowStart;
    this.positions = positions;
    this.values = values;
  }

  /** 12 bytes per stored entry. */
  get bytes(): number {
    return 12 * this.rowStart[this.rowStart.length - 1];
  }

  /**
   * G from the adjoint sparse action on E's members; null when it would need more than maxBytes
   * (the caller then forms B from dense products).
   */
  static build(E: RealOrbitBasis, adjoint: SparseGeneratorAction, maxBytes: number, image: Float64Array, row: Float64Array): OrbitGeneratorRows | null {
    const d = E.dim;
    const N = E.slot.length;
    const rowStart = new Int32Array(d + 1);
    let capacity = Math.min(4 * N, Math.floor(maxBytes / 12));
    let positions = new Int32Array(capacity);
    let values = new Float64Array(capacity);
    let used = 0;
    for (let r = 0; r < d; r++) {
      orbitImage(E, adjoint, r, image, row);
      for (let p = 0; p < N; p++) {
        const v = row[p];
        if (v === 0) continue;
        if (used === capacity) {
          capacity = Math.max(16, 2 * capacity);
          if (12 * capacity > maxBytes) return null;
          const grownPositions = new Int32Array(capacity);
          grownPositions.set(positions);
          positions = grownPositions;
          const grownValues = new Float64Array(capacity);
          grownValues.set(values);
          values = grownValues;
        }
        positions[used] = p;
        values[used++] = v;
      }
      rowStart[r + 1] = used;
    }
    return new OrbitGeneratorRows(rowStart, positions.slice(0, used), values.slice(0, used));
  }

  /**
   * B[r·d + k] += (G X)_{rk} = ⟨G_r, X_k⟩ for all r, k. Positions are swept in blocks so that a block's
   * entries stay in cache while every X_k passes over it once, four columns of X per read of an entry.
   */
  addProductInto(B: Float64Array, X: readonly Float64Array[]): void {
    const d = X.length;
    const N = X[0].length;
    const { rowStart, positions, values } = this;
    const BLOCK = 2048;
    const cursor = rowStart.slice(0, d);
    const blockEnd = new Int32Array(d);
    for (let p0 = 0; p0 < N; p0 += BLOCK) {
      const p1 = Math.min(N, p0 + BLOCK);
      for (let r = 0; r < d; r++) {
        let e = cursor[r];
        const end = rowStart[r + 1];
        while (e < end && positions[e] < p1) e++;
        blockEnd[r] = e;
      }
      let k = 0;
      for (; k + 4 <= d; k += 4) {
        const x0 = X[k];
        const x1 = X[k + 1];
        const x2 = X[k + 2];
        const x3 = X[k + 3];
        for (let r = 0; r < d; r++) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let e = cursor[r], end = blockEnd[r]; e < end; e++) {
            const p = positions[e];
            const v = values[e];
            s0 += v * x0[p];
            s1 += v * x1[p];
            s2 += v * x2[p];
            s3 += v * x3[p];
          }
          const o = r * d + k;
          B[o] += s0;
          B[o + 1] += s1;
          B[o + 2] += s2;
          B[o + 3] += s3;
        }
      }
      for (; k < d; k++) {
        const xk = X[k];
        for (let r = 0; r < d; r++) {
          let s = 0;
          for (let e = cursor[r], end = blockEnd[r]; e < end; e++) s += values[e] * xk[positions[e]];
          B[r * d + k] += s;
        }
      }
      cursor.set(blockEnd);
    }
  }
}

/** ‖𝓛₀‖ estimates by model, so `auto`'s choice and the run that follows share one estimate. */
const uncoupledNorms = new WeakMap<LoweredModel, number>();

/** generatorNormEstimate of 𝓛₀, computed once per model (matvecs = 0 when it was known). */
function uncoupledNorm(model: LoweredModel, L0?: LinearOperator): { norm: number; matvecs: number } {
  const known = uncoupledNorms.get(model);
  if (known !== undefined) return { norm: known, matvecs: 0 };
  const estimate = generatorNormEstimate(L0 ?? uncoupledGenerator(buildLindbladKernel({ ...model, Kc: 0 })));
  uncoupledNorms.set(model, estimate.norm);
  return estimate;
}

/**
 * ε = ‖𝓛₀‖/(K_c·a·λ_m(Q)) of the model (λ_m = n on K_n); null when the method does not apply (the
 * graph is not connected with one weight, or K_c = 0).
 */
export function slowManifoldEpsilon(model: LoweredModel): { epsilon: number; matvecs: number } | null {
  const coupling = uniformCoupling(model);
  if (coupling === null || !(model.Kc > 0)) return null;
  const { norm, matvecs } = uncoupledNorm(model);
  return { epsilon: norm / (model.Kc * coupling.weight * coupling.lambdaM), matvecs };
}

/**
 * Whether `auto` should use this method: a connected graph with one weight, n ≥ 4, the arena within
 * the Krylov budget (one WebAssembly memory), all of it within SLOW_MANIFOLD_MEMORY_BUDGET, and
 * ε ≤ SLOW_MANIFOLD_MAX_EPSILON on K_n, ε ≤ SLOW_MANIFOLD_MAX_EPSILON_GRAPH on other graphs.
 */
export function chooseSlowManifold(model: LoweredModel): boolean {
  if (model.n < 4 || slowManifoldArenaBytes(model.n) > KRYLOV_MEMORY_BUDGET || slowManifoldMemoryBytes(model.n) > SLOW_MANIFOLD_MEMORY_BUDGET) return false;
  const e = slowManifoldEpsilon(model);
  if (e === null) return false;
  return e.epsilon <= (uniformCoupling(model)!.complete ? SLOW_MANIFOLD_MAX_EPSILON : SLOW_MANIFOLD_MAX_EPSILON_GRAPH);
}

/**
 * ρ(t_k) of eq. 4 on the grid by the slow invariant subspace; `onOutput` receives row-major
 * interleaved ρ (buffer reused). Throws when the graph is not K_n with uniform weight.
 */
export function propagateSlowManifold(
  model: LoweredModel,
  rho0: CMatrix,
  times: readonly number[],
  options: { tolerance: number; onOutput?: (k: number, t: number, rho: Float64Array) => void },
): SlowManifoldStats {
  const coupling = uniformCoupling(model);
  if (coupling === null || !(model.Kc > 0)) throw new Error(`slow-manifold: ${NEEDS_GRAPH}`);
  const { n } = model;
  const D = 2 ** n;
  const N = D * D;
  const tol = options.tolerance;
  const kernel = buildLindbladKernel(model);
  const A = hermitianRealOperator(lindbladOperator(kernel), D);
  const kernel0 = buildLindbladKernel({ ...model, Kc: 0 });
  const L0 = uncoupledGenerator(kernel0);
  const gain = model.Kc * coupling.weight;
  // The gap of K_c·𝒬_d on the complement of its kernel: K_c·a·λ_m(Q) (coupling-solve.ts).
  const gap = gain * coupling.lambdaM;
  const { norm: L0norm, matvecs: normMatvecs } = uncoupledNorm(model, L0);
  const epsilon = L0norm / gap;
  const stats: SlowManifoldStats = { matvecs: normMatvecs, classSumApplications: 0, conjugateGradientSteps: 0, iterations: 0, slowDimension: 0, errorEstimate: 0, roundoffFloor: 0, epsilon, fellBack: false };
  const rhoOut = new Float64Array(2 * N);
  const emit = (k: number, x: Float64Array) => options.onOutput?.(k, times[k], hermitianFromCoordinates(rhoOut, x, D));
  const t0 = times[0];
  const tEnd = times[times.length - 1];
  const x0 = hermitianCoordinates(rho0.data, D);
  const norm0 = Math.sqrt(x0.reduce((s, v) => s + v * v, 0));
  // Phase 1: the fast part decays at rate ≥ K_c·a·n·(1 − 2ε) (gap of a·𝒬_d, perturbed by 𝓛₀).
  const tau0 = Math.log((100 * norm0) / tol) / (gap * Math.max(0.5, 1 - 2 * epsilon));
  const tSlow = t0 + tau0;
  let split = 0;
  while (split + 1 < times.length && times[split + 1] <= tSlow) split++;
  const phase1Grid = times.slice(0, split + 1);
  if (phase1Grid[phase1Grid.length - 1] < tSlow) phase1Grid.push(Math.min(tSlow, tEnd));
  let xSlow: Float64Array = x0;
  const p1 = propagateKrylov(A, x0, phase1Grid, {
    atol: tol / 4,
    rtol: tol / 4,
    keepStates: false,
    onOutput: (k, _t, x) => {
      if (k <= split) emit(k, x);
      if (k === phase1Grid.length - 1) xSlow = x.slice();
    },
  });
  stats.matvecs += p1.stats.matvecs;
  stats.errorEstimate += p1.stats.errorEstimate;
  stats.roundoffFloor = p1.stats.roundoffFloor;
  const slowStart = phase1Grid[phase1Grid.length - 1];
  if (split === times.length - 1) return stats;

  const E = new RealOrbitBasis(n);
  const d = E.dim;
  stats.slowDimension = d;
  // X, a batch of outputs, the pseudo-inverse's work vectors and 𝒯's gather table live in one
  // WebAssembly memory, so the products with B and y and the steps of 𝒯 run in the kernels of
  // numeric/krylov-kernels.wat (vector i of the arena is index i). The right-hand sides R stay in
  // host memory and are copied in one at a time: the arena then fits 4 GiB up to n = 10.
  const BATCH = 8;
  const arena = new KrylovArena(d + BATCH + 4, N, RealClassSum.indexWords(kernel));
  const T = new RealClassSum(kernel, arena);
  const xBase = 0;
  const outBase = d;
  const colIndex = d + BATCH;
  const rIndex = colIndex + 1;
  const work: [number, number] = [colIndex + 2, colIndex + 3];
  const X = arena.vectors.slice(xBase, xBase + d);
  const R = Array.from({ length: d }, () => new Float64Array(N));
  const B = new Float64Array(d * d);
  const col = arena.vectors[colIndex];
  const rk = arena.vectors[rIndex];
  const coords = new Float64Array(d);
  const c0 = E.coordinates(xSlow);
  const span = tEnd - slowStart;
  const assembleB = (k: number) => {
    E.coordinates(R[k], coords);
    for (let r = 0; r < d; r++) B[r * d + k] = coords[r];
  };
  // R_k = 𝓛₀(E e_k + X_k) for all k, and B = EᵀR (B of the current X; the next iteration's R).
  const applyAndAssemble = () => {
    for (let k = 0; k < d; k++) {
      col.set(X[k]);
      E.addBasisVector(col, k);
      L0.applyInto(R[k], col);
      stats.matvecs++;
      assembleB(k);
    }
  };
  const image = new Float64Array(2 * N);
  // B = Eᵀ𝓛₀(E + X) = B₀ + G·X with B₀ = Eᵀ𝓛₀E and G = Eᵀ𝓛₀ (sparse rows): the B of a new X without
  // applying 𝓛₀ to X, so the iteration that is accepted costs no dense product. Built when first needed.
  let B0: Float64Array = B;
  let G: OrbitGeneratorRows | null | undefined;
  const assembleFromRows = (rows: OrbitGeneratorRows) => {
    B.set(B0);
    rows.addProductInto(B, X);
  };
  const slowGrid = [slowStart, ...times.slice(split + 1)];
  // y(t_k) = e^{(t_k − τ₀)B}c₀ on the rest of the grid (one dense exponential per distinct step).
  const trajectory = (): Float64Array[] => {
    const g: CMatrix = { rows: d, cols: d, data: new Float64Array(2 * d * d) };
    for (let i = 0; i < d * d; i++) g.data[2 * i] = B[i];
    const y0 = new Float64Array(2 * d);
    for (let r = 0; r < d; r++) y0[2 * r] = c0[r];
    return propagate({ dim: d, y0, times: slowGrid, dense: g })
      .states.slice(1)
      .map((yc) => Float64Array.from({ length: d }, (_, r) => yc[2 * r]));
  };
  const columnUpdate = new Float64Array(d);
  // X = 0: R_k = 𝓛₀E_k by the sparse action.
  const forward = new SparseGeneratorAction(kernel0);
  for (let k = 0; k < d; k++) {
    orbitImage(E, forward, k, image, R[k]);
    assembleB(k);
  }
  B0 = B.slice();
  // The first iteration is never accepted, so the trajectory of X = 0 is not needed.
  let ys: Float64Array[] = [];
  let previousUpdate = Infinity;
  let previousChangeB = Infinity;
  let converged = false;
  const locality = generatorLocality(model);
  // Off K_n, (K_c𝒬_d)⁺ by conjugate gradients to an absolute accuracy δ per column (coupling-solve.ts).
  // An error δ_k in column k moves the outputs by Σ_k δ_k·|y_k| directly and, through
  // B = Eᵀ𝓛₀(E + X), by ≤ span·‖𝓛₀‖·‖δX‖₂·max‖y‖: with max‖y‖ ≤ ‖ρ₀‖ both stay below tol/8.
  const solveAccuracy = tol / (8 * Math.sqrt(d) * norm0 * (1 + span * L0norm));
  const cg = coupling.complete ? null : new ConjugateGradientPseudoInverse(T, gain, coupling.lambdaM, solveAccuracy, work);
  // An iteration that will not be accepted only has to be accurate to a fraction of the next update:
  // the fixed point contracts whatever error it leaves by the ratio ρ, so its columns need only
  // ‖δX_k‖ ≤ SOLVE_SLACK·ρ̂·(the expected size of their next update) for the observed ratios (and the
  // stopping test) to stay valid. ρ̂ = ε until a ratio has been observed; the first iteration's update is
  // X₁ itself, ‖X₁ₖ‖ ≥ ‖b_k‖/(K_c·a·2|E|). An iteration predicted to be accepted solves to δ.
  let solveRatio = Math.min(1, epsilon);
  let predictedChange = Infinity;
  let solveBound = 0;
  while (!converged && stats.iterations < MAX_ITERATIONS) {
    stats.iterations++;
    const exact = cg ? null : new CouplingPseudoInverse(T, n, locality * stats.iterations, gain, work);
    const tight = CONTRACTION_MARGIN * solveRatio * predictedChange <= tol / 2;
    solveBound = 0;
    let update2 = 0;
    // Column k of the new X needs all of the old X, so the new columns wait in R's host storage
    // (R_k is consumed when column k is formed) and replace X after the sweep.
    for (let k = 0; k < d; k++) {
      rk.set(R[k]);
      E.removeSymmetricPart(rk, coords);
      if (stats.iterations > 1) subtractColumnProduct(arena, rIndex, xBase, B, d, k);
      if (exact) exact.applyInto(colIndex, rIndex);
      else {
        // Warm start from the previous iterate's column, which differs from the new one by O(ε).
        const warm = stats.iterations > 1;
        const expected = warm ? columnUpdate[k] : Math.sqrt(arena.dot(rIndex, rIndex)) / (gain * 2 * coupling.edges);
        if (warm) col.set(X[k]);
        // Expected next update: ρ̂·‖X₁ₖ‖ after the first iteration, ρ̂²·‖ΔX_k‖ after later ones.
        const accuracy = tight ? solveAccuracy : Math.max(solveAccuracy, SOLVE_SLACK * solveRatio * (warm ? solveRatio : 1) * expected);
        solveBound = Math.max(solveBound, cg!.applyInto(colIndex, rIndex, warm, accuracy));
      }
      E.removeSymmetricPart(col, coords);
      const Xk = X[k];
      let u2 = 0;
      for (let p = 0; p < N; p++) u2 += (col[p] - Xk[p]) ** 2;
      columnUpdate[k] = Math.sqrt(u2);
      update2 += u2;
      R[k].set(col);
    }
    for (let k = 0; k < d; k++) X[k].set(R[k]);
    const previousB = B.slice();
    // The first iteration is never accepted, so its dense products serve the next right-hand side;
    // later ones first get B from the adjoint and apply 𝓛₀ only if the iteration goes on.
    if (stats.iterations > 1 && G === undefined) G = OrbitGeneratorRows.build(E, new SparseGeneratorAction(kernel0, { adjoint: true }), SLOW_MANIFOLD_MEMORY_BUDGET - slowManifoldMemoryBytes(n), image, rk);
    const viaRows = stats.iterations > 1 && G ? G : null;
    if (viaRows) assembleFromRows(viaRows);
    else applyAndAssemble();
    let changeB2 = 0;
    for (let i = 0; i < d * d; i++) changeB2 += (B[i] - previousB[i]) ** 2;
    const previousYs = ys;
    ys = trajectory();
    const update = Math.sqrt(update2);
    const changeB = Math.sqrt(changeB2);
    // What this iteration changed in the outputs: through B, measured on the grid; through X, at most
    // max_k Σ_r ‖ΔX_r‖·|y_r(t_k)|. Linear convergence with the observed ratio (10× as a margin: the first ratios
    // underestimate later ones, docs/BENCHMARKS.md) bounds what the remaining iterations would change.
    let changeY = 0;
    let changeXy = 0;
    for (let k = 0; k < ys.length && previousYs.length > 0; k++) {
      let e2 = 0;
      let xy = 0;
      for (let r = 0; r < d; r++) {
        e2 += (ys[k][r] - previousYs[k][r]) ** 2;
        xy += columnUpdate[r] * Math.abs(ys[k][r]);
      }
      changeY = Math.max(changeY, Math.sqrt(e2));
      changeXy = Math.max(changeXy, xy);
    }
    const first = !Number.isFinite(previousUpdate);
    const ratio = first ? 1 : Math.min(1, CONTRACTION_MARGIN * Math.max(update / previousUpdate, changeB / previousChangeB));
    const bound = ratio * (changeY + changeXy);
    const contracting = first || (update < 0.5 * previousUpdate && changeB < 0.5 * previousChangeB);
    if (!first) solveRatio = Math.min(1, Math.max(update / previousUpdate, changeB / previousChangeB));
    // The next iteration's changes, ≈ ρ̂ times this one's (after the first: its X-part, bounded below by ρ̂·Σ‖X₁‖|y|).
    predictedChange = solveRatio * (first ? firstChange(ys, columnUpdate) : changeY + changeXy);
    const solveError = cg ? Math.sqrt(d) * solveBound * norm0 * (1 + span * L0norm) : 0;
    previousUpdate = update;
    previousChangeB = changeB;
    if (!first && bound + solveError <= tol / 2) {
      stats.errorEstimate += bound + solveError;
      converged = true;
    } else if (!contracting) break;
    else if (viaRows && stats.iterations < MAX_ITERATIONS) applyAndAssemble();
  }
  stats.classSumApplications = T.applications;
  if (cg) stats.conjugateGradientSteps = cg.stats.steps;
  if (!converged) {
    // The fixed point does not contract fast enough: finish with the polynomial propagator.
    stats.fellBack = true;
    const p2 = propagateKrylov(A, xSlow, slowGrid, { atol: tol, rtol: tol, keepStates: false, onOutput: (k, _t, x) => k > 0 && emit(split + k, x) });
    stats.matvecs += p2.stats.matvecs;
    stats.errorEstimate += p2.stats.errorEstimate;
    stats.roundoffFloor = Math.max(stats.roundoffFloor, p2.stats.roundoffFloor);
    arena.release();
    return stats;
  }
  // ρ = (E + X)y, formed for up to BATCH outputs at a time.
  for (let b0 = 0; b0 < ys.length; b0 += BATCH) {
    const count = Math.min(BATCH, ys.length - b0);
    for (let j = 0; j < count; j++) {
      const y = ys[b0 + j];
      const o = outBase + j;
      arena.vectors[o].fill(0);
      E.addCombination(arena.vectors[o], y);
      let r = 0;
      for (; r + 4 <= d; r += 4) arena.axpy4(o, xBase + r, xBase + r + 1, xBase + r + 2, xBase + r + 3, y[r], y[r + 1], y[r + 2], y[r + 3]);
      for (; r < d; r++) arena.axpy1(o, xBase + r, y[r]);
    }
    for (let j = 0; j < count; j++) emit(split + 1 + b0 + j, arena.vectors[outBase + j]);
  }
  stats.roundoffFloor = Math.max(stats.roundoffFloor, roundoffFloor(L0norm + gain * coupling.lambdaMax, span, norm0));
  arena.release();
  return stats;
}

/** The eq. 4 model of a problem when it is a density matrix under that model's Lindbladian, else null. */
function problemModel(problem: LtiShape): LoweredModel | null {
  const s = problem.structure;
  return s?.kind === 'density-matrix' && s.model ? s.model : null;
}

/**
 * The `slow-manifold` method of numeric/propagator.ts for eq. 4 problems that carry their model
 * (simulate/full-network.ts): preferred where `chooseSlowManifold` holds.
 */
export const slowManifoldMethod: PropagatorMethod = {
  name: 'slow-manifold',
  unsupported(problem: LtiShape): string | null {
    const model = problemModel(problem);
    if (!model) return 'needs an eq. 4 density-matrix problem with its model';
    if (uniformCoupling(model) === null || !(model.Kc > 0)) return NEEDS_GRAPH;
    return null;
  },
  prefers: (problem: LtiShape) => chooseSlowManifold(problemModel(problem)!),
  run(problem: LtiProblem, options: ResolvedPropagatorOptions): PropagatorRun {
    const model = problemModel(problem)!;
    const D = 2 ** model.n;
    const states: Float64Array[] = [];
    const st = propagateSlowManifold(model, { rows: D, cols: D, data: problem.y0 }, problem.times, {
      tolerance: options.tolerance,
      onOutput: (k, t, rho) => {
        if (options.keepStates) states.push(rho.slice());
        options.onOutput?.(k, t, rho);
      },
    });
    return { method: 'slow-manifold', states, stats: { matvecs: st.matvecs, exponentials: 0, errorEstimate: st.errorEstimate, roundoffFloor: st.roundoffFloor }, details: st };
  },
};

registerPropagator(slowManifoldMethod);
