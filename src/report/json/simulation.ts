/**
 * JSON of a simulation (`simulation.curves`, `simulation.monitors`), deterministic for reproducible
 * reports: every double is rounded to `SIGNIFICANT_DIGITS` significant digits (non-finite values
 * become null), keys are emitted in a fixed order, and nothing depends on wall time except the
 * optional `timing` block, which is left out unless asked for.
 */
import type { SimulationResult } from '../../simulate/simulate.ts';
import { simulationNoteText, steadySourceText } from '../sections/simulation-text.ts';

/** Significant digits of every number in simulation JSON. */
export const SIGNIFICANT_DIGITS = 10;

/**
 * A double rounded to `digits` significant digits; null for NaN/±∞ (JSON has neither).
 * @example roundSignificant(Math.PI) // => 3.141592654
 */
export function roundSignificant(x: number, digits = SIGNIFICANT_DIGITS): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}

/** Rounds every number of an array. */
export function roundAll(xs: readonly number[], digits = SIGNIFICANT_DIGITS): (number | null)[] {
  return xs.map((x) => roundSignificant(x, digits));
}

export interface SimulationJsonOptions {
  /** Include per-K_c wall times (not reproducible; default false). */
  timing?: boolean;
}

/** The `simulation` block of the JSON output. */
export function simulationToJson(sim: SimulationResult, options: SimulationJsonOptions = {}): Record<string, unknown> {
  return {
    numeric: true,
    significantDigits: SIGNIFICANT_DIGITS,
    model: sim.model,
    qubits: sim.n,
    separable: sim.separable,
    relaxing: sim.relaxing,
    Kc: roundAll(sim.Kc),
    steadyState: sim.steadyState
      ? { value: sim.steadyState.value.map((row) => row.map(([re, im]) => [roundSignificant(re), roundSignificant(im)])), source: steadySourceText(sim.steadyState.source) }
      : null,
    curves: sim.curves.map((c) => ({
      metric: c.metric,
      Kc: roundSignificant(c.Kc),
      ...(c.qubit !== undefined ? { qubit: c.qubit } : {}),
      t: roundAll(c.t),
      values: roundAll(c.values),
    })),
    bloch: sim.bloch.map((b) => ({
      Kc: roundSignificant(b.Kc),
      state: b.state,
      initial: roundAll(b.initial),
      final: roundAll(b.final),
    })),
    monitors: sim.runs.map((r) => ({
      Kc: roundSignificant(r.Kc),
      method: r.full?.method ?? null,
      maxTraceDrift: r.full ? roundSignificant(r.full.monitors.maxTraceDrift) : null,
      maxHermiticityDrift: r.full ? roundSignificant(r.full.monitors.maxHermiticityDrift) : null,
      minEigenvalue: r.full ? roundSignificant(r.full.monitors.minEigenvalue) : null,
      positivitySamples: r.full?.monitors.positivitySamples ?? 0,
      reducedMethod: r.reducedMethod,
      eq5VsEq4: r.eq5VsEq4 === null ? null : roundSignificant(r.eq5VsEq4),
      ...(options.timing ? { wallMs: roundSignificant(r.wallMs, 4) } : {}),
    })),
    notes: sim.notes.map(simulationNoteText),
  };
}
