import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { ModelTooLarge, UserError } from '../../src/core/errors.ts';
import type { LoweredModel, NumericTerm } from '../../src/core/lowered-model.ts';
import { zeros, vec, unvec, dagger, mul, type CMatrix } from '../../src/numeric/cmatrix.ts';
import {
  buildLindbladKernel, lindbladApplyInto, hamiltonianApplyInto, dissipatorApplyInto, couplingApplyInto,
  inducedLaplacianApplyInto, denseLiouvillian, operatorMatrix, lindbladApplyHermitianUpperInto, lindbladOperator, SparseGeneratorAction,
} from '../../src/numeric/lindblad-action.ts';
import { hermitianCoordinates } from '../../src/numeric/propagate.ts';
import { seededRng, randomModel, naiveLiouvillian, naiveSwap, naiveOperator } from '../support/numeric-reference.ts';

/** Entrywise agreement of the matrix-free action with the naive dense Liouvillian. */
const TOL = 1e-12;

function randomMatrix(D: number, rng: () => number, hermitian = false): CMatrix {
  const m = zeros(D, D);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng() - 0.5;
  if (!hermitian) return m;
  const h = dagger(m);
  for (let k = 0; k < m.data.length; k++) m.data[k] = (m.data[k] + h.data[k]) / 2;
  return m;
}

function apply(f: (o: Float64Array, r: Float64Array) => Float64Array, rho: CMatrix): CMatrix {
  return { rows: rho.rows, cols: rho.cols, data: f(new Float64Array(rho.data.length), rho.data) };
}

/**
 * Applies the naive column-stacked Liouvillian (or its conjugate transpose, the Hilbert–Schmidt
 * adjoint) to a Hermitian ρ and returns interleaved row-major data.
 */
function naiveApply(model: LoweredModel, rho: CMatrix, adjoint: boolean): Float64Array {
  const ref = naiveLiouvillian(model);
  const D = rho.rows;
  const out = new Float64Array(2 * D * D);
  for (let r = 0; r < D; r++)
    for (let s = 0; s < D; s++) {
      const i = r + D * s;
      let yr = 0;
      let yi = 0;
      for (let c = 0; c < D; c++)
        for (let d = 0; d < D; d++) {
          const j = c + D * d;
          const ar = adjoint ? ref.re[j][i] : ref.re[i][j];
          const ai = adjoint ? -ref.im[j][i] : ref.im[i][j];
          const xr = rho.data[2 * (c * D + d)];
          const xi = rho.data[2 * (c * D + d) + 1];
          yr += ar * xr - ai * xi;
          yi += ar * xi + ai * xr;
        }
      out[2 * (r * D + s)] = yr;
      out[2 * (r * D + s) + 1] = yi;
    }
  return out;
}

