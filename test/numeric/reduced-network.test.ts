import { describe, it, expect } from 'vitest';
import { zeros, fromReal, fromPairs, matvecInto, scale, type CMatrix } from '../../src/numeric/cmatrix.ts';
import { expm } from '../../src/numeric/expm.ts';
import { buildLindbladKernel, lindbladOperator } from '../../src/numeric/lindblad-action.ts';
import { propagateKrylov } from '../../src/numeric/propagate.ts';
import {
  ringGraph, gridGraph, randomRegularGraph, maxWeightedDegree, localGenerator, propagateReducedNetwork,
  reducedNetworkApplyInto, scaledBesselI, type ReducedNetwork,
} from '../../src/numeric/reduced-network.ts';
import type { LoweredModel } from '../../src/core/lowered-model.ts';
import { seededRng } from '../support/numeric-reference.ts';

const TOL = 1e-10;

/** Dense (4n)×(4n) generator of eq. 5 written out entry by entry. */
function denseReduced(net: ReducedNetwork): CMatrix {
  const n = net.graph.n;
  const M = zeros(4 * n, 4 * n);
  for (let j = 0; j < n; j++) {
    const S = net.classes[net.classOf ? net.classOf[j] : 0];
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) {
        M.data[2 * ((4 * j + r) * 4 * n + 4 * j + c)] += S.data[2 * (4 * r + c)];
        M.data[2 * ((4 * j + r) * 4 * n + 4 * j + c) + 1] += S.data[2 * (4 * r + c) + 1];
      }
    for (let e = net.graph.rowPtr[j]; e < net.graph.rowPtr[j + 1]; e++) {
      const k = net.graph.colIdx[e];
      const w = net.Kc * net.graph.weights[e];
      for (let r = 0; r < 4; r++) {
        M.data[2 * ((4 * j + r) * 4 * n + 4 * k + r)] += w;
        M.data[2 * ((4 * j + r) * 4 * n + 4 * j + r)] -= w;
      }
    }
  }
  return M;
}

function randomQubitStates(n: number, rng: () => number): Float64Array {
  const y = new Float64Array(8 * n);
  for (let j = 0; j < n; j++) {
    const p = rng();
    const c = 0.4 * Math.sqrt(p * (1 - p));
    // vec = (ρ00, ρ10, ρ01, ρ11)
    y.set([p, 0, c, -0.3 * c, c, 0.3 * c, 1 - p, 0], 8 * j);
  }
  return y;
}

const sm = fromReal([[0, 1], [0, 0]]); // σ₋
const sp = fromReal([[0, 0], [1, 0]]); // σ₊

describe('graphs', () => {
  it('ring, grid and random regular graphs have the right degrees and symmetric CSR', () => {
    for (const g of [ringGraph(7), gridGraph(3, 4), randomRegularGraph(20, 3, 9)]) {
      const seen = new Map<string, number>();
      for (let j = 0; j < g.n; j++)
        for (let e = g.rowPtr[j]; e < g.rowPtr[j + 1]; e++) {
          expect(g.colIdx[e]).not.toBe(j);
          seen.set(`${j},${g.colIdx[e]}`, g.weights[e]);
        }
      for (const [key, w] of seen) {
        const [a, b] = key.split(',');
        expect(seen.get(`${b},${a}`)).toBe(w);
      }
    }
    expect(maxWeightedDegree(gridGraph(3, 4))).toBe(4);
    const rr = randomRegularGraph(50, 4, 2);
    for (let j = 0; j < 50; j++) expect(rr.rowPtr[j + 1] - rr.rowPtr[j]).toBe(4);
  });
});

