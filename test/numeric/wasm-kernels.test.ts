/**
 * The WebAssembly SIMD kernels of numeric/krylov-kernels.wat against naive loops written here, the
 * real Krylov basis built on them (orthonormality, the Arnoldi relation), and the committed module
 * against a fresh assembly of the .wat source (a stale module fails).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KrylovArena, arenaBytes, complexMatmulInto } from '../../src/numeric/wasm-kernels.ts';
import { mulInto, mulIntoLoop, zeros } from '../../src/numeric/cmatrix.ts';
import { realKrylovBasis, complexKrylovBasis, maxRealBasisDim } from '../../src/numeric/krylov-basis.ts';
import { assembledModuleSource, WASM_MODULE_TS } from '../../scripts/build-wasm.ts';
import { seededRandom } from '../../src/core/random.ts';

/** Rounding bound of a length-N reduction: N·ε·Σ|terms| (plus a tiny absolute floor). */
const reductionTol = (n: number, absSum: number) => 4 * n * Number.EPSILON * absSum + 1e-300;

// Lengths covering the 4-wide SIMD body, every tail length 1..3 and a vector shorter than one block.
const LENGTHS = [1, 2, 3, 4, 5, 6, 7, 16, 33, 1023, 4096];

function fill(arena: KrylovArena, i: number, rand: () => number): Float64Array {
  const v = arena.vectors[i];
  for (let k = 0; k < v.length; k++) v[k] = rand() - 0.5;
  return v.slice();
}

