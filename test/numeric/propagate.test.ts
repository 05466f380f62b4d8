import { describe, it, expect } from 'vitest';
import { zeros, vec, matvecInto, scale, fromReal, fromPairs, mul, dagger, type CMatrix } from '../../src/numeric/cmatrix.ts';
import { hermitianEig } from '../../src/numeric/eig.ts';
import { expm } from '../../src/numeric/expm.ts';
import { propagate } from '../../src/numeric/propagator.ts';
import { buildLindbladKernel, lindbladOperator, denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { propagateKrylov, propagateDensityMatrix, denseOperator, hermitianCoordinates, hermitianFromCoordinates, hermitianRealOperator } from '../../src/numeric/propagate.ts';
import fc from 'fast-check';
import { seededRng, randomModel, example3Model } from '../support/numeric-reference.ts';

/** Relative Frobenius error against a dense matrix exponential (issue 5: 1e-10 for n ≤ 4). */
const REL_EXPM = 1e-10;
/** Trace preservation along a trajectory. */
const TRACE = 1e-12;
const CLOSED_FORM = 1e-10;

function productState(n: number, rng: () => number): CMatrix {
  // ⊗ of random single-qubit density matrices
  let rho = fromReal([[1]]);
  for (let q = 0; q < n; q++) {
    const p = rng();
    const c = 0.4 * Math.sqrt(p * (1 - p));
    const one = fromPairs([[[p, 0], [c, 0.1 * c]], [[c, -0.1 * c], [1 - p, 0]]]);
    const D = rho.rows * 2;
    const out = zeros(D, D);
    for (let i = 0; i < rho.rows; i++)
      for (let j = 0; j < rho.rows; j++)
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            const xr = rho.data[2 * (i * rho.rows + j)];
            const xi = rho.data[2 * (i * rho.rows + j) + 1];
            const yr = one.data[2 * (a * 2 + b)];
            const yi = one.data[2 * (a * 2 + b) + 1];
            out.data[2 * ((2 * i + a) * D + 2 * j + b)] = xr * yr - xi * yi;
            out.data[2 * ((2 * i + a) * D + 2 * j + b) + 1] = xr * yi + xi * yr;
          }
    rho = out;
  }
  return rho;
}

function relErr(rowMajor: Float64Array, D: number, refVec: Float64Array): number {
  const v = vec({ rows: D, cols: D, data: rowMajor });
  let d = 0;
  let r = 0;
  for (let k = 0; k < v.length; k++) {
    d += (v[k] - refVec[k]) ** 2;
    r += refVec[k] ** 2;
  }
  return Math.sqrt(d / r);
}

describe('Krylov propagation of eq. 4 against a dense matrix exponential', () => {
  for (const Kc of [0.1, 1, 100, 1e4]) {
    it(`n = 3, K_c = ${Kc}: every output within 1e-10, trace within 1e-12`, () => {
      const rng = seededRng(200 + Kc);
      const model = randomModel(3, rng, Kc);
      const D = 8;
      const rho0 = productState(3, rng);
      const times = [0, 0.05, 0.3, 1, 2.5, 4];
      const res = propagateDensityMatrix(lindbladOperator(buildLindbladKernel(model)), rho0, times);
      const L = denseLiouvillian(model).total;
      times.forEach((t, k) => {
        const ref = matvecInto(new Float64Array(2 * D * D), expm(scale(L, t)), vec(rho0));
        expect(relErr(res.states[k], D, ref)).toBeLessThan(REL_EXPM);
        expect(res.monitors.traceDrift[k]).toBeLessThan(TRACE);
        expect(res.monitors.hermiticityDrift[k]).toBeLessThan(1e-9);
        expect(res.monitors.minEigenvalue[k]).toBeGreaterThan(-1e-9);
      });
    });
  }
  // n = 4 with the basis capped well below 256, so that restarts, checks and dense output all take
  // part (a basis of 60 covers all of [0, 3] in one step at K_c = 0.1, so that case is capped at 12).
  // The grid is uniform, so one dense exponential e^{LΔ} (256×256) serves every output.
  for (const [Kc, cap] of [[0.1, 12], [1e4, 60]]) {
    it(`n = 4, K_c = ${Kc}, Krylov dimension ≤ ${cap}: every output within 1e-10, trace within 1e-12`, () => {
      const rng = seededRng(400 + Kc);
      const model = randomModel(4, rng, Kc);
      const D = 16;
      const rho0 = productState(4, rng);
      const times = [0, 0.75, 1.5, 2.25, 3];
      const res = propagateDensityMatrix(lindbladOperator(buildLindbladKernel(model)), rho0, times, { maxKrylovDim: cap });
      expect(res.stats.steps).toBeGreaterThan(1);
      const step = expm(scale(denseLiouvillian(model).total, 0.75));
      let ref = vec(rho0);
      times.forEach((_t, k) => {
        if (k > 0) ref = matvecInto(new Float64Array(2 * D * D), step, ref);
        expect(relErr(res.states[k], D, ref)).toBeLessThan(REL_EXPM);
        expect(res.monitors.traceDrift[k]).toBeLessThan(TRACE);
      });
    });
  }
  it('complex arithmetic (hermitian: false) meets the same accuracy, n = 3, K_c = 100', () => {
    const rng = seededRng(77);
    const model = randomModel(3, rng, 100);
    const rho0 = productState(3, rng);
    const times = [0, 0.3, 2];
    const res = propagateDensityMatrix(lindbladOperator(buildLindbladKernel(model)), rho0, times, { hermitian: false });
    const L = denseLiouvillian(model).total;
    times.forEach((t, k) => {
      const ref = matvecInto(new Float64Array(2 * 64), expm(scale(L, t)), vec(rho0));
      expect(relErr(res.states[k], 8, ref)).toBeLessThan(REL_EXPM);
    });
  });
  // n = 4 at K_c ∈ {0.1, 1, 100, 10⁴} (random and Example-3 models) runs in propagate.slow.test.ts.
});

