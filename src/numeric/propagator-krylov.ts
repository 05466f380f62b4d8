/**
 * The `krylov` propagator: the adaptive Krylov exponential of propagate.ts (Arnoldi with the
 * corrected scheme's a-posteriori error estimate; Saad 1992, Sidje 1998) on the problem's
 * matrix-free operator, with tolerance `tolerance` on ‖y(t) − y_exact(t)‖₂ over the whole grid
 * (absolute and relative to ‖y₀‖). A density matrix (paper eq. 4) is propagated in real coordinates
 * of the Hermitian matrices when ρ₀ is Hermitian (`propagateRho`): every Lindbladian maps Hermitian
 * to Hermitian, so Arnoldi runs in real arithmetic and ρ(t) is Hermitian by construction.
 */
import { propagateKrylov, propagateRho, type PropagateOptions, type PropagationResult } from './propagate.ts';
import { forceLazy } from './propagator-dense.ts';
import type { LtiProblem, LtiShape, PropagatorMethod, PropagatorRun, ResolvedPropagatorOptions } from './propagator.ts';

function run(problem: LtiProblem, options: ResolvedPropagatorOptions): PropagatorRun {
  const op = forceLazy(problem.operator!);
  const opts: PropagateOptions = { atol: options.tolerance, rtol: options.tolerance, keepStates: options.keepStates };
  if (options.maxKrylovDim !== undefined) opts.maxKrylovDim = options.maxKrylovDim;
  if (options.onOutput) opts.onOutput = options.onOutput;
  if (problem.invariant) opts.conserved = problem.invariant;
  const s = problem.structure;
  const res: PropagationResult = s?.kind === 'density-matrix'
    ? propagateRho(op, { rows: s.D, cols: s.D, data: problem.y0 }, problem.times, opts)
    : propagateKrylov(op, problem.y0, problem.times, opts);
  const { matvecs, errorEstimate, roundoffFloor } = res.stats;
  return { method: krylovMethod.name, states: res.states, stats: { matvecs, exponentials: 0, errorEstimate, roundoffFloor }, details: res.stats };
}

export const krylovMethod: PropagatorMethod = {
  name: 'krylov',
  unsupported: (problem: LtiShape) => (problem.operator === undefined ? 'no matrix-free operator' : null),
  run,
};
