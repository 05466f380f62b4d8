import { describe, it, expect } from 'vitest';
import { zeros, identity, mul, sub, frobeniusNorm, fromReal } from '../../src/numeric/cmatrix.ts';
import { solve, inverse, luFactor } from '../../src/numeric/lu.ts';
import { seededRng } from '../support/numeric-reference.ts';

const TOL = 1e-12;

describe('lu', () => {
  it('solves random complex systems with small residual', () => {
    const rng = seededRng(7);
    for (const n of [1, 2, 5, 20, 60]) {
      const A = zeros(n, n);
      const B = zeros(n, 3);
      for (let k = 0; k < A.data.length; k++) A.data[k] = rng() - 0.5;
      for (let k = 0; k < B.data.length; k++) B.data[k] = rng() - 0.5;
      const X = solve(A, B);
      expect(frobeniusNorm(sub(mul(A, X), B)) / frobeniusNorm(B)).toBeLessThan(TOL * n);
      expect(frobeniusNorm(sub(mul(A, inverse(A)), identity(n)))).toBeLessThan(TOL * n * 10);
    }
  });

  it('needs pivoting for [[0, 1], [1, 0]] and flags singular matrices', () => {
    expect(Array.from(inverse(fromReal([[0, 1], [1, 0]])).data)).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(luFactor(fromReal([[1, 2], [2, 4]])).singular).toBe(true);
    expect(() => inverse(fromReal([[1, 2], [2, 4]]))).toThrow(/singular/);
  });
});
