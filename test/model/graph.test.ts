import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import {
  completeGraph, components, degrees, explicitGraph, isConnected, laplacian, laplacianEntries, pathGraph, ringGraph, starGraph,
  type Graph,
} from '../../src/model/graph.ts';
import { rng, symmetricEigenvalues } from '../support/model-oracle.ts';

/** Eigenvalues of small Laplacians are compared with 0 at this tolerance. */
const TOL = 1e-9;

function numeric(g: Graph): number[][] {
  return laplacian(g).toComplexRows().map((row) => row.map(([re, im]) => {
    expect(im).toBe(0);
    return re;
  }));
}

/** Q symmetric, zero row sums, PSD, with one zero eigenvalue per component (paper §2.2). */
function checkLaplacian(g: Graph): void {
  const q = numeric(g);
  const n = g.qubits;
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) expect(q[j][k]).toBe(q[k][j]);
    expect(Math.abs(q[j].reduce((a, b) => a + b, 0))).toBeLessThan(TOL);
  }
  // Independent of laplacian(): Q_jk = −a_jk from the edge list.
  for (const e of g.edges) expect(q[e.j - 1][e.k - 1]).toBeCloseTo(-e.weight.toComplex()[0], 12);
  const ev = symmetricEigenvalues(q);
  expect(ev[0]).toBeGreaterThan(-TOL);
  expect(ev.filter((x) => Math.abs(x) < TOL).length).toBe(components(g).length);
}

describe('graph families', () => {
  it('complete, ring, path and star have the textbook edge sets', () => {
    expect(completeGraph(4).edges.map((e) => [e.j, e.k])).toEqual([[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    expect(ringGraph(4).edges.map((e) => [e.j, e.k])).toEqual([[1, 2], [1, 4], [2, 3], [3, 4]]);
    expect(pathGraph(4).edges.map((e) => [e.j, e.k])).toEqual([[1, 2], [2, 3], [3, 4]]);
    expect(starGraph(4, 3).edges.map((e) => [e.j, e.k])).toEqual([[1, 3], [2, 3], [3, 4]]);
    expect(completeGraph(1).edges).toEqual([]);
    expect(isConnected(completeGraph(1))).toBe(true);
  });

  it('Laplacian properties for every family, weighted and unweighted', () => {
    for (const n of [2, 3, 5, 8]) {
      for (const w of [Scalar.ONE, Scalar.rational(3, 2), Scalar.sqrt(Scalar.int(2))]) {
        checkLaplacian(completeGraph(n, w));
        checkLaplacian(pathGraph(n, w));
        checkLaplacian(starGraph(n, n, w));
        if (n >= 3) checkLaplacian(ringGraph(n, w));
      }
    }
  });

  it('closed forms: the complete graph K_n has Q = nI − J, degrees n − 1', () => {
    const q = numeric(completeGraph(5));
    for (let j = 0; j < 5; j++) for (let k = 0; k < 5; k++) expect(q[j][k]).toBe(j === k ? 4 : -1);
    expect(degrees(starGraph(5, 1)).map((d) => d.toString())).toEqual(['4', '1', '1', '1', '1']);
  });

  it('Laplacian properties for random explicit weighted graphs, connected or not', () => {
    const rand = rng(20261125);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + Math.floor(rand() * 7);
      const edges: [number, number, Scalar][] = [];
      for (let j = 1; j <= n; j++) {
        for (let k = j + 1; k <= n; k++) {
          if (rand() >= 0.4) continue;
          const w = Scalar.rational(1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 4));
          // Orientation does not matter: (k, j) is the same undirected edge as (j, k).
          edges.push(rand() < 0.5 ? [j, k, w] : [k, j, w]);
        }
      }
      const g = explicitGraph(n, edges);
      checkLaplacian(g);
      expect(laplacianEntries(g).filter((e) => e.row !== e.col).length).toBe(2 * g.edges.length);
    }
  });

  it('components of a disconnected graph', () => {
    const g = explicitGraph(5, [[1, 2, Scalar.ONE], [4, 5, Scalar.ONE]]);
    expect(components(g)).toEqual([[1, 2], [3], [4, 5]]);
    expect(isConnected(g)).toBe(false);
  });

  it('rejects self-loops, duplicates, non-positive weights and small rings', () => {
    expect(() => explicitGraph(3, [[1, 1, Scalar.ONE]])).toThrow(/self-loop/);
    expect(() => explicitGraph(3, [[1, 2, Scalar.ONE], [2, 1, Scalar.ONE]])).toThrow(/twice/);
    expect(() => explicitGraph(3, [[1, 2, Scalar.ZERO]])).toThrow(/not positive/);
    expect(() => explicitGraph(3, [[1, 4, Scalar.ONE]])).toThrow(/out of range/);
    expect(() => ringGraph(2)).toThrow(/at least 3/);
  });
});
