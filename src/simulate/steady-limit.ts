/**
 * t → ∞ of the network (paper eq. 4) and of the blended dynamics it is compared with, for small n:
 * the kernel of each generator, and the limit of the given initial state — not an arbitrary kernel
 * element. For a generator 𝓛 whose nonzero eigenvalues all have Re λ < 0 and whose zero eigenvalue
 * is semisimple (always so for a Lindbladian, whose semigroup is bounded), e^{𝓛t}x → P₀x with P₀ the
 * spectral projection onto ker 𝓛 along the other eigenspaces: P₀ = R (WᴴR)⁻¹ Wᴴ, the columns of R
 * spanning ker 𝓛 and those of W spanning ker 𝓛ᴴ (the left kernel). With eigenvalues on the imaginary
 * axis other than 0, e^{𝓛t}x oscillates and has no limit; P₀x is then its time average.
 * The errors at t = ∞ are the figures' metrics evaluated at the limits: Fig. 7 ‖ρ_∞ − 𝒫_*(ρ_∞)‖_F,
 * Fig. 6 ‖ρ_∞ − vec⁻¹(P_d y_∞)‖_F with y_∞ the limit of eq. 17, and for separable models Fig. 2
 * max_j ‖Tr_{¬j} ρ_∞ − ρ_b(∞)‖_F and Fig. 1 max_j ‖Tr_{¬j} ρ_∞ − ρ_r‖_F.
 */
import { type CMatrix, zeros, dagger, mul } from '../numeric/cmatrix.ts';
import { eig } from '../numeric/eig.ts';
import { solve } from '../numeric/lu.ts';
import { denseLiouvillian } from '../numeric/lindblad-action.ts';
import { lowerModel } from '../model/lower.ts';
import type { SimulationContext } from './context.ts';
import { projectedDense } from './coherent-dynamics.ts';
import { frobeniusDistance, orbitLiftInto, partialTraceInto, symmetrizationDistance } from './density.ts';

/** Largest n for which the t → ∞ limits are computed (a dense 4ⁿ×4ⁿ eigen-decomposition). */
export const STEADY_LIMIT_MAX_QUBITS = 4;

/** Eigenvalues with |λ| below this relative to ‖𝓛‖_F count as zero; |Re λ| below it as on the imaginary axis. */
const ZERO_TOL = 1e-9;

/** The kernel of a generator and the limit of one initial vector. */
export interface GeneratorLimit {
  /** dim ker 𝓛 (numeric, at `ZERO_TOL`). */
  readonly kernelDimension: number;
  /** Nonzero eigenvalues on the imaginary axis (then e^{𝓛t}x has no limit; `limit` is the time average). */
  readonly imaginaryEigenvalues: number;
  /** max Re λ over the nonzero eigenvalues off the axis (the slowest decay rate is its negative). */
  readonly spectralAbscissa: number | null;
  /** P₀x as interleaved complex data, in x's layout. */
  readonly limit: Float64Array;
}

function kernelColumns(a: CMatrix, tol: number): { columns: CMatrix; imaginary: number; abscissa: number | null } {
  const { values, vectors } = eig(a);
  const n = a.rows;
  const keep: number[] = [];
  let imaginary = 0;
  let abscissa: number | null = null;
  for (let k = 0; k < n; k++) {
    const re = values[2 * k];
    const im = values[2 * k + 1];
    if (Math.hypot(re, im) <= tol) keep.push(k);
    else if (Math.abs(re) <= tol) imaginary++;
    else abscissa = abscissa === null ? re : Math.max(abscissa, re);
  }
  const columns = zeros(n, keep.length);
  keep.forEach((k, c) => {
    for (let r = 0; r < n; r++) {
      columns.data[2 * (r * keep.length + c)] = vectors.data[2 * (r * n + k)];
      columns.data[2 * (r * keep.length + c) + 1] = vectors.data[2 * (r * n + k) + 1];
    }
  });
  return { columns, imaginary, abscissa };
}

/**
 * P₀x for the generator `a` (dense, any layout in which `a` acts on `x`): R (WᴴR)⁻¹ Wᴴ x.
 * @example [...generatorLimit(fromReal([[-1, 1], [1, -1]]), new Float64Array([1, 0, 0, 0])).limit].map((x) => Math.round(x * 1e12) / 1e12) // => [0.5, 0, 0.5, 0]
 */
export function generatorLimit(a: CMatrix, x: Float64Array): GeneratorLimit {
  let scale = 0;
  for (let k = 0; k < a.data.length; k += 2) scale += a.data[k] ** 2 + a.data[k + 1] ** 2;
  const tol = ZERO_TOL * Math.max(1, Math.sqrt(scale));
  const right = kernelColumns(a, tol);
  const left = kernelColumns(dagger(a), tol);
  const R = right.columns;
  const W = left.columns;
  const n = a.rows;
  if (R.cols !== W.cols) throw new Error(`the right and left kernels differ in dimension (${R.cols} and ${W.cols})`);
  const xm = zeros(n, 1);
  xm.data.set(x);
  const WH = dagger(W);
  const coef = solve(mul(WH, R), mul(WH, xm));
  const limit = mul(R, coef).data;
  // Round-off in the kernel's basis leaves entries of order 1e-16; clean them so the JSON is stable.
  for (let k = 0; k < limit.length; k++) if (Math.abs(limit[k]) < 1e-14) limit[k] = 0;
  return { kernelDimension: R.cols, imaginaryEigenvalues: right.imaginary, spectralAbscissa: right.abscissa, limit };
}

