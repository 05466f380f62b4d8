/**
 * The sentences written from Theorems 1–4's facts: check names and details, the theorems' reasons.
 * The reports pin the branches the shipped models reach byte for byte; these pin the others.
 */
import { describe, expect, it } from 'vitest';
import { relaxingReasonText } from '../../../src/report/sections/explanations.ts';
import { checkDetail, checkJson, checkName, theoremReason } from '../../../src/report/sections/theorem-text.ts';
import type { ApplicabilityCheck } from '../../../src/theorems/theorem1.ts';

describe('the relaxing reason', () => {
  it('writes the undamped eigenvalues as inline math, and leaves the clause out without them', () => {
    expect(relaxingReasonText({ kind: 'kernel-not-unique', kernelDimension: 2, undampedLatex: ['2\\mathrm{i}', '-2\\mathrm{i}'] }))
      .toBe('ker 𝓛̄ has dimension 2: the steady state is not unique, and the eigenvalues $2\\mathrm{i}$, $-2\\mathrm{i}$ lie on the imaginary axis (undamped oscillation)');
    expect(relaxingReasonText({ kind: 'kernel-not-unique', kernelDimension: 3, undampedLatex: [] })).toBe('ker 𝓛̄ has dimension 3: the steady state is not unique');
    expect(relaxingReasonText({ kind: 'undamped', undamped: 2 })).toBe('2 nonzero eigenvalue(s) lie on the imaginary axis (Re λ = 0): ρ_b(t) keeps oscillating');
    expect(relaxingReasonText({ kind: 'generic-kernel', kernelDimension: 2 })).toBe('ker 𝓛̄ has generic dimension 2');
  });
});

describe('applicability checks', () => {
  it('word η, the parameters and the window per theorem', () => {
    const eta: ApplicabilityCheck = { id: 'eta', holds: false, eta: null, source: 'study-block' };
    expect([checkName('T1', eta), checkDetail('T1', eta)]).toEqual(['η > 0 given', 'no η in the study block']);
    expect([checkName('T3', eta), checkDetail('T3', eta)]).toEqual(['η > 0', 'no η given']);
    const free: ApplicabilityCheck = { id: 'numeric-parameters', holds: false, valuesGiven: false, free: ['g', 'k'] };
    expect(checkDetail('T1', free)).toBe('symbolic parameters without values: g, k (the constants are numeric)');
    expect(checkDetail('T2', free)).toBe('symbolic parameters without values: g, k');
    expect(checkDetail('T4', { ...free, free: [] })).toBe('symbolic parameters without values: only the exact Proj(A_d) is derived');
    expect(checkDetail('T2', { id: 'window', holds: false, T1: null, T2: null, source: 'study-block' })).toBe('T₁, T₂ not given');
    expect(checkDetail('T4', { id: 't1-positive', holds: false, T1: null, source: 'study-block' })).toBe('T₁ not given');
    expect(checkJson('T3', { id: 'coherent-connected-graph', holds: false, components: 2 })).toEqual({
      name: 'connected graph', holds: false, detail: 'G has 2 components: eq. 13 (P_dP_dᵀ = 𝒫_*) fails and λ_m(Q) is not defined for the theorems',
    });
    expect(checkDetail('T1', { id: 'relaxing', holds: false, reason: null })).toBe('no blended dynamics without Assumption 1');
  });
});

describe('the theorems\' reasons', () => {
  it('join the failed hypotheses by id, in check order, name — detail', () => {
    const checks: ApplicabilityCheck[] = [
      { id: 'lambda-m-qd', holds: false, latex: null, note: { kind: 'lambda-disconnected', components: [[1], [2]] } },
      { id: 'eta', holds: true, eta: '1/20', source: 'study-block' },
      { id: 't1-positive', holds: false, T1: null, source: 'study-block' },
    ];
    expect(theoremReason('T4', { checks, outcome: { kind: 'hypotheses-fail', failed: ['lambda-m-qd', 't1-positive'] } }))
      .toBe('Theorem 4 does not apply: λ_m(Q_d) > 0 — the graph has 2 connected components ({1}, {2}), so Q has 2 zero eigenvalues and rank Q < n − 1; the consensus bound (eq. 24) and hence Theorems 1–2 do not apply; T₁ > 0 — T₁ not given.');
  });

  it('write the L_c and free-parameter cases, and refuse Assumption 1 for Theorems 3–4', () => {
    expect(theoremReason('T1', { checks: [], outcome: { kind: 'lc-undefined', note: 'defective' } }))
      .toBe("Theorem 1's constant L_c does not exist at the exact rate μ: defective. The proof's bound ‖…‖ ≤ L_c e^{−μt} fails for a defective decaying eigenvalue (t e^{−μt}); it holds with any μ' < μ instead.");
    expect(theoremReason('T1', { checks: [], outcome: { kind: 'needs-parameter-values', free: ['g'] } }))
      .toBe("Theorem 1's constants need numeric parameter values (free: g); μ and ρ_r are given as formulas above.");
    expect(() => theoremReason('T3', { checks: [], outcome: { kind: 'assumption-1-fails' } })).toThrow(/does not assume Assumption 1/);
  });
});
