/**
 * Storage of a Krylov basis and the vector operations of the Arnoldi process on it (numeric/
 * propagate.ts): normalising, one Gram–Schmidt pass, the dense-output combination β·V·c and norms.
 * Real vectors (density matrices in Hermitian coordinates, eq. 4) live in one WebAssembly memory and
 * use the SIMD kernels of krylov-kernels.wat; interleaved complex vectors (eq. 17 in the orbit basis,
 * non-Hermitian states) use the JavaScript kernels below. Nothing here allocates after construction.
 */
import { KrylovArena, MAX_ARENA_BYTES } from './wasm-kernels.ts';

export interface KrylovBasis {
  /** v_0 … v_mMax. */
  readonly V: readonly Float64Array[];
  /** The vector 𝓐v_j is written to and orthogonalised in. */
  readonly w: Float64Array;
  /** The current state. */
  readonly y: Float64Array;
  /** A combination β·V·c (dense output, the next state). */
  readonly out: Float64Array;
  /** v_0 ← y/β. */
  start(beta: number): void;
  /** ‖w‖₂. */
  normW(): number;
  /** ‖y‖₂. */
  normY(): number;
  /**
   * One Gram–Schmidt pass of w against v_0 … v_j, adding the coefficients ⟨v_i, w⟩ into column j of
   * the interleaved column-major Hessenberg h (leading dimension ld); returns ‖w‖² afterwards.
   */
  orthogonalize(j: number, h: Float64Array, ld: number): number;
  /** v_next ← s·w. */
  setNext(next: number, s: number): void;
  /** out ← β·Σ_{i ≤ m} c_i·v_i (c interleaved complex; a real basis uses Re c_i), dropping terms with |β·c_i| ≤ negligible. */
  combine(c: Float64Array, m: number, beta: number, negligible?: number): void;
  /** Done with the basis: its storage may serve the next one (the vectors must not be used after). */
  release(): void;
}

/**
 * Largest basis dimension whose arena (mMax + 4 real vectors of N doubles) fits one WebAssembly
 * memory. @example maxRealBasisDim(4 ** 10) // => 508
 */
export function maxRealBasisDim(N: number): number {
  return Math.floor(MAX_ARENA_BYTES / (8 * N)) - 4;
}

/**
 * A basis of real vectors of N doubles in a WebAssembly arena: w, y, out at indices 0, 1, 2, then
 * v_i at 3 + i, so the vectors a propagation has written are one prefix of the arena (the part a
 * reused arena must clear; see KrylovArena.release).
 */
export function realKrylovBasis(N: number, mMax: number): KrylovBasis {
  const arena = new KrylovArena(mMax + 4, N);
  const W = 0;
  const Y = 1;
  const OUT = 2;
  const V0 = 3;
  const V = arena.vectors.slice(V0, V0 + mMax + 1);
  let highest = 0;
  return {
    V,
    w: arena.vectors[W],
    y: arena.vectors[Y],
    out: arena.vectors[OUT],
    start: (beta) => arena.scaleInto(V0, Y, 1 / beta),
    normW: () => Math.sqrt(arena.dot(W, W)),
    normY: () => Math.sqrt(arena.dot(Y, Y)),
    orthogonalize(j, h, ld) {
      // Fused modified Gram–Schmidt: the sweep subtracting h_i·v_i also accumulates ⟨v_{i+1}, w⟩ on
      // the updated entries, so each basis vector is streamed once per pass.
      let s = arena.dot(V0, W);
      for (let i = 0; i < j; i++) {
        h[2 * (i + ld * j)] += s;
        s = arena.mgsFused(W, V0 + i, V0 + i + 1, s);
      }
      h[2 * (j + ld * j)] += s;
      return arena.axpyNorm2(W, V0 + j, s);
    },
    setNext(next, s) {
      if (next > highest) highest = next;
      arena.scaleInto(V0 + next, W, s);
    },
    // V[highest + 1] may have been zeroed at a happy breakdown.
    release: () => arena.release(V0 + Math.min(highest + 2, mMax + 1)),
    combine(c, m, beta, negligible = 0) {
      arena.vectors[OUT].fill(0);
      // Four basis vectors per sweep of `out` (axpy4), the remainder one at a time.
      const pick = pickBuffer(m + 1);
      let count = 0;
      for (let i = 0; i <= m; i++) if (Math.abs(c[2 * i]) * beta > negligible) pick[count++] = V0 + i;
      let q = 0;
      for (; q + 3 < count; q += 4) {
        const a = pick[q];
        const b = pick[q + 1];
        const d = pick[q + 2];
        const e = pick[q + 3];
        arena.axpy4(OUT, a, b, d, e, beta * c[2 * (a - V0)], beta * c[2 * (b - V0)], beta * c[2 * (d - V0)], beta * c[2 * (e - V0)]);
      }
      for (; q < count; q++) arena.axpy1(OUT, pick[q], beta * c[2 * (pick[q] - V0)]);
    },
  };
}

