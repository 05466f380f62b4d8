import { describe, it, expect } from 'vitest';
import { fromPairs } from '../../src/numeric/cmatrix.ts';
import { mathjsEigs } from '../../src/numeric/mathjs-adapter.ts';
import { eigResidual } from '../../src/numeric/eig.ts';

describe('mathjs adapter', () => {
  it('converts eigs of a small complex matrix to interleaved storage', () => {
    const A = fromPairs([[[2, 0], [0, 1]], [[0, -1], [2, 0]]]); // Hermitian: eigenvalues 1, 3
    const r = mathjsEigs(A);
    const re = [r.values[0], r.values[2]].sort((a, b) => a - b);
    expect(re[0]).toBeCloseTo(1, 8);
    expect(re[1]).toBeCloseTo(3, 8);
    expect(eigResidual(A, r.values, r.vectors)).toBeLessThan(1e-8);
  });
});
