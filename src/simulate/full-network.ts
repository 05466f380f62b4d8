/**
 * The full network, paper eq. 4:
 *   dρ/dt = −i[H, ρ] + Σ_l γ_l D(L_l)ρ + K_c Σ_{{j,k}∈E} a_jk D(U_jk)ρ,
 * a linear time-invariant system on the 4ⁿ entries of ρ, propagated on a user time grid with
 * monitors of trace, Hermiticity and positivity.
 *
 * `fullNetworkProblem` states eq. 4 as a `density-matrix` problem of numeric/propagator.ts: the
 * 4ⁿ×4ⁿ column-stacked Liouvillian (CONVENTIONS.md, built only if the dense method runs), the
 * matrix-free kernel of numeric/lindblad-action.ts, and the lowered model. `propagate` then chooses
 * by its one policy, which for eq. 4 reads:
 * - `dense-expm` for n ≤ 3 (64×64): one exponential per distinct grid step, K_c-insensitive, the
 *   most accurate and cheapest choice there;
 * - `slow-manifold` for n ≥ 4 on the complete graph with uniform weight when
 *   ε = ‖𝓛₀‖/(K_c·a·n) ≤ 0.02 and the memory fits (simulate/slow-manifold.ts): exact adiabatic
 *   elimination onto the slow invariant subspace of dimension C(n+3,3), whose cost falls as K_c
 *   grows; where its fixed point does not contract it finishes with `krylov`;
 * - `krylov` otherwise: the adaptive Krylov exponential in real Hermitian coordinates, one long basis
 *   per interval where affordable, so the coupling clusters near −K_c·spec(Q_d) are captured once
 *   rather than per step (numeric/propagate.ts). Tolerance 1e-11 on ‖ρ(t)‖_F by default.
 * On other graphs the coupling's spectrum is not known in closed form and `auto` keeps `krylov`.
 * Beyond n = 10 the state alone is 16·4ⁿ bytes and the run ≈ 8·4ⁿ·(m + 14): refused with the
 * memory it would need (`ModelTooLarge` from the kernel).
 */
import type { LoweredModel } from '../core/lowered-model.ts';
import { type CMatrix, zeros } from '../numeric/cmatrix.ts';
import { denseLiouvillian, buildLindbladKernel, lindbladOperator } from '../numeric/lindblad-action.ts';
import { defaultPositivityEvery } from '../numeric/propagate.ts';
import { propagate, choosePropagator, DENSE_MAX_DIM, type LtiProblem, type LtiShape } from '../numeric/propagator.ts';
import { hermitianEig } from '../numeric/eig.ts';
import type { SlowManifoldStats } from './slow-manifold.ts';
// Registers the slow-manifold method with numeric/propagator.ts.
import './slow-manifold.ts';

export type FullNetworkMethod = 'dense-expm' | 'krylov' | 'slow-manifold';

/** Krylov tolerance on ‖ρ(t) − ρ_exact(t)‖_F when the caller gives none. */
export const DEFAULT_FULL_TOLERANCE = 1e-11;

/** Largest n for which `auto` chooses the dense 4ⁿ×4ⁿ exponential (64×64 at n = 3; propagator.ts's policy). */
export const DENSE_FULL_MAX_QUBITS = Math.round(Math.log2(DENSE_MAX_DIM['density-matrix']) / 2);

export interface FullNetworkOptions {
  /** `auto` (default): dense-expm for n ≤ 3, slow-manifold where it applies (see above), krylov otherwise. */
  method?: 'auto' | FullNetworkMethod;
  /** Krylov tolerance on ‖ρ(t) − ρ_exact(t)‖_F over the grid (default 1e-11). */
  tolerance?: number;
  /**
   * Called at every output with ρ(t_k) as row-major interleaved data. The buffer is reused after the
   * call returns: copy it to keep it.
   */
  onState?: (k: number, t: number, rho: Float64Array) => void;
  /** λ_min(ρ) every this many outputs and at the last (default `defaultPositivityEvery(2ⁿ)`). */
  positivityEvery?: number;
}

/** Monitors of a propagated density matrix over the grid. */
export interface StateMonitors {
  /** max_k |tr ρ(t_k) − tr ρ(0)|. */
  maxTraceDrift: number;
  /** max_k ‖ρ(t_k) − ρ(t_k)†‖_F. */
  maxHermiticityDrift: number;
  /** min_k λ_min((ρ(t_k) + ρ(t_k)†)/2) over the sampled outputs. */
  minEigenvalue: number;
  /** Outputs at which λ_min was computed. */
  positivitySamples: number;
}