describe('matrix-free Lindblad action (eq. 4)', () => {
  it('equals a naive dense Liouvillian (textbook sum on matrix units) for random models, n ≤ 4', () => {
    const rng = seededRng(101);
    for (const n of [1, 2, 3, 4]) {
      for (let rep = 0; rep < (n === 4 ? 1 : 3); rep++) {
        const model = randomModel(n, rng, 0.1 + 5 * rng());
        const kernel = buildLindbladKernel(model);
        const ref = naiveLiouvillian(model);
        const D = 2 ** n;
        const rho = randomMatrix(D, rng);
        const got = vec(apply((o, r) => lindbladApplyInto(o, r, kernel), rho));
        const x = vec(rho);
        let err = 0;
        for (let i = 0; i < D * D; i++) {
          let sr = 0;
          let si = 0;
          for (let j = 0; j < D * D; j++) {
            sr += ref.re[i][j] * x[2 * j] - ref.im[i][j] * x[2 * j + 1];
            si += ref.re[i][j] * x[2 * j + 1] + ref.im[i][j] * x[2 * j];
          }
          err = Math.max(err, Math.abs(sr - got[2 * i]), Math.abs(si - got[2 * i + 1]));
        }
        expect(err).toBeLessThan(TOL);
        // the library's Kronecker-built dense Liouvillian agrees with the naive one too
        if (n <= 3) {
          const dense = denseLiouvillian(model).total;
          let e2 = 0;
          for (let i = 0; i < D * D; i++)
            for (let j = 0; j < D * D; j++) {
              e2 = Math.max(e2, Math.abs(dense.data[2 * (i * D * D + j)] - ref.re[i][j]), Math.abs(dense.data[2 * (i * D * D + j) + 1] - ref.im[i][j]));
            }
          expect(e2).toBeLessThan(TOL);
        }
      }
    }
  });

  it('preserves trace and Hermiticity: tr 𝓛ρ = 0, (𝓛ρ)† = 𝓛(ρ†)', () => {
    const rng = seededRng(102);
    for (let rep = 0; rep < 20; rep++) {
      const n = 1 + Math.floor(rng() * 4);
      const kernel = buildLindbladKernel(randomModel(n, rng, 3 * rng()));
      const D = 2 ** n;
      const rho = randomMatrix(D, rng);
      const out = apply((o, r) => lindbladApplyInto(o, r, kernel), rho);
      let tr = [0, 0];
      for (let i = 0; i < D; i++) tr = [tr[0] + out.data[2 * (i * D + i)], tr[1] + out.data[2 * (i * D + i) + 1]];
      expect(Math.hypot(tr[0], tr[1])).toBeLessThan(TOL);
      const outDag = dagger(out);
      const ofDag = apply((o, r) => lindbladApplyInto(o, r, kernel), dagger(rho));
      for (let k = 0; k < outDag.data.length; k++) expect(Math.abs(outDag.data[k] - ofDag.data[k])).toBeLessThan(TOL);
    }
  });

  it('D(U)ρ = UρU − ρ for one SWAP edge, and the parts add up to the whole', () => {
    const rng = seededRng(103);
    const n = 3;
    const D = 8;
    const model = randomModel(n, rng, 2.5);
    const kernel = buildLindbladKernel({ ...model, edges: [[1, 3, 1]], Kc: 1 });
    const rho = randomMatrix(D, rng, true);
    const U = naiveSwap(3, 1, 3);
    const Um: CMatrix = zeros(D, D);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) Um.data[2 * (i * D + j)] = U.re[i][j];
    const UrU = mul(mul(Um, rho), Um);
    const got = apply((o, r) => couplingApplyInto(o, r, kernel), rho);
    for (let k = 0; k < got.data.length; k++) expect(Math.abs(got.data[k] - (UrU.data[k] - rho.data[k]))).toBeLessThan(TOL);
    const q = apply((o, r) => inducedLaplacianApplyInto(o, r, kernel), rho);
    for (let k = 0; k < q.data.length; k++) expect(Math.abs(q.data[k] + got.data[k])).toBeLessThan(TOL);
    const full = buildLindbladKernel(model);
    const whole = apply((o, r) => lindbladApplyInto(o, r, full), rho);
    const h = apply((o, r) => hamiltonianApplyInto(o, r, full), rho);
    const d = apply((o, r) => dissipatorApplyInto(o, r, full), rho);
    const c = apply((o, r) => couplingApplyInto(o, r, full), rho);
    for (let k = 0; k < whole.data.length; k++) expect(Math.abs(whole.data[k] - h.data[k] - d.data[k] - c.data[k])).toBeLessThan(TOL);
  });

  it('operator construction matches explicit Kronecker products (σ± convention, big-endian)', () => {
    const terms: NumericTerm[] = [{ coef: [0.3, -0.2], ops: { '1': '+', '3': 'y' } }, { coef: [1, 0], ops: { '2': '-' } }];
    const A = operatorMatrix(3, terms);
    const B = naiveOperator(3, terms);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      expect(A.data[2 * (i * 8 + j)]).toBeCloseTo(B.re[i][j], 15);
      expect(A.data[2 * (i * 8 + j) + 1]).toBeCloseTo(B.im[i][j], 15);
    }
    // σ₋ on qubit 1 of 1 qubit: |0⟩⟨1|
    expect(operatorMatrix(1, [{ coef: [1, 0], ops: { '1': '-' } }]).data[2]).toBe(1);
  });

  it('refuses n > 10 with the memory it would need, and bad models with UserError', () => {
    const big = { n: 11, hamiltonian: [], lindblad: [], edges: [], Kc: 1 };
    expect(() => buildLindbladKernel(big)).toThrow(ModelTooLarge);
    expect(() => buildLindbladKernel(big)).toThrow(/GiB/);
    expect(() => denseLiouvillian({ ...big, n: 6 })).toThrow(ModelTooLarge);
    expect(() => buildLindbladKernel({ n: 2, hamiltonian: [{ coef: [1, 0], ops: { '3': 'x' } }], lindblad: [], edges: [], Kc: 0 })).toThrow(UserError);
    expect(() => buildLindbladKernel({ n: 2, hamiltonian: [], lindblad: [], edges: [[1, 1, 1]], Kc: 0 })).toThrow(UserError);
    const k = buildLindbladKernel({ n: 1, hamiltonian: [], lindblad: [], edges: [], Kc: 0 });
    const r = new Float64Array(8);
    expect(() => lindbladApplyInto(r, r, k)).toThrow(/alias/);
    expect(unvec(vec(zeros(2)), 2).rows).toBe(2);
  });
});

