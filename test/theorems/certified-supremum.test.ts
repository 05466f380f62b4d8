/**
 * The certified supremum of the theorem checks (src/theorems/checks.ts `certifySupremum`): on a curve
 * with a known maximum between grid points, and on paper Example 3's Theorem 4 error at K_c = 15.1,
 * whose peak near t ≈ 1.78 lies between grid points — checked against a fine independent sampling.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { deriveTheorems } from '../../src/theorems/derive-theorems.ts';
import { simulateModel } from '../../src/simulate/simulate.ts';
import { fullSeries } from '../../src/simulate/context.ts';
import { checkConstants } from '../../src/derivation/derive.ts';
import { certifySupremum, evaluateTheorems, SUPREMUM_TOLERANCE } from '../../src/theorems/checks.ts';

describe('certifySupremum', () => {
  // e(t) = 0.5 + 0.4 sin(7t)·e^{−t/4}: Lipschitz with |e′| ≤ 0.4(7 + 1/4) = 2.9 on t ≥ 0.
  const e = (t: number) => 0.5 + 0.4 * Math.sin(7 * t) * Math.exp(-t / 4);
  const L = 0.4 * 7.25;
  const grid = Array.from({ length: 21 }, (_, k) => k * 0.5);
  const sample = (t: number) => ({ value: e(t), rate: () => L });
  // The true maximum by a fine search (10⁶ points; |e′| ≤ 2.9 makes it exact to 3·10⁻⁵).
  let trueMax = 0;
  for (let k = 0; k <= 1_000_000; k++) trueMax = Math.max(trueMax, e((k * 10) / 1_000_000));

  it('with η just above the true maximum the grid misses, certifies it below η and finds it to that precision', () => {
    const eta = trueMax + 5e-5;
    const s = certifySupremum(grid, grid.map(sample), 0, 10, (times) => times.map(sample), eta, 1e-5, 'symmetrization');
    expect(s.gridMax).toBeLessThan(trueMax - 1e-2);
    expect(['resolved', 'below-eta']).toContain(s.outcome);
    expect(s.upper).toBeGreaterThanOrEqual(trueMax);
    expect(s.upper).toBeLessThanOrEqual(eta);
    expect(s.attained).toBeLessThanOrEqual(trueMax + 1e-9);
    expect(s.attained).toBeGreaterThanOrEqual(trueMax - 1e-4);
  });

  it('stops once a value above η is found, and certifies "below η" without resolving further', () => {
    const above = certifySupremum(grid, grid.map(sample), 0, 10, (times) => times.map(sample), s0(), 1e-6, 'symmetrization');
    expect(above.outcome).toBe('above-eta');
    expect(above.attained).toBeGreaterThan(s0());
    const below = certifySupremum(grid, grid.map(sample), 0, 10, (times) => times.map(sample), trueMax + 0.05, 1e-9, 'symmetrization');
    expect(below.outcome).toBe('below-eta');
    expect(below.upper).toBeLessThanOrEqual(trueMax + 0.05);
    expect(below.upper).toBeGreaterThanOrEqual(trueMax);
  });
  // A level between the grid's maximum and the true one.
  function s0() {
    return (Math.max(...grid.map(e)) + trueMax) / 2;
  }
});

describe('Example 3, Theorem 4 at K_c = 15.1: the peak between grid points', () => {
  const model = parseModel(readFileSync('derivations/example-3.yaml', 'utf8'));
  const reduced = deriveReduced(model);
  const coherent = deriveCoherent(model);
  const theorems = deriveTheorems(model, reduced, coherent);
  const sim = simulateModel({ model, reduced, coherent });
  const constants = checkConstants({ reduced, theorems });

  it('the grid maximum is below η, the certified supremum finds a value above it, confirmed by fine sampling', () => {
    const ev = evaluateTheorems(sim.context, constants, 15.1, { steps: [] }).find((x) => x.theorem === 'T4')!;
    const eta = ev.eta;
    expect(ev.worstOnTimeSet).toBeLessThan(eta);
    expect(ev.supremum.attained).toBeGreaterThan(eta);
    // Independent: ‖ρ − 𝒫_*ρ‖_F on a fine uniform grid of [1.70, 1.90] (step 10⁻³).
    const fine = [0, ...Array.from({ length: 201 }, (_, k) => 1.7 + k * 1e-3)];
    const err = fullSeries(sim.context, 15.1, fine).symmetrizationError!.slice(1);
    const fineMax = Math.max(...err);
    expect(fineMax).toBeGreaterThan(eta);
    expect(Math.abs(ev.supremum.tAttained - 1.7 - err.indexOf(fineMax) * 1e-3)).toBeLessThan(0.02);
    expect(ev.supremum.attained).toBeLessThanOrEqual(fineMax + SUPREMUM_TOLERANCE * eta);
  });
});
