import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { completeGraph, explicitGraph, pathGraph, ringGraph, starGraph, type Graph } from '../../src/model/graph.ts';
import { lambdaMin } from '../../src/model/graph-spectrum.ts';
import { jacobiEigenvalues } from '../reduced/dense-reference.ts';

/** λ_m from the edge list, with a Jacobi eigensolver written in the test. */
function reference(g: Graph, w = 1): number {
  const n = g.qubits;
  const Q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const e of g.edges) {
    const a = e.weight.toComplex({ w })[0];
    Q[e.j - 1][e.k - 1] -= a;
    Q[e.k - 1][e.j - 1] -= a;
    Q[e.j - 1][e.j - 1] += a;
    Q[e.k - 1][e.k - 1] += a;
  }
  return jacobiEigenvalues(Q).find((x) => x > 1e-9)!;
}

const jacobi = (rows: number[][]) => jacobiEigenvalues(rows);

describe('λ_m(Q): closed forms for the named families', () => {
  it('complete K_n: n·w; star: w (2w for n = 2)', () => {
    for (let n = 2; n <= 9; n++) {
      const k = lambdaMin(completeGraph(n, Scalar.rational(3, 2)));
      expect(k.exact!.toString()).toBe(Scalar.rational(3 * n, 2).toString());
      expect(k.numeric!).toBeCloseTo(reference(completeGraph(n, Scalar.rational(3, 2))), 10);
      const s = lambdaMin(starGraph(n));
      expect(s.numeric!).toBeCloseTo(reference(starGraph(n)), 10);
    }
  });

  it('ring and path: exact where the cosine is a square-root expression, else labelled numeric', () => {
    for (let n = 3; n <= 13; n++) {
      const r = lambdaMin(ringGraph(n));
      expect(r.kind).toBe([3, 4, 5, 6, 8, 10, 12].includes(n) ? 'exact' : 'closed-form-numeric');
      expect(r.numeric!).toBeCloseTo(reference(ringGraph(n)), 10);
    }
    for (let n = 2; n <= 9; n++) {
      const p = lambdaMin(pathGraph(n));
      expect(p.kind).toBe([2, 3, 4, 5, 6].includes(n) ? 'exact' : 'closed-form-numeric');
      expect(p.numeric!).toBeCloseTo(reference(pathGraph(n)), 10);
    }
    expect(lambdaMin(ringGraph(5)).exactText).toBe('5/2 - 1/2*sqrt(5)');
    expect(lambdaMin(ringGraph(7)).latex).toBe('2\\left(1 - \\cos\\frac{2\\pi}{7}\\right)');
  });

  it('symbolic weights stay exact', () => {
    const k = lambdaMin(completeGraph(3, Scalar.param('w')), { params: { w: 2 } });
    expect(k.exact!.toString()).toBe('3*w');
    expect(k.numeric).toBe(6);
  });

  it('explicit graphs numerically (labelled); disconnected graphs: undefined with the reason', () => {
    const g = explicitGraph(4, [[1, 2, Scalar.ONE], [2, 3, Scalar.int(2)], [3, 4, Scalar.rational(1, 2)], [1, 4, Scalar.int(3)]]);
    const e = lambdaMin(g, { eigenvalues: jacobi });
    expect(e.kind).toBe('numeric');
    expect(e.numeric!).toBeCloseTo(reference(g), 10);
    const d = lambdaMin(explicitGraph(4, [[1, 2, Scalar.ONE], [3, 4, Scalar.ONE]]), { eigenvalues: jacobi });
    expect(d.defined).toBe(false);
    expect(d.note).toEqual({ kind: 'lambda-disconnected', components: [[1, 2], [3, 4]] });
  });
});
