/**
 * The `dense-expm` propagator: y(t_k) = e^{(t_k − t_{k−1})G}·y(t_{k−1}) with e^{ΔG} formed by scaling
 * and squaring (expm.ts, Higham 2005) once per distinct grid step, so a uniform grid costs one
 * exponential and then one matrix–vector product per output. Backward stable with error ≈ u‖GΔ‖ in
 * the generator and insensitive to the stiffness K_c (a larger ‖G‖ costs a few more squarings, not
 * more steps); exact up to rounding, hence no error estimate. For density matrices (paper eq. 4) G is
 * the column-stacked Liouvillian and y is row-major ρ: the state is held as vec(ρ) and each output
 * is written back row-major.
 */
import { type CMatrix, vec, matvecInto, norm1, normInf, scale, vecNorm } from './cmatrix.ts';
import { expm } from './expm.ts';
import { roundoffFloor } from './propagate.ts';
import type { LtiProblem, LtiShape, PropagatorMethod, PropagatorRun, ResolvedPropagatorOptions } from './propagator.ts';

/** A value, or a function that builds it when a method first needs it (forming a dense G costs dim² memory). */
export type Lazy<T> = T | (() => T);

/**
 * The value of a `Lazy` (built on each call: keep the result). Defined here, not in propagator.ts,
 * so the method modules import nothing at run time from the registry that imports them.
 */
export function forceLazy<T>(value: Lazy<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

/** Column-stacked vec index r + D·c → row-major r·D + c, into `out`. */
function rowMajorInto(out: Float64Array, v: Float64Array, D: number): Float64Array {
  for (let r = 0; r < D; r++) {
    for (let c = 0; c < D; c++) {
      out[2 * (r * D + c)] = v[2 * (r + D * c)];
      out[2 * (r * D + c) + 1] = v[2 * (r + D * c) + 1];
    }
  }
  return out;
}

function run(problem: LtiProblem, options: ResolvedPropagatorOptions): PropagatorRun {
  const G = forceLazy(problem.dense!);
  const { times } = problem;
  const D = problem.structure?.kind === 'density-matrix' ? problem.structure.D : 0;
  let y: Float64Array = D ? vec({ rows: D, cols: D, data: problem.y0 }) : problem.y0.slice();
  let next: Float64Array = new Float64Array(y.length);
  const rowMajor = D ? new Float64Array(y.length) : null;
  const states: Float64Array[] = [];
  const emit = (k: number) => {
    const out = rowMajor ? rowMajorInto(rowMajor, y, D) : y;
    if (options.keepStates) states.push(out.slice());
    options.onOutput?.(k, times[k], out);
  };
  const cache = new Map<number, CMatrix>();
  emit(0);
  for (let k = 1; k < times.length; k++) {
    const dt = times[k] - times[k - 1];
    // Steps that agree to 12 digits share one propagator.
    const key = Number(dt.toPrecision(12));
    let P = cache.get(key);
    if (!P) {
      P = expm(scale(G, dt));
      cache.set(key, P);
    }
    matvecInto(next, P, y);
    const t = y;
    y = next;
    next = t;
    emit(k);
  }
  // ‖G‖₂ ≤ √(‖G‖₁‖G‖_∞).
  const floor = roundoffFloor(Math.sqrt(norm1(G) * normInf(G)), times[times.length - 1] - times[0], vecNorm(problem.y0));
  return { method: denseExpmMethod.name, states, stats: { matvecs: times.length - 1, exponentials: cache.size, errorEstimate: 0, roundoffFloor: floor } };
}

export const denseExpmMethod: PropagatorMethod = {
  name: 'dense-expm',
  unsupported: (problem: LtiShape) => (problem.dense === undefined ? 'no dense generator' : null),
  run,
};
