import { describe, expect, it } from 'vitest';
import { fromPairs } from '../../src/numeric/cmatrix.ts';
import { growthBound, growthValue, lipschitzConstant, numericJordanDegree, uniformGrid } from '../../src/theorems/common.ts';

describe('f(t) = M Σ_{j≤m} t^j ≥ ‖e^{Gt}‖', () => {
  it('a Jordan block on the imaginary axis: m = 1, ‖e^{Gt}‖ = ‖[[1, t], [0, 1]]‖ ≤ 1 + t', () => {
    const G = fromPairs([[[0, 0], [1, 0]], [[0, 0], [0, 0]]]);
    expect(numericJordanDegree(G)).toBe(1);
    const b = growthBound(G, { times: uniformGrid(0, 30, 60) });
    expect(b.m).toBe(1);
    expect(b.check.holds).toBe(true);
    // exact norm of [[1, t], [0, 1]]: (t + √(t² + 4))/2
    for (const t of [0, 1, 5, 30]) expect((t + Math.sqrt(t * t + 4)) / 2).toBeLessThanOrEqual(growthValue(b, t) + 1e-12);
  });

  it('normal (anti-Hermitian) generators get M = 1, m = 0', () => {
    const G = fromPairs([[[0, 0], [0, 2]], [[0, 2], [0, 0]]]);
    const b = growthBound(G);
    expect(b.M).toBe(1);
    expect(b.m).toBe(0);
    expect(b.check.holds).toBe(true);
  });

  it('a non-normal stable diagonalisable generator: M = κ(V), verified on the grid', () => {
    const G = fromPairs([[[-0.1, 0], [5, 0]], [[0, 0], [-1, 0]]]);
    const b = growthBound(G, { times: uniformGrid(0, 40, 200) });
    expect(b.m).toBe(0);
    expect(b.M).toBeGreaterThan(1);
    expect(b.check.holds).toBe(true);
    expect(b.check.maxRatio).toBeGreaterThan(0.3); // not vacuous
  });

  it('L_c = ‖V_dec‖‖W_dec‖ bounds ‖P_dec e^{Gt}‖e^{μt}', () => {
    const G = fromPairs([[[0, 0], [0.3, 0], [0, 0]], [[0, 0], [-0.5, 0], [2, 0]], [[0, 0], [0, 0], [-2, 0]]]);
    const r = lipschitzConstant(G, 0.5, { times: uniformGrid(0, 30, 120) });
    expect(r.decayingCount).toBe(2);
    expect(r.check.holds).toBe(true);
    expect(r.Lc).toBeLessThanOrEqual(r.kappaV + 1e-12);
  });
});
