/**
 * `study.horizon`: the end of the window on which Theorem 1 ({t ≥ t*}) and Theorem 4 ({t ≥ T₁}) are
 * checked and their empirical K_c sought (docs/derivation-format.md, "The empirical K_c"). With
 * horizon 30 on Example 1 the checks' time sets end at 30 (Theorem 1 from t* = (2/μ)ln(C/η), which
 * the test recomputes from the typed constants), the explorer's frames use the same window, the JSON
 * states it, and a horizon not after T₁ is a located error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { derive } from '../../src/api/derive.ts';
import { errorOf } from '../support/user-error.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TEXT = readFileSync(join(ROOT, 'derivations/example-1.yaml'), 'utf8');

describe('study.horizon', () => {
  it('ends the windows of Theorems 1 and 4 (checks and frames alike) and is in the JSON', () => {
    const text = TEXT.replace('  eta: [0.05, 0.01]\n', '  eta: 0.05\n  horizon: 30\n');
    expect(text).not.toBe(TEXT);
    const d = derive(parseModel(text, 'h.yaml'));
    const t1 = d.checks.find((c) => c.theorem === 'T1')!;
    const t4 = d.checks.find((c) => c.theorem === 'T4')!;
    const v = d.theorems.T1.constants.values;
    const C = v.C!.value!;
    const tStar = (2 / v.mu!.value!) * Math.log(C / 0.05);
    expect(t1.timeSet.from).toBeCloseTo(tStar, 9);
    expect(t1.timeSet.to).toBe(Math.max(tStar, 30));
    expect(t4.timeSet).toMatchObject({ kind: 'after-t1', to: 30 });
    expect(t4.curve.t.at(-1)).toBe(30);
    const frame = d.at(100, { curves: false, steps: [] })!;
    expect(frame.theorems.find((e) => e.theorem === 'T4')!.timeSet).toEqual(t4.timeSet);
    const json = d.toJsonValue() as { study: { horizon?: { value: number[] } } };
    expect(json.study.horizon?.value).toEqual([30, 0]);
  });

  it('a horizon not after T₁ is a located error on study.horizon', () => {
    const e = errorOf(TEXT.replace('  eta: [0.05, 0.01]\n', '  eta: 0.05\n  T1: 2\n  horizon: 1.5\n'));
    expect(e.formatLine()).toMatch(/study\.horizon: the horizon 3\/2 is not after T₁ = 2 — /);
  });
});
