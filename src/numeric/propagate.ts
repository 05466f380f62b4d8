/**
 * The adaptive Krylov exponential, the kernel of the `krylov` method of propagator.ts: y(t_k) =
 * e^{(t_k − t₀)𝓐}y₀ on a time grid for any matvec 𝓐 on interleaved complex vectors (eq. 4 on the
 * 4ⁿ entries of ρ, eq. 5 on n 2×2 states, eq. 17 in an orbit basis), or on real vectors
 * (`LinearOperator.real`).
 *
 * Method: Arnoldi, Expokit-style (Saad 1992, Sidje 1998). From a state y at time t, Arnoldi builds
 * V_{m+1}, H̄_m with 𝓐V_m = V_{m+1}H̄_m, and
 *
 *   y(t + τ) ≈ β·V_{m+1}·exp(τ·H̃)·e₁,  H̃ = [[H_m, 0], [h_{m+1,m}e_mᵀ, 0]],  β = ‖y‖,
 *
 * the "corrected" approximation. Its a posteriori error estimate is β·|[exp(τH̃)]_{m+1,1}| =
 * β·τ·h_{m+1,m}·|e_mᵀφ₁(τH_m)e₁|, accepted when below ¼·tol·τ/(t_end − t₀) so local errors sum to at
 * most tol. A step first tries to reach the end of the whole interval: it grows the basis, checking
 * at a few dimensions (see nextCheck) whether the estimate for the remaining interval passes, until
 * it does, or m reaches `maxKrylovDim`, or a cost model says a shorter step and a restart advance time
 * more cheaply; then it takes the largest τ the basis supports. The small exponentials come from one
 * eigen-decomposition of H_m per check (SpectralForm; Padé when that is ill-conditioned), so the
 * error estimate at any τ, the new state and every output inside the step (dense output) cost O(m²).
 *
 * Why this choice (stiffness in K_c, paper eq. 14: 𝓐 = A − K_c Q_d with Q_d ⪰ 0 of spectrum
 * {0} ∪ [λ_m, λ_max]): the step size of an explicit scheme is capped at ≈ 2.8/(K_cλ_max), while a
 * Krylov step is limited only by how well a degree-m polynomial can follow e^{τz} on the part of the
 * spectrum the start vector sees; it needs no linear solves with the matrix-free 𝓐, keeps an
 * a-posteriori-controlled accuracy, and preserves tr ρ exactly (the corrected approximation:
 * tr 𝓐x = 0 makes the trace error of the uncorrected scheme cancel against the correction's trace).
 * Implicit or rational-Krylov schemes need inner solves with 𝓐: their outer dimension is
 * K_c-independent, but unpreconditioned GMRES on I − γ𝓐 costs far more products than this method
 * saves (docs/BENCHMARKS.md, "Would a rational Krylov method meet the 2× goal?"). On the complete
 * graph the coupling's spectrum is known exactly, and the slow-manifold method
 * (simulate/slow-manifold.ts) replaces this propagator at strong coupling; this one remains the
 * method for every other graph and for weak coupling.
 *
 * Stiffness and the basis size. Arnoldi converges according to the field of values, and
 * W(A − K_cQ_d) ⊇ [−K_cλ_max, 0] + W(A) fills the spectral gap (−K_cλ_m, 0) whenever [A, Q_d] ≠ 0:
 * each basis must first capture the coupling clusters near −K_c·(eigenvalues of Q_d) before it
 * converges (then superlinearly). With short bases that price is paid on every one of many steps
 * (matvecs ∝ log K_c and worse); with long bases it is paid once per step and steps are few, so the
 * matvec count grows only by a small factor from K_c = 1 to 10³ (docs/BENCHMARKS.md, "Krylov
 * propagator tuning"). Gram–Schmidt then costs O(m²·dim), which is why it runs in WebAssembly SIMD
 * (krylov-basis.ts), and the time ratio exceeds the matvec ratio. The price does not follow the
 * field-of-values bound (a degree ∝ √(K_c·λ_max·T)): the clusters' width is set by ‖A‖ while their
 * distance from the slow part grows ∝ K_c, so capturing them takes about as many Ritz values at
 * K_c = 10⁶ as at 10³. Bounded, not constant: removing it would need a rational Krylov method with
 * near-exact inner solves (above).
 *
 * Density matrices (`propagateRho`, `propagateDensityMatrix`) are propagated in real coordinates of
 * the Hermitian matrices (`hermitianCoordinates`, a Frobenius isometry): every Lindbladian maps
 * Hermitian to Hermitian, so eq. 4 is a real linear system of 4ⁿ unknowns there. Arnoldi then works
 * on real vectors — a quarter of the Gram–Schmidt and dense-output flops and half the memory of
 * complex ones — and ρ(t) is Hermitian by construction.
 *
 * For graphs whose Laplacian has an unbounded λ_max/λ_m (rings, grids with 10⁶ nodes) no polynomial
 * method is K_c-independent; reduced-network.ts treats eq. 5 there with an exact factorisation.
 */
import { DimensionMismatch } from '../core/errors.ts';
import { type CMatrix, zeros, matvecInto, hermiticityDefect, trace, vecNorm, frobeniusNorm } from './cmatrix.ts';
import { expm } from './expm.ts';
import { hermitianEig, eig } from './eig.ts';
import { solve } from './lu.ts';
import { realHessenbergEig, solveInEigenvectors, eigenvectorNorms, RealEigWorkspace } from './real-eig.ts';
import { type KrylovBasis, realKrylovBasis, complexKrylovBasis, maxRealBasisDim } from './krylov-basis.ts';

/** A linear map on interleaved complex vectors of `dim` entries (Float64Array length 2·dim). */
export interface LinearOperator {
  readonly dim: number;
  /** out = 𝓐x; `out` never aliases `x` when called from this module. */
  applyInto(out: Float64Array, x: Float64Array): Float64Array;
  /**
   * Approximate floating-point operations of one application (default 160·dim, a sparse operator
   * with ~10 complex entries per row). Only steers the Krylov dimension: extend the basis or restart.
   */
  readonly flops?: number;
  /**
   * Vectors are real, `dim` doubles (not interleaved complex): Arnoldi then runs in real arithmetic,
   * a quarter of the Gram–Schmidt flops and half the memory per Krylov vector. Used for density
   * matrices in a real coordinate system of the Hermitian matrices (`propagateDensityMatrix`).
   */
  readonly real?: boolean;
  /**
   * For generators on D×D matrices that preserve Hermiticity (every Lindbladian): the upper triangle
   * (i ≤ j) of 𝓐ρ for a Hermitian ρ, the strictly lower triangle of `out` left unspecified. Cheaper
   * than `applyInto` because ρH† = (Hρ)† and Hermitian terms need only half their entries;
   * `hermitianRealOperator` reads no more than that triangle.
   */
  applyHermitianUpperInto?(out: Float64Array, x: Float64Array): Float64Array;
  /** Flops of one `applyHermitianUpperInto` (steers the Krylov dimension like `flops`). */
  readonly hermitianFlops?: number;
}

