import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { completeGraph, explicitGraph, pathGraph, ringGraph, starGraph } from '../../src/model/graph.ts';
import { inducedGapDirect, inducedSpectralGap } from '../../src/coherent/spectral-gap.ts';
import { rng } from './brute.ts';
import { symmetricEigenvalues as jacobiEigenvalues } from '../support/model-oracle.ts';


function laplacianRows(n: number, edges: { j: number; k: number; w: number }[]): number[][] {
  const Q = Array.from({ length: n }, () => Array(n).fill(0));
  for (const { j, k, w } of edges) {
    Q[j - 1][j - 1] += w; Q[k - 1][k - 1] += w; Q[j - 1][k - 1] -= w; Q[k - 1][j - 1] -= w;
  }
  return Q;
}

describe('λ_m(Q_d) = λ_m(Q) (Aldous / Caputo–Liggett–Richthammer)', () => {
  it('random weighted connected graphs, n = 2…5', () => {
    const r = rng(2024);
    for (let n = 2; n <= 5; n++) {
      for (let trial = 0; trial < (n <= 4 ? 4 : 2); trial++) {
        const es: { j: number; k: number; w: number; s: Scalar }[] = [];
        const seen = new Set<string>();
        const add = (j: number, k: number) => {
          const key = `${Math.min(j, k)},${Math.max(j, k)}`;
          if (seen.has(key)) return;
          seen.add(key);
          const num = 1 + Math.floor(r() * 20), den = 1 + Math.floor(r() * 7);
          es.push({ j: Math.min(j, k), k: Math.max(j, k), w: num / den, s: Scalar.rational(num, den) });
        };
        for (let v = 2; v <= n; v++) add(1 + Math.floor(r() * (v - 1)), v);
        for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) if (r() < 0.3) add(j, k);
        const g = explicitGraph(n, es.map((e) => [e.j, e.k, e.s] as const));
        const lamQ = jacobiEigenvalues(laplacianRows(n, es))[1];
        const direct = inducedGapDirect(n, g.edges);
        expect(Math.abs(direct - lamQ)).toBeLessThan(1e-10 * Math.max(1, lamQ));
        const gap = inducedSpectralGap(g);
        expect(Math.abs((gap.value ?? NaN) - lamQ)).toBeLessThan(1e-10 * Math.max(1, lamQ));
        expect(gap.verification!.difference).toBeLessThan(1e-10 * Math.max(1, lamQ));
      }
    }
  });

  it('disconnected graphs: both sides are the minimum over components', () => {
    const es = [{ j: 1, k: 2, w: 3 }, { j: 3, k: 4, w: 0.5 }];
    const g = explicitGraph(4, [[1, 2, Scalar.int(3)], [3, 4, Scalar.rational(1, 2)]]);
    const eig = jacobiEigenvalues(laplacianRows(4, es)).filter((v) => v > 1e-9);
    expect(Math.abs(inducedGapDirect(4, g.edges) - eig[0])).toBeLessThan(1e-12);
  });

  it('families: exact closed forms agree with Q_d', () => {
    expect(inducedSpectralGap(completeGraph(3)).value).toBe(3);
    expect(inducedSpectralGap(completeGraph(3)).exact).toBe(true);
    for (const g of [ringGraph(5), pathGraph(4), starGraph(4), completeGraph(5)]) {
      const s = inducedSpectralGap(g);
      expect(s.verification!.difference).toBeLessThan(1e-10);
    }
    expect(inducedSpectralGap(completeGraph(3)).citations[0]).toContain('Caputo');
  });
});