let picked = new Int32Array(64);

/** A reusable index buffer of at least `n` entries (combine runs once per output). */
function pickBuffer(n: number): Int32Array {
  if (picked.length < n) picked = new Int32Array(Math.max(n, 2 * picked.length));
  return picked;
}

/** A basis of interleaved complex vectors of N doubles (N/2 entries) in JavaScript arrays. */
export function complexKrylovBasis(N: number, mMax: number): KrylovBasis {
  const V = Array.from({ length: mMax + 1 }, () => new Float64Array(N));
  const w = new Float64Array(N);
  const y = new Float64Array(N);
  const out = new Float64Array(N);
  const norm = (x: Float64Array) => {
    const [re] = complexInner(x, x, N, N - (N % 4));
    return Math.sqrt(re);
  };
  return {
    V,
    w,
    y,
    out,
    start(beta) {
      const v0 = V[0];
      for (let k = 0; k < N; k++) v0[k] = y[k] / beta;
    },
    normW: () => norm(w),
    normY: () => norm(y),
    orthogonalize: (j, h, ld) => mgsPass(w, V, j, N, h, ld),
    setNext(next, s) {
      const vn = V[next];
      for (let k = 0; k < N; k++) vn[k] = w[k] * s;
    },
    combine: (c, m, beta, negligible = 0) => combineVector(out, V, c, m, beta, negligible),
    release: () => {},
  };
}

/**
 * One modified Gram–Schmidt pass of w against V_0..V_j, adding the coefficients into column j of
 * h; returns ‖w‖² afterwards. Fused: the sweep that subtracts h_i·v_i from w also accumulates
 * ⟨v_{i+1}, w⟩ on the updated entries and, after the last basis vector, ‖w‖², which halves the
 * passes over w and drops the separate norm sweep. Each inner product is summed in two partial sums
 * over alternate complex entries: a single accumulator makes the sweep wait on the floating-point
 * add latency (one dependent add per entry), slower than two chains (docs/BENCHMARKS.md § Kernel
 * design measurements).
 * The result is MGS with a different (equally accurate) summation order.
 */
