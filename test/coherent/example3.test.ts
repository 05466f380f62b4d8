import { beforeAll, describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { liouvillianParts } from '../../src/algebra/superop.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import type { NetworkModel } from '../../src/model/network.ts';
import { deriveCoherent, type CoherentDerivation } from '../../src/coherent/derive.ts';
import type { CoherentErratum } from '../../src/coherent/errata.ts';
import { coherentErratumText } from '../../src/report/sections/errata-text.ts';
import { inducedGraph, orbitProjectorExact } from '../../src/coherent/induced-graph.ts';
import { eig } from '../../src/numeric/eig.ts';

let model: NetworkModel;
let d: CoherentDerivation;

beforeAll(() => {
  model = loadModel(new URL('../../derivations/example-3.yaml', import.meta.url).pathname);
  d = deriveCoherent(model);
}, 120_000);

describe('paper Example 3 (3 qubits, complete graph)', () => {
  it('p = 20 components with sizes n!/(n00! n01! n10! n11!)', () => {
    expect(d.components).toBe(20);
    expect(d.componentSizes.map(Number).reduce((a, b) => a + b, 0)).toBe(64);
    expect(inducedGraph(3, model.graph.edges).p).toBe(20);
  });

  it('λ_m(Q_d) = λ_m(Q) = 3 exactly, checked on Q_d', () => {
    expect(d.lambdaMin.value).toBe(3);
    expect(d.lambdaMin.exact).toBe(true);
    expect(d.lambdaMin.verification!.difference).toBeLessThan(1e-12);
  });

  it('the 20×20 closed form equals P_dᵀ A P_d computed exactly from the 64×64 Liouvillian (superop.ts) and the exact P_d', () => {
    const H = model.hamiltonian.toMatrix();
    const L = model.lindblad[0].operator.toMatrix();
    const { A } = liouvillianParts({ hamiltonian: H, channels: [{ rate: model.lindblad[0].rate, operator: L }] });
    const P = orbitProjectorExact(inducedGraph(3, model.graph.edges));
    const brute = P.transpose().mul(A.mul(P));
    expect(d.projectedExact!.equals(brute)).toBe(true);
    expect(d.projectedExact!.toLatex().startsWith('\\begin{bmatrix}')).toBe(true);
  }, 60_000);

  it('spectrum: 0 exactly with multiplicity 2, the rest numeric with Re λ < 0, matching the numeric eigenvalues', () => {
    const s = d.spectrum!;
    expect(s.eigenvalues[0].kind).toBe('exact');
    expect(s.eigenvalues[0].exact!.isZero()).toBe(true);
    expect(s.eigenvalues[0].multiplicity).toBe(2);
    expect(s.eigenvalues.reduce((a, e) => a + e.multiplicity, 0)).toBe(20);
    for (const e of s.eigenvalues.slice(1)) expect(e.numeric[0]).toBeLessThan(-1e-3);
    // independent: eigenvalues of the exact matrix lowered to doubles
    const rows = d.projectedExact!.toComplexRows();
    const data = new Float64Array(800);
    rows.forEach((r, i) => r.forEach(([re, im], j) => { data[2 * (i * 20 + j)] = re; data[2 * (i * 20 + j) + 1] = im; }));
    const ev = eig({ rows: 20, cols: 20, data });
    for (const e of s.eigenvalues) {
      let best = Infinity;
      for (let k = 0; k < 20; k++) best = Math.min(best, Math.hypot(ev.values[2 * k] - e.numeric[0], ev.values[2 * k + 1] - e.numeric[1]));
      expect(best).toBeLessThan(1e-8);
    }
  });

  it('steady states: an exact 2-dimensional kernel (the j = 3/2 and j = 1/2 sectors), B·v = 0 exactly', () => {
    const ss = d.steadyStates!;
    expect(ss.kind).toBe('exact');
    expect(ss.dimension).toBe(2);
    for (const v of ss.basis) {
      const col = ExactMatrix.column(v.map((x) => x.exact!));
      expect(d.projectedExact!.mul(col).isZero()).toBe(true);
    }
  });

  it('C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F = √2/6 exactly; y_d(0) exact', () => {
    expect(d.symmetryDefect.value.exact!.equals(Scalar.sqrt(Scalar.rational(1, 18)))).toBe(true);
    expect(d.initial.kind).toBe('exact');
  });

  it('errata are demonstrated with residuals on the model', () => {
    const byId = new Map<string, CoherentErratum>(d.errata.map((e) => [e.id, e]));
    for (const id of ['Pd-normalisation', 'Ad-formula', 'eq14-sign', 'yd-scaling', 'yd-dimension', 'example3-index', 'appC-triangle', 'appC-33', 'appC-md']) expect(byId.has(id)).toBe(true);
    // P_d with 1/|V_m|: eq. 13 residual 2/(3√3) for this ρ(0)
    expect(byId.get('Pd-normalisation')!.residual!).toBeCloseTo(2 / (3 * Math.sqrt(3)), 12);
    expect(byId.get('Ad-formula')!.residual!).toBeGreaterThan(0.1);
    const ad = byId.get('Ad-formula')!;
    expect(ad.id === 'Ad-formula' && ad.onModel).toBe(true);
    expect(coherentErratumText(ad).residualNote).toMatch(/corrected formula \d\.\de-1[5-7]/);
    expect(byId.get('eq14-sign')!.residual!).toBeGreaterThan(0.1);
    expect(byId.get('yd-scaling')!.residual!).toBeCloseTo(1 - 1 / Math.sqrt(3), 12);
    // ‖ρ(0)‖_F = √14/6 < √2/6 + 1/√3
    expect(byId.get('appC-triangle')!.residual!).toBeCloseTo(Math.sqrt(2) / 6 + 1 / Math.sqrt(3) - Math.sqrt(14) / 6, 12);
  });

  it('Fig. 4 data has the 64 nodes and 20 components', () => {
    expect(d.fig4!.nodes).toHaveLength(64);
    expect(d.fig4!.components).toBe(20);
  });
});