export interface PropagateOptions {
  /** Absolute tolerance on ‖y(t) − y_exact(t)‖₂ over the whole grid (default 1e-10). */
  atol?: number;
  /** Tolerance relative to ‖y(t₀)‖₂ (default 1e-10); the effective tolerance is max(atol, rtol·‖y₀‖). */
  rtol?: number;
  /** Largest Krylov dimension m (default `defaultKrylovDim(dim)`; memory is (m + 4) vectors). */
  maxKrylovDim?: number;
  /** Keep every output state in the result (default true; false for large states, use `onOutput`). */
  keepStates?: boolean;
  /**
   * Real weights w (length dim) of a linear invariant f(y) = Σ w_i·y_i of the exact flow (for ρ: the
   * trace, w = vec(I)). After each step y is projected orthogonally onto {f(y) = f(y₀)}; the exact
   * solution lies on that hyperplane, so the projection never increases the error, and it removes
   * the round-off drift that grows with ‖τ𝓐‖ (K_c = 10⁴).
   */
  conserved?: Float64Array;
  /** Called at each output with a buffer that is reused afterwards (copy it to keep it). */
  onOutput?: (index: number, t: number, y: Float64Array) => void;
}

export interface PropagationStats {
  /** Applications of 𝓐 (the RHS-evaluation count of an ODE solver). */
  matvecs: number;
  /** Accepted Krylov steps. */
  steps: number;
  /** Step-size reductions on an exhausted basis. */
  rejections: number;
  /** Largest Krylov dimension used. */
  maxKrylovDim: number;
  /** Sum of accepted local error estimates (an estimate of the global error at t_end). */
  errorEstimate: number;
  /**
   * max_j ‖𝓐v_j‖ over every Arnoldi vector of the run: a lower bound on ‖𝓐‖₂ that a long basis
   * approaches (Krylov spaces find the extremal part of the spectrum first).
   */
  generatorNormEstimate: number;
  /**
   * `roundoffFloor(generatorNormEstimate, t_end − t₀, ‖y₀‖)`: the error no tolerance can go below
   * in double precision.
   */
  roundoffFloor: number;
}

/**
 * The rounding floor of y(t) = e^{t𝓐}y₀ in double precision, u·‖𝓐‖₂·t·‖y₀‖ (u = 2⁻⁵³). The
 * relative condition number of the matrix exponential is at least ‖t𝓐‖ and equals it for normal 𝓐
 * (Higham, Functions of Matrices, 2008, §10.2); any method whose steps are backward stable — Krylov
 * matvecs or a scaled-and-squared Padé exponential — commits relative errors of order u in 𝓐 and
 * so cannot do better. At the K_c* of Theorems 3–4 (10⁵–10⁷, ‖𝓐‖ ∝ K_c) this floor reaches 1e-9–1e-7
 * and can exceed a requested tolerance; differences below it are rounding, not method error.
 */
export function roundoffFloor(generatorNorm: number, span: number, normY0: number): number {
  return (Number.EPSILON / 2) * generatorNorm * Math.abs(span) * normY0;
}

export interface PropagationResult {
  times: number[];
  /** y(t_k) for each output time (empty when keepStates is false). */
  states: Float64Array[];
  stats: PropagationStats;
}

/**
 * Bytes the default Krylov basis of real vectors may take: 3.75 GiB. The basis's WebAssembly memory
 * is limited to 4 GiB, which a 4ⁿ = 4¹⁰ basis must share with a few work vectors; only n = 10 is
 * capped by it (at m = 476), where fewer restarts of a longer basis save time
 * (docs/BENCHMARKS.md, "Krylov propagator tuning").
 */
export const KRYLOV_MEMORY_BUDGET = 3.75 * 2 ** 30;

/** Largest default Krylov dimension for real vectors (see defaultKrylovDim). */
export const MAX_DEFAULT_REAL_KRYLOV_DIM = 900;

/**
 * The default largest Krylov dimension for states of `dim` entries. A larger basis lets one step
 * cover the whole interval (in the stiff regime the Ritz values must capture the coupling clusters
 * once per step, so fewer, longer steps save most of the matvecs), while Gram–Schmidt costs O(m²·dim)
 * and each convergence check an O(m³) eigen-solve; the cost model inside `propagate` still stops a
 * basis early when a restart is cheaper.
 * - Real vectors (density matrices in Hermitian coordinates; Gram–Schmidt in WebAssembly SIMD,
 *   krylov-basis.ts): min(900, dim, the memory budget); on eq. 4 long bases beat short ones at
 *   n = 7, 8 and tie below (docs/BENCHMARKS.md, "Krylov propagator tuning").
 * - Complex vectors (Gram–Schmidt in JavaScript): ≈ √(10⁹/dim) between 60 and 450, which keeps
 *   m²·dim ≈ 10⁹ flops (the best measured caps, same section).
 * @example defaultKrylovDim(4 ** 8) // => 124
 * @example defaultKrylovDim(4 ** 8, true) // => 900
 * @example defaultKrylovDim(4 ** 10, true) // => 476
 */
export function defaultKrylovDim(dim: number, real = false): number {
  const bytesPerVector = real ? 8 * dim : 16 * dim;
  const byMemory = Math.floor(KRYLOV_MEMORY_BUDGET / bytesPerVector) - 4;
  if (real) return Math.max(2, Math.min(dim, byMemory, MAX_DEFAULT_REAL_KRYLOV_DIM));
  const byCost = Math.round(Math.sqrt(1e9 / dim));
  return Math.max(2, Math.min(dim, byMemory, Math.min(450, Math.max(60, byCost))));
}

function checkGrid(times: readonly number[]): void {
  if (times.length === 0) throw new DimensionMismatch('at least one output time', 0);
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] >= times[k - 1])) throw new Error(`output times must be non-decreasing (t[${k}] = ${times[k]})`);
  }
}

/**
 * y(t_k) = e^{(t_k − t₀)𝓐}y₀ on the grid t₀ = times[0] ≤ … with the adaptive Krylov exponential.
 * This is the kernel of the `krylov` method of propagator.ts; callers with a whole problem use
 * `propagate` there, which also chooses the method.
 * @example propagateKrylov({ dim: 1, applyInto: (o, x) => { o[0] = -x[0]; o[1] = -x[1]; return o; } }, new Float64Array([1, 0]), [0, Math.LN2]).states[1][0].toFixed(12) // => '0.500000000000'
 */
