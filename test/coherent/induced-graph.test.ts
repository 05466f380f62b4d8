import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scalar } from '../../src/algebra/scalar.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { couplingSuperop } from '../../src/algebra/superop.ts';
import { vec } from '../../src/algebra/vec.ts';
import { completeGraph, explicitGraph, pathGraph, ringGraph, starGraph, type Edge } from '../../src/model/graph.ts';
import {
  inducedGraph, inducedComponentCount, inducedLaplacianExact, orbitProjectorExact, paperOrbitProjectorExact,
  permutationInvariantProjection, permutationInvariantProjectionExact, permutationIndexMap, inducedGraphFigure,
} from '../../src/coherent/induced-graph.ts';
import { orbitCount, orbitSizeBig, orbitIndex } from '../../src/coherent/orbits.ts';
import { rng } from './brute.ts';

const TOL = 1e-12;

function randomConnectedEdges(n: number, r: () => number): Edge[] {
  // a random spanning tree plus random extra edges, random rational weights
  const edges = new Map<string, Edge>();
  const w = (): Scalar => Scalar.rational(1 + Math.floor(r() * 9), 1 + Math.floor(r() * 4));
  for (let v = 2; v <= n; v++) {
    const u = 1 + Math.floor(r() * (v - 1));
    edges.set(`${u},${v}`, { j: u, k: v, weight: w() });
  }
  for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) if (r() < 0.3 && !edges.has(`${j},${k}`)) edges.set(`${j},${k}`, { j, k, weight: w() });
  return [...edges.values()].sort((a, b) => a.j - b.j || a.k - b.k);
}

function randomRho(n: number, r: () => number): ExactMatrix {
  const d = 2 ** n;
  return ExactMatrix.fromFunction(d, d, () => Scalar.rational(Math.floor(r() * 7) - 3, 1 + Math.floor(r() * 3)).add(Scalar.I.mul(Scalar.rational(Math.floor(r() * 5) - 2, 2))));
}

