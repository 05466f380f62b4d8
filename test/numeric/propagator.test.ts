/**
 * The propagator interface (numeric/propagator.ts): every registered method against references
 * computed here — a dense exponential by a Taylor series with scaling and squaring written in this
 * file, and the closed form of a decaying, precessing qubit — the policy's choice on representative
 * problems of eqs. 4, 5, 6 and 17, and the registry (a toy method runs when named and, if it
 * prefers a problem, when `auto` reaches rule 4).
 */
import { describe, expect, it } from 'vitest';
import type { LoweredModel } from '../../src/core/lowered-model.ts';
import { type CMatrix, zeros, fromReal } from '../../src/numeric/cmatrix.ts';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { denseOperator } from '../../src/numeric/propagate.ts';
import { choosePropagator, propagate, registerPropagator, registeredPropagators, DENSE_MAX_DIM, type LtiProblem, type PropagatorRun } from '../../src/numeric/propagator.ts';
import { fullNetworkProblem } from '../../src/simulate/full-network.ts';
import { reducedNetworkProblem } from '../../src/simulate/reduced-dynamics.ts';
import { localGenerator } from '../../src/numeric/reduced-network.ts';
import { example3Model, seededRng } from '../support/numeric-reference.ts';

/** Agreement of a method with the Taylor reference (Krylov at tolerance 1e-12, relative to ‖y₀‖). */
const REFERENCE = 1e-10;
/** Agreement with the closed form of the qubit. */
const CLOSED_FORM = 1e-12;

/** e^{tG} by Σ_k (tG/2^s)^k/k! until the terms fall below 1e-18, then s squarings (‖tG/2^s‖₁ ≤ 1/2). */
function taylorExpm(G: CMatrix, t: number): { re: Float64Array; im: Float64Array } {
  const n = G.rows;
  let norm = 0;
  for (let c = 0; c < n; c++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += Math.hypot(G.data[2 * (r * n + c)], G.data[2 * (r * n + c) + 1]);
    norm = Math.max(norm, s * Math.abs(t));
  }
  const s = Math.max(0, Math.ceil(Math.log2(norm / 0.5)));
  const h = t / 2 ** s;
  const mul = (aR: Float64Array, aI: Float64Array, bR: Float64Array, bI: Float64Array) => {
    const oR = new Float64Array(n * n);
    const oI = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
      const xr = aR[i * n + k];
      const xi = aI[i * n + k];
      if (xr === 0 && xi === 0) continue;
      for (let j = 0; j < n; j++) {
        oR[i * n + j] += xr * bR[k * n + j] - xi * bI[k * n + j];
        oI[i * n + j] += xr * bI[k * n + j] + xi * bR[k * n + j];
      }
    }
    return [oR, oI] as const;
  };
  const aR = new Float64Array(n * n);
  const aI = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) {
    aR[k] = h * G.data[2 * k];
    aI[k] = h * G.data[2 * k + 1];
  }
  let eR = new Float64Array(n * n);
  let eI = new Float64Array(n * n);
  let tR = new Float64Array(n * n);
  let tI = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eR[i * n + i] = tR[i * n + i] = 1;
  for (let k = 1; k < 60; k++) {
    [tR, tI] = mul(tR, tI, aR, aI);
    let size = 0;
    for (let q = 0; q < n * n; q++) {
      tR[q] /= k;
      tI[q] /= k;
      eR[q] += tR[q];
      eI[q] += tI[q];
      size = Math.max(size, Math.abs(tR[q]) + Math.abs(tI[q]));
    }
    if (size < 1e-18) break;
  }
  for (let q = 0; q < s; q++) [eR, eI] = mul(eR, eI, eR, eI);
  return { re: eR, im: eI };
}