export function propagateKrylov(op: LinearOperator, y0: Float64Array, times: readonly number[], options: PropagateOptions = {}): PropagationResult {
  checkGrid(times);
  const real = op.real === true;
  const N = real ? op.dim : 2 * op.dim;
  if (y0.length !== N) throw new DimensionMismatch(`state of ${op.dim} ${real ? 'real' : 'complex'} entries`, real ? y0.length : y0.length / 2);
  const requested = Math.min(options.maxKrylovDim ?? defaultKrylovDim(op.dim, real), op.dim);
  const mMax = Math.max(2, real ? Math.min(requested, maxRealBasisDim(N)) : requested);
  const keep = options.keepStates ?? true;
  // Flop weight of one complex entry in Gram–Schmidt and dense output (a real entry is ¼ of it).
  const entryWeight = real ? op.dim / 4 : op.dim;
  // Reusable storage; nothing is allocated per matvec. Column-major (m+1)×m Hessenberg, complex
  // interleaved: h(i, j) at 2·(i + (mMax+1)·j).
  const ws: KrylovBasis = real ? realKrylovBasis(N, mMax) : complexKrylovBasis(N, mMax);
  ws.y.set(y0);
  const h = acquireHessenberg(2 * (mMax + 1) * mMax);
  // Columns of h written since it was last cleared: a step clears only those, so the pages of the
  // columns no step reaches are never touched (h has room for mMax = 900 columns, 13 MB).
  let writtenColumns = 0;
  const eigWs = real ? acquireEigWorkspace() : null;
  const stats: PropagationStats = { matvecs: 0, steps: 0, rejections: 0, maxKrylovDim: 0, errorEstimate: 0, generatorNormEstimate: 0, roundoffFloor: 0 };
  const states: Float64Array[] = [];
  const wts = options.conserved;
  if (wts && wts.length !== op.dim) throw new DimensionMismatch(`${op.dim} invariant weights`, wts.length);
  // Entry i of the invariant's weights multiplies y[stride·i] (and y[stride·i + 1] for complex y).
  const stride = real ? 1 : 2;
  let wNorm2 = 0;
  let f0r = 0;
  let f0i = 0;
  if (wts) {
    for (let i = 0; i < op.dim; i++) {
      wNorm2 += wts[i] * wts[i];
      f0r += wts[i] * y0[stride * i];
      if (!real) f0i += wts[i] * y0[2 * i + 1];
    }
  }
  const project = (y: Float64Array) => {
    if (!wts || wNorm2 === 0) return;
    let fr = 0;
    let fi = 0;
    for (let i = 0; i < op.dim; i++) {
      fr += wts[i] * y[stride * i];
      if (!real) fi += wts[i] * y[2 * i + 1];
    }
    const dr = (f0r - fr) / wNorm2;
    const di = (f0i - fi) / wNorm2;
    for (let i = 0; i < op.dim; i++) {
      y[stride * i] += dr * wts[i];
      if (!real) y[2 * i + 1] += di * wts[i];
    }
  };
  const emit = (k: number, y: Float64Array) => {
    if (k > 0) project(y);
    if (keep) states.push(y.slice());
    options.onOutput?.(k, times[k], y);
  };
  const t0 = times[0];
  const tEnd = times[times.length - 1];
  const tol = Math.max(options.atol ?? 1e-10, (options.rtol ?? 1e-10) * vecNorm(y0));
  const span = tEnd - t0;
  let next = 0;
  while (next < times.length && times[next] === t0) emit(next++, ws.y);
  let t = t0;
  let lastExhausted = false;
  let lastTau = 0;
  // Spacing of a uniform output grid (0 if the grid is not uniform to 1e-13 relative).
  let uniformGap = times.length > 1 ? times[1] - times[0] : 0;
  for (let k = 2; k < times.length; k++) {
    if (Math.abs(times[k] - times[k - 1] - uniformGap) > 1e-13 * Math.max(1, Math.abs(uniformGap))) uniformGap = 0;
  }
  const ld = mMax + 1;
  const applyFlops = op.flops ?? 160 * op.dim;
  const checkWeight = real ? CHECK_WEIGHT.real : CHECK_WEIGHT.complex;
  const gsWeight = real ? GS_WEIGHT.real : GS_WEIGHT.complex;
  while (next < times.length) {
    const beta = ws.normY();
    if (beta === 0) {
      while (next < times.length) emit(next++, ws.y);
      break;
    }
    const remaining = tEnd - t;
    // The estimate is of the leading error term only; accepting at a quarter of the budget keeps the
    // true error inside it when a single long step spans the interval (as it does with large m).
    const tolStep = (tau: number) => ACCEPT_FRACTION * tol * (span > 0 ? tau / span : 1);
    const V = ws.V;
    h.fill(0, 0, 2 * ld * writtenColumns);
    ws.start(beta);
    let m = 0;
    let tau = remaining;
    let accepted = false;
    let err = Infinity;
    let sf: SpectralForm | null = null;
    // exp(τH̃) by Padé, only where the spectral form is unreliable (see SpectralForm).
    let F: CMatrix | null = null;
    // After a step that exhausted the basis with more than that step's length still to go, a check
    // before the full basis would almost surely fail, and each check is an O(m³) eigen-solve.
    let checkAt = lastExhausted && remaining > lastTau ? mMax : Math.min(mMax, FIRST_CHECK);
    let lastCheck: CheckPoint | null = null;
    let checkFlops = 0;
    // Largest τ this basis supports, when a check decided that extending it costs more per unit of
    // time than restarting from the end of a shorter step.
    let stopTau = 0;
    for (let j = 0; j < mMax; j++) {
      op.applyInto(ws.w, V[j]);
      stats.matvecs++;
      const before = ws.normW();
      if (before > stats.generatorNormEstimate) stats.generatorNormEstimate = before;
      let norm2 = 0;
      for (let pass = 0; pass < 2; pass++) {
        norm2 = ws.orthogonalize(j, h, ld);
        // A second Gram–Schmidt pass only when cancellation was severe (Kahan–Parlett "twice is
        // enough"): ‖w‖ after the pass below ‖𝓐v_j‖ / REORTH_RATIO. See REORTH_RATIO for the trade-off.
        if (Math.sqrt(norm2) > before / REORTH_RATIO) break;
      }
      const hnext = Math.sqrt(norm2);
      m = j + 1;
      if (hnext <= 1e-14 * before || hnext === 0) {
        // Happy breakdown: span(V_m) is invariant and the approximation is exact for every τ
        // (h_{m+1,m} = 0 makes the correction term vanish).
        V[j + 1].fill(0);
        sf = spectralForm(h, ld, m, eigWs);
        if (!sf?.reliable) F = smallExponential(h, ld, m, tau);
        err = 0;
        accepted = true;
        break;
      }
      h[2 * (j + 1 + ld * j)] = hnext;
      const inv = 1 / hnext;
      ws.setNext(j + 1, inv);
      if (m === checkAt) {
        // Does the basis already reach the end of the whole interval?
        sf = spectralForm(h, ld, m, eigWs);
        const est = sf ? spectralError(sf, beta, tau) : Infinity;
        if (sf?.reliable && est <= tolStep(tau)) {
          err = est;
          accepted = true;
          break;
        }
        if (!sf?.reliable && est <= 100 * tolStep(tau)) {
          F = smallExponential(h, ld, m, tau);
          err = beta * Math.hypot(F.data[2 * (m * (m + 1))], F.data[2 * (m * (m + 1)) + 1]);
          if (err <= tolStep(tau)) {
            accepted = true;
            break;
          }
          F = null;
        }
        checkFlops += checkWeight * m ** 3;
        const target = nextCheck(m, mMax, entryWeight, lastCheck, { m, est }, tolStep(tau));
        if (sf?.reliable && m >= MIN_STOP_DIM && target > m && lastCheck && est < lastCheck.est) {
          // Extend to `target` (where the extrapolated estimate covers the rest of the interval) only
          // if that is predicted to advance time at least as cheaply as stopping here: rate = τ/cost,
          // cost = matvecs + Gram–Schmidt (GS_WEIGHT·m²·dim) + checks (CHECK_WEIGHT·m³ each).
          const tauHere = largestStep(sf, beta, tau, tolStep);
          const cost = (k: number) => k * applyFlops + gsWeight * k * k * entryWeight + checkFlops + (k > m ? checkWeight * k ** 3 : 0);
          if (tauHere > 0 && tauHere / cost(m) > tau / cost(target)) {
            stopTau = tauHere;
            break;
          }
        }
        checkAt = target;
        lastCheck = { m, est };
      }
    }
    lastExhausted = !accepted && stopTau === 0;
    if (!accepted && stopTau > 0) {
      tau = stopTau;
      err = spectralError(sf!, beta, tau);
      accepted = true;
    }
    if (!accepted) {
      // Exhausted basis: take (nearly) the largest τ it supports. Using the whole basis matters in the
      // stiff regime, where Arnoldi converges superlinearly once the Ritz values have captured the
      // fast (coupling) part of the spectrum. The search runs on the spectral form (O(m) per trial).
      if (!sf || sf.m !== m) sf = spectralForm(h, ld, m, eigWs);
      const lo = sf ? largestStep(sf, beta, tau, tolStep) : 0;
      tau = lo > 0 ? lo : tau * 0.25;
      if (sf?.reliable && lo > 0) {
        err = spectralError(sf, beta, tau);
      } else {
        // Unreliable spectral form: confirm τ with the Padé exponential of the augmented matrix.
        for (;;) {
          F = smallExponential(h, ld, m, tau);
          err = beta * Math.hypot(F.data[2 * (m * (m + 1))], F.data[2 * (m * (m + 1)) + 1]);
          if (err <= tolStep(tau)) break;
          stats.rejections++;
          tau *= 0.6;
          if (tau < 1e-14 * Math.max(1, Math.abs(t))) throw new Error('propagate: step size underflow');
        }
        sf = null;
      }
    }
    if (F !== null) sf = null;
    writtenColumns = m;
    if (m > stats.maxKrylovDim) stats.maxKrylovDim = m;
    const tNew = tau === remaining ? tEnd : t + tau;
    const cols = m + 1;
    const c = new Float64Array(2 * cols);
    // Terms below 10⁻³ of this step's error budget, spread over the m + 1 basis vectors.
    const negligible = (1e-3 * tolStep(tau)) / cols;
    if (sf) {
      // Dense output inside (t, t + τ]: exp(dt·H̃)e₁ from the spectral form, O(m²) per output.
      while (next < times.length && times[next] <= tNew) {
        spectralColumn(sf, times[next] - t, c);
        ws.combine(c, m, beta, negligible);
        emit(next++, ws.out);
      }
      spectralColumn(sf, tau, c);
      ws.combine(c, m, beta, negligible);
    } else {
      F ??= smallExponential(h, ld, m, tau);
      emitPadeOutputs(F, tau, tNew, cols, beta);
      ws.combine(firstColumn(F, cols), m, beta);
    }
    ws.y.set(ws.out);
    project(ws.y);
    stats.steps++;
    stats.errorEstimate += err;
    t = tNew;
    lastTau = tau;
  }
  stats.roundoffFloor = roundoffFloor(stats.generatorNormEstimate, span, vecNorm(y0));
  ws.release();
  if (eigWs) releaseEigWorkspace(eigWs);
  h.fill(0, 0, 2 * ld * writtenColumns);
  releaseHessenberg(h);
  return { times: [...times], states, stats };

  /**
   * Outputs of a step whose small exponential is the Padé one. On a uniform grid,
   * exp(δ + kΔ)H̃·e₁ = exp(ΔH̃)^k·exp(δH̃)e₁ costs one small exponential for all outputs of the
   * step instead of one each; exp(ΔH̃) is formed only when a second grid point of the step uses it.
   */
  function emitPadeOutputs(F: CMatrix, tau: number, tNew: number, cols: number, beta: number): void {
    const m = cols - 1;
    let c: Float64Array | null = null;
    let stepE: CMatrix | null = null;
    let stepEDue = false;
    let prevT = 0;
    while (next < times.length && times[next] <= tNew) {
      const dt = times[next] - t;
      const gap = dt - prevT;
      if (dt === tau) {
        c = firstColumn(F, cols);
      } else if (c !== null && stepEDue && Math.abs(gap - uniformGap) <= 1e-13 * Math.max(1, Math.abs(uniformGap))) {
        stepE ??= smallExponential(h, ld, m, uniformGap);
        const cNext = new Float64Array(2 * cols);
        matvecInto(cNext, stepE, c);
        c = cNext;
      } else {
        c = firstColumn(smallExponential(h, ld, m, dt), cols);
        if (uniformGap > 0) stepEDue = true;
      }
      prevT = dt;
      ws.combine(c, m, beta);
      emit(next++, ws.out);
    }
  }
}