describe('krylov-kernels.wasm', () => {
  it('is the assembly of krylov-kernels.wat (run `npx tsx scripts/build-wasm.ts` after editing the .wat)', async () => {
    expect(readFileSync(WASM_MODULE_TS, 'utf8')).toBe(await assembledModuleSource());
  });

  it('lays out disjoint, page-rounded vectors', () => {
    const arena = new KrylovArena(3, 5);
    arena.vectors[0].fill(1);
    arena.vectors[1].fill(2);
    arena.vectors[2].fill(3);
    expect([...arena.vectors[0], ...arena.vectors[1], ...arena.vectors[2]]).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(arenaBytes(3, 5)).toBe(65536);
    expect(arenaBytes(2, 8192)).toBe(2 * 65536);
    expect(maxRealBasisDim(4 ** 10)).toBe(2 ** 32 / (8 * 4 ** 10) - 4);
  });

  it.each(LENGTHS)('dot, mgsFused, axpyNorm2, scaleInto, axpy4, axpy1 match naive loops (N = %i)', (N) => {
    const rand = seededRandom(1000 + N);
    const arena = new KrylovArena(6, N);
    const a = fill(arena, 0, rand);
    const b = fill(arena, 1, rand);
    const c = fill(arena, 2, rand);
    const d = fill(arena, 3, rand);
    const w = fill(arena, 4, rand);

    let dot = 0;
    let abs = 0;
    for (let k = 0; k < N; k++) {
      dot += a[k] * b[k];
      abs += Math.abs(a[k] * b[k]);
    }
    expect(Math.abs(arena.dot(0, 1) - dot)).toBeLessThanOrEqual(reductionTol(N, abs));

    // mgsFused: w ← w − 0.7·a, returns ⟨b, w⟩ on the updated w.
    const wRef = w.map((x, k) => x - 0.7 * a[k]);
    let next = 0;
    abs = 0;
    for (let k = 0; k < N; k++) {
      next += b[k] * wRef[k];
      abs += Math.abs(b[k] * wRef[k]);
    }
    const s = arena.mgsFused(4, 0, 1, 0.7);
    expect([...arena.vectors[4]]).toEqual([...wRef]);
    expect(Math.abs(s - next)).toBeLessThanOrEqual(reductionTol(N, abs));

    // axpyNorm2: w ← w − (−1.25)·c, returns ‖w‖².
    const w2 = wRef.map((x, k) => x + 1.25 * c[k]);
    const norm2 = w2.reduce((t, x) => t + x * x, 0);
    expect(Math.abs(arena.axpyNorm2(4, 2, -1.25) - norm2)).toBeLessThanOrEqual(reductionTol(N, norm2));
    expect([...arena.vectors[4]]).toEqual([...w2]);

    arena.scaleInto(5, 3, 1 / 3);
    expect([...arena.vectors[5]]).toEqual([...d].map((x) => x * (1 / 3)));

    // axpy4 and axpy1 are elementwise, in the documented association order.
    const out = arena.vectors[5].slice();
    arena.axpy4(5, 0, 1, 2, 3, 0.5, -2, 3, 0.25);
    expect([...arena.vectors[5]]).toEqual([...out].map((o, k) => o + ((0.5 * a[k] + -2 * b[k]) + (3 * c[k] + 0.25 * d[k]))));
    const out2 = arena.vectors[5].slice();
    arena.axpy1(5, 2, -0.125);
    expect([...arena.vectors[5]]).toEqual([...out2].map((o, k) => o + -0.125 * c[k]));
  });

  it.each([1, 5, 64])('classSumStep gathers signed entries through the index words (N = %i)', (N) => {
    const rand = seededRandom(77 + N);
    const edges = 3;
    const arena = new KrylovArena(4, N, edges * N);
    const x = fill(arena, 0, rand);
    const z = fill(arena, 1, rand);
    const q = Array.from({ length: N * edges }, () => Math.floor(rand() * N));
    const negate = q.map(() => rand() < 0.5);
    q.forEach((v, i) => (arena.indices[i] = negate[i] ? ~v : v));
    arena.classSumStep(2, 0, 1, edges, 0.75, -1.5);
    const ref = Array.from({ length: N }, (_, p) => {
      let s = 0;
      for (let e = 0; e < edges; e++) s += (negate[p * edges + e] ? -1 : 1) * x[q[p * edges + e]];
      return -1.5 * z[p] - 0.75 * x[p] + s;
    });
    expect(Math.max(...[...arena.vectors[2]].map((v, p) => Math.abs(v - ref[p])))).toBeLessThan(1e-14);
    expect(arenaBytes(4, N, edges * N)).toBeGreaterThanOrEqual(4 * 8 * N + 4 * edges * N);
  });

  it('dot is symmetric and bilinear within rounding (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (xs, lambda) => {
          const N = xs.length;
          const arena = new KrylovArena(3, N);
          arena.vectors[0].set(xs);
          arena.vectors[1].set(xs.map((x, k) => Math.cos(k) * x));
          arena.scaleInto(2, 1, lambda);
          const ab = arena.dot(0, 1);
          expect(arena.dot(1, 0)).toBe(ab);
          const abs = xs.reduce((t, x, k) => t + Math.abs(Math.cos(k) * x * x), 0);
          expect(Math.abs(arena.dot(0, 2) - lambda * ab)).toBeLessThanOrEqual(2 * reductionTol(N, Math.abs(lambda) * abs));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('Krylov bases', () => {
  /** Arnoldi on a fixed non-normal tridiagonal matrix, with the basis's own operations. */
  function arnoldi(real: boolean, N: number, m: number) {
    const basis = real ? realKrylovBasis(N, m) : complexKrylovBasis(N, m);
    const ld = m + 1;
    const h = new Float64Array(2 * ld * m);
    const rand = seededRandom(42);
    for (let k = 0; k < N; k++) basis.y[k] = rand() - 0.5;
    basis.start(basis.normY());
    // A non-normal operator on N doubles: (Ax)_k = 2x_k − x_{k−1} + 3x_{k+1}·sin k
    const apply = (out: Float64Array, x: Float64Array) => {
      for (let k = 0; k < N; k++) out[k] = 2 * x[k] - (k > 0 ? x[k - 1] : 0) + (k + 1 < N ? 3 * Math.sin(k) * x[k + 1] : 0);
    };
    for (let j = 0; j < m; j++) {
      apply(basis.w, basis.V[j]);
      basis.orthogonalize(j, h, ld);
      const norm2 = basis.orthogonalize(j, h, ld);
      h[2 * (j + 1 + ld * j)] = Math.sqrt(norm2);
      basis.setNext(j + 1, 1 / Math.sqrt(norm2));
    }
    return { basis, h, ld, apply };
  }

  it.each([true, false])('orthonormal basis and A V_m = V_{m+1} H̄_m to 1e-12 (real = %s)', (real) => {
    const N = 202;
    const m = 30;
    const { basis, h, ld, apply } = arnoldi(real, N, m);
    // |⟨v_i, v_j⟩ − δ_ij| with the real inner product, or the complex one Σ conj(a_k) b_k on pairs.
    const ip = (a: Float64Array, b: Float64Array) => {
      let s = 0;
      for (let k = 0; k < N; k++) s += a[k] * b[k];
      return s;
    };
    const innerDefect = (a: Float64Array, b: Float64Array, delta: number) => {
      if (real) return Math.abs(ip(a, b) - delta);
      let re = 0;
      let im = 0;
      for (let k = 0; k < N; k += 2) {
        re += a[k] * b[k] + a[k + 1] * b[k + 1];
        im += a[k] * b[k + 1] - a[k + 1] * b[k];
      }
      return Math.hypot(re - delta, im);
    };
    let worst = 0;
    for (let i = 0; i <= m; i++) for (let j = 0; j <= m; j++) worst = Math.max(worst, innerDefect(basis.V[i], basis.V[j], i === j ? 1 : 0));
    expect(worst).toBeLessThan(1e-12);
    // The Arnoldi relation, column by column, independent of how the coefficients were found.
    const Av = new Float64Array(N);
    let residual = 0;
    for (let j = 0; j < m; j++) {
      apply(Av, basis.V[j]);
      const comb = Av.slice();
      for (let i = 0; i <= j + 1; i++) {
        const hr = h[2 * (i + ld * j)];
        const hi = h[2 * (i + ld * j) + 1];
        if (real) {
          for (let k = 0; k < N; k++) comb[k] -= hr * basis.V[i][k];
        } else {
          for (let k = 0; k < N; k += 2) {
            comb[k] -= hr * basis.V[i][k] - hi * basis.V[i][k + 1];
            comb[k + 1] -= hr * basis.V[i][k + 1] + hi * basis.V[i][k];
          }
        }
      }
      residual = Math.max(residual, Math.sqrt(ip(comb, comb)));
    }
    expect(residual).toBeLessThan(1e-12);
  });

  it('combine forms β·Σ c_i v_i, skipping only terms below `negligible`', () => {
    const N = 37;
    const m = 9;
    const { basis } = arnoldi(true, N, m);
    const c = new Float64Array(2 * (m + 1));
    for (let i = 0; i <= m; i++) c[2 * i] = i === 4 ? 1e-20 : (i + 1) / 7;
    basis.combine(c, m, 2.5, 1e-15);
    for (let k = 0; k < N; k++) {
      let ref = 0;
      for (let i = 0; i <= m; i++) if (i !== 4) ref += 2.5 * c[2 * i] * basis.V[i][k];
      expect(Math.abs(basis.out[k] - ref)).toBeLessThan(1e-14);
    }
  });
});

describe('arena reuse', () => {
  it('a released memory serves the next arena that fits, reading as zeros, and is not shared while in use', () => {
    const a = new KrylovArena(6, 1000);
    for (const v of a.vectors) v.fill(1);
    a.release();
    const b = new KrylovArena(4, 1500);
    expect(b.vectors[0].buffer).toBe(a.vectors[0].buffer);
    for (const v of b.vectors) expect(v.every((x) => x === 0)).toBe(true);
    // While b is in use, a new arena gets fresh memory.
    const c = new KrylovArena(4, 1500);
    expect(c.vectors[0].buffer).not.toBe(b.vectors[0].buffer);
    // Only the declared written prefix is cleared; it is all that was written.
    b.vectors[0].fill(2);
    b.vectors[1].fill(3);
    b.release(2);
    const d = new KrylovArena(6, 1000);
    expect(d.vectors[0].buffer).toBe(b.vectors[0].buffer);
    for (const v of d.vectors) expect(v.every((x) => x === 0)).toBe(true);
    d.release();
    c.release();
  });

  it('a Krylov basis released after use leaves the next one a clean start (same Arnoldi relation)', () => {
    const run = () => {
      const basis = realKrylovBasis(300, 20);
      const ld = 21;
      const h = new Float64Array(2 * ld * 20);
      for (let k = 0; k < 300; k++) basis.y[k] = Math.cos(k);
      basis.start(basis.normY());
      for (let j = 0; j < 20; j++) {
        for (let k = 0; k < 300; k++) basis.w[k] = 2 * basis.V[j][k] - (k > 0 ? basis.V[j][k - 1] : 0);
        const norm2 = basis.orthogonalize(j, h, ld);
        h[2 * (j + 1 + ld * j)] = Math.sqrt(norm2);
        basis.setNext(j + 1, 1 / Math.sqrt(norm2));
      }
      const out = Array.from(h);
      basis.release();
      return out;
    };
    const first = run();
    // The second run gets the first one's memory (written everywhere it reads) and must agree exactly.
    expect(run()).toEqual(first);
  });
});

describe('zmul: the complex matrix product of cmatrix.ts mulInto', () => {
  /** Entries with exact zeros, negative zeros and whole zero rows/blocks, so every branch of the loop runs. */
  const entry = fc.oneof(
    { weight: 3, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0) },
  );
  const matrix = (rows: number, cols: number) => fc.array(entry, { minLength: 2 * rows * cols, maxLength: 2 * rows * cols }).map((d) => ({ rows, cols, data: Float64Array.from(d) }));

  it('gives the same doubles as the JavaScript loop, bit for bit, for every shape and zero pattern', () => {
    const shapes = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }));
    fc.assert(fc.property(shapes.chain(([n, p, m]) => fc.tuple(matrix(n, p), matrix(p, m))), ([a, b]) => {
      const wasmOut = new Float64Array(2 * a.rows * b.cols);
      complexMatmulInto(wasmOut, a.data, b.data, a.rows, a.cols, b.cols);
      // toEqual compares numbers with Object.is: every double, sign of zero included, must match.
      expect(Array.from(wasmOut)).toEqual(Array.from(mulIntoLoop(zeros(a.rows, b.cols), a, b).data));
    }), { numRuns: 300 });
  });

  it('mulInto takes the kernel above its size threshold and still agrees with a naive sum to rounding', () => {
    const n = 24;
    const a = zeros(n, n);
    const b = zeros(n, n);
    for (let k = 0; k < a.data.length; k++) {
      a.data[k] = Math.sin(k + 1);
      b.data[k] = Math.cos(3 * k);
    }
    const out = mulInto(zeros(n, n), a, b);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const [ar, ai] = [a.data[2 * (i * n + k)], a.data[2 * (i * n + k) + 1]];
        const [br, bi] = [b.data[2 * (k * n + j)], b.data[2 * (k * n + j) + 1]];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      expect(out.data[2 * (i * n + j)]).toBeCloseTo(re, 10);
      expect(out.data[2 * (i * n + j) + 1]).toBeCloseTo(im, 10);
    }
    expect(Array.from(out.data)).toEqual(Array.from(mulIntoLoop(zeros(n, n), a, b).data));
  });
});