/** e^{tG}·y₀ from the Taylor reference. */
function reference(G: CMatrix, y0: Float64Array, t: number): Float64Array {
  const { re, im } = taylorExpm(G, t);
  const n = G.rows;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    out[2 * i] += re[i * n + j] * y0[2 * j] - im[i * n + j] * y0[2 * j + 1];
    out[2 * i + 1] += re[i * n + j] * y0[2 * j + 1] + im[i * n + j] * y0[2 * j];
  }
  return out;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
  return d;
}

/** Row-major ρ → column-stacked vec(ρ), written out from the definition. */
function columnStack(rho: Float64Array, D: number): Float64Array {
  const v = new Float64Array(rho.length);
  for (let r = 0; r < D; r++) for (let c = 0; c < D; c++) {
    v[2 * (r + D * c)] = rho[2 * (r * D + c)];
    v[2 * (r + D * c) + 1] = rho[2 * (r * D + c) + 1];
  }
  return v;
}

/** A random non-normal generator with spectrum in the left half-plane. */
function randomGenerator(n: number, seed: number): CMatrix {
  const rng = seededRng(seed);
  const G = zeros(n, n);
  for (let k = 0; k < G.data.length; k++) G.data[k] = 2 * (rng() - 0.5);
  for (let i = 0; i < n; i++) G.data[2 * (i * n + i)] -= 2;
  return G;
}

/** A Hermitian, unit-trace D×D state with coherences (row-major). */
function mixedState(D: number, seed: number): CMatrix {
  const rng = seededRng(seed);
  const rho = zeros(D, D);
  let tr = 0;
  for (let i = 0; i < D; i++) {
    const p = 0.5 + rng();
    rho.data[2 * (i * D + i)] = p;
    tr += p;
    for (let j = i + 1; j < D; j++) {
      const re = 0.05 * (rng() - 0.5);
      const im = 0.05 * (rng() - 0.5);
      rho.data[2 * (i * D + j)] = re;
      rho.data[2 * (i * D + j) + 1] = im;
      rho.data[2 * (j * D + i)] = re;
      rho.data[2 * (j * D + i) + 1] = -im;
    }
  }
  for (let k = 0; k < rho.data.length; k++) rho.data[k] /= tr;
  return rho;
}

