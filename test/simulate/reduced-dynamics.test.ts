import { describe, expect, it } from 'vitest';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { expm } from '../../src/numeric/expm.ts';
import { type CMatrix, matvecInto, scale, zeros } from '../../src/numeric/cmatrix.ts';
import { propagateReducedNetwork, stackReducedStates, reducedStateInto } from '../../src/simulate/reduced-dynamics.ts';
import { qubitState } from '../../src/simulate/density.ts';

const KRYLOV_VS_DENSE = 1e-9;

/** Seeded LCG so the model is the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (1664525 * s + 1013904223) >>> 0) / 2 ** 32);
}

describe('eq. 5 at larger n (matrix-free Krylov path)', () => {
  it('a 65-node ring with random local generators matches a dense 260×260 exponential assembled in the test', () => {
    const rand = rng(7);
    const n = 65;
    const locals: CMatrix[] = Array.from({ length: n }, () => denseLiouvillian({
      n: 1,
      hamiltonian: [{ coef: [rand() - 0.5, 0], ops: { '1': 'x' } }, { coef: [rand() - 0.5, 0], ops: { '1': 'z' } }],
      lindblad: [{ rate: rand(), terms: [{ coef: [1, 0], ops: { '1': '-' } }] }],
      edges: [], Kc: 0,
    }).total);
    const edges: [number, number, number][] = Array.from({ length: n }, (_, j) => [j + 1, ((j + 1) % n) + 1, 0.5 + rand()]);
    const initial = Array.from({ length: n }, (_, j) => (j % 2 ? qubitState([[[1, 0], [0, 0]], [[0, 0], [0, 0]]]) : qubitState([[[0.5, 0], [0.5, 0]], [[0.5, 0], [0.5, 0]]])));
    const Kc = 20;
    const t = [0, 0.2];
    const traj = propagateReducedNetwork(locals, edges, Kc, initial, t);
    expect(traj.method).toBe('krylov');
    // Dense generator written out here: block-diagonal 𝓛_j, plus K_c a_jk (ρ_k − ρ_j) on both ends of each edge.
    const N = 4 * n;
    const G = zeros(N, N);
    locals.forEach((L, j) => { for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let q = 0; q < 2; q++) G.data[2 * ((4 * j + r) * N + 4 * j + c) + q] = L.data[2 * (4 * r + c) + q]; });
    for (const [j, k, a] of edges) for (let r = 0; r < 4; r++) {
      const x = 4 * (j - 1) + r;
      const y = 4 * (k - 1) + r;
      G.data[2 * (x * N + y)] += Kc * a; G.data[2 * (y * N + x)] += Kc * a;
      G.data[2 * (x * N + x)] -= Kc * a; G.data[2 * (y * N + y)] -= Kc * a;
    }
    const y0 = stackReducedStates(initial);
    t.forEach((tk, k) => {
      const y = matvecInto(new Float64Array(2 * N), expm(scale(G, tk)), y0);
      for (let q = 0; q < y.length; q++) expect(Math.abs(y[q] - traj.states[k][q])).toBeLessThan(KRYLOV_VS_DENSE);
    });
    // every ρ_j keeps unit trace
    const r = zeros(2, 2);
    for (let j = 0; j < n; j++) {
      reducedStateInto(r, traj.states[1], j);
      expect(Math.abs(r.data[0] + r.data[6] - 1)).toBeLessThan(1e-12);
    }
  });
});