/** Upper-triangle agreement of the Hermitian action, relative to the largest entry of the reference. */
const HERM_RTOL = 1e-12;

/** max over r ≤ s of |a_rs − b_rs| / max(1, max |b_rs|), for row-major interleaved D×D data. */
function upperRelErr(a: Float64Array, b: Float64Array, D: number): number {
  let err = 0;
  let scale = 1;
  for (let r = 0; r < D; r++)
    for (let s = r; s < D; s++) {
      const p = 2 * (r * D + s);
      err = Math.max(err, Math.abs(a[p] - b[p]), Math.abs(a[p + 1] - b[p + 1]));
      scale = Math.max(scale, Math.abs(b[p]), Math.abs(b[p + 1]));
    }
  return err / scale;
}

/**
 * 𝓛ρ from the dense Liouvillian: y = A·vec ρ with the column-stacked vec of CONVENTIONS.md (entry (r, s)
 * of ρ at vec index r + D·s), returned as row-major interleaved data.
 */
function denseAction(model: LoweredModel, rho: CMatrix): Float64Array {
  const A = denseLiouvillian(model).total;
  const D = rho.rows;
  const N = D * D;
  const x = new Float64Array(2 * N);
  for (let r = 0; r < D; r++)
    for (let s = 0; s < D; s++) {
      x[2 * (r + D * s)] = rho.data[2 * (r * D + s)];
      x[2 * (r + D * s) + 1] = rho.data[2 * (r * D + s) + 1];
    }
  const out = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    let yr = 0;
    let yi = 0;
    for (let j = 0; j < N; j++) {
      const ar = A.data[2 * (i * N + j)];
      const ai = A.data[2 * (i * N + j) + 1];
      yr += ar * x[2 * j] - ai * x[2 * j + 1];
      yi += ar * x[2 * j + 1] + ai * x[2 * j];
    }
    const r = i % D;
    const s = (i - r) / D;
    out[2 * (r * D + s)] = yr;
    out[2 * (r * D + s) + 1] = yi;
  }
  return out;
}