/**
 * Reorthogonalise when ‖w‖ after one MGS pass is below ‖𝓐v_j‖ / REORTH_RATIO. After one MGS pass
 * |⟨v_i, w⟩|/‖w‖ ≲ c·j·ε·ratio (Björck), so 20 still keeps the basis orthogonal to ~1e-13, while the
 * classical threshold 2 would take a second pass on most Arnoldi steps of the stiff eq. 4 runs,
 * whose cancellation ratios are mostly below 20 (docs/BENCHMARKS.md, "Krylov propagator tuning");
 * Gram–Schmidt is the largest cost at n ≥ 6.
 */
const REORTH_RATIO = 20;

/** exp(τH̃) for the (m+1)×(m+1) augmented matrix H̃ = [[H_m, 0], [h_{m+1,m}e_mᵀ, 0]]. */
function smallExponential(h: Float64Array, ld: number, m: number, tau: number): CMatrix {
  const M = zeros(m + 1, m + 1);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i <= Math.min(j + 1, m); i++) {
      M.data[2 * (i * (m + 1) + j)] = tau * h[2 * (i + ld * j)];
      M.data[2 * (i * (m + 1) + j) + 1] = tau * h[2 * (i + ld * j) + 1];
    }
  }
  return expm(M);
}

function firstColumn(F: CMatrix, cols: number): Float64Array {
  const c = new Float64Array(2 * cols);
  for (let i = 0; i < cols; i++) {
    c[2 * i] = F.data[2 * (i * cols)];
    c[2 * i + 1] = F.data[2 * (i * cols) + 1];
  }
  return c;
}

