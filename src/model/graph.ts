import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { UserError } from '../core/errors.ts';

/**
 * Weighted undirected graphs on qubits 1..n (paper §2.2, CONVENTIONS.md "Graphs"): the diffusive
 * SWAP coupling K_c Σ_{{j,k}∈E} a_jk D(U_jk) of eq. (4) runs over these edges, each counted once.
 * Spectra (λ_m(Q)) belong to the spectral layer; here are the edges, degrees, Laplacian, components.
 */
export type GraphFamily = 'complete' | 'ring' | 'path' | 'star' | 'explicit';

/** An undirected edge {j, k} with j < k and weight a_jk. */
export interface Edge {
  readonly j: number;
  readonly k: number;
  readonly weight: Scalar;
}

export interface Graph {
  readonly qubits: number;
  readonly family: GraphFamily;
  /** Edges sorted by (j, k), j < k. */
  readonly edges: readonly Edge[];
  /** The hub of a star graph. */
  readonly center?: number;
  /** The common weight of a family graph. */
  readonly weight?: Scalar;
}

function checkWeight(w: Scalar, what: string): void {
  if (!w.isReal()) throw new UserError(`${what} ${w.toString()} is not real`, {}, 'graph weights a_jk must be positive real numbers');
  if (w.isConstant() && w.sign() <= 0) throw new UserError(`${what} ${w.toString()} is not positive`, {}, 'graph weights a_jk must be positive; leave out an edge instead of giving it weight 0');
}

function sortEdges(edges: Edge[]): Edge[] {
  return edges.sort((a, b) => a.j - b.j || a.k - b.k);
}

/**
 * K_n: every pair {j, k}.
 * @example completeGraph(4).edges.length // => 6
 */
export function completeGraph(qubits: number, weight: Scalar = Scalar.ONE): Graph {
  checkWeight(weight, 'the weight');
  const edges: Edge[] = [];
  for (let j = 1; j <= qubits; j++) for (let k = j + 1; k <= qubits; k++) edges.push({ j, k, weight });
  return { qubits, family: 'complete', edges, weight };
}

/**
 * C_n: {j, j+1} and {n, 1}; needs n ≥ 3 (for n = 2 the two ring edges would be the same edge).
 * @example ringGraph(5).edges.length // => 5
 */
export function ringGraph(qubits: number, weight: Scalar = Scalar.ONE): Graph {
  checkWeight(weight, 'the weight');
  if (qubits < 3) throw new UserError(`a ring needs at least 3 qubits (got ${qubits})`, {}, 'use graph: path for 2 qubits');
  const edges: Edge[] = [];
  for (let j = 1; j < qubits; j++) edges.push({ j, k: j + 1, weight });
  edges.push({ j: 1, k: qubits, weight });
  return { qubits, family: 'ring', edges: sortEdges(edges), weight };
}

/**
 * P_n: {j, j+1}.
 * @example pathGraph(4).edges.map((e) => [e.j, e.k]) // => [[1, 2], [2, 3], [3, 4]]
 */
export function pathGraph(qubits: number, weight: Scalar = Scalar.ONE): Graph {
  checkWeight(weight, 'the weight');
  const edges: Edge[] = [];
  for (let j = 1; j < qubits; j++) edges.push({ j, k: j + 1, weight });
  return { qubits, family: 'path', edges, weight };
}

/**
 * S_n: the center joined to every other qubit.
 * @example starGraph(4, 2).edges.map((e) => [e.j, e.k]) // => [[1, 2], [2, 3], [2, 4]]
 */
export function starGraph(qubits: number, center = 1, weight: Scalar = Scalar.ONE): Graph {
  checkWeight(weight, 'the weight');
  if (!Number.isInteger(center) || center < 1 || center > qubits) {
    throw new UserError(`the star's center ${center} is out of range 1..${qubits}`, {}, 'name a qubit of the model');
  }
  const edges: Edge[] = [];
  for (let k = 1; k <= qubits; k++) if (k !== center) edges.push({ j: Math.min(center, k), k: Math.max(center, k), weight });
  return { qubits, family: 'star', edges: sortEdges(edges), center, weight };
}

