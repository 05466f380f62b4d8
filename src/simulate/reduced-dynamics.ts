/**
 * The reduced-state network (paper eq. 5) and the blended reduced-state dynamics (eq. 6).
 *
 * Eq. 5, for a separable model (Assumption 1):
 *   dρ_j/dt = 𝓛_j ρ_j + K_c Σ_k a_jk (ρ_k − ρ_j),   j = 1…n,
 * exact for any ρ(0): Tr_{¬j}(U_jk ρ U_jk) = ρ_k, Tr_{¬j}(U_kl ρ U_kl − ρ) = 0 for j ∉ {k, l}, and
 * local terms on other qubits trace out. As one linear system on y = [vec ρ₁; …; vec ρₙ] (4n complex
 * entries, each vec column-stacked: ρ₀₀, ρ₁₀, ρ₀₁, ρ₁₁) its generator is
 *   G = diag(𝓛₁, …, 𝓛ₙ) − K_c (Q ⊗ I₄),
 * with Q the graph Laplacian: a `reduced-network` problem of numeric/propagator.ts
 * (`reducedNetworkProblem`), with the dense G below and the sparse-graph G of
 * numeric/reduced-network.ts. Its policy exponentiates G densely for 4n ≤ 256 (one exponential per
 * distinct grid step; K_c-insensitive as for eq. 4); beyond, when every qubit has the same local
 * generator, it factorises e^{ΔG} = e^{−K_cΔQ} ⊗ e^{Δ𝓛} exactly (`chebyshev-factorized`, cost ∝ √K_c),
 * and otherwise applies G matrix-free under the Krylov exponential, whose cost then grows with
 * λ_max(Q)/λ_m(Q).
 *
 * Eq. 6: ρ_b(t) = e^{𝓛̄t} ρ_b(0) with the exact 4×4 𝓛̄ = (1/n)Σ_j 𝓛_j lowered once: a dense-only
 * problem, which the policy exponentiates densely.
 */
import { type CMatrix, zeros, vec } from '../numeric/cmatrix.ts';
import { propagate, DENSE_MAX_DIM, type LtiProblem } from '../numeric/propagator.ts';
import { csrGraphFromEdges, reducedNetworkOperator, type ReducedNetwork } from '../numeric/reduced-network.ts';

/** Largest 4n for which eq. 5 is exponentiated densely (propagator.ts's policy). */
export const DENSE_REDUCED_MAX_DIM = DENSE_MAX_DIM['reduced-network'];

/**
 * The dense generator G of eq. 5 (4n×4n) from the local generators (4×4, column-stacked) and the
 * weighted edges [j, k, a_jk].
 */
export function reducedNetworkGenerator(locals: readonly CMatrix[], edges: readonly (readonly [number, number, number])[], Kc: number): CMatrix {
  const n = locals.length;
  const N = 4 * n;
  const G = zeros(N, N);
  const d = G.data;
  locals.forEach((L, j) => {
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
      d[2 * ((4 * j + r) * N + 4 * j + c)] = L.data[2 * (4 * r + c)];
      d[2 * ((4 * j + r) * N + 4 * j + c) + 1] = L.data[2 * (4 * r + c) + 1];
    }
  });
  for (const [j, k, a] of edges) {
    for (let r = 0; r < 4; r++) {
      const rj = 4 * (j - 1) + r;
      const rk = 4 * (k - 1) + r;
      d[2 * (rj * N + rj)] -= Kc * a;
      d[2 * (rk * N + rk)] -= Kc * a;
      d[2 * (rj * N + rk)] += Kc * a;
      d[2 * (rk * N + rj)] += Kc * a;
    }
  }
  return G;
}

export interface ReducedNetworkTrajectory {
  method: 'dense-expm' | 'krylov';
  /** y(t_k) = [vec ρ₁; …; vec ρₙ](t_k), 8n doubles each (column-stacked 2×2 blocks). */
  states: Float64Array[];
}

/** y(0) from the reduced initial states. */
export function stackReducedStates(rhos: readonly CMatrix[]): Float64Array {
  const y = new Float64Array(8 * rhos.length);
  rhos.forEach((r, j) => y.set(vec(r), 8 * j));
  return y;
}

/** Eq. 5 as a linear time-invariant problem on y = [vec ρ₁; …; vec ρₙ] (numeric/propagator.ts). */
export function reducedNetworkProblem(
  locals: readonly CMatrix[],
  edges: readonly (readonly [number, number, number])[],
  Kc: number,
  y0: Float64Array,
  times: readonly number[],
): LtiProblem {
  const n = locals.length;
  // One node class when every local generator is the same matrix (the factorised method applies).
  const shared = locals.every((L) => L.data.every((v, i) => v === locals[0].data[i]));
  const network: ReducedNetwork = {
    graph: csrGraphFromEdges(n, edges),
    Kc,
    classes: shared ? [locals[0]] : locals,
    classOf: shared ? null : Uint32Array.from({ length: n }, (_, j) => j),
  };
  return {
    dim: 4 * n,
    y0,
    times,
    dense: () => reducedNetworkGenerator(locals, edges, Kc),
    operator: () => reducedNetworkOperator(network),
    structure: { kind: 'reduced-network', network },
  };
}

/**
 * ρ_j(t) of eq. 5 on the grid for all j.
 * @example propagateReducedNetwork([zeros(4, 4), zeros(4, 4)], [[1, 2, 1]], 1, [qubitState([[[1, 0], [0, 0]], [[0, 0], [0, 0]]]), qubitState([[[0, 0], [0, 0]], [[0, 0], [1, 0]]])], [0, 50]).states[1][0].toFixed(6) // => '0.500000'
 */
export function propagateReducedNetwork(
  locals: readonly CMatrix[],
  edges: readonly (readonly [number, number, number])[],
  Kc: number,
  initial: readonly CMatrix[],
  times: readonly number[],
  options: { tolerance?: number } = {},
): ReducedNetworkTrajectory {
  const run = propagate(reducedNetworkProblem(locals, edges, Kc, stackReducedStates(initial), times), { tolerance: options.tolerance ?? 1e-11 });
  return { method: run.method as ReducedNetworkTrajectory['method'], states: run.states };
}

/** ρ_j (0-based j) out of a stacked state, as a 2×2 `CMatrix` written into `out`. */
export function reducedStateInto(out: CMatrix, y: Float64Array, j: number): CMatrix {
  const o = 8 * j;
  const d = out.data;
  // vec order ρ₀₀, ρ₁₀, ρ₀₁, ρ₁₁ → row-major ρ₀₀, ρ₀₁, ρ₁₀, ρ₁₁
  d[0] = y[o]; d[1] = y[o + 1];
  d[4] = y[o + 2]; d[5] = y[o + 3];
  d[2] = y[o + 4]; d[3] = y[o + 5];
  d[6] = y[o + 6]; d[7] = y[o + 7];
  return out;
}

/**
 * ρ_b(t_k) = e^{(t_k − t₀)𝓛̄} ρ_b(0) (eq. 6) as 2×2 row-major `CMatrix`es, from the lowered 𝓛̄
 * (4×4, column-stacked) by dense exponentials.
 */
export function propagateBlended(generator: CMatrix, rhoB0: CMatrix, times: readonly number[]): CMatrix[] {
  const ys = propagate({ dim: 4, y0: vec(rhoB0), times, dense: generator }).states;
  return ys.map((y) => reducedStateInto(zeros(2, 2), y, 0));
}