describe('each registered method against an independent reference', () => {
  const n = 10;
  const G = randomGenerator(n, 11);
  const y0 = new Float64Array(2 * n).map((_, k) => Math.cos(1 + 3 * k));
  const times = [0, 0.25, 0.5, 1, 1.5, 3];
  const problem: LtiProblem = { dim: n, y0, times, dense: G, operator: denseOperator(G) };

  it.each(['dense-expm', 'krylov'])('%s on a non-normal 10×10 generator matches the Taylor series', (method) => {
    const run = propagate(problem, { method, tolerance: 1e-12 });
    expect(run.method).toBe(method);
    times.forEach((t, k) => expect(maxDiff(run.states[k], reference(G, y0, t))).toBeLessThan(REFERENCE));
  });

  it.each(['dense-expm', 'krylov'])('%s on a density matrix: a decaying, precessing qubit follows the closed form', (method) => {
    // H = (ω/2)σ_z, decay σ₋ = |0⟩⟨1| at rate γ: ρ₁₁(t) = ρ₁₁(0)e^{−γt}, ρ₀₁(t) = ρ₀₁(0)e^{(−iω − γ/2)t}.
    const omega = 1.3;
    const gamma = 0.4;
    const qubit: LoweredModel = {
      n: 1,
      hamiltonian: [{ coef: [omega / 2, 0], ops: { 1: 'z' } }],
      lindblad: [{ rate: gamma, terms: [{ coef: [1, 0], ops: { 1: '-' } }] }],
      edges: [],
      Kc: 0,
    };
    const rho0 = zeros(2, 2);
    rho0.data.set([0.3, 0, 0.2, 0.1, 0.2, -0.1, 0.7, 0]);
    const ts = [0, 0.5, 1, 2.5];
    const seen: number[] = [];
    const run = propagate(fullNetworkProblem(qubit, rho0, ts), { method, tolerance: 1e-13, onOutput: (k) => seen.push(k) });
    expect(seen).toEqual([0, 1, 2, 3]);
    ts.forEach((t, k) => {
      const y = run.states[k];
      const decay = Math.exp(-gamma * t);
      const c = Math.exp(-gamma * t / 2);
      const [ar, ai] = [Math.cos(-omega * t), Math.sin(-omega * t)];
      const want = [1 - 0.7 * decay, 0, c * (0.2 * ar - 0.1 * ai), c * (0.2 * ai + 0.1 * ar), c * (0.2 * ar - 0.1 * ai), -c * (0.2 * ai + 0.1 * ar), 0.7 * decay, 0];
      expect(maxDiff(y, Float64Array.from(want))).toBeLessThan(CLOSED_FORM);
    });
  });

  it('slow-manifold on eq. 4 (K_3, K_c = 10³) matches the Taylor series of the dense Liouvillian', () => {
    const model = example3Model(3, 1000);
    const rho0 = mixedState(8, 5);
    const ts = [0, 0.002, 0.05, 0.1, 0.2];
    const run = propagate(fullNetworkProblem(model, rho0, ts), { method: 'slow-manifold', tolerance: 1e-11 });
    expect(run.method).toBe('slow-manifold');
    const L = denseLiouvillian(model).total;
    const v0 = columnStack(rho0.data, 8);
    ts.forEach((t, k) => expect(maxDiff(columnStack(run.states[k], 8), reference(L, v0, t))).toBeLessThan(REFERENCE));
  });

  it('chebyshev-factorized on eq. 5 (one class, 5-ring, K_c = 30) matches the Taylor series of G = I ⊗ 𝓛 − K_c(Q ⊗ I₄)', () => {
    const rng = seededRng(21);
    const n = 5;
    const L = randomGenerator(4, 22);
    const weights = [0.5, 1, 1.5, 0.7, 1.2];
    const edges = weights.map((a, j) => [j + 1, ((j + 1) % n) + 1, a] as [number, number, number]);
    const Kc = 30;
    const G = zeros(4 * n, 4 * n);
    const add = (r: number, c: number, re: number, im = 0) => {
      G.data[2 * (r * 4 * n + c)] += re;
      G.data[2 * (r * 4 * n + c) + 1] += im;
    };
    for (let j = 0; j < n; j++) for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) add(4 * j + r, 4 * j + c, L.data[2 * (4 * r + c)], L.data[2 * (4 * r + c) + 1]);
    for (const [j, k, a] of edges) {
      for (let r = 0; r < 4; r++) {
        add(4 * (j - 1) + r, 4 * (k - 1) + r, Kc * a);
        add(4 * (k - 1) + r, 4 * (j - 1) + r, Kc * a);
        add(4 * (j - 1) + r, 4 * (j - 1) + r, -Kc * a);
        add(4 * (k - 1) + r, 4 * (k - 1) + r, -Kc * a);
      }
    }
    const y0 = new Float64Array(8 * n).map(() => rng() - 0.5);
    const ts = [0, 0.05, 0.3, 1];
    const run = propagate(reducedNetworkProblem(Array(n).fill(L), edges, Kc, y0, ts), { method: 'chebyshev-factorized', tolerance: 1e-12 });
    expect(run.method).toBe('chebyshev-factorized');
    ts.forEach((t, k) => expect(maxDiff(run.states[k], reference(G, y0, t))).toBeLessThan(REFERENCE));
  });

  it('dense-expm and krylov write the same row-major ρ for eq. 4 (n = 2, K_c = 10)', () => {
    const problem4 = fullNetworkProblem(example3Model(2, 10), mixedState(4, 9), [0, 0.3, 1]);
    const a = propagate(problem4, { method: 'dense-expm' });
    const b = propagate(problem4, { method: 'krylov', tolerance: 1e-13 });
    a.states.forEach((y, k) => expect(maxDiff(y, b.states[k])).toBeLessThan(REFERENCE));
  });
});

