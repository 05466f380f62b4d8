import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DimensionMismatch } from '../../src/core/errors.ts';
import {
  type CMatrix, zeros, identity, fromPairs, toPairs, mul, add, sub, scale, dagger, transpose, conj, kron,
  trace, frobeniusNorm, matvecInto, vec, unvec, hermiticityDefect, norm1,
} from '../../src/numeric/cmatrix.ts';

const TOL = 1e-12;

const entry = fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }));
const matrix = (r: number, c: number) => fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });

/** Naive reference product on pairs. */
function refMul(a: [number, number][][], b: [number, number][][]): [number, number][][] {
  return a.map((row) =>
    b[0].map((_, j) => {
      let re = 0;
      let im = 0;
      row.forEach(([ar, ai], k) => {
        const [br, bi] = b[k][j];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      });
      return [re, im] as [number, number];
    }),
  );
}

function maxDiff(a: [number, number][][], b: [number, number][][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach(([r, im], j) => (m = Math.max(m, Math.abs(r - b[i][j][0]), Math.abs(im - b[i][j][1])))));
  return m;
}

describe('cmatrix', () => {
  it('mul matches a naive triple loop on square and non-square shapes', () => {
    for (const [n, p, m] of [[1, 1, 1], [2, 3, 4], [5, 1, 3], [4, 4, 4]]) {
      fc.assert(
        fc.property(matrix(n, p), matrix(p, m), (a, b) => {
          const got = toPairs(mul(fromPairs(a), fromPairs(b)));
          return maxDiff(got, refMul(a as [number, number][][], b as [number, number][][])) < TOL;
        }),
        { numRuns: 20 },
      );
    }
  });

  it('bad shapes throw DimensionMismatch', () => {
    expect(() => mul(zeros(2, 3), zeros(2, 3))).toThrow(DimensionMismatch);
    expect(() => add(zeros(2, 2), zeros(2, 3))).toThrow(DimensionMismatch);
    expect(() => trace(zeros(2, 3))).toThrow(DimensionMismatch);
    expect(() => matvecInto(new Float64Array(4), zeros(2, 2), new Float64Array(2))).toThrow(DimensionMismatch);
    expect(() => fromPairs([[[1, 0]], [[1, 0], [2, 0]]])).toThrow(DimensionMismatch);
  });

  it('(AB)† = B†A†, (Aᵀ)ᵀ = A, conj(conj A) = A', () => {
    fc.assert(
      fc.property(matrix(3, 2), matrix(2, 4), (a, b) => {
        const A = fromPairs(a);
        const B = fromPairs(b);
        const l = toPairs(dagger(mul(A, B)));
        const r = toPairs(mul(dagger(B), dagger(A)));
        return maxDiff(l, r) < TOL && maxDiff(toPairs(transpose(transpose(A))), a as [number, number][][]) === 0 && maxDiff(toPairs(conj(conj(A))), a as [number, number][][]) === 0;
      }),
      { numRuns: 30 },
    );
  });

  it('kron follows (A⊗B)[(i·p+k),(j·q+l)] = A_ij B_kl and the mixed-product rule', () => {
    fc.assert(
      fc.property(matrix(2, 3), matrix(3, 2), matrix(3, 2), matrix(2, 3), (a, b, c, d) => {
        const [A, B, C, D] = [a, b, c, d].map(fromPairs);
        const K = kron(A, B);
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 3; j++)
            for (let k = 0; k < 3; k++)
              for (let l = 0; l < 2; l++) {
                const re = a[i][j][0] * b[k][l][0] - a[i][j][1] * b[k][l][1];
                if (Math.abs(K.data[2 * ((i * 3 + k) * 6 + j * 2 + l)] - re) > TOL) return false;
              }
        // (A⊗B)(C⊗D) = AC ⊗ BD
        return maxDiff(toPairs(mul(K, kron(C, D))), toPairs(kron(mul(A, C), mul(B, D)))) < 1e-11;
      }),
      { numRuns: 20 },
    );
  });

  it('trace, norms, scale, sub, matvec and vec agree with closed forms', () => {
    const A = fromPairs([[[1, 2], [3, 0]], [[0, -1], [4, 4]]]);
    expect(trace(A)).toEqual([5, 6]);
    expect(frobeniusNorm(A)).toBeCloseTo(Math.sqrt(1 + 4 + 9 + 1 + 16 + 16), 14);
    expect(norm1(A)).toBeCloseTo(3 + Math.hypot(4, 4), 14);
    expect(toPairs(scale(A, 0, 1))[0][0]).toEqual([-2, 1]);
    expect(frobeniusNorm(sub(A, A))).toBe(0);
    const y = matvecInto(new Float64Array(4), A, new Float64Array([1, 0, 0, 1]));
    // row 0: (1+2i)·1 + 3·i = 1 + 5i ; row 1: (−i)·1 + (4+4i)·i = −4 + 3i
    expect(Array.from(y)).toEqual([1, 5, -4, 3]);
    // column stacking: vec(A) = (A00, A10, A01, A11)
    expect(Array.from(vec(A))).toEqual([1, 2, 0, -1, 3, 0, 4, 4]);
    expect(toPairs(unvec(vec(A), 2))).toEqual(toPairs(A));
    expect(hermiticityDefect(identity(3))).toBe(0);
  });

  it('vec(AXB) = (Bᵀ ⊗ A) vec(X) (the column-stacking identity)', () => {
    fc.assert(
      fc.property(matrix(2, 2), matrix(2, 2), matrix(2, 2), (a, x, b) => {
        const [A, X, B] = [a, x, b].map(fromPairs);
        const left = vec(mul(mul(A, X), B));
        const right = matvecInto(new Float64Array(8), kron(transpose(B), A), vec(X));
        return left.every((v, k) => Math.abs(v - right[k]) < 1e-11);
      }),
      { numRuns: 30 },
    );
  });

  it('mulInto refuses aliasing', () => {
    const A: CMatrix = identity(2);
    expect(() => mul(A, A)).not.toThrow();
  });
});