/**
 * The Arnoldi matrix in spectral form, H_m = S·Λ·S⁻¹ (S with unit columns), which gives the first
 * column of the augmented exponential for any τ in O(m²):
 *
 *   exp(τH̃)e₁ = [ S·e^{τΛ}·w ;  h_{m+1,m}·Σ_k S[m−1, k]·w_k·τφ₁(τλ_k) ],  w = S⁻¹e₁,
 *
 * (the last entry is h_{m+1,m}·e_mᵀτφ₁(τH_m)e₁, the corrected scheme's error estimate). One O(m³)
 * eigen-solve then serves the error estimate at every trial τ, every dense output and the new state,
 * where a Padé exponential of the (m+1)×(m+1) matrix costs O(m³) per τ with ≈ log₂‖τH_m‖ squarings
 * (‖τH_m‖ ≈ 10⁵ for eq. 4 at K_c = 10³). Evaluating S·(w ∘ e^{τλ}) amplifies rounding by at most
 * a = Σ_k|w_k| relative to β; the form is `reliable` when a ≤ 10⁴ (error ≲ 10⁻¹²), otherwise (close
 * Ritz values, near-defective H_m) the Padé exponential is used.
 */
interface SpectralForm {
  m: number;
  lambda: Float64Array;
  /** Complex operators: the eigenvectors, unit columns (w then refers to them). */
  S: CMatrix | null;
  /** Real operators: the real Schur data (w then refers to the unnormalised s_k, see realSpectralForm). */
  schur: RealSchurData | null;
  w: Float64Array;
  /** g_k = S[m−1, k]·w_k. */
  g: Float64Array;
  /** h_{m+1,m} (real, ≥ 0). */
  hm: number;
  reliable: boolean;
}

const SPECTRAL_AMPLIFICATION_LIMIT = 1e4;

/**
 * Eigen-decomposition storage of finished propagations, reused by the next (page faults, see
 * RealEigWorkspace); kept only up to SPARE_EIG_WORKSPACE_BYTES (m ≈ 500) so a run with a large
 * basis does not hold its arrays.
 */
const spareEigWorkspaces: RealEigWorkspace[] = [];
const SPARE_EIG_WORKSPACE_BYTES = 32 * 2 ** 20;

function acquireEigWorkspace(): RealEigWorkspace {
  return spareEigWorkspaces.pop() ?? new RealEigWorkspace();
}

function releaseEigWorkspace(ws: RealEigWorkspace): void {
  if (spareEigWorkspaces.length < 2 && ws.bytes <= SPARE_EIG_WORKSPACE_BYTES) spareEigWorkspaces.push(ws);
}

/** Hessenberg arrays of finished propagations, all zero (the same page-fault reason). */
const spareHessenbergs: Float64Array[] = [];

function acquireHessenberg(length: number): Float64Array {
  const k = spareHessenbergs.findIndex((a) => a.length === length);
  return k >= 0 ? spareHessenbergs.splice(k, 1)[0] : new Float64Array(length);
}

function releaseHessenberg(h: Float64Array): void {
  if (spareHessenbergs.length < 2) spareHessenbergs.push(h);
}

/**
 * A real operator's H_m in real Schur form, H_m = D·Z·T·Zᵀ·D⁻¹ (D the balancing, Z orthogonal, T
 * quasi-triangular with eigenvectors X·B, see RealEigenSystem), so the eigenvectors of H_m are
 * s_k = D·Z·(X·B)e_k and
 *
 *   S·(w ∘ e^{τλ}) = D·Z·(X·u),  u = B·(w ∘ e^{τλ}) real: u_k = a_k for a real λ_k, and
 *   u_k = 2·Re a_k, u_{k+1} = −2·Im a_k for a pair (λ_k, λ̄_k), a = w ∘ e^{τλ},
 *
 * 1.5m² real multiply-adds per τ, without the complex m×m matrix S (whose product Z·X alone costs
 * m³/2, a third of a convergence check at m = 230).
 */
interface RealSchurData {
  Z: Float64Array;
  X: Float64Array;
  d: Float64Array;
  /** Scratch for u and X·u. */
  u: Float64Array;
  v: Float64Array;
}

/** The spectral form of H_m: real arithmetic when `eigWs` is given (a real operator), complex otherwise. */
function spectralForm(h: Float64Array, ld: number, m: number, eigWs: RealEigWorkspace | null): SpectralForm | null {
  if (eigWs) return realSpectralForm(h, ld, m, eigWs);
  let lambda: Float64Array;
  let S: CMatrix;
  let w: Float64Array;
  let d: Float64Array;
  try {
    const Hm = zeros(m, m);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i <= Math.min(j + 1, m - 1); i++) {
        Hm.data[2 * (i * m + j)] = h[2 * (i + ld * j)];
        Hm.data[2 * (i * m + j) + 1] = h[2 * (i + ld * j) + 1];
      }
    }
    d = balanceHessenberg(Hm.data, m, 2);
    const dec = eig(Hm, { hessenberg: true, residual: false });
    const e1 = zeros(m, 1);
    e1.data[0] = 1 / d[0];
    w = solve(dec.vectors, e1).data;
    lambda = dec.values;
    S = dec.vectors;
  } catch {
    return null;
  }
  // Undo the balancing: eigenvectors of H_m are D·s_k, renormalised to unit length (w_k scales inversely).
  for (let k = 0; k < m; k++) {
    let nrm = 0;
    for (let r = 0; r < m; r++) {
      S.data[2 * (r * m + k)] *= d[r];
      S.data[2 * (r * m + k) + 1] *= d[r];
      nrm += S.data[2 * (r * m + k)] ** 2 + S.data[2 * (r * m + k) + 1] ** 2;
    }
    nrm = Math.sqrt(nrm);
    for (let r = 0; r < m; r++) {
      S.data[2 * (r * m + k)] /= nrm;
      S.data[2 * (r * m + k) + 1] /= nrm;
    }
    w[2 * k] *= nrm;
    w[2 * k + 1] *= nrm;
  }
  let amplification = 0;
  const g = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    amplification += Math.hypot(w[2 * k], w[2 * k + 1]);
    const sr = S.data[2 * ((m - 1) * m + k)];
    const si = S.data[2 * ((m - 1) * m + k) + 1];
    g[2 * k] = sr * w[2 * k] - si * w[2 * k + 1];
    g[2 * k + 1] = sr * w[2 * k + 1] + si * w[2 * k];
  }
  let finite = Number.isFinite(amplification);
  for (let k = 0; k < 2 * m && finite; k++) finite = Number.isFinite(lambda[k]);
  if (!finite) return null;
  return { m, lambda, S, schur: null, w, g, hm: h[2 * (m + ld * (m - 1))], reliable: amplification <= SPECTRAL_AMPLIFICATION_LIMIT };
}

/**
 * The real operator's spectral form (RealSchurData): Francis double-shift QR in real arithmetic
 * (about a quarter of the complex QR's flops), w = (X·B)⁻¹·Zᵀ·D⁻¹e₁ by back substitution on the
 * triangular X, g_k = s_k[m−1]·w_k from row m−1 of Z·X (m²/2), and the amplification
 * Σ_k |w_k|·‖s_k‖ (normalisation-free) from the column norms ‖D·Z·x_j‖ (eigenvectorNorms).
 */
