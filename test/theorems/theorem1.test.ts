import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { fromPairs } from '../../src/numeric/cmatrix.ts';
import { expm } from '../../src/numeric/expm.ts';
import { reducedErratumText } from '../../src/report/sections/errata-text.ts';
import { constantSourceText, theoremReason } from '../../src/report/sections/theorem-text.ts';
import { theoremsFor } from '../support/theorems.ts';
import { EXAMPLE_1 } from '../reduced/fixtures.ts';
import { type C, type DenseModel, type M, SM, SP, SZ, dissipate, eq4, frob, madd, mmul, onQubit, ptrace, spectralNormRef, superopOf } from '../reduced/dense-reference.ts';



const sp3: M = SP.map((r) => r.map((x) => [Math.sqrt(3) * x[0], 0] as C));

/** The full network of Example 1 straight from eq. 8. */
const dense: DenseModel = {
  n: 3, H: onQubit(3, 1, SZ),
  channels: [{ rate: 1, L: onQubit(3, 2, SM) }, { rate: 1, L: onQubit(3, 3, sp3) }],
  edges: [{ j: 1, k: 2, w: 1 }, { j: 1, k: 3, w: 1 }, { j: 2, k: 3, w: 1 }],
};


describe('Theorem 1 on Example 1', () => {
  const { reduced: d, theorems } = theoremsFor(parseModel(EXAMPLE_1));
  const t1 = theorems.T1;
  const v = t1.constants.values;

  it('applies, with every constant named and sourced', () => {
    expect(t1.applies).toBe(true);
    const symbols = t1.constants.presentation.map((c) => c.symbol);
    for (const s of ['C_0', '\\lambda_m(Q)', '\\|\\mathcal{L}\\|', '\\mu', 'L_c', 'C', 'D', 'K_c^*', 'T_\\eta']) expect(symbols).toContain(s);
    for (const c of t1.constants.presentation) expect(constantSourceText(c.source).length).toBeGreaterThan(10);
    // every presented constant has a typed value under its key
    for (const c of t1.constants.presentation) expect(v[c.key]).toBeDefined();
    expect(v.C0!.exact!.toString()).toBe('1');
    expect(v.mu!.exact!.toString()).toBe('2/3');
    expect(v.lambdaMin!.exact!.toString()).toBe('3');
  });

  it('‖𝓛‖ = max_j ‖𝓛_j‖ and K_c* agree with an independent recomputation', () => {
    const locals: M[] = [
      superopOf(2, (r) => madd(mmul(SZ, r), mmul(r, SZ), [-1, 0]).map((row) => row.map((x) => [x[1], -x[0]] as C))),
      superopOf(2, (r) => dissipate(SM, r)),
      superopOf(2, (r) => dissipate(sp3, r)),
    ];
    const normL = Math.max(...locals.map(spectralNormRef));
    expect(v.normL!.value!).toBeCloseTo(normL, 10);
    const Lc = v.Lc!.value!;
    const mu = 2 / 3;
    const lm = 3;
    const eta = 0.05;
    const D = (Lc * normL / lm) * (1 / 3 + normL / mu) + (3 * normL) / lm;
    const K = Math.max(mu / lm, (2 * (1 + Math.SQRT2) * D) / eta);
    expect(v.KcStar!.value!).toBeCloseTo(K, 8);
    const C = (1 + Math.SQRT2) * (1 + Lc);
    expect(v.C!.value!).toBeCloseTo(C, 10);
    expect(v.Teta!.value!).toBeCloseTo((2 / mu) * Math.log(C / eta), 10);
    expect(t1.lipschitz!.check.holds).toBe(true);
  });

  it('the promised η-ball holds on the full network (eq. 8, 64×64 Liouvillian) at K_c = K_c*', () => {
    const Kc = v.KcStar!.value!;
    const L = superopOf(8, (r) => eq4(dense, r, Kc));
    const T = v.Teta!.value!;
    let rho0: M = [[[1, 0]]];
    for (const f of [[[[1, 0], [0, 0]], [[0, 0], [0, 0]]], [[[0.5, 0], [0, 0]], [[0, 0], [0.5, 0]]], [[[0, 0], [0, 0]], [[0, 0], [1, 0]]]] as M[]) {
      const out: M = [];
      for (let i = 0; i < rho0.length * 2; i++) {
        out.push([]);
        for (let j = 0; j < rho0.length * 2; j++) {
          const a = rho0[Math.floor(i / 2)][Math.floor(j / 2)];
          const b = f[i % 2][j % 2];
          out[i].push([a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]);
        }
      }
      rho0 = out;
    }
    const v0: C[] = [];
    for (let c = 0; c < 8; c++) for (let r = 0; r < 8; r++) v0.push(rho0[r][c]);
    const rhoR: M = [[[0.25, 0], [0, 0]], [[0, 0], [0.75, 0]]];
    for (const t of [T, T + 1, T + 5, T + 20]) {
      const E = expm(fromPairs(L.map((row) => row.map((x) => [x[0] * t, x[1] * t] as C))));
      const v: C[] = [];
      for (let r = 0; r < 64; r++) {
        let s: C = [0, 0];
        for (let c = 0; c < 64; c++) {
          const e = [E.data[2 * (r * 64 + c)], E.data[2 * (r * 64 + c) + 1]];
          s = [s[0] + e[0] * v0[c][0] - e[1] * v0[c][1], s[1] + e[0] * v0[c][1] + e[1] * v0[c][0]];
        }
        v.push(s);
      }
      const rho: M = Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => v[r + 8 * c]));
      for (let j = 1; j <= 3; j++) expect(frob(madd(ptrace(rho, 3, j), rhoR, [-1, 0]))).toBeLessThanOrEqual(0.05);
    }
  });

  it('reports the paper\'s ρ_r as an erratum with the residual', () => {
    const e = reducedErratumText(d.errata.find((x) => x.id === 'steady-state')!);
    expect(e.stated).toBe('[[2/3, -1/6*i], [1/6*i, 1/3]]');
    expect(e.derived).toBe('[[1/4, 0], [0, 3/4]]');
    expect(e.residual).toBe('‖stated − derived‖_F = 1/12*sqrt(58)');
  });
});

describe('Theorem 1 applicability', () => {
  it('is refused on a disconnected graph, with the reason', () => {
    const { reduced: d, theorems } = theoremsFor(parseModel(`
qubits: 4
graph:
  edges: [[1, 2, 1], [3, 4, 1]]
hamiltonian: sz(1)
lindblad:
  - operator: sm(2)
initial:
  product: ['|0><0|', '|0><0|', '|1><1|', '|1><1|']
study:
  Kc: [1]
  eta: 0.05
`));
    expect(d.lambdaMin.defined).toBe(false);
    expect(theorems.T1.applies).toBe(false);
    expect(theorems.T1.outcome).toEqual({ kind: 'hypotheses-fail', failed: ['connected-graph'] });
    expect(theoremReason('T1', theorems.T1)).toMatch(/connected components/);
    expect(theorems.T2.applies).toBe(false);
  });
});
