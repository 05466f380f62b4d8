import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { fromPairs } from '../../src/numeric/cmatrix.ts';
import { expm } from '../../src/numeric/expm.ts';
import { checkDetail, theoremReason } from '../../src/report/sections/theorem-text.ts';
import { theoremsFor } from '../support/theorems.ts';
import { type C, type DenseModel, type M, SX, SY, SZ, eq4, frob, madd, onQubit, ptrace, spectralNormRef, superopOf } from '../reduced/dense-reference.ts';

const EXAMPLE_2 = `
name: example-2
qubits: 3
graph: complete
hamiltonian: sx(1) + sy(2) + sz(3)
lindblad: []
initial:
  product: ['|0><0|', '|+><+|', '|1><1|']
study:
  Kc: [40]
  eta: 0.01
  T1: 1
  T2: 10
`;

function apply(L: M, v: C[], t: number): C[] {
  const d = L.length;
  const E = expm(fromPairs(L.map((row) => row.map((x) => [x[0] * t, x[1] * t] as C))));
  const out: C[] = [];
  for (let r = 0; r < d; r++) {
    let s: C = [0, 0];
    for (let c = 0; c < d; c++) {
      const e = [E.data[2 * (r * d + c)], E.data[2 * (r * d + c) + 1]];
      s = [s[0] + e[0] * v[c][0] - e[1] * v[c][1], s[1] + e[0] * v[c][1] + e[1] * v[c][0]];
    }
    out.push(s);
  }
  return out;
}

const unvecM = (v: C[], d: number): M => Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => v[r + d * c]));

describe('Example 2: Theorem 2 applies, Theorem 1 does not', () => {
  const { reduced: d, theorems } = theoremsFor(parseModel(EXAMPLE_2));
  const t2 = theorems.T2;

  it('Theorem 1 is refused because (6) is not relaxing; Theorem 2 applies', () => {
    expect(theorems.T1.applies).toBe(false);
    expect(theorems.T1.outcome).toEqual({ kind: 'hypotheses-fail', failed: ['relaxing'] });
    expect(theorems.T1.checks.find((c) => c.id === 'relaxing')).toEqual({
      id: 'relaxing', holds: false, reason: { kind: 'kernel-not-unique', kernelDimension: 2, undampedLatex: expect.any(Array) },
    });
    // The undamped eigenvalues are LaTeX data; the report writes them as inline math.
    expect(theoremReason('T1', theorems.T1)).toMatch(/^Theorem 1 does not apply: blended dynamics \(6\) relaxing — ker 𝓛̄ has dimension 2: the steady state is not unique, and the eigenvalues \$[^$]+\$, \$[^$]+\$ lie on the imaginary axis/);
    expect(t2.applies).toBe(true);
    const notRequired = t2.checks.find((c) => c.id === 'relaxing-not-required')!;
    expect(checkDetail('T2', notRequired)).toMatch(/does not need/);
  });

  it('f(T) = 1 exactly: 𝓛̄ is anti-Hermitian (M = 1, m = 0), verified on the grid', () => {
    const g = t2.growth!;
    expect(g.M).toBe(1);
    expect(g.m).toBe(0);
    expect(g.jordanM).toBe(0);
    expect(g.check.holds).toBe(true);
  });

  it('K_c* from independently computed constants', () => {
    const Hs = [SX, SY, SZ];
    const normL = Math.max(...Hs.map((h) => spectralNormRef(superopOf(2, (r) => {
      const a = madd(h.map((row, i) => row.map((_, j) => row.reduce((s, x, k) => [s[0] + x[0] * r[k][j][0] - x[1] * r[k][j][1], s[1] + x[0] * r[k][j][1] + x[1] * r[k][j][0]] as C, [0, 0] as C))),
        r.map((row, i) => row.map((_, j) => row.reduce((s, x, k) => [s[0] + x[0] * h[k][j][0] - x[1] * h[k][j][1], s[1] + x[0] * h[k][j][1] + x[1] * h[k][j][0]] as C, [0, 0] as C))), [-1, 0]);
      return a.map((row) => row.map((x) => [x[1], -x[0]] as C));
    }))));
    expect(normL).toBeCloseTo(2, 10);
    const C0 = Math.sqrt(4 / 3); // ρ̄(0) = I/2 + σx/6; ‖ρ_j − ρ̄‖²_F = 5/9, 2/9, 5/9, summing to 4/3
    expect(t2.constants.values.C!.value!).toBeCloseTo(C0, 12);
    const eta = 0.01;
    const lm = 3;
    const D = (3 * normL) / lm + (1 * normL * C0) / (3 * lm);
    const K1 = Math.log((2 * C0) / eta) / (1 * lm);
    expect(t2.constants.values.KcStar!.value!).toBeCloseTo(Math.max(K1, (2 * D) / eta), 8);
  });

  it('on the full network (eq. 11) at K_c = K_c*, max_j ‖ρ_j − ρ_b‖_F ≤ η on [T₁, T₂]', () => {
    const Kc = t2.constants.values.KcStar!.value!;
    const dense: DenseModel = {
      n: 3, H: madd(madd(onQubit(3, 1, SX), onQubit(3, 2, SY)), onQubit(3, 3, SZ)), channels: [],
      edges: [{ j: 1, k: 2, w: 1 }, { j: 1, k: 3, w: 1 }, { j: 2, k: 3, w: 1 }],
    };
    const L = superopOf(8, (r) => eq4(dense, r, Kc));
    // ρ(0) = |0⟩⟨0| ⊗ |+⟩⟨+| ⊗ |1⟩⟨1|: entries (0 b 1 | 0 b' 1) = 1/2
    const v0: C[] = Array.from({ length: 64 }, (): C => [0, 0]);
    for (const b of [0, 1]) for (const bp of [0, 1]) v0[(2 * b + 1) + 8 * (2 * bp + 1)] = [0.5, 0];
    const Hbar: M = madd(madd(SX, SY), SZ).map((r) => r.map((x) => [x[0] / 3, x[1] / 3] as C));
    const Lb = superopOf(2, (r) => {
      const hr = Hbar.map((row, i) => row.map((_, j) => row.reduce((s, x, k) => [s[0] + x[0] * r[k][j][0] - x[1] * r[k][j][1], s[1] + x[0] * r[k][j][1] + x[1] * r[k][j][0]] as C, [0, 0] as C)));
      const rh = r.map((row, i) => row.map((_, j) => row.reduce((s, x, k) => [s[0] + x[0] * Hbar[k][j][0] - x[1] * Hbar[k][j][1], s[1] + x[0] * Hbar[k][j][1] + x[1] * Hbar[k][j][0]] as C, [0, 0] as C)));
      return madd(hr, rh, [-1, 0]).map((row) => row.map((x) => [x[1], -x[0]] as C));
    });
    const b0: C[] = [[0.5, 0], [1 / 6, 0], [1 / 6, 0], [0.5, 0]];
    let worst = 0;
    for (let t = 1; t <= 10; t += 0.75) {
      const rho = unvecM(apply(L, v0, t), 8);
      const rb = unvecM(apply(Lb, b0, t), 2);
      for (let j = 1; j <= 3; j++) worst = Math.max(worst, frob(madd(ptrace(rho, 3, j), rb, [-1, 0])));
    }
    expect(worst).toBeLessThanOrEqual(0.01);
    expect(worst).toBeGreaterThan(0); // not vacuous
  });
});
