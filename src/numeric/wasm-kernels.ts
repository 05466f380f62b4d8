/**
 * The WebAssembly SIMD kernels of krylov-kernels.wat (real Gram–Schmidt sweeps, scaling and dense
 * output combinations) and the memory they work in. A `KrylovArena` is one WebAssembly memory holding
 * `count` real vectors of N doubles, handed out as Float64Array views (vector i at byte offset
 * 8·N·i); the kernels take vector indices. The memory is sized once and never grown (growing would
 * detach the views), so an arena serves exactly one propagation and is garbage-collected with it.
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
}

/**
 * The part of the WebAssembly JS API used here. The project compiles against ES2022 and Node's types,
 * neither of which declares WebAssembly's values (lib.dom does), so the global is typed locally.
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE_BYTES = 65536;
/** WebAssembly (32-bit) memories hold at most 65536 pages. */
export const MAX_ARENA_BYTES = 65536 * PAGE_BYTES;

let compiled: object | null = null;

function kernelModule(): object {
  compiled ??= new wasm.Module(Buffer.from(KRYLOV_KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

/** Bytes of an arena of `count` vectors of `N` doubles and `indexWords` int32 words (a whole number of 64 KiB pages). */
export function arenaBytes(count: number, N: number, indexWords = 0): number {
  return Math.ceil((8 * N * count + 4 * indexWords) / PAGE_BYTES) * PAGE_BYTES;
}

export class KrylovArena {
  readonly N: number;
  readonly vectors: Float64Array[];
  /** `indexWords` int32 words after the vectors (the gather table of `classSumStep`). */
  readonly indices: Int32Array;
  readonly #k: KernelExports;
  readonly #bytes: number;

  /**
   * @example new KrylovArena(3, 4).vectors[2].length // => 4
   */
  constructor(count: number, N: number, indexWords = 0) {
    const bytes = arenaBytes(count, N, indexWords);
    if (bytes > MAX_ARENA_BYTES) throw new RangeError(`Krylov arena of ${count} vectors × ${N} doubles exceeds ${MAX_ARENA_BYTES} bytes`);
    const memory = new wasm.Memory({ initial: Math.max(1, bytes / PAGE_BYTES) });
    const instance = new wasm.Instance(kernelModule(), { env: { memory } });
    this.#k = instance.exports as unknown as KernelExports;
    this.N = N;
    this.#bytes = 8 * N;
    this.vectors = Array.from({ length: count }, (_, i) => new Float64Array(memory.buffer, i * this.#bytes, N));
    this.indices = new Int32Array(memory.buffer, count * this.#bytes, indexWords);
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
