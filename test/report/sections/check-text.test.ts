/**
 * The sentences written from the theorem checks' and the simulation's facts. The reports pin the
 * branches the shipped models reach byte for byte; these pin the others (no shipped model has a
 * counterexample, a bisection out of range or skipped, a non-monotone error, more than 10 qubits or
 * a disconnected graph).
 */
import { describe, expect, it } from 'vitest';
import {
  bisectionOutcomeText, checkStatementText, counterexampleText, monotonicityViolationText, proofStepEquation, proofStepName, timeSetText, trajectoryText,
} from '../../../src/report/sections/check-text.ts';
import { simulationNoteText, steadySourceText } from '../../../src/report/sections/simulation-text.ts';

describe('theorem checks', () => {
  it('state each bound, time set and trajectory', () => {
    expect(checkStatementText('T4')).toBe('‖ρ(t) − 𝒫_*(ρ(t))‖_F ≤ η for t ≥ T₁');
    expect(timeSetText({ kind: 'after-t-star', from: 12.3456789, to: 40, C: 2.5, mu: 0.35 }))
      .toBe('t ≥ t* = 12.3457, checked on [t*, t* + 10/μ] (C = 2.50000, μ = 0.350000)');
    expect(timeSetText({ kind: 'after-t1', from: 1, to: 51 })).toBe('t ≥ T₁ = 1, checked on [T₁, 51]');
    expect(trajectoryText({ equation: 5, method: 'krylov' })).toBe('eq. 5 (krylov), exact for separable models');
    expect(trajectoryText({ equation: 4, method: 'dense-expm', tolerance: 1e-8, withEq17: false })).toBe('eq. 4 (dense-expm)');
    expect(trajectoryText({ equation: 4, method: 'krylov', tolerance: null, withEq17: false })).toBe('eq. 4 (krylov)');
  });

  it('write a counterexample with the model, the gain, the time and both values', () => {
    expect(counterexampleText({ model: 'example1', theorem: 'Theorem 1', Kc: 1432.303933, t: 0.5, value: 0.0523, bound: 0.05 }))
      .toBe('COUNTEREXAMPLE to Theorem 1 for model "example1": at K_c = K_c* = 1432.3039, t = 0.500000 the error is 0.052300000 > bound 0.050000000');
  });

  it('name the steps of the proofs and their equations', () => {
    expect([proofStepName('combined-error'), proofStepEquation('combined-error')]).toEqual(['E(t) ≤ C₁e^{−min(μ, K_cλ_m)t} + D/K_c', 'after eq. 28']);
    expect(proofStepEquation('reduced-to-blended')).toBe('end of Appendix B');
  });

  it('say how the bisection ended and what broke its assumption', () => {
    expect(bisectionOutcomeText({ kind: 'bisected', ratio: 1.01, seeds: [] })).toBe('geometric bisection to hi/lo ≤ 1.01');
    expect(bisectionOutcomeText({ kind: 'below-range', min: 1e-3 })).toBe('every K_c down to 0.001 meets η: the empirical K_c is below the search range');
    expect(bisectionOutcomeText({ kind: 'above-range', max: 1e9 })).toBe('no K_c up to 1000000000 meets η on the time set');
    expect(bisectionOutcomeText({ kind: 'not-run', reason: 'too costly' })).toBe('not run: too costly');
    expect(monotonicityViolationText({ kind: 'bracket-inconsistent' })).toBe('bracket inconsistent: lo meets η or hi does not');
    expect(monotonicityViolationText({ kind: 'error-rises', KcFrom: 100, errorFrom: 0.0123456789, KcTo: 101, errorTo: 0.02 }))
      .toBe('error rises from 0.0123457 at K_c = 100.000 to 0.0200000 at K_c = 101.000');
  });
});

describe('simulation notes', () => {
  it('say what was left out and why', () => {
    expect(simulationNoteText({ kind: 'no-full-state', n: 12, maxQubits: 10 }))
      .toBe('n = 12 > 10: the full ρ(t) of eq. 4 is not propagated (it would need 8·4ⁿ·(m + 14) bytes); eq. 4 metrics (Figs. 6–7) are omitted');
    expect(simulationNoteText({ kind: 'eq17-not-propagated', n: 12 }))
      .toBe('eq. 17 is not propagated here for n = 12: without ρ(t) of eq. 4 there is no Fig. 6/7 metric to compare with (coherent-dynamics.ts propagates it at any n; see bench/simulate-coherent.ts)');
    expect(simulationNoteText({ kind: 'disconnected-graph' })).toBe('the graph is disconnected: eq. 17 in the S_n-orbit basis and Theorems 3–4 are not simulated');
    expect(simulationNoteText({ kind: 'not-relaxing' })).toBe('𝓛̄ is not relaxing: Fig. 1 (distance to ρ_r) does not apply');
  });

  it('name the method of eq. 4 and the source of ρ_r', () => {
    expect(simulationNoteText({ kind: 'eq4', method: 'krylov', tolerance: 1e-11 }))
      .toBe('eq. 4: matrix-free Lindblad kernel under the adaptive Krylov exponential, tolerance 1e-11 on ‖ρ‖_F over the grid');
    expect(simulationNoteText({ kind: 'eq6', steadySource: 'numeric' }))
      .toBe('eq. 6: ρ_b(t) = e^{𝓛̄t}ρ_b(0) with the exact 𝓛̄ of reduced/ lowered once (dense 4×4 exponential); relaxing and ρ_r: numeric (eigen-decomposition of the lowered 𝓛̄)');
    expect(steadySourceText('numeric')).toBe('numeric (eigen-decomposition of the lowered 𝓛̄)');
  });
});
