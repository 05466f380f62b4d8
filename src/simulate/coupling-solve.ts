/**
 * The fast part of eq. 4's coupling on any connected graph: what the slow-manifold method
 * (simulate/slow-manifold.ts) needs to apply (K_c·𝒬_d)⁺ when the graph is not K_n.
 *
 * With one weight a on every edge, 𝒬_d = a·Σ_{(j,k)∈E}(I − Ad U_jk) = a·(|E|·I − 𝒯_G), 𝒯_G the sum of
 * the SWAP superoperators over the edges only. In the Frobenius-isometric real coordinates of
 * Hermitian matrices every Ad U is a signed permutation and an involution, hence symmetric and
 * orthogonal, so 𝒬_d is symmetric positive semi-definite. Its kernel is the operators invariant
 * under every edge transposition; the edge transpositions of a connected graph generate S_n, so the
 * kernel is the symmetric operators, ran E of the orbit basis, on every connected graph. Q_d lies in
 * the group algebra of S_n, so it preserves the isotypic components; on the complement of its kernel
 * its spectrum starts at a·λ_m(Q), the Laplacian's smallest nonzero eigenvalue (the interchange
 * process has the random walk's gap: Caputo, Liggett & Richthammer, J. Amer. Math. Soc. 23 (2010)
 * 831, Aldous' conjecture; coherent/spectral-gap.ts uses the same identity).
 *
 * (K_c·𝒬_d)⁺b for b ∈ ran Q is then the solution of a symmetric positive-definite system on ran Q,
 * solved by conjugate gradients (Hestenes & Stiefel 1952) with 𝒯_G applied as one signed gather per
 * edge in the WebAssembly arena. The known lower bound gives a rigorous a-posteriori error: for the
 * residual r = b − K_c𝒬_d x in ran Q, ‖x − x*‖₂ ≤ ‖r‖₂/(K_c·a·λ_m(Q)); the iteration stops there.
 * Conjugate gradients take at most as many steps as Chebyshev iteration on [K_c·a·λ_m, K_c·a·2|E|]
 * (≈ ½√κ·ln(2/δ), κ = 2|E|/λ_m), and far fewer here: the right-hand sides of an ℓ-local 𝓛₀ lie in
 * components of depth ≤ ℓ·k (slow-manifold.ts, "Depth"), where 𝒬_d has few distinct eigenvalues.
 */
import type { LoweredModel } from '../core/lowered-model.ts';
import { hermitianEig } from '../numeric/eig.ts';
import type { KrylovArena } from '../numeric/wasm-kernels.ts';

/** The coupling graph of eq. 4 when every edge has the same weight a > 0 and the graph is connected. */
export interface UniformCoupling {
  /** The common weight a of every edge. */
  readonly weight: number;
  /** λ_m(Q) of the unweighted Laplacian (so the gap of 𝒬_d is a·λ_m). */
  readonly lambdaM: number;
  /** The largest eigenvalue of the unweighted Laplacian (n on K_n). */
  readonly lambdaMax: number;
  /** Edges of the graph (distinct unordered pairs). */
  readonly edges: number;
  /** True for the complete graph K_n (λ_m = n; the exact content-sum pseudo-inverse applies). */
  readonly complete: boolean;
}

/**
 * The coupling structure, or null when the slow-manifold method does not apply: no edge, an edge
 * weight that differs from the others or is not positive, a self-loop or repeated edge, or a graph
 * that is not connected (then ker 𝒬_d is larger than the symmetric operators).
 * @example uniformCoupling({ n: 3, hamiltonian: [], lindblad: [], edges: [[1, 2, 2], [2, 3, 2]], Kc: 1 })?.lambdaM.toFixed(12) // => '1.000000000000'
 */
export function uniformCoupling(model: Pick<LoweredModel, 'n' | 'edges'>): UniformCoupling | null {
  const { n, edges } = model;
  if (edges.length === 0) return null;
  const a = edges[0][2];
  if (!(a > 0)) return null;
  const laplacian = new Float64Array(n * n);
  const seen = new Set<number>();
  for (const [j, k, w] of edges) {
    if (w !== a || j === k || j < 1 || k < 1 || j > n || k > n) return null;
    const key = Math.min(j, k) * (n + 1) + Math.max(j, k);
    if (seen.has(key)) return null;
    seen.add(key);
    const [p, q] = [j - 1, k - 1];
    laplacian[p * n + p]++;
    laplacian[q * n + q]++;
    laplacian[p * n + q]--;
    laplacian[q * n + p]--;
  }
  if (!connected(n, laplacian)) return null;
  const complete = edges.length === (n * (n - 1)) / 2;
  // On K_n the Laplacian's spectrum is {0, n^(n−1)}: keep it exact.
  const [lambdaM, lambdaMax] = complete ? [n, n] : laplacianGapAndTop(n, laplacian);
  return { weight: a, lambdaM, lambdaMax, edges: edges.length, complete };
}