function mgsPass(w: Float64Array, V: Float64Array[], j: number, N: number, h: Float64Array, ld: number): number {
  // Complex entries come in pairs of doubles; `even` is where the two-entry unrolled sweeps stop.
  const even = N - (N % 4);
  let [sr, si] = complexInner(V[0], w, N, even);
  let norm2 = 0;
  for (let i = 0; i <= j; i++) {
    const vi = V[i];
    h[2 * (i + ld * j)] += sr;
    h[2 * (i + ld * j) + 1] += si;
    const cr = sr;
    const ci = si;
    let ar = 0;
    let ai = 0;
    let br = 0;
    let bi = 0;
    if (i < j) {
      const vn = V[i + 1];
      let k = 0;
      for (; k < even; k += 4) {
        const w0 = w[k] - (cr * vi[k] - ci * vi[k + 1]);
        const w1 = w[k + 1] - (cr * vi[k + 1] + ci * vi[k]);
        const w2 = w[k + 2] - (cr * vi[k + 2] - ci * vi[k + 3]);
        const w3 = w[k + 3] - (cr * vi[k + 3] + ci * vi[k + 2]);
        w[k] = w0;
        w[k + 1] = w1;
        w[k + 2] = w2;
        w[k + 3] = w3;
        ar += vn[k] * w0 + vn[k + 1] * w1;
        ai += vn[k] * w1 - vn[k + 1] * w0;
        br += vn[k + 2] * w2 + vn[k + 3] * w3;
        bi += vn[k + 2] * w3 - vn[k + 3] * w2;
      }
      for (; k < N; k += 2) {
        const w0 = w[k] - (cr * vi[k] - ci * vi[k + 1]);
        const w1 = w[k + 1] - (cr * vi[k + 1] + ci * vi[k]);
        w[k] = w0;
        w[k + 1] = w1;
        ar += vn[k] * w0 + vn[k + 1] * w1;
        ai += vn[k] * w1 - vn[k + 1] * w0;
      }
      sr = ar + br;
      si = ai + bi;
    } else {
      for (let k = 0; k < N; k += 2) {
        const w0 = w[k] - (cr * vi[k] - ci * vi[k + 1]);
        const w1 = w[k + 1] - (cr * vi[k + 1] + ci * vi[k]);
        w[k] = w0;
        w[k + 1] = w1;
        ar += w0 * w0;
        br += w1 * w1;
      }
      norm2 = ar + br;
    }
  }
  return norm2;
}

/** ⟨a, b⟩ = Σ conj(a_k)·b_k for interleaved complex vectors, in two partial sums (see mgsPass). */
function complexInner(a: Float64Array, b: Float64Array, N: number, even: number): [number, number] {
  let ar = 0;
  let ai = 0;
  let br = 0;
  let bi = 0;
  let k = 0;
  for (; k < even; k += 4) {
    ar += a[k] * b[k] + a[k + 1] * b[k + 1];
    ai += a[k] * b[k + 1] - a[k + 1] * b[k];
    br += a[k + 2] * b[k + 2] + a[k + 3] * b[k + 3];
    bi += a[k + 2] * b[k + 3] - a[k + 3] * b[k + 2];
  }
  for (; k < N; k += 2) {
    ar += a[k] * b[k] + a[k + 1] * b[k + 1];
    ai += a[k] * b[k + 1] - a[k + 1] * b[k];
  }
  return [ar + br, ai + bi];
}

/**
 * out = β·Σ_{i ≤ m} c_i·V_i, dropping terms with |β·c_i| ≤ `negligible` (the V_i have unit norm, so
 * the dropped part is at most (m + 1)·negligible; late Krylov vectors carry ~0 weight at early
 * output times of a long step). Two basis vectors per sweep halve the passes over `out`.
 */
function combineVector(out: Float64Array, V: Float64Array[], c: Float64Array, m: number, beta: number, negligible = 0): void {
  out.fill(0);
  const N = out.length;
  let pending = -1;
  for (let i = 0; i <= m + 1; i++) {
    if (i <= m && Math.hypot(c[2 * i], c[2 * i + 1]) * beta <= negligible) continue;
    if (i <= m && pending < 0) {
      pending = i;
      continue;
    }
    if (pending < 0) break;
    const ar = beta * c[2 * pending];
    const ai = beta * c[2 * pending + 1];
    const va = V[pending];
    if (i > m) {
      for (let k = 0; k < N; k += 2) {
        out[k] += ar * va[k] - ai * va[k + 1];
        out[k + 1] += ar * va[k + 1] + ai * va[k];
      }
      break;
    }
    const br = beta * c[2 * i];
    const bi = beta * c[2 * i + 1];
    const vb = V[i];
    for (let k = 0; k < N; k += 2) {
      out[k] += ar * va[k] - ai * va[k + 1] + (br * vb[k] - bi * vb[k + 1]);
      out[k + 1] += ar * va[k + 1] + ai * va[k] + (br * vb[k + 1] + bi * vb[k]);
    }
    pending = -1;
  }
}

