/**
 * The side-by-side thresholds (report/sections/thresholds.ts) on paper Example 1: the exact t → ∞
 * threshold of §4 against the certified empirical K_c of Theorem 1's check — two independent
 * computations (exact algebra on eq. 5's steady state; bisection along simulated trajectories) that
 * must agree: on Theorem 1's time set [t*, t* + 10/μ] the state is within e^{−10} of its limit, so
 * K_c,emp(η) can be below K_c,∞(η) only by the bisection's 1 % bracket, and not far above it.
 */
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/model/parse.ts';
import { computeDerivation } from '../../../src/derivation/derive.ts';
import { thresholdRows, thresholdsSection } from '../../../src/report/sections/thresholds.ts';
import { thresholdsJson } from '../../../src/report/json/thresholds.ts';
import { EXAMPLE_1 } from '../../reduced/fixtures.ts';

describe('thresholds side by side (Example 1)', () => {
  const d = computeDerivation(parseModel(EXAMPLE_1.replace('eta: 0.05', 'eta: [0.05, 0.01]')));
  const rows = thresholdRows(d);

  it('one row per checked theorem and η; Theorem 1 rows carry K_c,∞ and K_c,asym, the others not', () => {
    expect(rows.length).toBe(d.checks.length * 2);
    for (const r of rows) {
      expect(r.KcInfinity !== null).toBe(r.theorem === 'T1');
      expect(r.KcAsymptotic !== null).toBe(r.theorem === 'T1');
    }
  });

  it('K_c,emp of Theorem 1 agrees with the exact K_c,∞ to the bisection bracket, and K_c,asym = c/η lies above K_c,∞', () => {
    for (const r of rows.filter((x) => x.theorem === 'T1')) {
      const ratio = r.KcEmpirical! / r.KcInfinity!.value;
      expect(ratio).toBeGreaterThan(1 / 1.01);
      expect(ratio).toBeLessThan(1.02);
      expect(r.KcAsymptotic!.value).toBeGreaterThan(r.KcInfinity!.value);
      expect(r.KcStar).toBeGreaterThan(r.KcEmpirical!);
    }
  });

  it('the section has the table and the JSON the same rows', () => {
    const section = thresholdsSection(d)!;
    const table = section.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows.length : 0).toBe(rows.length);
    const json = thresholdsJson(d) as { sideBySide: unknown[]; steady: { derived: boolean } };
    expect(json.sideBySide.length).toBe(rows.length);
    expect(json.steady.derived).toBe(true);
  });
});
