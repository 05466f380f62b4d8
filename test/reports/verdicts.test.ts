/**
 * The proof steps' verdicts and ratios in the committed reports say the same thing: a step that
 * holds has max lhs/rhs ≤ 1 (up to the relative slack), one that fails has a ratio above 1. Points
 * where both sides are at round-off level count for neither (issue 22: a step was shown holding with
 * a ratio of 2925 made of two rounding errors at t = 0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPORTS = join(import.meta.dirname, '..', '..', 'reports');

describe('proof-step verdicts of the committed reports', () => {
  const files = readdirSync(REPORTS).filter((f) => f.endsWith('.json'));
  it.each(files)('%s: holds ⇔ max lhs/rhs ≤ 1', (file) => {
    const doc = JSON.parse(readFileSync(join(REPORTS, file), 'utf8')) as { checks: { theorem: string; intermediate: { name: string; holds: boolean; maxRatio: number | null }[] }[] };
    for (const c of doc.checks) {
      for (const step of c.intermediate) {
        const ratio = step.maxRatio ?? Infinity;
        expect({ theorem: c.theorem, step: step.name, consistent: step.holds ? ratio <= 1 + 1e-6 : ratio > 1 }).toMatchObject({ consistent: true });
      }
    }
  });
});