describe('eq. 5 reduced-state network', () => {
  it('scaled Bessel coefficients: I₀(1)e⁻¹, Σ normalisation, I₁(10)e⁻¹⁰', () => {
    expect(Math.abs(scaledBesselI(1, 1e-16)[0] - 0.46575960759364043)).toBeLessThan(1e-15);
    const a = scaledBesselI(10, 1e-16);
    expect(Math.abs(a[1] - 0.1212626813844555)).toBeLessThan(1e-15);
    expect(Math.abs(a[0] + 2 * a.slice(1).reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
  });

  it('local generator: qubit decay under σ₋ and the matvec equals the dense generator', () => {
    const S = localGenerator(zeros(2), [{ rate: 0.5, L: sm }]);
    // d/dt ρ11 = −γρ11 in the vec slot 3
    expect(S.data[2 * (3 * 4 + 3)]).toBe(-0.5);
    const rng = seededRng(400);
    const net: ReducedNetwork = {
      graph: gridGraph(2, 3, 0.7),
      Kc: 3,
      classes: [S, localGenerator(fromPairs([[[0.3, 0], [0.1, 0.2]], [[0.1, -0.2], [-0.3, 0]]]), [{ rate: 0.2, L: sp }])],
      classOf: new Uint8Array([0, 1, 0, 1, 1, 0]),
    };
    const y = randomQubitStates(6, rng);
    const got = reducedNetworkApplyInto(new Float64Array(48), y, net);
    const ref = matvecInto(new Float64Array(48), denseReduced(net), y);
    for (let k = 0; k < 48; k++) expect(Math.abs(got[k] - ref[k])).toBeLessThan(1e-14);
  });

  for (const Kc of [0.1, 10, 1e4]) {
    it(`one class (factorised) and two classes (Krylov) equal the dense exponential, K_c = ${Kc}`, () => {
      const rng = seededRng(500 + Kc);
      const S1 = localGenerator(fromReal([[0.5, 0.2], [0.2, -0.5]]), [{ rate: 0.3, L: sm }]);
      const S2 = localGenerator(fromReal([[-0.2, 0], [0, 0.2]]), [{ rate: 0.4, L: sp }]);
      const g = ringGraph(6, 1.3);
      const y0 = randomQubitStates(6, rng);
      const times = [0, 0.2, 0.7, 2];
      for (const net of [
        { graph: g, Kc, classes: [S1], classOf: null },
        { graph: g, Kc, classes: [S1, S2], classOf: new Uint8Array([0, 1, 1, 0, 1, 0]) },
      ] as ReducedNetwork[]) {
        const res = propagateReducedNetwork(net, y0, times);
        const M = denseReduced(net);
        times.forEach((t, k) => {
          const ref = matvecInto(new Float64Array(48), expm(scale(M, t)), y0);
          for (let i = 0; i < 48; i++) expect(Math.abs(res.states[k][i] - ref[i])).toBeLessThan(TOL);
        });
        // round-off grows with K_c·λ_max·τ (Chebyshev degree ≈ 1500 at K_c = 10⁴)
        expect(res.traceDrift).toBeLessThan(1e-11);
      }
    });
  }

  it('eq. 5 equals the partial traces of eq. 4 for a separable model (n = 3, path graph)', () => {
    const n = 3;
    const Kc = 2.5;
    // H_j = ω_j σz + g_j σx, one single-qubit channel per qubit (Assumption 1)
    const om = [0.4, -0.3, 0.8];
    const gx = [0.2, 0.5, -0.1];
    const model: LoweredModel = {
      n,
      hamiltonian: om.flatMap((w, j) => [
        { coef: [w, 0] as [number, number], ops: { [j + 1]: 'z' as const } },
        { coef: [gx[j], 0] as [number, number], ops: { [j + 1]: 'x' as const } },
      ]),
      lindblad: [
        { rate: 0.3, terms: [{ coef: [1, 0], ops: { '1': '-' } }] },
        { rate: 0.5, terms: [{ coef: [1, 0], ops: { '2': '+' } }] },
        { rate: 0.2, terms: [{ coef: [1, 0], ops: { '3': 'z' } }] },
      ],
      edges: [[1, 2, 1], [2, 3, 0.6]],
      Kc,
    };
    const channelsOf = [[{ rate: 0.3, L: sm }], [{ rate: 0.5, L: sp }], [{ rate: 0.2, L: fromReal([[1, 0], [0, -1]]) }]];
    const classes = om.map((w, j) => localGenerator(fromReal([[w, gx[j]], [gx[j], -w]]), channelsOf[j]));
    // path 1–2–3 as CSR (0-based)
    const graph = { n: 3, rowPtr: new Int32Array([0, 1, 3, 4]), colIdx: new Int32Array([1, 0, 2, 1]), weights: new Float64Array([1, 1, 0.6, 0.6]) };
    const net: ReducedNetwork = { graph, Kc, classes, classOf: new Uint8Array([0, 1, 2]) };
    const rng = seededRng(600);
    const y0 = randomQubitStates(3, rng);
    // ρ(0) = ρ₁ ⊗ ρ₂ ⊗ ρ₃ from the column-stacked 2×2 blocks
    const single = (j: number) => fromPairs([[[y0[8 * j], y0[8 * j + 1]], [y0[8 * j + 4], y0[8 * j + 5]]], [[y0[8 * j + 2], y0[8 * j + 3]], [y0[8 * j + 6], y0[8 * j + 7]]]]);
    const D = 8;
    const rho0 = zeros(D, D);
    for (let r = 0; r < D; r++)
      for (let c = 0; c < D; c++) {
        let pr = 1;
        let pi = 0;
        for (let j = 0; j < 3; j++) {
          const a = (r >> (2 - j)) & 1;
          const b = (c >> (2 - j)) & 1;
          const m = single(j);
          const xr = m.data[2 * (a * 2 + b)];
          const xi = m.data[2 * (a * 2 + b) + 1];
          const t = pr * xr - pi * xi;
          pi = pr * xi + pi * xr;
          pr = t;
        }
        rho0.data[2 * (r * D + c)] = pr;
        rho0.data[2 * (r * D + c) + 1] = pi;
      }
    const times = [0, 0.5, 1.5];
    const full = propagateKrylov(lindbladOperator(buildLindbladKernel(model)), rho0.data, times);
    const red = propagateReducedNetwork(net, y0, times);
    times.forEach((_, k) => {
      const rho = full.states[k];
      for (let j = 0; j < 3; j++) {
        // partial trace onto qubit j+1: (ρ_j)_{ab} = Σ over other bits
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            let sr = 0;
            let si = 0;
            for (let r = 0; r < D; r++)
              for (let c = 0; c < D; c++) {
                if (((r >> (2 - j)) & 1) !== a || ((c >> (2 - j)) & 1) !== b) continue;
                if ((r & ~(1 << (2 - j))) !== (c & ~(1 << (2 - j)))) continue;
                sr += rho[2 * (r * D + c)];
                si += rho[2 * (r * D + c) + 1];
              }
            const slot = a + 2 * b;
            expect(Math.abs(red.states[k][8 * j + 2 * slot] - sr)).toBeLessThan(TOL);
            expect(Math.abs(red.states[k][8 * j + 2 * slot + 1] - si)).toBeLessThan(TOL);
          }
      }
    });
  });
});
