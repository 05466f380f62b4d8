/**
 * The WebAssembly SIMD kernels of krylov-kernels.wat (real Gram–Schmidt sweeps, scaling and dense
 * output combinations) and the memory they work in. A `KrylovArena` is one WebAssembly memory holding
 * `count` real vectors of N doubles, handed out as Float64Array views (vector i at byte offset
 * 8·N·i); the kernels take vector indices. The memory is sized once and never grown (growing would
 * detach the views), so an arena serves exactly one propagation. A released arena's memory is kept
 * for the next one (see `release`).
 */
import { KRYLOV_KERNELS_WASM_BASE64 } from './krylov-kernels.wasm.ts';

interface KernelExports {
  mgsFused(w: number, vi: number, vn: number, n: number, c: number): number;
  axpyNorm2(w: number, v: number, n: number, c: number): number;
  dot(a: number, b: number, n: number): number;
  scaleInto(out: number, x: number, n: number, s: number): void;
  axpy4(out: number, v0: number, v1: number, v2: number, v3: number, n: number, c0: number, c1: number, c2: number, c3: number): void;
  axpy1(out: number, v: number, n: number, c: number): void;
  classSumStep(out: number, x: number, z: number, table: number, n: number, edges: number, c: number, f: number): void;
  zmul(o: number, a: number, b: number, n: number, p: number, m: number): void;
}

/**
 * The part of the WebAssembly JS API used here. The project compiles against ES2022 and Node's types,
 * neither of which declares WebAssembly's values (lib.dom does), so the global is typed locally.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE_BYTES = 65536;
/** WebAssembly (32-bit) memories hold at most 65536 pages. */
export const MAX_ARENA_BYTES = 65536 * PAGE_BYTES;

let compiled: object | null = null;

/** The bytes of a base64 text, with `atob` (a global in browsers and Node ≥ 16, unlike Node's `Buffer`). */
function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function kernelModule(): object {
  compiled ??= new wasm.Module(base64Bytes(KRYLOV_KERNELS_WASM_BASE64));
  return compiled;
}

/** Bytes of an arena of `count` vectors of `N` doubles and `indexWords` int32 words (a whole number of 64 KiB pages). */
export function arenaBytes(count: number, N: number, indexWords = 0): number {
  return Math.ceil((8 * N * count + 4 * indexWords) / PAGE_BYTES) * PAGE_BYTES;
}

/**
 * Memories of released arenas, each with its kernel instance, for reuse by the next arena that fits.
 * Why: the first write to each 4 KiB page of a fresh memory is a page fault, and at small n the faults
 * on a fresh basis cost many generator products per propagation (docs/BENCHMARKS.md § Kernel design
 * measurements). A derivation propagates the same model for every K_c of its study, so the memory is reused there.
 * Only memories up to SPARE_ARENA_BYTES in all are kept: at larger n the faults are a vanishing
 * part of the run (they grow ∝ m·4ⁿ, the work ∝ m²·4ⁿ) and holding the memory would not be.
 */
const spareArenas: Array<{ memory: WasmMemory; exports: KernelExports; dirty: number }> = [];
const SPARE_ARENA_BYTES = 128 * 2 ** 20;

function takeSpareArena(bytes: number): { memory: WasmMemory; exports: KernelExports; dirty: number } | null {
  let best = -1;
  for (let i = 0; i < spareArenas.length; i++) {
    const size = spareArenas[i].memory.buffer.byteLength;
    if (size >= bytes && (best < 0 || size < spareArenas[best].memory.buffer.byteLength)) best = i;
  }
  if (best < 0) return null;
  const [spare] = spareArenas.splice(best, 1);
  // A fresh memory reads as zeros; so does a reused one. Only the prefix its last user wrote needs
  // clearing: writing zeros to the untouched pages beyond would fault them in.
  new Uint8Array(spare.memory.buffer, 0, Math.min(bytes, spare.dirty)).fill(0);
  return spare;
}

export class KrylovArena {
  readonly N: number;
  readonly vectors: Float64Array[];
  /** `indexWords` int32 words after the vectors (the gather table of `classSumStep`). */
  readonly indices: Int32Array;
  readonly #k: KernelExports;
  readonly #bytes: number;
  readonly #memory: WasmMemory;
  #released = false;

