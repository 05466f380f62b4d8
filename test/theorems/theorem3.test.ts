import { beforeAll, describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { explicitGraph } from '../../src/model/graph.ts';
import type { NetworkModel } from '../../src/model/network.ts';
import { deriveCoherent, type CoherentDerivation } from '../../src/coherent/derive.ts';
import { theoremReason } from '../../src/report/sections/theorem-text.ts';
import { theorem3, type Theorem3Result } from '../../src/theorems/theorem3.ts';
import { expm } from '../../src/numeric/expm.ts';
import { spectralNorm } from '../../src/numeric/eig.ts';

let model: NetworkModel;
let d: CoherentDerivation;
let t3: Theorem3Result;

beforeAll(() => {
  model = loadModel(new URL('../../derivations/example-3.yaml', import.meta.url).pathname);
  d = deriveCoherent(model, { exactSpectrum: false });
  t3 = theorem3(d, model.study);
}, 120_000);

const value = (key: keyof Theorem3Result['constants']['values']): number => t3.constants.values[key]!.value!;

describe('Theorem 3 on paper Example 3', () => {
  it('applies (connected complete graph, η = 0.01, T₁ = 1, T₂ = 10)', () => {
    expect(t3.applies).toBe(true);
    expect(t3.checks.every((c) => c.holds === true)).toBe(true);
  });

  it('K_c* recomputed from the named constants', () => {
    const C = Math.sqrt(2) / 6;
    const A = value('normA');
    const lm = 3;
    expect(value('C')).toBeCloseTo(C, 14);
    expect(value('lambdaMin')).toBe(lm);
    const f = value('fdT2');
    const D = A / lm + (f * A * (C + 10 * A)) / lm;
    expect(value('D')).toBeCloseTo(D, 9);
    const k1 = Math.log((2 * C) / 0.01) / (1 * lm);
    expect(value('KcStar')).toBeCloseTo(Math.max(k1, (2 * D) / 0.01), 6);
  });

  it('f_d is derived: m_d = 0 and M_d bounds ‖e^{Proj(A_d)t}‖ on [0, T₂] (independent expm)', () => {
    expect(t3.fd!.m).toBe(0);
    expect(t3.fd!.M).toBeLessThanOrEqual(2 ** 1.5 + 1e-12);
    const B = d.projectedDense!;
    for (let t = 0; t <= 10; t += 0.5) {
      const E = expm({ rows: 20, cols: 20, data: B.data.map((x) => x * t) });
      expect(spectralNorm(E)).toBeLessThanOrEqual(t3.fd!.M * (1 + 1e-9));
    }
    // and far beyond T₂ (bounded semigroup)
    const E = expm({ rows: 20, cols: 20, data: B.data.map((x) => x * 200) });
    expect(spectralNorm(E)).toBeLessThanOrEqual(t3.fd!.M);
  });

  it('does not apply on a disconnected graph', () => {
    const dis: NetworkModel = { ...model, graph: explicitGraph(3, [[1, 2, Scalar.ONE]]) };
    const dd = deriveCoherent(dis);
    expect(dd.components).toBe(40);
    const r = theorem3(dd, model.study);
    expect(r.applies).toBe(false);
    expect(r.outcome).toEqual({ kind: 'hypotheses-fail', failed: ['coherent-connected-graph', 'lambda-m-qd'] });
    expect(theoremReason('T3', r)).toMatch(/connected/);
  });
});