/** Row-major 2ⁿ×2ⁿ data ↔ column-stacked vec (index l + D·l'). */
function rowMajorToVec(rho: Float64Array, D: number): Float64Array {
  const v = new Float64Array(rho.length);
  for (let l = 0; l < D; l++) for (let lp = 0; lp < D; lp++) {
    v[2 * (l + D * lp)] = rho[2 * (l * D + lp)];
    v[2 * (l + D * lp) + 1] = rho[2 * (l * D + lp) + 1];
  }
  return v;
}

function vecToRowMajor(v: Float64Array, D: number): Float64Array {
  const rho = new Float64Array(v.length);
  for (let l = 0; l < D; l++) for (let lp = 0; lp < D; lp++) {
    rho[2 * (l * D + lp)] = v[2 * (l + D * lp)];
    rho[2 * (l * D + lp) + 1] = v[2 * (l + D * lp) + 1];
  }
  return rho;
}

/** The network at one K_c as t → ∞. */
export interface NetworkLimit {
  readonly Kc: number;
  /** dim ker(A − K_c Q_d): the number of independent steady states. */
  readonly kernelDimension: number;
  readonly imaginaryEigenvalues: number;
  readonly spectralAbscissa: number | null;
  /** ρ_∞ = lim e^{(A − K_c Q_d)t} ρ(0), row-major [re, im] pairs. */
  readonly rho: [number, number][][];
  /** Fig. 7 at t = ∞: ‖ρ_∞ − 𝒫_*(ρ_∞)‖_F (connected graphs). */
  readonly symmetrizationError: number | null;
  /** Fig. 6 at t = ∞: ‖ρ_∞ − vec⁻¹(P_d y_∞)‖_F, y_∞ the limit of eq. 17 (connected graphs). */
  readonly coherentError: number | null;
  /** Fig. 2 at t = ∞: max_j ‖Tr_{¬j} ρ_∞ − ρ_b(∞)‖_F (separable models). */
  readonly blendedError: number | null;
  /** Fig. 1 at t = ∞: max_j ‖Tr_{¬j} ρ_∞ − ρ_r‖_F (separable, relaxing models). */
  readonly steadyStateError: number | null;
}

/** The blended and coherent limits that do not depend on K_c. */
export interface BlendedLimits {
  /** ρ_b(∞) of eq. 6 (separable models), row-major 2×2. */
  readonly rhoB: Float64Array | null;
  readonly blendedKernelDimension: number | null;
  /** vec⁻¹(P_d y_∞), y_∞ the limit of eq. 17 (connected graphs), row-major. */
  readonly coherent: Float64Array | null;
  readonly coherentKernelDimension: number | null;
}

/** The K_c-independent limits (eq. 6 and eq. 17). */
export function blendedLimits(ctx: SimulationContext): BlendedLimits {
  const sep = ctx.separableData;
  let rhoB: Float64Array | null = null;
  let blendedKernelDimension: number | null = null;
  if (sep) {
    const lim = generatorLimit(sep.blendedGenerator, rowMajorToVec(sep.rhoB0.data, 2));
    rhoB = vecToRowMajor(lim.limit, 2);
    blendedKernelDimension = lim.kernelDimension;
  }
  let coherent: Float64Array | null = null;
  let coherentKernelDimension: number | null = null;
  if (ctx.coherentData && ctx.orbitTable) {
    const lim = generatorLimit(projectedDense(ctx.coherentData.generator), ctx.coherentData.yd0);
    const D = 2 ** ctx.n;
    coherent = orbitLiftInto(new Float64Array(2 * D * D), lim.limit, ctx.orbitTable);
    coherentKernelDimension = lim.kernelDimension;
  }
  return { rhoB, blendedKernelDimension, coherent, coherentKernelDimension };
}

/** The network's limit at one K_c (n ≤ `STEADY_LIMIT_MAX_QUBITS`, every parameter valued). */
export function networkLimit(ctx: SimulationContext, Kc: number, blended: BlendedLimits): NetworkLimit | null {
  if (ctx.n > STEADY_LIMIT_MAX_QUBITS || !ctx.rho0) return null;
  const n = ctx.n;
  const D = 2 ** n;
  const L = denseLiouvillian(lowerModel(ctx.model, Kc, ctx.params)).total;
  const lim = generatorLimit(L, rowMajorToVec(ctx.rho0.data, D));
  const rho = vecToRowMajor(lim.limit, D);
  const rows: [number, number][][] = Array.from({ length: D }, (_, r) => Array.from({ length: D }, (_, c) => [rho[2 * (r * D + c)], rho[2 * (r * D + c) + 1]] as [number, number]));
  const symmetrizationError = ctx.orbitTable ? symmetrizationDistance(rho, ctx.orbitTable, new Float64Array(2 * ctx.orbitTable.sizes.length)) : null;
  const coherentError = blended.coherent ? frobeniusDistance(rho, blended.coherent) : null;
  let blendedError: number | null = null;
  let steadyStateError: number | null = null;
  if (ctx.separableData && blended.rhoB) {
    const traces = Array.from({ length: n }, (_, j) => partialTraceInto(zeros(2, 2), rho, n, j + 1).data);
    blendedError = Math.max(...traces.map((t) => frobeniusDistance(t, blended.rhoB!)));
    const rr = ctx.separableData.steadyState;
    steadyStateError = rr ? Math.max(...traces.map((t) => frobeniusDistance(t, rr.data))) : null;
  }
  return {
    Kc, kernelDimension: lim.kernelDimension, imaginaryEigenvalues: lim.imaginaryEigenvalues, spectralAbscissa: lim.spectralAbscissa,
    rho: rows, symmetrizationError, coherentError, blendedError, steadyStateError,
  };
}