describe('induced graph G_d', () => {
  it('p = C(n+3, 3) for connected graphs (node-by-node union-find vs closed form)', () => {
    const r = rng(7);
    for (let n = 1; n <= 5; n++) {
      for (const edges of [completeGraph(n).edges, pathGraph(n).edges, randomConnectedEdges(n, r)]) {
        const g = inducedGraph(n, edges);
        expect(g.p).toBe(orbitCount(n));
        expect(g.p).toBe(inducedComponentCount(n, edges));
        // component sizes are the multinomials n!/(n00! n01! n10! n11!) in canonical orbit order
        expect(g.sizes).toEqual(orbitIndex(n).counts.map((c) => Number(orbitSizeBig(c))));
      }
    }
    expect(inducedGraph(3, completeGraph(3).edges).p).toBe(20);
  });

  it('p = Π C(s_i+3, 3) for disconnected graphs', () => {
    const cases: [number, [number, number][], number[]][] = [
      [4, [[1, 2]], [2, 1, 1]],
      [4, [[1, 2], [3, 4]], [2, 2]],
      [5, [[1, 2], [2, 3]], [3, 1, 1]],
      [5, [[1, 3], [2, 4]], [2, 2, 1]],
      [3, [], [1, 1, 1]],
    ];
    for (const [n, es, sizes] of cases) {
      const edges = es.map(([j, k]) => ({ j, k, weight: Scalar.ONE }));
      const expected = sizes.reduce((a, s) => a * orbitCount(s), 1);
      expect(inducedGraph(n, edges).p).toBe(expected);
      expect(inducedComponentCount(n, edges)).toBe(expected);
    }
  });

  it('Q_d = −Σ a_jk (U_jk ⊗ U_jk − I) exactly (against superop.ts built from SWAP matrices)', () => {
    const r = rng(11);
    for (let n = 2; n <= 3; n++) {
      for (const edges of [completeGraph(n).edges, randomConnectedEdges(n, r)]) {
        const Qd = inducedLaplacianExact(n, edges);
        const coupling = couplingSuperop(n, edges.map((e) => [e.j, e.k, e.weight] as const));
        expect(Qd.equals(coupling.neg())).toBe(true);
        // sparse numeric Laplacian agrees
        const g = inducedGraph(n, edges);
        const rows = Qd.toComplexRows();
        for (let x = 0; x < g.nodes; x++) {
          const dense = new Float64Array(g.nodes);
          for (let e = g.laplacian.rowPtr[x]; e < g.laplacian.rowPtr[x + 1]; e++) dense[g.laplacian.colIdx[e]] = g.laplacian.values[2 * e];
          for (let y = 0; y < g.nodes; y++) expect(Math.abs(dense[y] - rows[x][y][0])).toBeLessThan(TOL);
        }
      }
    }
  });

  it('Q_d is symmetric with zero row sums and Q_d P_d = 0', () => {
    const edges = randomConnectedEdges(3, rng(3));
    const Qd = inducedLaplacianExact(3, edges);
    expect(Qd.equals(Qd.transpose())).toBe(true);
    const ones = ExactMatrix.fromFunction(64, 1, () => Scalar.ONE);
    expect(Qd.mul(ones).isZero()).toBe(true);
    const P = orbitProjectorExact(inducedGraph(3, edges));
    expect(Qd.mul(P).isZero()).toBe(true);
  });

  it('P_d has orthonormal columns; the paper normalisation 1/|V_m| does not (erratum)', () => {
    for (let n = 1; n <= 3; n++) {
      const g = inducedGraph(n, completeGraph(n).edges);
      const P = orbitProjectorExact(g);
      expect(P.transpose().mul(P).equals(ExactMatrix.identity(g.p))).toBe(true);
      if (n >= 2) {
        const Pp = paperOrbitProjectorExact(g);
        const G = Pp.transpose().mul(Pp);
        expect(G.equals(ExactMatrix.identity(g.p))).toBe(false);
        // P_paperᵀP_paper = diag(1/|V_m|)
        g.sizes.forEach((s, m) => expect(G.get(m, m).equals(Scalar.rational(1, s))).toBe(true));
      }
    }
  });

  it('eq. 13: P_d P_dᵀ vec ρ = vec 𝒫_*(ρ) exactly (connected graphs); fails with the paper P_d', () => {
    const r = rng(5);
    for (let n = 2; n <= 3; n++) {
      const g = inducedGraph(n, randomConnectedEdges(n, r));
      const P = orbitProjectorExact(g);
      const Pp = paperOrbitProjectorExact(g);
      for (let t = 0; t < 2; t++) {
        const rho = randomRho(n, r);
        const lhs = P.mul(P.transpose()).mul(vec(rho));
        const rhs = vec(permutationInvariantProjectionExact(rho, n));
        expect(lhs.equals(rhs)).toBe(true);
        expect(Pp.mul(Pp.transpose()).mul(vec(rho)).equals(rhs)).toBe(false);
      }
    }
  });

  it('𝒫_* is an orthogonal projector commuting with every SWAP (property test)', () => {
    const n = 3;
    const d = 8;
    fc.assert(fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2 * d * d, maxLength: 2 * d * d }),
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2 * d * d, maxLength: 2 * d * d }), (a, b) => {
        const X = { rows: d, cols: d, data: Float64Array.from(a) };
        const Y = { rows: d, cols: d, data: Float64Array.from(b) };
        const PX = permutationInvariantProjection(X, n);
        const PPX = permutationInvariantProjection(PX, n);
        for (let i = 0; i < PX.data.length; i++) expect(Math.abs(PPX.data[i] - PX.data[i])).toBeLessThan(TOL);
        // self-adjoint for ⟨X, Y⟩ = tr(X†Y): ⟨𝒫X, Y⟩ = ⟨X, 𝒫Y⟩
        const PY = permutationInvariantProjection(Y, n);
        const ip = (u: Float64Array, v: Float64Array): [number, number] => {
          let re = 0, im = 0;
          for (let i = 0; i < u.length; i += 2) { re += u[i] * v[i] + u[i + 1] * v[i + 1]; im += u[i] * v[i + 1] - u[i + 1] * v[i]; }
          return [re, im];
        };
        const l = ip(PX.data, Y.data);
        const rr = ip(X.data, PY.data);
        expect(Math.abs(l[0] - rr[0]) + Math.abs(l[1] - rr[1])).toBeLessThan(1e-10);
        // commutes with conjugation by each SWAP U_jk
        for (const [j, k] of [[0, 1], [0, 2], [1, 2]]) {
          const pi = [0, 1, 2];
          [pi[j], pi[k]] = [pi[k], pi[j]];
          const u = permutationIndexMap(pi, n);
          const conj = (M: { rows: number; cols: number; data: Float64Array }) => {
            const out = new Float64Array(M.data.length);
            for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) { out[2 * (u[p] * d + u[q])] = M.data[2 * (p * d + q)]; out[2 * (u[p] * d + u[q]) + 1] = M.data[2 * (p * d + q) + 1]; }
            return { rows: d, cols: d, data: out };
          };
          const A = conj(PX);
          const B = permutationInvariantProjection(conj(X), n);
          for (let i = 0; i < A.data.length; i++) expect(Math.abs(A.data[i] - B.data[i])).toBeLessThan(TOL);
          for (let i = 0; i < A.data.length; i++) expect(Math.abs(A.data[i] - PX.data[i])).toBeLessThan(TOL);
        }
      }), { numRuns: 15, seed: 42 });
  });

  it('Fig. 4 data: 64 nodes, 20 components for the 3-qubit complete graph', () => {
    const f = inducedGraphFigure(3, completeGraph(3).edges);
    expect(f.nodes).toHaveLength(64);
    expect(f.components).toBe(20);
    expect(f.componentSizes.reduce((a, b) => a + b, 0)).toBe(64);
    expect(new Set(f.nodes.map((x) => x.component)).size).toBe(20);
    // every edge joins nodes of the same component
    for (const e of f.edges) expect(f.nodes[e.source].component).toBe(f.nodes[e.target].component);
    expect(inducedGraph(4, ringGraph(4).edges).p).toBe(35);
    expect(inducedGraph(4, starGraph(4).edges).p).toBe(35);
    expect(inducedGraph(3, explicitGraph(3, [[1, 2, Scalar.ONE]]).edges).p).toBe(40);
  });
});
