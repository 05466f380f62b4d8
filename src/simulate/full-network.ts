/**
 * The full network, paper eq. 4:
 *   dρ/dt = −i[H, ρ] + Σ_l γ_l D(L_l)ρ + K_c Σ_{{j,k}∈E} a_jk D(U_jk)ρ,
 * a linear time-invariant system on the 4ⁿ entries of ρ, propagated on a user time grid with
 * monitors of trace, Hermiticity and positivity.
 *
 * Two exact-in-exact-arithmetic methods, both insensitive to K_c (the stiffness of eq. 14 grows with
 * K_c·λ_max(Q_d)):
 * - `dense-expm` (default for n ≤ 3): the 4ⁿ×4ⁿ Liouvillian (column-stacked, CONVENTIONS.md) is
 *   exponentiated once per distinct grid step by scaling and squaring (Higham 2005); each step is then a
 *   matrix–vector product. Backward stable with error ≈ u‖𝓛Δt‖ in the generator, so K_c = 10⁶ costs
 *   a few more squarings, not more steps. At n = 3 (64×64) this is the most accurate and cheapest choice.
 * - `krylov` (n ≥ 4): the matrix-free kernel of `numeric/lindblad-action.ts` under the adaptive Krylov
 *   exponential of `numeric/propagate.ts`, one long Krylov basis per interval where affordable, so
 *   the coupling clusters near −K_c·spec(Q_d) are captured once rather than per step (matvecs grow
 *   2.2–3.9× from K_c = 1 to 10³ at n = 5…8 on the Example-3 model; see that module). Tolerance 1e-11 on ‖ρ(t)‖_F by default.
 * - `slow-manifold` (auto for n ≥ 4 on the complete graph with uniform weight when
 *   ε = ‖𝓛₀‖/(K_c·a·n) ≤ 0.02 and the memory fits): a short Krylov step through the fast transient,
 *   then exact adiabatic elimination onto the slow invariant subspace of dimension C(n+3,3)
 *   (simulate/slow-manifold.ts), whose cost falls as K_c grows; where the fixed point for that
 *   subspace does not contract it finishes with `krylov`. On other graphs the coupling's spectrum is
 *   not known in closed form and `auto` keeps `krylov`.
 * Beyond n = 10 the state alone is 16·4ⁿ bytes and the run ≈ 8·4ⁿ·(m + 14): refused with
 * the memory it would need (`ModelTooLarge` from the kernel).
 */
import type { LoweredModel } from '../core/lowered-model.ts';
import { type CMatrix, vec, zeros, matvecInto, scale, norm1, normInf, frobeniusNorm } from '../numeric/cmatrix.ts';
import { denseLiouvillian, buildLindbladKernel, lindbladOperator } from '../numeric/lindblad-action.ts';
import { propagateRho, defaultPositivityEvery, roundoffFloor } from '../numeric/propagate.ts';
import { expm } from '../numeric/expm.ts';
import { hermitianEig } from '../numeric/eig.ts';
import { chooseSlowManifold, propagateSlowManifold, type SlowManifoldStats } from './slow-manifold.ts';

export type FullNetworkMethod = 'dense-expm' | 'krylov' | 'slow-manifold';

/** Krylov tolerance on ‖ρ(t) − ρ_exact(t)‖_F when the caller gives none. */
export const DEFAULT_FULL_TOLERANCE = 1e-11;

/** Largest n for which `auto` chooses the dense 4ⁿ×4ⁿ exponential (64×64 at n = 3). */
export const DENSE_FULL_MAX_QUBITS = 3;

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

/** The method `auto` resolves to for a lowered model. */
export function chooseFullMethod(lowered: LoweredModel, requested: FullNetworkOptions['method'] = 'auto'): FullNetworkMethod {
  if (requested !== 'auto') return requested;
  if (lowered.n <= DENSE_FULL_MAX_QUBITS) return 'dense-expm';
  return chooseSlowManifold(lowered) ? 'slow-manifold' : 'krylov';
}

/**
 * ρ(t_k) of eq. 4 for one lowered model (its K_c) on the grid `times` (times[0] is the time of ρ₀),
 * streaming each state to `onState`; returns the method used and the monitors.
 */
export function propagateFullNetwork(lowered: LoweredModel, rho0: CMatrix, times: readonly number[], options: FullNetworkOptions = {}): FullNetworkRun {
  const method = chooseFullMethod(lowered, options.method);
  const acc = new MonitorAccumulator(rho0, times.length, options.positivityEvery);
  const onState = options.onState;
  const tol = options.tolerance ?? DEFAULT_FULL_TOLERANCE;
  if (method === 'slow-manifold') {
    const st = propagateSlowManifold(lowered, rho0, times, {
      tolerance: tol,
      onOutput: (k, t, rho) => {
        acc.add(k, rho);
        onState?.(k, t, rho);
      },
    });
    return { method, monitors: acc.monitors, work: { matvecs: st.matvecs, exponentials: 0 }, errorEstimate: st.errorEstimate, roundoffFloor: st.roundoffFloor, slowManifold: st };
  }
  if (method === 'krylov') {
    const kernel = buildLindbladKernel(lowered);
    // Density operators are propagated in real coordinates of the Hermitian matrices (real Arnoldi,
    // numeric/propagate.ts); ρ(t) is then Hermitian by construction and that monitor reads 0.
    const res = propagateRho(lindbladOperator(kernel), rho0, times, {
      atol: tol,
      rtol: tol,
      keepStates: false,
      onOutput: (k, t, y) => {
        acc.add(k, y);
        onState?.(k, t, y);
      },
    });
    return { method, monitors: acc.monitors, work: { matvecs: res.stats.matvecs, exponentials: 0 }, errorEstimate: res.stats.errorEstimate, roundoffFloor: res.stats.roundoffFloor };
  }
  const L = denseLiouvillian(lowered).total;
  const D = rho0.rows;
  const N = D * D;
  let y: Float64Array = vec(rho0);
  let next: Float64Array = new Float64Array(2 * N);
  const rowMajor = new Float64Array(2 * N);
  const cache = new Map<number, CMatrix>();
  const emit = (k: number) => {
    // column-stacked vec index r + D·c → row-major r·D + c
    for (let r = 0; r < D; r++) for (let c = 0; c < D; c++) {
      rowMajor[2 * (r * D + c)] = y[2 * (r + D * c)];
      rowMajor[2 * (r * D + c) + 1] = y[2 * (r + D * c) + 1];
    }
    acc.add(k, rowMajor);
    onState?.(k, times[k], rowMajor);
  };
  emit(0);
  for (let k = 1; k < times.length; k++) {
    const dt = times[k] - times[k - 1];
    if (!(dt >= 0)) throw new Error(`output times must be non-decreasing (t[${k}] = ${times[k]})`);
    // Steps that agree to 12 digits share one propagator (a uniform grid costs one exponential).
    const key = Number(dt.toPrecision(12));
    let P = cache.get(key);
    if (!P) {
      P = expm(scale(L, dt));
      cache.set(key, P);
    }
    matvecInto(next, P, y);
    const t = y;
    y = next;
    next = t;
    emit(k);
  }
  const floor = roundoffFloor(Math.sqrt(norm1(L) * normInf(L)), times[times.length - 1] - times[0], frobeniusNorm(rho0));
  return { method, monitors: acc.monitors, work: { matvecs: times.length - 1, exponentials: cache.size }, errorEstimate: 0, roundoffFloor: floor };
}
