import { describe, it, expect } from 'vitest';
import { zeros, vec, matvecInto, scale, fromPairs, type CMatrix } from '../../src/numeric/cmatrix.ts';
import { expm } from '../../src/numeric/expm.ts';
import { buildLindbladKernel, lindbladOperator, denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { propagateDensityMatrix } from '../../src/numeric/propagate.ts';
import { seededRng, randomModel, example3Model } from '../support/numeric-reference.ts';

/** Relative Frobenius error against a dense matrix exponential (issue 5: 1e-10 for n ≤ 4). */
const REL_EXPM = 1e-10;
const TRACE = 1e-12;

function mixedProduct(n: number, rng: () => number): CMatrix {
  const D = 2 ** n;
  const rho = zeros(D, D);
  const ps = Array.from({ length: n }, () => rng());
  for (let l = 0; l < D; l++) {
    let p = 1;
    for (let j = 0; j < n; j++) p *= (l >> (n - 1 - j)) & 1 ? 1 - ps[j] : ps[j];
    rho.data[2 * (l * D + l)] = p;
  }
  // a coherence between |0…0⟩ and |1…1⟩ keeps it positive for small amplitude
  const c = 0.1 * Math.sqrt(rho.data[0] * rho.data[2 * (D * D - 1)]);
  rho.data[2 * (D - 1)] = c;
  rho.data[2 * ((D - 1) * D)] = c;
  return rho;
}

describe('slow: n = 4 propagation against dense expm across K_c', () => {
  for (const Kc of [0.1, 1, 100, 1e4]) {
    for (const kind of ['random', 'example3'] as const) {
      it(`${kind} model, K_c = ${Kc}`, () => {
        const rng = seededRng(900 + Kc);
        const model = kind === 'random' ? randomModel(4, rng, Kc) : example3Model(4, Kc);
        const D = 16;
        const rho0 = mixedProduct(4, rng);
        const times = [0, 0.5, 2, 5];
        const res = propagateDensityMatrix(lindbladOperator(buildLindbladKernel(model)), rho0, times);
        const L = denseLiouvillian(model).total;
        const step = expm(scale(L, 0.5));
        times.forEach((t, k) => {
          if (k === 0) return;
          const ref = matvecInto(new Float64Array(2 * D * D), expm(scale(L, t)), vec(rho0));
          const v = vec({ rows: D, cols: D, data: res.states[k] });
          let d = 0;
          let r = 0;
          for (let i = 0; i < v.length; i++) {
            d += (v[i] - ref[i]) ** 2;
            r += ref[i] ** 2;
          }
          expect(Math.sqrt(d / r)).toBeLessThan(REL_EXPM);
          expect(res.monitors.traceDrift[k]).toBeLessThan(TRACE);
        });
        expect(step.rows).toBe(256);
        expect(fromPairs([[[1, 0]]]).rows).toBe(1);
      });
    }
  }
});
