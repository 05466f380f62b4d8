/**
 * A derivation seen at one coupling gain: the curves of the paper's figures (Figs. 1–3 from eq. 5 and
 * eq. 6, Figs. 6–7 from eq. 4 and eq. 17) and each applicable theorem's bound and proof steps along
 * the trajectory at that K_c — what an interactive view redraws when its K_c changes. Everything that
 * does not depend on K_c (the exact §4/§5 objects, their lowering, the theorems' constants, K_c*, the
 * empirical K_c) comes from the derivation, computed once; only the propagations run again.
 */
import { simulateGain, type BlochEndpoints, type Curve } from '../simulate/simulate.ts';
import { evaluateTheorems, type TheoremEvaluation } from '../theorems/checks.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import { checkConstants, checkHorizon, type Derivation } from './derive.ts';

export interface FrameOptions {
  /** Output grid of the figures' curves (default: the simulation's grid, i.e. the study's). */
  readonly times?: readonly number[];
  /** Compute the figures' curves (default true; false leaves `curves` and `bloch` empty). */
  readonly curves?: boolean;
  /** Evaluate the theorems (default true; false leaves `theorems` empty). */
  readonly theorems?: boolean;
  /** The theorems whose proof steps are evaluated (default all checked ones; the others get their bound only). */
  readonly steps?: readonly TheoremKey[];
}

export interface DerivationFrame {
  readonly Kc: number;
  readonly t: readonly number[];
  /** The figures' curves at this K_c (same metrics as `SimulationResult.curves`). */
  readonly curves: readonly Curve[];
  readonly bloch: readonly BlochEndpoints[];
  /**
   * Each theorem the derivation checks, evaluated at this K_c on the check's own grid and time set:
   * whether its bound holds here, the worst error against η, and both sides of each proof step.
   */
  readonly theorems: readonly TheoremEvaluation[];
}

/**
 * The figures and theorem evaluations of a derivation at coupling gain `Kc`; null when the
 * derivation has no simulation (a parameter without a value).
 * @example deriveFrame(d, 10).theorems.map((e) => e.counterexample === null) // whether each bound holds at K_c = 10
 */
export function deriveFrame(d: Derivation, Kc: number, options: FrameOptions = {}): DerivationFrame | null {
  const sim = d.simulation;
  if (!sim) return null;
  if (!(Kc > 0) || !Number.isFinite(Kc)) throw new RangeError(`K_c must be a positive finite number, got ${Kc}`);
  const t = options.times ?? sim.t;
  // Non-separable models have no eq. 5: their qubits' Bloch vectors come from eq. 4's partial traces (`pauli.*`).
  const g = options.curves === false ? { curves: [], bloch: [] } : simulateGain(sim.context, Kc, t, { pauli: true });
  // The theorems the derivation checked, with the plan's eq. 4 method and tolerance (no bisection).
  const checked = new Set(d.checks.map((c) => c.theorem));
  const constants = checkConstants(d);
  const planned = {
    T1: checked.has('T1') ? constants.T1 : undefined,
    T2: checked.has('T2') ? constants.T2 : undefined,
    T3: checked.has('T3') ? constants.T3 : undefined,
    T4: checked.has('T4') ? constants.T4 : undefined,
  };
  // One evaluation per theorem, not a bisection's dozen: eq. 4 by the automatic method (the dense
  // exponential up to n = 3, Krylov beyond, where one 256×256 exponential per grid step costs more than
  // the Krylov steps), at the plan's Krylov tolerance.
  const theorems = options.theorems === false ? [] : evaluateTheorems(sim.context, planned, Kc, { fullTolerance: d.checkPlan?.options.fullTolerance, steps: options.steps, ...checkHorizon(d.model, sim.context.params) });
  return { Kc, t, curves: g.curves, bloch: g.bloch, theorems };
}
