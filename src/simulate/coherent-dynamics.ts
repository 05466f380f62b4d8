/**
 * The blended coherent dynamics, paper eq. 17, in the orbit basis:
 *   dy_d/dt = Proj(A_d) y_d,   Proj(A_d) = P_dᵀ A P_d,   y_d(0) = P_dᵀ vec ρ(0),
 * with P_d's orthonormal columns [p_m]_k = 1/√|V_m| on the S_n-orbit V_m of matrix units (connected
 * graph; CONVENTIONS.md), in the canonical orbit order of `coherent/orbits.ts`. Proj(A_d) comes from
 * `coherent/orbit-basis.ts` (sparse, built without any 4ⁿ object) through the §5 derivation
 * (`deriveCoherent`), and y_d(0) from the same; this file only propagates them. No K_c enters eq. 17.
 *
 * Propagation: an `orbit-basis` problem of numeric/propagator.ts (`coherentProblem`), whose policy
 * takes dense exponentials for p ≤ 816 (n ≤ 15; one exponential per distinct grid step) and the
 * adaptive Krylov exponential on the sparse matrix beyond (n = 50: p = 23,426; n = 100: p = 176,851).
 */
import { type CMatrix, zeros } from '../numeric/cmatrix.ts';
import type { LinearOperator } from '../numeric/propagate.ts';
import { propagate, DENSE_MAX_DIM, type LtiProblem } from '../numeric/propagator.ts';
import { csrApplyInto, type OrbitGenerator } from '../coherent/orbit-basis.ts';

/** Largest p = C(n+3, 3) for which eq. 17 is exponentiated densely (n = 15; propagator.ts's policy). */
export const DENSE_COHERENT_MAX_ORBITS = DENSE_MAX_DIM['orbit-basis'];

/** Proj(A_d) as a dense `CMatrix` (small p). */
export function projectedDense(g: OrbitGenerator): CMatrix {
  const { dim, rowPtr, colIdx, values } = g.csr;
  const out = zeros(dim, dim);
  for (let r = 0; r < dim; r++) {
    for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) {
      out.data[2 * (r * dim + colIdx[e])] += values[2 * e];
      out.data[2 * (r * dim + colIdx[e]) + 1] += values[2 * e + 1];
    }
  }
  return out;
}

/** Proj(A_d) as a matrix-free operator (sparse matvec, no allocation). */
export function projectedOperator(g: OrbitGenerator): LinearOperator {
  return { dim: g.csr.dim, applyInto: (out, x) => csrApplyInto(out, g.csr, x) };
}

export interface CoherentTrajectory {
  method: 'dense-expm' | 'krylov';
  /** y_d(t_k), 2p doubles each. */
  states: Float64Array[];
  /** Krylov statistics (null for dense). */
  matvecs: number | null;
}

/**
 * Krylov dimension for eq. 17. Eq. 17 has no −K_cQ_d term, so it is not stiff: Krylov steps grow
 * about linearly with the basis while Gram–Schmidt grows quadratically, and short bases win
 * (measurements in docs/BENCHMARKS.md, "Eq. 17 in the orbit basis").
 */
export const COHERENT_KRYLOV_DIM = 30;

/** Eq. 17 as a linear time-invariant problem in the orbit basis (numeric/propagator.ts). */
export function coherentProblem(g: OrbitGenerator, yd0: Float64Array, times: readonly number[]): LtiProblem {
  return { dim: g.csr.dim, y0: yd0, times, dense: () => projectedDense(g), operator: projectedOperator(g), structure: { kind: 'orbit-basis' } };
}

/** y_d(t_k) of eq. 17 on the grid. */
export function propagateCoherent(g: OrbitGenerator, yd0: Float64Array, times: readonly number[], options: { tolerance?: number; maxKrylovDim?: number } = {}): CoherentTrajectory {
  const run = propagate(coherentProblem(g, yd0, times), { tolerance: options.tolerance ?? 1e-10, maxKrylovDim: options.maxKrylovDim ?? COHERENT_KRYLOV_DIM });
  return { method: run.method as CoherentTrajectory['method'], states: run.states, matvecs: run.method === 'dense-expm' ? null : run.stats.matvecs };
}