describe('the policy (choosePropagator) chooses as documented', () => {
  const operator = (dim: number) => ({ dim, applyInto: (o: Float64Array) => o });
  const ring = (n: number) => Array.from({ length: n }, (_, j) => [j + 1, ((j + 1) % n) + 1, 1] as [number, number, number]);

  it('rule 2: a problem with only a dense generator (eq. 6, the slow manifold’s B) is exponentiated densely', () => {
    expect(choosePropagator({ dim: 5000, dense: zeros(1, 1) })).toBe('dense-expm');
  });

  it('rule 3: dense up to DENSE_MAX_DIM of the structure, krylov beyond', () => {
    const limit = DENSE_MAX_DIM['orbit-basis'];
    const structure = { kind: 'orbit-basis' } as const;
    expect(choosePropagator({ dim: limit, dense: zeros(1, 1), operator: operator(limit), structure })).toBe('dense-expm');
    expect(choosePropagator({ dim: limit + 1, dense: zeros(1, 1), operator: operator(limit + 1), structure })).toBe('krylov');
    expect(choosePropagator({ dim: DENSE_MAX_DIM.general + 1, dense: zeros(1, 1), operator: operator(300) })).toBe('krylov');
  });

  it('eq. 5: dense for 4n ≤ 256; beyond, the Chebyshev factorisation for one node class and krylov for several', () => {
    const same = (n: number) => Array.from({ length: n }, () => localGenerator(zeros(2, 2), [{ rate: 0.5, L: fromReal([[0, 1], [0, 0]]) }]));
    const mixed = (n: number) => same(n).map((L, j) => (j === 0 ? localGenerator(zeros(2, 2), []) : L));
    const y0 = (n: number) => new Float64Array(8 * n);
    expect(choosePropagator(reducedNetworkProblem(same(64), ring(64), 1, y0(64), [0, 1]))).toBe('dense-expm');
    expect(choosePropagator(reducedNetworkProblem(same(65), ring(65), 1, y0(65), [0, 1]))).toBe('chebyshev-factorized');
    expect(choosePropagator(reducedNetworkProblem(mixed(65), ring(65), 1, y0(65), [0, 1]))).toBe('krylov');
    expect(() => choosePropagator(reducedNetworkProblem(mixed(3), ring(3), 1, y0(3), [0, 1]), { method: 'chebyshev-factorized' })).toThrow(/different local generators/);
  });

  it('eq. 4: dense for n ≤ 3, slow manifold on connected graphs with one weight at strong coupling, krylov otherwise', () => {
    const rho = (n: number) => zeros(2 ** n, 2 ** n);
    expect(choosePropagator(fullNetworkProblem(example3Model(3, 1000), rho(3), [0, 1]))).toBe('dense-expm');
    expect(choosePropagator(fullNetworkProblem(example3Model(5, 1000), rho(5), [0, 1]))).toBe('slow-manifold');
    expect(choosePropagator(fullNetworkProblem(example3Model(5, 1), rho(5), [0, 1]))).toBe('krylov');
    const path: LoweredModel = { ...example3Model(4, 1000), edges: [[1, 2, 1], [2, 3, 1], [3, 4, 1]] };
    expect(choosePropagator(fullNetworkProblem(path, rho(4), [0, 1]))).toBe('slow-manifold');
    expect(choosePropagator(fullNetworkProblem({ ...path, Kc: 10 }, rho(4), [0, 1]))).toBe('krylov');
    // Two components (ker 𝒬_d larger than the symmetric operators) or two weights: not the slow manifold.
    expect(choosePropagator(fullNetworkProblem({ ...path, edges: [[1, 2, 1], [3, 4, 1]] }, rho(4), [0, 1]))).toBe('krylov');
    expect(choosePropagator(fullNetworkProblem({ ...path, edges: [[1, 2, 1], [2, 3, 2], [3, 4, 1]] }, rho(4), [0, 1]))).toBe('krylov');
  });

  it('rule 1: a named method runs as asked, and an unknown or unsuitable name is refused', () => {
    expect(choosePropagator({ dim: 2, dense: zeros(2, 2), operator: operator(2) }, { method: 'krylov' })).toBe('krylov');
    expect(() => choosePropagator({ dim: 2, dense: zeros(2, 2) }, { method: 'no-such-method' })).toThrow(/unknown propagator/);
    expect(() => choosePropagator({ dim: 2, dense: zeros(2, 2) }, { method: 'krylov' })).toThrow(/no matrix-free operator/);
    expect(() => choosePropagator({ dim: 2, dense: zeros(2, 2) }, { method: 'slow-manifold' })).toThrow(/eq\. 4/);
  });

  it('refuses malformed problems', () => {
    expect(() => propagate({ dim: 2, y0: new Float64Array(2), times: [0], dense: zeros(2, 2) })).toThrow(/state of 2 complex entries/);
    expect(() => propagate({ dim: 1, y0: new Float64Array(2), times: [1, 0], dense: zeros(1, 1) })).toThrow(/non-decreasing/);
    expect(() => propagate({ dim: 1, y0: new Float64Array(2), times: [0] })).toThrow(/dense generator or an operator/);
  });
});

