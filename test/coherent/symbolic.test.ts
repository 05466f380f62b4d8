import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { theoremReason } from '../../src/report/sections/theorem-text.ts';
import { theorem3 } from '../../src/theorems/theorem3.ts';

describe('symbolic rates: Proj(A_d) as rational functions of the parameters', () => {
  it('example-1-parametric at γ_m = 1, γ_p = 3 equals Example 1 (σ₋ rate 1, √3σ₊ rate 1) exactly', () => {
    const sym = deriveCoherent(loadModel(new URL('../../derivations/example-1-parametric.yaml', import.meta.url).pathname));
    const num = deriveCoherent(loadModel(new URL('../../derivations/example-1.yaml', import.meta.url).pathname), { exactSpectrum: false });
    expect(sym.lowered).toBeNull();
    expect(sym.projectedExact!.freeParams()).toEqual(['gamma_m', 'gamma_p']);
    const at = sym.projectedExact!.substitute(new Map([['gamma_m', Scalar.ONE], ['gamma_p', Scalar.int(3)]]));
    expect(at.equals(num.projectedExact!)).toBe(true);
    const t3 = theorem3(sym, { eta: Scalar.rational(1, 20), T1: Scalar.ONE, T2: Scalar.int(10) });
    expect(t3.applies).toBe(false);
    expect(t3.outcome).toEqual({ kind: 'hypotheses-fail', failed: ['numeric-parameters'] });
    expect(theoremReason('T3', t3)).toMatch(/numeric parameter values/);
  });
});