function connected(n: number, laplacian: Float64Array): boolean {
  const reached = new Uint8Array(n);
  const stack = [0];
  reached[0] = 1;
  let count = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let u = 0; u < n; u++) {
      if (u !== v && laplacian[v * n + u] !== 0 && !reached[u]) {
        reached[u] = 1;
        count++;
        stack.push(u);
      }
    }
  }
  return count === n;
}

/** The second-smallest (the smallest is the simple 0 of a connected graph) and the largest eigenvalue of a Laplacian. */
function laplacianGapAndTop(n: number, laplacian: Float64Array): [number, number] {
  const data = new Float64Array(2 * n * n);
  for (let i = 0; i < n * n; i++) data[2 * i] = laplacian[i];
  const values = Array.from(hermitianEig({ rows: n, cols: n, data }, { vectors: false }).values).sort((x, y) => x - y);
  return [values[1], values[n - 1]];
}

/** The gather steps of 𝒯_G on arena vectors (RealClassSum of slow-manifold.ts). */
export interface EdgeSwapSum {
  readonly arena: KrylovArena;
  readonly edges: number;
  /** v_out = 𝒯_G v_x − c·v_x + f·v_z. */
  stepInto(out: number, x: number, c?: number, f?: number, z?: number): void;
}

/** Outcome of the solves since construction. */
export interface ConjugateGradientStats {
  solves: number;
  /** Conjugate-gradient steps in all (one 𝒯_G application each, plus one per warm start). */
  steps: number;
  /** The largest a-posteriori error bound ‖r‖/(K_c·a·λ_m) accepted. */
  worstBound: number;
  /** Solves that reached the step cap before the bound met the target. */
  unconverged: number;
}

/**
 * x = (K_c·𝒬_d)⁺b on ran Q by conjugate gradients, to ‖x − x*‖₂ ≤ `accuracy` (absolute, by the bound
 * ‖r‖/(K_c·a·λ_m)). Uses two arena work vectors; the right-hand side's vector is overwritten by the
 * residual.
 */
export class ConjugateGradientPseudoInverse {
  readonly stats: ConjugateGradientStats = { solves: 0, steps: 0, worstBound: 0, unconverged: 0 };
  private readonly maxSteps: number;
  constructor(
    private readonly T: EdgeSwapSum,
    /** K_c·a. */
    private readonly gain: number,
    /** λ_m(Q) of the unweighted Laplacian. */
    private readonly lambdaM: number,
    private readonly accuracy: number,
    private readonly work: readonly [number, number],
  ) {
    // Chebyshev's step count on [λ_m, 2|E|] for a 10⁻¹⁶ reduction, a cap that conjugate gradients
    // (never slower in exact arithmetic) reach only when rounding stalls them.
    const kappa = (2 * T.edges) / lambdaM;
    this.maxSteps = Math.ceil(0.5 * Math.sqrt(kappa) * Math.log(2e16)) + 10;
  }

  /**
   * v_out = (K_c·𝒬_d)⁺v_b (v_b ∈ ran Q, overwritten) to `accuracy` (default: the constructor's).
   * `warm`: v_out holds a starting guess (the previous iterate's column), else it starts from 0.
   * Returns the error bound reached.
   */
  applyInto(out: number, b: number, warm: boolean, accuracy = this.accuracy): number {
    const { T, gain, work } = this;
    const { arena, edges } = T;
    const [p, w] = work;
    const floor = gain * this.lambdaM;
    const r = b;
    // 𝒬_d x = a·(|E|·x − 𝒯_G x), so T.stepInto(w, x, |E|) = −K_c𝒬_d x/gain.
    if (warm) {
      T.stepInto(w, out, edges);
      arena.axpy1(r, w, gain);
      this.stats.steps++;
    } else arena.scaleInto(out, r, 0);
    let rr = arena.dot(r, r);
    // The search direction is held as p = γ·p̃, so that p ← r + βp is one pass (p̃ ← p̃ + r/(βγ), γ ← βγ).
    arena.scaleInto(p, r, 1);
    let gamma = 1;
    let steps = 0;
    while (Math.sqrt(rr) > floor * accuracy && steps < this.maxSteps) {
      T.stepInto(w, p, edges);
      const curvature = -gain * arena.dot(p, w);
      if (!(curvature > 0)) break;
      // α·γ with α = rr/(pᵀK_c𝒬_d p) = rr/(γ²·p̃ᵀK_c𝒬_d p̃).
      const step = rr / (gamma * curvature);
      arena.axpy1(out, p, step);
      const next = arena.axpyNorm2(r, w, -step * gain);
      gamma *= next / rr;
      arena.axpy1(p, r, 1 / gamma);
      rr = next;
      steps++;
    }
    const bound = Math.sqrt(rr) / floor;
    this.stats.solves++;
    this.stats.steps += steps;
    this.stats.worstBound = Math.max(this.stats.worstBound, bound);
    if (bound > accuracy) this.stats.unconverged++;
    return bound;
  }
}
