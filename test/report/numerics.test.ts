import { describe, expect, it } from 'vitest';
import { numericsSection } from '../../src/report/sections/numerics.ts';
import type { Block, Inline, Section, TableBlock } from '../../src/report/document.ts';
import type { SimulationResult } from '../../src/simulate/simulate.ts';
import type { EtaSweepEntry, TheoremCheck } from '../../src/theorems/checks.ts';

/** A theorem check with only what the numerics section reads. */
function check(theorem: TheoremCheck['theorem'], KcStar: number, KcEmpirical: number, etaSweep?: EtaSweepEntry[]): TheoremCheck {
  return {
    theorem, KcStar, eta: 0.05,
    timeSet: { kind: 'window', from: 1, to: 2 },
    curve: { t: [1, 2], error: [0.01, 0.02], bound: [0.05, 0.05] },
    holdsAtKcStar: true, counterexample: null, KcEmpirical, ratio: KcStar / KcEmpirical,
    bisection: { KcEmpirical, bracket: [KcEmpirical / 1.01, KcEmpirical], evaluations: [], monotone: true, monotonicityViolations: [], outcome: { kind: 'bisected', ratio: 1.01, seeds: [] } },
    intermediate: [], trajectory: { equation: 5, method: 'dense-expm' },
    proofNumbers: { n: 2, Kc: KcStar, lambdaMin: 1, eta: 0.05, C0: 1, thresholds: { paper: [KcStar] } }, outline: [],
    ...(etaSweep ? { etaSweep } : {}),
  };
}

const sim = { t: [0, 1], Kc: [1], curves: [], runs: [], notes: [] } as unknown as SimulationResult;

function tables(s: Section): TableBlock[] {
  const own = s.blocks.filter((b: Block): b is TableBlock => b.kind === 'table');
  return [...own, ...(s.subsections ?? []).flatMap(tables)];
}

function plain(cell: readonly Inline[]): string {
  return cell.map((i) => ('text' in i ? String(i.text) : 'latex' in i ? String(i.latex) : '')).join('');
}

describe('numerics section: K_c* and empirical K_c for each η', () => {
  it('renders one row per theorem and η, the values as given (no computation)', () => {
    const sweep: EtaSweepEntry[] = [
      { eta: 0.05, KcStar: 1432.303933, KcStarPrime: null, holdsAtKcStar: true, KcEmpirical: 10.15062706, ratio: 141.1049707, monotone: true },
      { eta: 0.01, KcStar: 7161.519665, KcStarPrime: null, holdsAtKcStar: false, KcEmpirical: 52.71393709, ratio: 135.8562851, monotone: true },
    ];
    const s = numericsSection(sim, null, [check('T1', 1432.303933, 10.15062706, sweep), check('T2', 200, 11)], []);
    const t = tables(s).find((x) => x.label === 'tab:eta-sweep');
    expect(t).toBeDefined();
    expect(t!.rows.map((r) => r.map(plain))).toEqual([
      ['T1', '0.05', 'holds', '1432.30', '10.1506', '141.1'],
      ['T1', '0.01', 'FAILS (counterexample)', '7161.52', '52.7139', '135.9'],
    ]);
    expect(plain(t!.caption!)).toMatch(/^K_c\^\*.* and empirical K_c for each \\eta/);
  });

  it('has no such table when the study gives a single η', () => {
    const s = numericsSection(sim, null, [check('T1', 1432.3, 10.15)], []);
    expect(tables(s).map((x) => x.label)).not.toContain('tab:eta-sweep');
  });
});
