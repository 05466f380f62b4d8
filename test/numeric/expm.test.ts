import { describe, it, expect } from 'vitest';
import { zeros, identity, fromPairs, fromReal, mul, sub, frobeniusNorm, scale, add, maxAbsDiff } from '../../src/numeric/cmatrix.ts';
import { expm } from '../../src/numeric/expm.ts';
import { inverse } from '../../src/numeric/lu.ts';
import { seededRng } from '../support/numeric-reference.ts';

const TOL = 1e-13;

const sx = fromReal([[0, 1], [1, 0]]);

describe('expm', () => {
  it('Pauli rotation e^{−iθσx} = cos θ·I − i sin θ·σx, also for large θ (scaling and squaring)', () => {
    for (const theta of [1e-8, 0.01, 0.3, 1, 2.5, 10, 50]) {
      const E = expm(scale(sx, 0, -theta));
      const ref = fromPairs([
        [[Math.cos(theta), 0], [0, -Math.sin(theta)]],
        [[0, -Math.sin(theta)], [Math.cos(theta), 0]],
      ]);
      expect(maxAbsDiff(E, ref)).toBeLessThan(TOL * Math.max(1, theta));
    }
  });

  it('nilpotent Jordan block: e^{tN} = Σ_{k<n} tᵏNᵏ/k!', () => {
    const n = 6;
    const N = zeros(n, n);
    for (let i = 0; i + 1 < n; i++) N.data[2 * (i * n + i + 1)] = 1;
    for (const t of [0.5, 3, 20]) {
      const E = expm(scale(N, t));
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let f = 1;
          for (let q = 2; q <= j - i; q++) f *= q;
          const ref = j >= i ? t ** (j - i) / f : 0;
          expect(Math.abs(E.data[2 * (i * n + j)] - ref)).toBeLessThan(TOL * Math.max(1, ref));
        }
    }
  });

  it('Jordan block λI + N: e^{λ}·e^{N}', () => {
    const J = fromPairs([[[0.3, 1], [1, 0]], [[0, 0], [0.3, 1]]]);
    const E = expm(J);
    const er = Math.exp(0.3) * Math.cos(1);
    const ei = Math.exp(0.3) * Math.sin(1);
    expect(maxAbsDiff(E, fromPairs([[[er, ei], [er, ei]], [[0, 0], [er, ei]]]))).toBeLessThan(TOL);
  });

  it('diagonalisable A = V diag(λ) V⁻¹ gives V diag(e^λ) V⁻¹', () => {
    const rng = seededRng(3);
    for (const n of [3, 8, 20]) {
      const V = zeros(n, n);
      for (let k = 0; k < V.data.length; k++) V.data[k] = rng() - 0.5;
      const Vi = inverse(V);
      const L = zeros(n, n);
      const EL = zeros(n, n);
      for (let i = 0; i < n; i++) {
        const re = -3 * rng();
        const im = 4 * (rng() - 0.5);
        L.data[2 * (i * n + i)] = re;
        L.data[2 * (i * n + i) + 1] = im;
        EL.data[2 * (i * n + i)] = Math.exp(re) * Math.cos(im);
        EL.data[2 * (i * n + i) + 1] = Math.exp(re) * Math.sin(im);
      }
      const A = mul(mul(V, L), Vi);
      const ref = mul(mul(V, EL), Vi);
      expect(frobeniusNorm(sub(expm(A), ref)) / frobeniusNorm(ref)).toBeLessThan(1e-11);
    }
  });

  it('e^{A}e^{−A} = I and e^0 = I', () => {
    const A = fromPairs([[[0.1, 2], [1, 0]], [[-3, 0.5], [0, -1]]]);
    expect(frobeniusNorm(sub(mul(expm(A), expm(scale(A, -1))), identity(2)))).toBeLessThan(1e-12);
    expect(maxAbsDiff(expm(zeros(3)), identity(3))).toBe(0);
    expect(maxAbsDiff(add(expm(zeros(1)), zeros(1)), identity(1))).toBe(0);
  });
});