function realSpectralForm(h: Float64Array, ld: number, m: number, eigWs: RealEigWorkspace): SpectralForm | null {
  let sys;
  let d: Float64Array;
  let w: Float64Array;
  try {
    const Hm = eigWs.zeroed('H', m * m);
    for (let j = 0; j < m; j++) for (let i = 0; i <= Math.min(j + 1, m - 1); i++) Hm[i * m + j] = h[2 * (i + ld * j)];
    d = balanceHessenberg(Hm, m, 1);
    sys = realHessenbergEig(Hm, m, eigWs);
    const z1 = new Float64Array(m);
    for (let i = 0; i < m; i++) z1[i] = sys.Z[i] / d[0];
    w = solveInEigenvectors(sys, z1);
  } catch {
    return null;
  }
  const { Z, X, values: lambda } = sys;
  // Row m−1 of D·Z·X.
  const last = new Float64Array(m);
  const zl = (m - 1) * m;
  for (let i = 0; i < m; i++) {
    const z = d[m - 1] * Z[zl + i];
    if (z === 0) continue;
    for (let j = i; j < m; j++) last[j] += z * X[i * m + j];
  }
  const norms = eigenvectorNorms(sys, d);
  let amplification = 0;
  const g = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    if (lambda[2 * k + 1] > 0 && k + 1 < m) {
      // s_k[m−1] = last_k + i·last_{k+1}, s_{k+1} its conjugate, ‖s_k‖² = ‖D·Z·x_k‖² + ‖D·Z·x_{k+1}‖².
      const [wr, wi] = [w[2 * k], w[2 * k + 1]];
      const [sr, si] = [last[k], last[k + 1]];
      g[2 * k] = sr * wr - si * wi;
      g[2 * k + 1] = sr * wi + si * wr;
      g[2 * k + 2] = g[2 * k];
      g[2 * k + 3] = -g[2 * k + 1];
      amplification += 2 * Math.hypot(wr, wi) * Math.hypot(norms[k], norms[k + 1]);
      k++;
    } else {
      g[2 * k] = last[k] * w[2 * k];
      amplification += Math.abs(w[2 * k]) * norms[k];
    }
  }
  let finite = Number.isFinite(amplification);
  for (let k = 0; k < 2 * m && finite; k++) finite = Number.isFinite(lambda[k]);
  if (!finite) return null;
  const schur: RealSchurData = { Z, X, d, u: new Float64Array(m), v: new Float64Array(m) };
  return { m, lambda, S: null, schur, w, g, hm: h[2 * (m + ld * (m - 1))], reliable: amplification <= SPECTRAL_AMPLIFICATION_LIMIT };
}

/**
 * Parlett–Reinsch balancing in place, H ← D⁻¹HD with D = diag(d) of powers of 2 (exact, and it keeps
 * H Hessenberg); returns d. The stiff Arnoldi matrix is graded — entries ~K_cλ_max where the basis
 * follows the coupling clusters, ~‖A‖ where it follows the slow dynamics — and the QR algorithm's
 * backward error ε‖H‖ perturbs the slow Ritz values least when H is balanced (LAPACK zgebal).
 */
function balanceHessenberg(a: Float64Array, m: number, stride: 1 | 2): Float64Array {
  const d = new Float64Array(m).fill(1);
  const mag = (p: number) => (stride === 1 ? Math.abs(a[p]) : Math.abs(a[p]) + Math.abs(a[p + 1]));
  for (let sweep = 0; sweep < 20; sweep++) {
    let changed = false;
    for (let i = 0; i < m; i++) {
      let c = 0;
      let r = 0;
      for (let k = 0; k < m; k++) {
        if (k === i) continue;
        c += mag(stride * (k * m + i));
        r += mag(stride * (i * m + k));
      }
      if (c === 0 || r === 0) continue;
      let f = 1;
      const total = c + r;
      while (c < r / 2) {
        c *= 2;
        r /= 2;
        f *= 2;
      }
      while (c >= r * 2) {
        c /= 2;
        r *= 2;
        f /= 2;
      }
      if (c + r < 0.95 * total) {
        changed = true;
        d[i] *= f;
        // column i ·f, row i /f
        for (let k = 0; k < m; k++) {
          for (let q = 0; q < stride; q++) {
            a[stride * (k * m + i) + q] *= f;
            a[stride * (i * m + k) + q] /= f;
          }
        }
      }
    }
    if (!changed) break;
  }
  return d;
}

/** τφ₁(τλ) = (e^{τλ} − 1)/λ into out[0], out[1]. */
function tauPhi1(tau: number, lr: number, li: number, out: Float64Array): void {
  const zr = tau * lr;
  const zi = tau * li;
  if (Math.hypot(zr, zi) < 1e-5) {
    out[0] = tau * (1 + zr / 2);
    out[1] = (tau * zi) / 2;
    return;
  }
  const ez = Math.exp(zr);
  const nr = ez * Math.cos(zi) - 1;
  const ni = ez * Math.sin(zi);
  const d = lr * lr + li * li;
  out[0] = (nr * lr + ni * li) / d;
  out[1] = (ni * lr - nr * li) / d;
}

const phiScratch = new Float64Array(2);

/** The corrected scheme's error estimate β·|[exp(τH̃)]_{m+1,1}|, O(m). */
function spectralError(sf: SpectralForm, beta: number, tau: number): number {
  phiSum(sf, tau, phiSumScratch);
  const v = beta * Math.abs(sf.hm) * Math.hypot(phiSumScratch[0], phiSumScratch[1]);
  return Number.isFinite(v) ? v : Infinity;
}

const phiSumScratch = new Float64Array(2);

/**
 * Σ_k g_k·τφ₁(τλ_k) = e_mᵀτφ₁(τH_m)e₁ into out[0], out[1], O(m); times h_{m+1,m} it is the last
 * entry of exp(τH̃)e₁ (the corrected scheme's error estimate).
 */
function phiSum(sf: SpectralForm, tau: number, out: Float64Array): void {
  let sr = 0;
  let si = 0;
  const { g, lambda } = sf;
  for (let k = 0; k < sf.m; k++) {
    tauPhi1(tau, lambda[2 * k], lambda[2 * k + 1], phiScratch);
    sr += g[2 * k] * phiScratch[0] - g[2 * k + 1] * phiScratch[1];
    si += g[2 * k] * phiScratch[1] + g[2 * k + 1] * phiScratch[0];
  }
  out[0] = sr;
  out[1] = si;
}

/** out (m + 1 complex entries) = exp(τH̃)e₁ from the spectral form, O(m²). */
function spectralColumn(sf: SpectralForm, tau: number, out: Float64Array): void {
  const m = sf.m;
  if (sf.schur) {
    realSpectralColumn(sf, sf.schur, tau, out);
  } else {
    complexSpectralColumn(sf, sf.S!.data, tau, out);
  }
  phiSum(sf, tau, phiSumScratch);
  out[2 * m] = sf.hm * phiSumScratch[0];
  out[2 * m + 1] = sf.hm * phiSumScratch[1];
}

