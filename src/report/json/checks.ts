/** The JSON of the theorem checks (`checks`, `checkByTheorem`) of the one JSON writer (report/json.ts). */
import type { TheoremCheck } from '../../theorems/checks.ts';
import {
  BISECTION_ASSUMPTION, bisectionOutcomeText, checkStatementText, counterexampleText, monotonicityViolationText, proofStepEquation, proofStepName,
  timeSetText, trajectoryText,
} from '../sections/check-text.ts';
import { roundAll, roundSignificant, SIGNIFICANT_DIGITS } from './simulation.ts';

/**
 * The `check` block of a theorem in the JSON output (doubles rounded to 10 significant digits, as
 * `simulationToJson`; ∞ bounds become null).
 */
export function checkToJson(c: TheoremCheck): Record<string, unknown> {
  const r = (x: number | null) => (x === null ? null : roundSignificant(x));
  return {
    numeric: true,
    significantDigits: SIGNIFICANT_DIGITS,
    theorem: c.theorem,
    statement: checkStatementText(c.theorem),
    KcStar: r(c.KcStar),
    eta: r(c.eta),
    timeSet: { from: r(c.timeSet.from), to: r(c.timeSet.to), description: timeSetText(c.timeSet) },
    holdsAtKcStar: c.holdsAtKcStar,
    counterexample: c.counterexample
      ? {
        model: c.counterexample.model, theorem: c.counterexample.theorem,
        Kc: r(c.counterexample.Kc), t: r(c.counterexample.t), value: r(c.counterexample.value), bound: r(c.counterexample.bound),
        message: counterexampleText(c.counterexample),
      }
      : null,
    KcEmpirical: r(c.KcEmpirical),
    ratio: r(c.ratio),
    ...(c.etaSweep
      ? { etaSweep: c.etaSweep.map((e) => ({ eta: r(e.eta), KcStar: r(e.KcStar), holdsAtKcStar: e.holdsAtKcStar, KcEmpirical: r(e.KcEmpirical), ratio: r(e.ratio), monotone: e.monotone })) }
      : {}),
    bisection: {
      bracket: c.bisection.bracket ? roundAll(c.bisection.bracket) : null,
      evaluations: c.bisection.evaluations.map(([k, e]) => [r(k), r(e)]),
      monotone: c.bisection.monotone,
      monotonicityViolations: c.bisection.monotonicityViolations.map(monotonicityViolationText),
      assumption: BISECTION_ASSUMPTION,
      note: bisectionOutcomeText(c.bisection.outcome),
    },
    curve: { t: roundAll(c.curve.t), error: roundAll(c.curve.error), bound: roundAll(c.curve.bound) },
    intermediate: c.intermediate.map((i) => ({
      name: proofStepName(i.step),
      equation: proofStepEquation(i.step),
      holds: i.holds,
      maxRatio: r(i.maxRatio),
      maxRatioOnTimeSet: r(i.maxRatioOnTimeSet),
      tAtMaxRatio: r(i.tAtMaxRatio),
      t: roundAll(i.t),
      lhs: roundAll(i.lhs),
      rhs: roundAll(i.rhs),
    })),
    trajectory: trajectoryText(c.trajectory),
    ...(c.precision ? { precision: { tolerance: r(c.precision.tolerance), roundoffFloor: r(c.precision.roundoffFloor) } } : {}),
  };
}