/**
 * A graph from an explicit weighted edge list. Self-loops, indices out of range, non-positive weights
 * and duplicate edges ({j,k} given twice, in either order) are errors: the coupling of eq. (4)
 * counts each undirected edge once with one weight.
 * @example explicitGraph(3, [[2, 1, Scalar.rational(1, 2)]]).edges[0].weight.toString() // => '1/2'
 */
export function explicitGraph(qubits: number, edges: readonly (readonly [number, number, Scalar])[]): Graph {
  const seen = new Map<string, number>();
  const out: Edge[] = [];
  edges.forEach(([a, b, w], idx) => {
    for (const q of [a, b]) {
      if (!Number.isInteger(q) || q < 1 || q > qubits) {
        throw new UserError(`edge ${idx + 1} names qubit ${q}, out of range 1..${qubits}`, {}, 'qubits are numbered from 1');
      }
    }
    if (a === b) throw new UserError(`edge ${idx + 1} is a self-loop {${a}, ${a}}`, {}, 'a SWAP of a qubit with itself does nothing; remove the edge');
    checkWeight(w, `edge {${a}, ${b}} has weight`);
    const j = Math.min(a, b);
    const k = Math.max(a, b);
    const key = `${j},${k}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new UserError(`edge {${j}, ${k}} is listed twice (edges ${first + 1} and ${idx + 1})`, {}, 'list each undirected edge once, with its total weight');
    }
    seen.set(key, idx);
    out.push({ j, k, weight: w });
  });
  return { qubits, family: 'explicit', edges: sortEdges(out) };
}

/**
 * Weighted degree d_j = Σ_k a_jk.
 * @example degrees(starGraph(4)).map((d) => d.toString()) // => ['3', '1', '1', '1']
 */
export function degrees(g: Graph): Scalar[] {
  const d = Array<Scalar>(g.qubits).fill(Scalar.ZERO);
  for (const e of g.edges) {
    d[e.j - 1] = d[e.j - 1].add(e.weight);
    d[e.k - 1] = d[e.k - 1].add(e.weight);
  }
  return d;
}

/**
 * Nonzero entries of the Laplacian Q (paper §2.2): Q_jj = Σ_k a_jk, Q_jk = −a_jk; row-major order.
 * @example laplacianEntries(pathGraph(2)).map((e) => e.value.toString()) // => ['1', '-1', '-1', '1']
 */
export function laplacianEntries(g: Graph): { row: number; col: number; value: Scalar }[] {
  const d = degrees(g);
  const out: { row: number; col: number; value: Scalar }[] = [];
  for (let j = 1; j <= g.qubits; j++) if (!d[j - 1].isZero()) out.push({ row: j, col: j, value: d[j - 1] });
  for (const e of g.edges) {
    out.push({ row: e.j, col: e.k, value: e.weight.neg() });
    out.push({ row: e.k, col: e.j, value: e.weight.neg() });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * The exact Laplacian Q = D − A as a dense n×n matrix: symmetric, zero row sums, positive
 * semidefinite with one zero eigenvalue per connected component.
 * @example laplacian(pathGraph(2)).toString() // => "[[1, -1], [-1, 1]]"
 */
export function laplacian(g: Graph): ExactMatrix {
  const data = Array<Scalar>(g.qubits * g.qubits).fill(Scalar.ZERO);
  for (const { row, col, value } of laplacianEntries(g)) data[(row - 1) * g.qubits + (col - 1)] = value;
  return new ExactMatrix(g.qubits, g.qubits, data);
}

/**
 * Connected components as sorted lists of qubits, ordered by their smallest qubit.
 * @example components(explicitGraph(4, [[1, 3, Scalar.ONE]])) // => [[1, 3], [2], [4]]
 */
export function components(g: Graph): number[][] {
  const parent = Array.from({ length: g.qubits + 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const e of g.edges) {
    const a = find(e.j);
    const b = find(e.k);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let q = 1; q <= g.qubits; q++) {
    const r = find(q);
    const list = groups.get(r);
    if (list) list.push(q);
    else groups.set(r, [q]);
  }
  return [...groups.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * Whether every pair of qubits is joined by a path (a single qubit is connected).
 * @example isConnected(explicitGraph(3, [[1, 2, Scalar.ONE]])) // => false
 */
export function isConnected(g: Graph): boolean {
  return components(g).length === 1;
}