  /**
   * @example new KrylovArena(3, 4).vectors[2].length // => 4
   */
  constructor(count: number, N: number, indexWords = 0) {
    const bytes = arenaBytes(count, N, indexWords);
    if (bytes > MAX_ARENA_BYTES) throw new RangeError(`Krylov arena of ${count} vectors × ${N} doubles exceeds ${MAX_ARENA_BYTES} bytes`);
    const spare = takeSpareArena(bytes);
    const memory = spare?.memory ?? new wasm.Memory({ initial: Math.max(1, bytes / PAGE_BYTES) });
    this.#memory = memory;
    this.#k = spare?.exports ?? (new wasm.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports);
    this.N = N;
    this.#bytes = 8 * N;
    this.vectors = Array.from({ length: count }, (_, i) => new Float64Array(memory.buffer, i * this.#bytes, N));
    this.indices = new Int32Array(memory.buffer, count * this.#bytes, indexWords);
  }

  /**
   * Hand the memory back for the next arena (kept while the spares stay within SPARE_ARENA_BYTES).
   * The views must not be used afterwards: the next arena overwrites them. `writtenVectors`: how
   * many leading vectors were written (default all, and the index words).
   */
  release(writtenVectors?: number): void {
    if (this.#released) return;
    this.#released = true;
    let held = 0;
    for (const a of spareArenas) held += a.memory.buffer.byteLength;
    const size = this.#memory.buffer.byteLength;
    const dirty = writtenVectors === undefined ? size : Math.min(size, writtenVectors * this.#bytes);
    if (held + size <= SPARE_ARENA_BYTES) spareArenas.push({ memory: this.#memory, exports: this.#k, dirty });
  }

  /** ⟨v_a, v_b⟩. @example (() => { const a = new KrylovArena(2, 5); a.vectors[0].fill(2); a.vectors[1].fill(3); return a.dot(0, 1); })() // => 30 */
  dot(a: number, b: number): number {
    return this.#k.dot(a * this.#bytes, b * this.#bytes, this.N);
  }

  /** v_w ← v_w − c·v_i, returning ⟨v_next, v_w⟩ after the update (one fused MGS step). */
  mgsFused(w: number, i: number, next: number, c: number): number {
    return this.#k.mgsFused(w * this.#bytes, i * this.#bytes, next * this.#bytes, this.N, c);
  }

  /** v_w ← v_w − c·v_i, returning ‖v_w‖² after the update. */
  axpyNorm2(w: number, i: number, c: number): number {
    return this.#k.axpyNorm2(w * this.#bytes, i * this.#bytes, this.N, c);
  }

  /** v_out ← s·v_x. */
  scaleInto(out: number, x: number, s: number): void {
    this.#k.scaleInto(out * this.#bytes, x * this.#bytes, this.N, s);
  }

  /** v_out ← v_out + (c₀v_a + c₁v_b) + (c₂v_c + c₃v_d). */
  axpy4(out: number, a: number, b: number, c: number, d: number, c0: number, c1: number, c2: number, c3: number): void {
    const s = this.#bytes;
    this.#k.axpy4(out * s, a * s, b * s, c * s, d * s, this.N, c0, c1, c2, c3);
  }

  /** v_out ← v_out + c·v_i. */
  axpy1(out: number, i: number, c: number): void {
    this.#k.axpy1(out * this.#bytes, i * this.#bytes, this.N, c);
  }

  /**
   * v_out ← f·v_z − c·v_x + Σ_e ±v_x[q(p, e)] for every position p, the gather indices read from
   * `indices` (`edges` words per position, ~q for a negated entry). v_out must differ from v_x.
   */
  classSumStep(out: number, x: number, z: number, edges: number, c: number, f: number): void {
    const s = this.#bytes;
    this.#k.classSumStep(out * s, x * s, z * s, this.indices.byteOffset, this.N, edges, c, f);
  }
}

/**
 * The memory of `complexMatmulInto`: A, B and the product side by side, replaced by a larger one when
 * a product does not fit (the views are made again then).
 */
let matmul: { memory: WasmMemory; exports: KernelExports; view: Float64Array } | null = null;

function matmulMemory(bytes: number): { exports: KernelExports; view: Float64Array } {
  if (!matmul || matmul.memory.buffer.byteLength < bytes) {
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE_BYTES)) });
    const exports = new wasm.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports;
    matmul = { memory, exports, view: new Float64Array(memory.buffer) };
  }
  return matmul;
}

/** Largest product (n·p + p·m + n·m complex entries) `complexMatmulInto` takes: a quarter of a 32-bit memory. */
export const MAX_WASM_MATMUL_ENTRIES = MAX_ARENA_BYTES / 64;

/**
 * out = A·B for interleaved complex row-major A (n×p) and B (p×m) in the `zmul` kernel: the same
 * doubles as cmatrix.ts `mulInto`'s loop (the same operations in the same order, no fused
 * multiply–add), about twice as fast on f64x2 lanes. `out` may not alias `a` or `b`.
 * @example (() => { const o = new Float64Array(2); complexMatmulInto(o, Float64Array.of(0, 1), Float64Array.of(0, 1), 1, 1, 1); return o[0]; })() // => -1
 */
export function complexMatmulInto(out: Float64Array, a: Float64Array, b: Float64Array, n: number, p: number, m: number): Float64Array {
  const aLen = 2 * n * p;
  const bLen = 2 * p * m;
  const { exports, view } = matmulMemory(8 * (aLen + bLen + 2 * n * m));
  view.set(a.subarray(0, aLen), 0);
  view.set(b.subarray(0, bLen), aLen);
  exports.zmul(8 * (aLen + bLen), 0, 8 * aLen, n, p, m);
  out.set(view.subarray(aLen + bLen, aLen + bLen + 2 * n * m));
  return out;
}