/** The first m entries of spectralColumn for a real operator: D·Z·(X·u) (RealSchurData), imaginary parts 0. */
function realSpectralColumn(sf: SpectralForm, schur: RealSchurData, tau: number, out: Float64Array): void {
  const { m, lambda, w } = sf;
  const { Z, X, d, u, v } = schur;
  for (let k = 0; k < m; k++) {
    const ez = Math.exp(tau * lambda[2 * k]);
    if (lambda[2 * k + 1] > 0 && k + 1 < m) {
      const er = ez * Math.cos(tau * lambda[2 * k + 1]);
      const ei = ez * Math.sin(tau * lambda[2 * k + 1]);
      u[k] = 2 * (w[2 * k] * er - w[2 * k + 1] * ei);
      u[k + 1] = -2 * (w[2 * k] * ei + w[2 * k + 1] * er);
      k++;
    } else {
      u[k] = w[2 * k] * ez;
    }
  }
  for (let i = 0; i < m; i++) {
    let acc = 0;
    const xi = i * m;
    for (let j = i; j < m; j++) acc += X[xi + j] * u[j];
    v[i] = acc;
  }
  for (let r = 0; r < m; r++) {
    let acc = 0;
    const zr = r * m;
    for (let i = 0; i < m; i++) acc += Z[zr + i] * v[i];
    out[2 * r] = d[r] * acc;
    out[2 * r + 1] = 0;
  }
}

/** The first m entries of spectralColumn for a complex operator: S·(w ∘ e^{τλ}). */
function complexSpectralColumn(sf: SpectralForm, S: Float64Array, tau: number, out: Float64Array): void {
  const { m, lambda, w } = sf;
  out.fill(0, 0, 2 * m);
  for (let k = 0; k < m; k++) {
    // a_k = w_k·e^{τλ_k}
    const ez = Math.exp(tau * lambda[2 * k]);
    if (ez === 0) continue;
    const er = ez * Math.cos(tau * lambda[2 * k + 1]);
    const ei = ez * Math.sin(tau * lambda[2 * k + 1]);
    const ar = w[2 * k] * er - w[2 * k + 1] * ei;
    const ai = w[2 * k] * ei + w[2 * k + 1] * er;
    for (let r = 0; r < m; r++) {
      const sr = S[2 * (r * m + k)];
      const si = S[2 * (r * m + k) + 1];
      out[2 * r] += sr * ar - si * ai;
      out[2 * r + 1] += sr * ai + si * ar;
    }
  }
}

/** Fraction of the error budget an accepted step's estimate may use (Expokit's safety factor idea). */
const ACCEPT_FRACTION = 0.25;

/**
 * The cost model's weights, in units of one `LinearOperator.flops` unit of time. Gram–Schmidt over m
 * vectors costs GS_WEIGHT·m²·dim, with dim the entry weight (complex entries; a real entry counts ¼):
 * the JavaScript complex sweep and the WebAssembly real sweep (krylov-kernels.wat). One convergence
 * check (eigen-decomposition of H_m, its eigenvectors and S⁻¹e₁) costs CHECK_WEIGHT·m³: the real
 * Francis path, and the complex QR path, whose weight also covers the O(m³) LU solve for S⁻¹e₁ that
 * the real path replaces by back substitution. Calibrated on the eq. 4 kernel (docs/BENCHMARKS.md,
 * "Krylov propagator tuning").
 */
const GS_WEIGHT = { complex: 4.4, real: 1.8 } as const;
const CHECK_WEIGHT = { complex: 50, real: 9 } as const;

/** No early stop below this dimension: the extrapolation of the estimate needs a few checks. */
const MIN_STOP_DIM = 30;

/**
 * The largest τ ∈ (0, τ_max] (to 5 %) whose estimate meets the budget, by bisection on the spectral
 * form (O(m) per trial); 0 if even τ_max/4⁶⁰ fails.
 */
function largestStep(sf: SpectralForm, beta: number, tauMax: number, tolStep: (tau: number) => number): number {
  let lo = 0;
  let hi = tauMax;
  if (spectralError(sf, beta, hi) <= tolStep(hi)) return hi;
  for (let it = 0; it < 60 && (lo === 0 || hi / lo > 1.05); it++) {
    const trial = lo > 0 ? Math.sqrt(lo * hi) : hi * 0.25;
    if (spectralError(sf, beta, trial) <= tolStep(trial)) lo = trial;
    else hi = trial;
    if (hi < 1e-300) break;
  }
  return lo;
}

/** Krylov dimension of the first "does the basis reach the end?" check. */
const FIRST_CHECK = 12;

interface CheckPoint {
  m: number;
  /** The error estimate for the whole remaining interval at dimension m. */
  est: number;
}

/**
 * Dimension of the next check after one at dimension m. A check is an O(m³) eigen-solve (≈ 50m³
 * flops), which at m = 400 costs as much as ~100 Krylov vectors of a 4⁶-entry state, so checks must
 * be few and land near the dimension where the estimate passes. Past the first plateau the
 * estimate falls roughly geometrically in m (superlinear Krylov convergence once the Ritz values
 * have captured the fast coupling clusters), so the next check goes where the line through the last
 * two (m, log est) points reaches the tolerance, taken between 8 vectors and m/2 further; while
 * the estimate is not falling, checks are spaced by max(8, 6m²/dim) ≤ m/2 (geometric on small
 * states, where dense work dominates, every 8–20 vectors on large ones).
 */
function nextCheck(m: number, mMax: number, dim: number, prev: CheckPoint | null, cur: CheckPoint, tol: number): number {
  const most = Math.max(8, Math.ceil(m / 2));
  let gap = Math.min(Math.max(8, Math.ceil((6 * m * m) / dim)), most);
  if (prev && Number.isFinite(prev.est) && Number.isFinite(cur.est) && prev.est > 0 && cur.est > 0 && cur.est < prev.est) {
    const slope = (Math.log(cur.est) - Math.log(prev.est)) / (cur.m - prev.m);
    const reach = (Math.log(tol) - Math.log(cur.est)) / slope;
    gap = Math.min(Math.max(8, Math.ceil(reach)), most);
  }
  return Math.min(mMax, m + gap);
}

// ---------------------------------------------------------------------------------------------
// Density matrices: propagation with monitors.

export interface DensityMonitors {
  /** |tr ρ(t_k) − tr ρ(t₀)| at every output. */
  traceDrift: number[];
  /** ‖ρ(t_k) − ρ(t_k)†‖_F at every output. */
  hermiticityDrift: number[];
  /** λ_min((ρ + ρ†)/2) at the sampled outputs, NaN where not sampled. */
  minEigenvalue: number[];
  /** Every how many outputs λ_min was computed (plus the last output). */
  positivityEvery: number;
}

export interface DensityPropagateOptions extends PropagateOptions {
  /**
   * Compute λ_min(ρ) every this many outputs (and at the last). Default `defaultPositivityEvery(D)`.
   */
  positivityEvery?: number;
  /**
   * Propagate a Hermitian ρ₀ in real coordinates (default true; ignored when ρ₀ is not Hermitian to
   * 1e-14 relative). False forces complex arithmetic, e.g. to compare the two.
   */
  hermitian?: boolean;
}

export interface DensityPropagationResult extends PropagationResult {
  monitors: DensityMonitors;
}