/** Three channels (one of rate 0, one with ≥ 4 stored entries per row), complex H, weighted edges. */
function richModel(n: number): LoweredModel {
  const hamiltonian: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) hamiltonian.push({ coef: [0.7 * j, 0], ops: { [j]: 'z' } });
  for (let j = 1; j < n; j++) {
    // c σ₊σ₋ + c̄ σ₋σ₊ on neighbours: Hermitian with a complex coefficient
    hamiltonian.push({ coef: [0.3, -0.8], ops: { [j]: '+', [j + 1]: '-' } }, { coef: [0.3, 0.8], ops: { [j]: '-', [j + 1]: '+' } });
    hamiltonian.push({ coef: [0.2, 0], ops: { [j]: 'x', [j + 1]: 'y' } });
  }
  const decay: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) decay.push({ coef: [Math.sqrt(0.4), 0.1 * j], ops: { [j]: '-' } }, { coef: [0.2, -0.3], ops: { [j]: 'z' } });
  return {
    n,
    hamiltonian,
    lindblad: [
      { rate: 1.3, terms: decay },
      { rate: 0.6, terms: [{ coef: [0.5, 0.5], ops: { '1': '+', [n]: 'y' } }] },
      { rate: 0, terms: [{ coef: [1, 0], ops: { '1': 'x' } }] },
    ],
    edges: n === 1 ? [] : Array.from({ length: n - 1 }, (_, i) => [i + 1, i + 2, 0.4 + 0.9 * i] as [number, number, number]).concat(n > 2 ? [[1, n, 2.5]] : []),
    Kc: 7.5,
  };
}

describe('Hermitian upper-triangle Lindblad action', () => {
  it('matches lindbladApplyInto and the dense Liouvillian on random models and Hermitian ρ, n = 1..4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 ** 30 }), (n, seed) => {
        const rng = seededRng(seed);
        const model = randomModel(n, rng, 10 * rng());
        const kernel = buildLindbladKernel(model);
        const D = 2 ** n;
        const rho = randomMatrix(D, rng, true);
        const herm = lindbladApplyHermitianUpperInto(new Float64Array(2 * D * D), rho.data, kernel);
        const full = lindbladApplyInto(new Float64Array(2 * D * D), rho.data, kernel);
        const dense = denseAction(model, rho);
        expect(upperRelErr(herm, full, D)).toBeLessThan(HERM_RTOL);
        expect(upperRelErr(herm, dense, D)).toBeLessThan(HERM_RTOL);
      }),
      { numRuns: 40, seed: 4711 },
    );
  });

  it('matches the naive textbook Liouvillian on a model with three channels, complex H and weighted edges', () => {
    const rng = seededRng(105);
    for (const n of [1, 2, 3, 4]) {
      const model = richModel(n);
      const kernel = buildLindbladKernel(model);
      const ref = naiveLiouvillian(model);
      const D = 2 ** n;
      for (let rep = 0; rep < 3; rep++) {
        const rho = randomMatrix(D, rng, true);
        const herm = lindbladApplyHermitianUpperInto(new Float64Array(2 * D * D), rho.data, kernel);
        const want = naiveApply(model, rho, false);
        expect(upperRelErr(herm, want, D)).toBeLessThan(HERM_RTOL);
        expect(upperRelErr(herm, denseAction(model, rho), D)).toBeLessThan(HERM_RTOL);
        const full = lindbladApplyInto(new Float64Array(2 * D * D), rho.data, kernel);
        expect(upperRelErr(herm, full, D)).toBeLessThan(HERM_RTOL);
      }
    }
  });

  it('ignores the previous contents of out, is deterministic, leaves ρ alone, and refuses aliasing', () => {
    const n = 3;
    const D = 8;
    const kernel = buildLindbladKernel(richModel(n));
    const rho = randomMatrix(D, seededRng(106), true);
    const before = rho.data.slice();
    const a = lindbladApplyHermitianUpperInto(new Float64Array(2 * D * D).fill(Number.NaN), rho.data, kernel);
    const b = lindbladApplyHermitianUpperInto(new Float64Array(2 * D * D).fill(3), rho.data, kernel);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(rho.data)).toEqual(Array.from(before));
    // the diagonal of 𝓛ρ is real and its trace vanishes
    let tr = 0;
    for (let i = 0; i < D; i++) {
      tr += a[2 * (i * D + i)];
      expect(Math.abs(a[2 * (i * D + i) + 1])).toBeLessThan(1e-13);
    }
    expect(Math.abs(tr)).toBeLessThan(1e-12);
    expect(() => lindbladApplyHermitianUpperInto(rho.data, rho.data, kernel)).toThrow(/alias/);
    expect(() => lindbladApplyHermitianUpperInto(new Float64Array(4), rho.data, kernel)).toThrow(/expected/);
  });

  it('is exposed on lindbladOperator with a smaller flop estimate', () => {
    const n = 4;
    const D = 16;
    const kernel = buildLindbladKernel(richModel(n));
    const op = lindbladOperator(kernel);
    const rho = randomMatrix(D, seededRng(107), true);
    const viaOp = op.applyHermitianUpperInto(new Float64Array(2 * D * D), rho.data);
    const direct = lindbladApplyHermitianUpperInto(new Float64Array(2 * D * D), rho.data, kernel);
    expect(Array.from(viaOp)).toEqual(Array.from(direct));
    expect(op.hermitianFlops).toBeGreaterThan(0);
    expect(op.hermitianFlops).toBeLessThan(op.flops!);
  });
});

