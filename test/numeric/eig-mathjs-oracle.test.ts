/**
 * mathjs as an independent oracle for `numeric/eig.ts`: on seeded random complex and Hermitian
 * matrices and a small Liouvillian, the eigenvalues of `eig` and of mathjs `eigs` agree as multisets
 * (matched greedily, each to its nearest unmatched partner), and mathjs's vectors solve A v = λ v.
 */
import { describe, expect, it } from 'vitest';
import { type CMatrix, dagger, fromPairs, zeros } from '../../src/numeric/cmatrix.ts';
import { eig, eigResidual } from '../../src/numeric/eig.ts';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { mathjsEigs } from '../support/mathjs-eigs.ts';
import { example3Model, seededRng } from '../support/numeric-reference.ts';

/** Agreement of the two spectra, relative to ‖A‖_F (mathjs converges to about 1e-6 relative). */
const SPECTRUM_RTOL = 1e-6;

function random(n: number, rng: () => number): CMatrix {
  const a = zeros(n, n);
  for (let k = 0; k < a.data.length; k++) a.data[k] = rng() * 2 - 1;
  return a;
}

function hermitian(n: number, rng: () => number): CMatrix {
  const a = random(n, rng);
  const h = dagger(a);
  for (let k = 0; k < a.data.length; k++) h.data[k] += a.data[k];
  return h;
}

function frobenius(a: CMatrix): number {
  let s = 0;
  for (const x of a.data) s += x * x;
  return Math.sqrt(s);
}

/** Largest distance between eigenvalues matched greedily (nearest unmatched partner). */
function spectrumDistance(x: Float64Array, y: Float64Array): number {
  const left = new Set(Array.from({ length: y.length / 2 }, (_, k) => k));
  let worst = 0;
  for (let i = 0; i < x.length / 2; i++) {
    let best = -1;
    let bestD = Infinity;
    for (const j of left) {
      const d = Math.hypot(x[2 * i] - y[2 * j], x[2 * i + 1] - y[2 * j + 1]);
      if (d < bestD) [best, bestD] = [j, d];
    }
    left.delete(best);
    worst = Math.max(worst, bestD);
  }
  return worst;
}

function expectSameSpectrum(a: CMatrix): void {
  const ours = eig(a);
  const theirs = mathjsEigs(a);
  const scale = frobenius(a);
  expect(spectrumDistance(ours.values, theirs.values) / scale).toBeLessThan(SPECTRUM_RTOL);
  expect(eigResidual(a, theirs.values, theirs.vectors) / scale).toBeLessThan(SPECTRUM_RTOL);
}

describe('numeric/eig against mathjs eigs', () => {
  it('converts a small Hermitian matrix (eigenvalues 1, 3)', () => {
    const a = fromPairs([[[2, 0], [0, 1]], [[0, -1], [2, 0]]]);
    const re = (({ values }) => [values[0], values[2]].sort((p, q) => p - q))(mathjsEigs(a));
    expect(re[0]).toBeCloseTo(1, 8);
    expect(re[1]).toBeCloseTo(3, 8);
  });

  it('random complex and Hermitian matrices, n = 1…8', () => {
    const rng = seededRng(21);
    for (const n of [1, 2, 3, 5, 8]) {
      expectSameSpectrum(random(n, rng));
      expectSameSpectrum(hermitian(n, rng));
    }
  });

  it('the 16×16 Liouvillian of the Example-3 model at n = 2', () => {
    expectSameSpectrum(denseLiouvillian(example3Model(2, 1)).total);
  });
});