describe('the registry', () => {
  /** Forward Euler with 10⁴ substeps per output interval: a stand-in for a new method. */
  const euler = (name: string, prefers?: () => boolean) => ({
    name,
    unsupported: () => null,
    prefers,
    run(problem: LtiProblem): PropagatorRun {
      const G = problem.dense as CMatrix;
      const n = problem.dim;
      let y = problem.y0.slice();
      const dy = new Float64Array(2 * n);
      const states = [y.slice()];
      for (let k = 1; k < problem.times.length; k++) {
        const h = (problem.times[k] - problem.times[k - 1]) / 1e4;
        for (let s = 0; s < 1e4; s++) {
          dy.fill(0);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
            dy[2 * i] += G.data[2 * (i * n + j)] * y[2 * j] - G.data[2 * (i * n + j) + 1] * y[2 * j + 1];
            dy[2 * i + 1] += G.data[2 * (i * n + j)] * y[2 * j + 1] + G.data[2 * (i * n + j) + 1] * y[2 * j];
          }
          for (let q = 0; q < 2 * n; q++) y[q] += h * dy[q];
        }
        states.push((y = y.slice()));
      }
      return { method: name, states, stats: { matvecs: 0, exponentials: 0, errorEstimate: 0, roundoffFloor: 0 } };
    },
  });
  const G = randomGenerator(3, 12);
  const y0 = new Float64Array([1, 0, 0.5, -0.5, 0, 1]);
  const problem: LtiProblem = { dim: 3, y0, times: [0, 0.5], dense: G, operator: denseOperator(G) };

  it('a registered toy method runs when named, is never chosen by auto without `prefers`, and unregisters', () => {
    const remove = registerPropagator(euler('toy-euler'));
    try {
      expect(registeredPropagators()).toContain('toy-euler');
      const run = propagate(problem, { method: 'toy-euler' });
      expect(run.method).toBe('toy-euler');
      expect(maxDiff(run.states[1], reference(G, y0, 0.5))).toBeLessThan(1e-3);
      expect(choosePropagator({ ...problem, dim: 1000 })).toBe('krylov');
      expect(() => registerPropagator(euler('toy-euler'))).toThrow(/already registered/);
    } finally {
      remove();
    }
    expect(registeredPropagators()).not.toContain('toy-euler');
  });

  it('a specialised method that prefers a problem is chosen by auto above the dense limit only', () => {
    const remove = registerPropagator(euler('toy-special', () => true));
    try {
      expect(choosePropagator({ dim: 1000, dense: zeros(1, 1), operator: { dim: 1000, applyInto: (o) => o } })).toBe('toy-special');
      expect(choosePropagator(problem)).toBe('dense-expm');
    } finally {
      remove();
    }
  });
});
