import { describe, it, expect } from 'vitest';
import { ModelTooLarge, UserError } from '../../src/core/errors.ts';
import type { NumericTerm } from '../../src/core/lowered-model.ts';
import { zeros, vec, unvec, dagger, mul, type CMatrix } from '../../src/numeric/cmatrix.ts';
import {
  buildLindbladKernel, lindbladApplyInto, hamiltonianApplyInto, dissipatorApplyInto, couplingApplyInto,
  inducedLaplacianApplyInto, denseLiouvillian, operatorMatrix,
} from '../../src/numeric/lindblad-action.ts';
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