/**
 * Default positivity sampling for a D×D density matrix: λ_min(ρ) at every output for n ≤ 5, every
 * 4th for n = 6, 7, every 10th for n = 8, every 25th beyond (always also at the last output). The
 * Hermitian eigen-solve costs ≈ 5D³ flops, about 1.5 applications of the eq. 4 generator at n = 7,
 * so at every one of ~100 outputs it would take a sizeable share of a run (docs/BENCHMARKS.md,
 * "Krylov propagator tuning").
 * @example defaultPositivityEvery(128) // => 4
 */
export function defaultPositivityEvery(D: number): number {
  return D <= 32 ? 1 : D <= 128 ? 4 : D <= 256 ? 10 : 25;
}

/**
 * ρ(t_k) = e^{(t_k − t₀)𝓛}ρ₀ for a generator acting on row-major D×D density matrices (e.g.
 * `lindbladOperator(kernel)`), with trace, Hermiticity and positivity monitors.
 */
export function propagateDensityMatrix(
  op: LinearOperator,
  rho0: CMatrix,
  times: readonly number[],
  options: DensityPropagateOptions = {},
): DensityPropagationResult {
  const D = rho0.rows;
  const every = options.positivityEvery ?? defaultPositivityEvery(D);
  const tr0 = trace(rho0);
  const monitors: DensityMonitors = { traceDrift: [], hermiticityDrift: [], minEigenvalue: [], positivityEvery: every };
  const user = options.onOutput;
  const traceWeights = new Float64Array(D * D);
  for (let i = 0; i < D; i++) traceWeights[i * D + i] = 1;
  const res = propagateRho(op, rho0, times, {
    conserved: traceWeights,
    ...options,
    onOutput: (k, t, y) => {
      const rho: CMatrix = { rows: D, cols: D, data: y };
      const tr = trace(rho);
      monitors.traceDrift.push(Math.hypot(tr[0] - tr0[0], tr[1] - tr0[1]));
      monitors.hermiticityDrift.push(hermiticityDefect(rho));
      if (k % every === 0 || k === times.length - 1) {
        monitors.minEigenvalue.push(hermitianEig(rho, { vectors: false }).values[0]);
      } else {
        monitors.minEigenvalue.push(NaN);
      }
      user?.(k, t, y);
    },
  });
  return { ...res, monitors };
}

/**
 * ρ(t_k) = e^{(t_k − t₀)𝓛}ρ₀ for a generator on row-major D×D matrices, outputs and states as complex
 * row-major ρ. A Hermitian ρ₀ (to 1e-14 relative; `hermitian: false` opts out) stays Hermitian under
 * any Lindblad generator (eq. 4), so its real coordinates (hermitianCoordinates) are propagated and
 * every output is exactly Hermitian; otherwise the complex vector is.
 */
export function propagateRho(
  op: LinearOperator,
  rho0: CMatrix,
  times: readonly number[],
  options: PropagateOptions & { hermitian?: boolean } = {},
): PropagationResult {
  const D = rho0.rows;
  if (rho0.cols !== D || D * D !== op.dim) throw new DimensionMismatch(`a square ρ with ${op.dim} entries`, `${rho0.rows}×${rho0.cols}`);
  const hermitian = (options.hermitian ?? true) && hermiticityDefect(rho0) <= 1e-14 * Math.max(1, frobeniusNorm(rho0));
  if (!hermitian) return propagateKrylov(op, rho0.data, times, options);
  const keep = options.keepStates ?? true;
  const states: Float64Array[] = [];
  const rhoBuffer = new Float64Array(2 * D * D);
  const res = propagateKrylov(hermitianRealOperator(op, D), hermitianCoordinates(rho0.data, D), times, {
    ...options,
    keepStates: false,
    onOutput: (k, t, x) => {
      const y = hermitianFromCoordinates(rhoBuffer, x, D);
      if (keep) states.push(y.slice());
      options.onOutput?.(k, t, y);
    },
  });
  return { ...res, states };
}

/**
 * Real coordinates of a Hermitian D×D matrix (row-major, interleaved complex in `rho`), an isometry
 * for the Frobenius norm: x[i·D + i] = ρ_ii, and for i < j x[i·D + j] = √2·Re ρ_ij,
 * x[j·D + i] = √2·Im ρ_ij. Only the upper triangle of `rho` is read.
 * @example Array.from(hermitianCoordinates(new Float64Array([1, 0, 0, 1, 0, -1, 2, 0]), 2)).map((v) => +v.toFixed(6)) // => [1, 0, 1.414214, 2]
 */
export function hermitianCoordinates(rho: Float64Array, D: number, out: Float64Array = new Float64Array(D * D)): Float64Array {
  for (let i = 0; i < D; i++) {
    out[i * D + i] = rho[2 * (i * D + i)];
    for (let j = i + 1; j < D; j++) {
      out[i * D + j] = Math.SQRT2 * rho[2 * (i * D + j)];
      out[j * D + i] = Math.SQRT2 * rho[2 * (i * D + j) + 1];
    }
  }
  return out;
}

/** The Hermitian matrix (row-major, interleaved complex) of real coordinates x (inverse of hermitianCoordinates). */
export function hermitianFromCoordinates(out: Float64Array, x: Float64Array, D: number): Float64Array {
  const r = Math.SQRT1_2;
  for (let i = 0; i < D; i++) {
    out[2 * (i * D + i)] = x[i * D + i];
    out[2 * (i * D + i) + 1] = 0;
    for (let j = i + 1; j < D; j++) {
      const re = r * x[i * D + j];
      const im = r * x[j * D + i];
      out[2 * (i * D + j)] = re;
      out[2 * (i * D + j) + 1] = im;
      out[2 * (j * D + i)] = re;
      out[2 * (j * D + i) + 1] = -im;
    }
  }
  return out;
}

/**
 * A Hermiticity-preserving generator (𝓛(ρ†) = 𝓛(ρ)†, every Lindbladian) as a real operator on the
 * coordinates of hermitianCoordinates. Its matrix is real, so Arnoldi runs in real arithmetic.
 */
export function hermitianRealOperator(op: LinearOperator, D: number): LinearOperator {
  const rho = new Float64Array(2 * D * D);
  const image = new Float64Array(2 * D * D);
  const upper = op.applyHermitianUpperInto?.bind(op);
  return {
    dim: D * D,
    real: true,
    flops: (upper ? (op.hermitianFlops ?? op.flops ?? 160 * D * D) : (op.flops ?? 160 * D * D)) + 12 * D * D,
    applyInto(out, x) {
      hermitianFromCoordinates(rho, x, D);
      if (upper) upper(image, rho);
      else op.applyInto(image, rho);
      return hermitianCoordinates(image, D, out);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Small dense generators (the exact propagator is propagator-dense.ts).

/** The operator y ↦ A·y of a dense matrix. */
export function denseOperator(a: CMatrix): LinearOperator {
  if (a.rows !== a.cols) throw new DimensionMismatch('a square matrix', `${a.rows}×${a.cols}`);
  return { dim: a.rows, applyInto: (out, x) => matvecInto(out, a, x) };
}