describe('sparse-input generator action (SparseGeneratorAction)', () => {

  it('summed over disjoint coordinate subsets equals the naive Liouvillian and its adjoint, n = 1..4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.boolean(), fc.boolean(), (n, seed, adjoint, rich) => {
        const rng = seededRng(seed);
        const model = rich ? richModel(n) : randomModel(n, rng, 10 * rng());
        const kernel = buildLindbladKernel(model);
        const D = 2 ** n;
        const rho = randomMatrix(D, rng, true);
        const x = hermitianCoordinates(rho.data, D);
        // A random order of the 4ⁿ coordinates, cut into chunks of random sizes.
        const positions = Int32Array.from({ length: D * D }, (_, i) => i);
        for (let i = positions.length - 1; i > 0; i--) {
          const j = Math.floor(rng() * (i + 1));
          [positions[i], positions[j]] = [positions[j], positions[i]];
        }
        const weights = Float64Array.from(positions, (p) => x[p]);
        const action = new SparseGeneratorAction(kernel, { adjoint });
        const got = new Float64Array(2 * D * D);
        for (let start = 0; start < positions.length; ) {
          const end = Math.min(positions.length, start + 1 + Math.floor(rng() * 5));
          action.addHermitianInto(got, positions, weights, start, end);
          start = end;
        }
        const want = naiveApply(model, rho, adjoint);
        const scale = Math.max(1, ...want.map(Math.abs));
        for (let k = 0; k < got.length; k++) expect(Math.abs(got[k] - want[k]) / scale).toBeLessThan(1e-12);
      }),
      { numRuns: 30, seed: 9173 },
    );
  });

  it('its adjoint is the transpose in real coordinates: ⟨a, 𝓛b⟩ = ⟨𝓛†a, b⟩ at n = 3', () => {
    const rng = seededRng(77);
    const n = 3;
    const D = 2 ** n;
    const kernel = buildLindbladKernel(richModel(n));
    const forward = new SparseGeneratorAction(kernel);
    const adjoint = new SparseGeneratorAction(kernel, { adjoint: true });
    const all = Int32Array.from({ length: D * D }, (_, i) => i);
    const a = hermitianCoordinates(randomMatrix(D, rng, true).data, D);
    const b = hermitianCoordinates(randomMatrix(D, rng, true).data, D);
    const Lb = hermitianCoordinates(forward.addHermitianInto(new Float64Array(2 * D * D), all, b, 0, D * D), D);
    const Ladj = hermitianCoordinates(adjoint.addHermitianInto(new Float64Array(2 * D * D), all, a, 0, D * D), D);
    const lhs = a.reduce((s, v, i) => s + v * Lb[i], 0);
    const rhs = Ladj.reduce((s, v, i) => s + v * b[i], 0);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lhs)));
  });
});