export interface FullNetworkRun {
  method: FullNetworkMethod;
  monitors: StateMonitors;
  /** Applications of the generator (krylov) or exponentials formed (dense-expm). */
  work: { matvecs: number; exponentials: number };
  /** The Krylov integrator's own estimate of the global error (0 for dense-expm). */
  errorEstimate: number;
  /**
   * u·‖𝓛‖₂·(t_end − t₀)·‖ρ₀‖_F (numeric/propagate.ts `roundoffFloor`): the error below which no
   * method in double precision can go; ‖𝓛‖₂ is estimated from the Arnoldi vectors (krylov) or
   * bounded by √(‖𝓛‖₁‖𝓛‖_∞) (dense-expm).
   */
  roundoffFloor: number;
  /** What the slow-manifold method did (its Riccati iterations, slow dimension, ε, fallback). */
  slowManifold?: SlowManifoldStats;
}

/** Accumulates `StateMonitors` from row-major states, with preallocated scratch. */
export class MonitorAccumulator {
  private readonly D: number;
  private readonly sym: CMatrix;
  private readonly tr0: [number, number];
  private readonly every: number;
  private readonly last: number;
  readonly monitors: StateMonitors = { maxTraceDrift: 0, maxHermiticityDrift: 0, minEigenvalue: Infinity, positivitySamples: 0 };

  constructor(rho0: CMatrix, outputs: number, every?: number) {
    this.D = rho0.rows;
    this.sym = zeros(this.D, this.D);
    let re = 0;
    let im = 0;
    for (let i = 0; i < this.D; i++) {
      re += rho0.data[2 * (i * this.D + i)];
      im += rho0.data[2 * (i * this.D + i) + 1];
    }
    this.tr0 = [re, im];
    this.every = every ?? defaultPositivityEvery(this.D);
    this.last = outputs - 1;
  }

  add(k: number, rho: Float64Array): void {
    const D = this.D;
    let re = 0;
    let im = 0;
    let herm = 0;
    const S = this.sym.data;
    for (let r = 0; r < D; r++) {
      re += rho[2 * (r * D + r)];
      im += rho[2 * (r * D + r) + 1];
      for (let c = 0; c < D; c++) {
        const a = 2 * (r * D + c);
        const b = 2 * (c * D + r);
        const dr = rho[a] - rho[b];
        const di = rho[a + 1] + rho[b + 1];
        herm += dr * dr + di * di;
        S[a] = 0.5 * (rho[a] + rho[b]);
        S[a + 1] = 0.5 * (rho[a + 1] - rho[b + 1]);
      }
    }
    const m = this.monitors;
    m.maxTraceDrift = Math.max(m.maxTraceDrift, Math.hypot(re - this.tr0[0], im - this.tr0[1]));
    m.maxHermiticityDrift = Math.max(m.maxHermiticityDrift, Math.sqrt(herm));
    if (k % this.every === 0 || k === this.last) {
      m.minEigenvalue = Math.min(m.minEigenvalue, hermitianEig(this.sym, { vectors: false }).values[0]);
      m.positivitySamples++;
    }
  }
}

/** Eq. 4 without its state and grid: what the policy reads. */
function fullNetworkShape(lowered: LoweredModel): LtiShape {
  const D = 2 ** lowered.n;
  return {
    dim: D * D,
    dense: () => denseLiouvillian(lowered).total,
    operator: () => lindbladOperator(buildLindbladKernel(lowered)),
    structure: { kind: 'density-matrix', D, model: lowered },
  };
}

/** Eq. 4 as a linear time-invariant problem on row-major ρ (numeric/propagator.ts). */
export function fullNetworkProblem(lowered: LoweredModel, rho0: CMatrix, times: readonly number[]): LtiProblem {
  return { ...fullNetworkShape(lowered), y0: rho0.data, times };
}

/** The method `auto` resolves to for a lowered model (propagator.ts's policy). */
export function chooseFullMethod(lowered: LoweredModel, requested: FullNetworkOptions['method'] = 'auto'): FullNetworkMethod {
  return choosePropagator(fullNetworkShape(lowered), { method: requested }) as FullNetworkMethod;
}

/**
 * ρ(t_k) of eq. 4 for one lowered model (its K_c) on the grid `times` (times[0] is the time of ρ₀),
 * streaming each state to `onState`; returns the method used and the monitors.
 */
export function propagateFullNetwork(lowered: LoweredModel, rho0: CMatrix, times: readonly number[], options: FullNetworkOptions = {}): FullNetworkRun {
  const acc = new MonitorAccumulator(rho0, times.length, options.positivityEvery);
  const onState = options.onState;
  const run = propagate(fullNetworkProblem(lowered, rho0, times), {
    method: options.method,
    tolerance: options.tolerance ?? DEFAULT_FULL_TOLERANCE,
    keepStates: false,
    onOutput: (k, t, rho) => {
      acc.add(k, rho);
      onState?.(k, t, rho);
    },
  });
  const { matvecs, exponentials, errorEstimate, roundoffFloor } = run.stats;
  const result: FullNetworkRun = { method: run.method as FullNetworkMethod, monitors: acc.monitors, work: { matvecs, exponentials }, errorEstimate, roundoffFloor };
  if (run.method === 'slow-manifold') result.slowManifold = run.details as SlowManifoldStats;
  return result;
}
