import { describe, expect, it } from 'vitest';
import { ModelTooLarge } from '../../src/core/errors.ts';
import { coherentCheckPlan } from '../../src/derivation/check-plan.ts';
import { checkPlanNote } from '../../src/report/sections/numerics.ts';

describe('the plan of the Theorem 3–4 checks', () => {
  const gains = [1, 10];
  it('n ≤ 6 runs the checks, n = 7…10 only on request, and beyond 10 the request is a user error', () => {
    expect(coherentCheckPlan(6, gains, ['T3']).run).toBe(true);
    expect(coherentCheckPlan(7, gains, ['T3', 'T4'])).toMatchObject({ run: false, reason: 'too-costly', theorems: ['T3', 'T4'] });
    const requested = coherentCheckPlan(7, gains, ['T3'], { fullChecks: true });
    expect(requested).toMatchObject({ run: true, reason: 'requested', options: { fullMethod: 'krylov', fullTolerance: 1e-8, seeds: gains } });
    // Without a coherent theorem there is nothing to check, asked or not.
    expect(coherentCheckPlan(8, gains, [], { fullChecks: true })).toMatchObject({ run: false, reason: 'too-costly' });
    expect(() => coherentCheckPlan(11, gains, ['T3'], { fullChecks: true })).toThrow(ModelTooLarge);
  });


  it('the report says why a plan differs from the default, and nothing when it is the default', () => {
    expect(checkPlanNote(coherentCheckPlan(4, gains, ['T3']))).toBeNull();
    expect(checkPlanNote(coherentCheckPlan(7, gains, ['T3', 'T4']))).toMatch(/^The numerical checks of Theorem 3 and Theorem 4 need the full ρ\(t\)/);
    expect(checkPlanNote(coherentCheckPlan(7, gains, ['T4'], { fullChecks: true }))).toMatch(/run on request \(derive --full-checks\) for n = 7: .* tolerance 1e-8/);
    expect(checkPlanNote(coherentCheckPlan(7, gains, []))).toBeNull();
  });
});
