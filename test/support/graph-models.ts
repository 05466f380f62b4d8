/**
 * The Example-3-like eq. 4 model on a given coupling graph (path, ring, star, random 3-regular), shared
 * by the strong-coupling tests (test/simulate/slow-manifold-graphs.test.ts) and the benchmark
 * (bench/strong-coupling.ts), so both integrate the same problem.
 *
 * On the graph G: a field and a weak drive on every qubit (H_j = σ_z + 0.05(σ₊ + σ₋)), the two-body
 * term σ_x^(j)σ_y^(k) on the edges of G only (on K_n this is example3Model's Hamiltonian), local
 * decay √0.05·σ₋ and dephasing √0.02·σ_z in one collective-rate channel as in example3Model, and
 * the SWAP coupling of gain K_c with weight 1 on every edge of G.
 */
import type { LoweredModel, NumericTerm } from '../../src/core/lowered-model.ts';
import { CsrGraph, randomRegularGraph } from '../../src/numeric/reduced-network.ts';

export type GraphFamily = 'complete' | 'path' | 'ring' | 'star' | 'random-3-regular';

export const GRAPH_FAMILIES: readonly GraphFamily[] = ['path', 'ring', 'star', 'random-3-regular'];

/** Edges (1-based j < k) of the family's graph on n nodes; the random 3-regular graph is seeded (n even). */
export function graphEdges(family: GraphFamily, n: number, seed = 1): [number, number][] {
  const edges: [number, number][] = [];
  switch (family) {
    case 'complete':
      for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) edges.push([j, k]);
      return edges;
    case 'path':
      for (let j = 1; j < n; j++) edges.push([j, j + 1]);
      return edges;
    case 'ring':
      for (let j = 1; j < n; j++) edges.push([j, j + 1]);
      edges.push([1, n]);
      return edges;
    case 'star':
      for (let k = 2; k <= n; k++) edges.push([1, k]);
      return edges;
    case 'random-3-regular':
      return csrEdges(randomRegularGraph(n, 3, seed));
  }
}

function csrEdges(g: CsrGraph): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < g.n; i++) for (let e = g.rowPtr[i]; e < g.rowPtr[i + 1]; e++) if (g.colIdx[e] > i) edges.push([i + 1, g.colIdx[e] + 1]);
  return edges;
}

/** The Example-3-like model on the graph with these edges (see the module comment). */
export function graphModel(n: number, edges: readonly [number, number][], Kc: number): LoweredModel {
  const hamiltonian: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) {
    hamiltonian.push({ coef: [1, 0], ops: { [j]: 'z' } }, { coef: [0.05, 0], ops: { [j]: '+' } }, { coef: [0.05, 0], ops: { [j]: '-' } });
  }
  for (const [j, k] of edges) hamiltonian.push({ coef: [1, 0], ops: { [Math.max(j, k)]: 'x', [Math.min(j, k)]: 'y' } });
  const terms: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) terms.push({ coef: [Math.sqrt(0.05), 0], ops: { [j]: '-' } }, { coef: [Math.sqrt(0.02), 0], ops: { [j]: 'z' } });
  return { n, hamiltonian, lindblad: [{ rate: 1, terms }], edges: edges.map(([j, k]) => [j, k, 1] as [number, number, number]), Kc };
}