describe('real coordinates of Hermitian matrices', () => {
  const hermitian = (D: number) =>
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2 * D * D, maxLength: 2 * D * D }).map((a) => {
      // (A + A†)/2 of a random complex A
      const rho = new Float64Array(2 * D * D);
      for (let i = 0; i < D; i++)
        for (let j = 0; j < D; j++) {
          rho[2 * (i * D + j)] = (a[2 * (i * D + j)] + a[2 * (j * D + i)]) / 2;
          rho[2 * (i * D + j) + 1] = (a[2 * (i * D + j) + 1] - a[2 * (j * D + i) + 1]) / 2;
        }
      return rho;
    });

  it('are an isometry for the Frobenius norm and invert exactly', () => {
    fc.assert(
      fc.property(hermitian(4), (rho) => {
        const x = hermitianCoordinates(rho, 4);
        let nx = 0;
        let nr = 0;
        for (const v of x) nx += v * v;
        for (const v of rho) nr += v * v;
        expect(Math.abs(nx - nr)).toBeLessThan(1e-12 * Math.max(1, nr));
        const back = hermitianFromCoordinates(new Float64Array(32), x, 4);
        for (let k = 0; k < 32; k++) expect(Math.abs(back[k] - rho[k])).toBeLessThan(1e-15);
      }),
      { numRuns: 50 },
    );
  });

  it('carry a Lindbladian to a real operator that commutes with the coordinate map (n = 2)', () => {
    const op = lindbladOperator(buildLindbladKernel(randomModel(2, seededRng(8), 3)));
    const real = hermitianRealOperator(op, 4);
    fc.assert(
      fc.property(hermitian(4), (rho) => {
        const direct = hermitianCoordinates(op.applyInto(new Float64Array(32), rho), 4);
        const viaReal = real.applyInto(new Float64Array(16), hermitianCoordinates(rho, 4));
        for (let k = 0; k < 16; k++) expect(Math.abs(direct[k] - viaReal[k])).toBeLessThan(1e-12);
        // 𝓛ρ is Hermitian, so nothing is lost by reading only its upper triangle
        const image = op.applyInto(new Float64Array(32), rho);
        const rebuilt = hermitianFromCoordinates(new Float64Array(32), direct, 4);
        for (let k = 0; k < 32; k++) expect(Math.abs(rebuilt[k] - image[k])).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });
});

describe('closed-form anchors', () => {
  it('qubit decay: σ₋ = |0⟩⟨1| drives |1⟩ → |0⟩ with ⟨1|ρ|1⟩ = e^{−γt}', () => {
    const gamma = 0.7;
    const kernel = buildLindbladKernel({ n: 1, hamiltonian: [], lindblad: [{ rate: gamma, terms: [{ coef: [1, 0], ops: { '1': '-' } }] }], edges: [], Kc: 0 });
    const rho0 = fromReal([[0, 0], [0, 1]]);
    const times = Array.from({ length: 21 }, (_, k) => 0.25 * k);
    const res = propagateDensityMatrix(lindbladOperator(kernel), rho0, times);
    times.forEach((t, k) => {
      expect(Math.abs(res.states[k][6] - Math.exp(-gamma * t))).toBeLessThan(CLOSED_FORM);
      expect(Math.abs(res.states[k][0] - (1 - Math.exp(-gamma * t)))).toBeLessThan(CLOSED_FORM);
    });
  });

  it('Rabi oscillation: H = (Ω/2)σx from |0⟩ gives P₁(t) = sin²(Ωt/2)', () => {
    const omega = 2.3;
    const kernel = buildLindbladKernel({ n: 1, hamiltonian: [{ coef: [omega / 2, 0], ops: { '1': 'x' } }], lindblad: [], edges: [], Kc: 0 });
    const times = Array.from({ length: 41 }, (_, k) => 0.2 * k);
    const res = propagateDensityMatrix(lindbladOperator(kernel), fromReal([[1, 0], [0, 0]]), times);
    times.forEach((t, k) => {
      expect(Math.abs(res.states[k][6] - Math.sin((omega * t) / 2) ** 2)).toBeLessThan(CLOSED_FORM);
      expect(res.monitors.minEigenvalue[k]).toBeGreaterThan(-1e-10);
    });
  });
});

describe('generic interface and small dense systems', () => {
  it('a non-normal dense generator: Krylov = dense-expm = expm', () => {
    const rng = seededRng(300);
    const n = 12;
    const G = zeros(n, n);
    for (let k = 0; k < G.data.length; k++) G.data[k] = 2 * (rng() - 0.5);
    for (let i = 0; i < n; i++) G.data[2 * (i * n + i)] -= 3;
    const y0 = new Float64Array(2 * n).map(() => rng() - 0.5);
    const times = [0, 0.1, 0.2, 0.3, 1, 2];
    const a = propagateKrylov(denseOperator(G), y0, times, { atol: 1e-13, rtol: 1e-13 });
    const b = propagate({ dim: n, y0, times, dense: G }).states;
    times.forEach((t, k) => {
      const ref = matvecInto(new Float64Array(2 * n), expm(scale(G, t)), y0);
      for (let i = 0; i < 2 * n; i++) {
        expect(Math.abs(a.states[k][i] - ref[i])).toBeLessThan(1e-11);
        expect(Math.abs(b[k][i] - ref[i])).toBeLessThan(1e-11);
      }
    });
  });

  it('the generator-norm estimate max_j‖𝓐v_j‖ lies between ‖𝓐‖_F/√N and ‖𝓐‖₂ on a complete basis; the floor is u‖𝓐‖T‖y₀‖', () => {
    // A full orthonormal basis V gives Σ_j‖𝓐v_j‖² = ‖𝓐V‖_F² = ‖𝓐‖_F², so the largest term is at least
    // ‖𝓐‖_F/√N; no unit vector exceeds ‖𝓐‖₂ = √λ_max(𝓐†𝓐).
    const rng = seededRng(301);
    const n = 12;
    const G = zeros(n, n);
    for (let k = 0; k < G.data.length; k++) G.data[k] = 4 * (rng() - 0.5);
    const y0 = new Float64Array(2 * n).map(() => rng() - 0.5);
    const res = propagateKrylov(denseOperator(G), y0, [0, 3], { atol: 1e-14, rtol: 1e-14 });
    expect(res.stats.maxKrylovDim).toBe(n);
    const frob = Math.hypot(...G.data);
    const spectral = Math.sqrt(hermitianEig(mul(dagger(G), G), { vectors: false }).values[n - 1]);
    const est = res.stats.generatorNormEstimate;
    expect(est).toBeGreaterThanOrEqual(frob / Math.sqrt(n));
    expect(est).toBeLessThanOrEqual(spectral * (1 + 1e-12));
    expect(res.stats.roundoffFloor).toBeCloseTo(2 ** -53 * est * 3 * Math.hypot(...y0), 25);
  });

  it('zero state, repeated times and a bad grid', () => {
    const op = denseOperator(fromReal([[-1]]));
    expect(propagateKrylov(op, new Float64Array(2), [0, 1]).states[1][0]).toBe(0);
    expect(propagateKrylov(op, new Float64Array([1, 0]), [0, 0, 1]).states.length).toBe(3);
    expect(() => propagateKrylov(op, new Float64Array([1, 0]), [1, 0])).toThrow(/non-decreasing/);
  });

  it('RHS count stays bounded as K_c grows (n = 3, [0, 5])', () => {
    const counts: number[] = [];
    for (const Kc of [1, 1e2, 1e4, 1e6]) {
      const res = propagateKrylov(lindbladOperator(buildLindbladKernel(example3Model(3, Kc))), productState(3, seededRng(1)).data, [0, 5], { atol: 1e-8, rtol: 1e-8 });
      counts.push(res.stats.matvecs);
    }
    // explicit RK needs ∝ K_c (10⁶× here); the Krylov count must stay within a modest factor
    expect(Math.max(...counts)).toBeLessThan(20 * counts[0]);
  });

  it('Hermitian path, n = 5 (1024 real unknowns, no exhaustion of the space): 10³× more K_c costs < 2× the products', () => {
    // Field-of-values bounds predict a Krylov degree ∝ √(K_c·λ_max(Q_d)·T), i.e. ×32 from K_c = 10³
    // to 10⁶; what Arnoldi actually pays is capturing the coupling clusters near −K_c·spec(Q_d), whose
    // width ∝ ‖𝓛₀‖ does not grow with K_c, so the count must stay bounded in the stiff regime.
    const rng = seededRng(3);
    const rho0 = productState(5, rng);
    const times = Array.from({ length: 101 }, (_, k) => k / 10);
    const count = (Kc: number) =>
      propagateDensityMatrix(lindbladOperator(buildLindbladKernel(example3Model(5, Kc))), rho0, times, { atol: 1e-8, rtol: 1e-8, keepStates: false, positivityEvery: times.length }).stats.matvecs;
    const stiff = count(1e3);
    const stiffer = count(1e6);
    expect(stiffer).toBeLessThan(2 * stiff);
  });

  it('a defective generator (6×6 Jordan block, no eigenbasis) follows e^{−t}·Σ t^k/k! exactly', () => {
    // 𝓐 = −I + N with N the upper shift: e^{t𝓐}e₆ = e^{−t}·(t⁵/5!, …, t, 1). The Arnoldi matrix is the
    // Jordan block itself, whose eigenvector matrix is singular, so the Padé path must take over.
    const n = 6;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? -1 : j === i + 1 ? 1 : 0)));
    const y0 = new Float64Array(2 * n);
    y0[2 * (n - 1)] = 1;
    const times = [0, 0.5, 1, 3, 7];
    const res = propagateKrylov(denseOperator(fromReal(rows)), y0, times, { atol: 1e-13, rtol: 1e-13 });
    let factorial = 1;
    times.forEach((t, k) => {
      factorial = 1;
      for (let p = 0; p < n; p++) {
        if (p > 0) factorial *= p;
        expect(Math.abs(res.states[k][2 * (n - 1 - p)] - (Math.exp(-t) * t ** p) / factorial)).toBeLessThan(1e-12);
      }
    });
  });

  it('one long Krylov basis and many short ones give the same stiff trajectory (n = 4, K_c = 10³)', () => {
    // Two different step sequences (m ≤ 256 reaches t = 10 in one step; m ≤ 24 needs dozens) agree to
    // the tolerance, which a wrong small exponential or dense output in either would break.
    const op = lindbladOperator(buildLindbladKernel(example3Model(4, 1e3)));
    const rho0 = productState(4, seededRng(5));
    const times = Array.from({ length: 21 }, (_, k) => k / 2);
    const long = propagateDensityMatrix(op, rho0, times, { atol: 1e-10, rtol: 1e-10 });
    const short = propagateDensityMatrix(op, rho0, times, { atol: 1e-10, rtol: 1e-10, maxKrylovDim: 24 });
    expect(long.stats.steps).toBeLessThan(short.stats.steps);
    times.forEach((_, k) => {
      let d = 0;
      for (let i = 0; i < long.states[k].length; i++) d = Math.max(d, Math.abs(long.states[k][i] - short.states[k][i]));
      expect(d).toBeLessThan(1e-9);
    });
  });
});
