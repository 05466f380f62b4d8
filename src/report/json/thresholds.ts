/**
 * The `thresholds` block of the JSON report (schemaVersion 5): §4's exact t → ∞ threshold (eq. 5's
 * steady state as rational functions of K_c, c, K_c,∞(η), K_c,asym(η)), the side-by-side rows of
 * report/sections/thresholds.ts, and each check's certified supremum at K_c*.
 */
import type { Derivation } from '../../derivation/derive.ts';
import { thresholdRows, writtenAlgebraic } from '../sections/thresholds.ts';
import type { Json } from './reduced.ts';
import { roundSignificant } from './simulation.ts';

const r = (x: number | null) => (x === null ? null : roundSignificant(x));

function steadyJson(d: Pick<Derivation, 'steadyThreshold'>): Json {
  const s = d.steadyThreshold;
  if (s.kind !== 'derived') return { derived: false, reason: s.reason };
  return {
    derived: true,
    squaredErrors: s.squaredErrors.map((e) => e.toString()),
    cSquared: s.cSquared.toString(),
    c: s.c ? s.c.toString() : null,
    cValue: s.cValue,
    cQubits: [...s.cQubits],
    byEta: s.byEta.map((b) => ({
      eta: b.eta.toString(),
      KcInfinity: b.KcInfinity ? writtenAlgebraic(b.KcInfinity) as unknown as Json : null,
      qubit: b.qubit,
      KcAsymptotic: b.KcAsymptotic ? b.KcAsymptotic.toString() : null,
      KcAsymptoticValue: b.KcAsymptoticValue,
    })),
  };
}

/** `thresholds`: the exact steady threshold, the side-by-side rows, the certified suprema at K_c*. */
export function thresholdsJson(d: Pick<Derivation, 'checks' | 'theorems' | 'steadyThreshold'>): Json {
  return {
    steady: steadyJson(d),
    sideBySide: thresholdRows(d).map((row) => ({
      theorem: row.theorem, eta: row.eta, KcStar: r(row.KcStar), KcStarPrime: r(row.KcStarPrime), KcEmpirical: r(row.KcEmpirical),
      // Exact-derived values (K_c,∞, K_c,asym) at full double precision; the numeric ones to 10 digits.
      KcInfinity: row.KcInfinity ? row.KcInfinity.value : null, everyGain: row.everyGain, KcAsymptotic: row.KcAsymptotic ? row.KcAsymptotic.value : null,
      ratioStarToEmpirical: row.KcEmpirical ? r(row.KcStar / row.KcEmpirical) : null,
      ratioEmpiricalToInfinity: row.KcEmpirical && row.KcInfinity ? r(row.KcEmpirical / row.KcInfinity.value) : null,
    })),
    certifiedSupremum: d.checks.flatMap((c) => {
      const s = c.supremumAtKcStar;
      if (!s) return [];
      return [{
        theorem: c.theorem, Kc: r(c.KcStar), gridMax: r(s.gridMax), attained: r(s.attained), tAttained: r(s.tAttained), upper: r(s.upper),
        tolerance: r(s.tolerance), refinements: s.refinements, outcome: s.outcome, rate: s.rate,
      }];
    }),
  };
}
