import { describe, it, expect } from 'vitest';
import { zeros, fromReal, fromPairs, mul, sub, dagger, frobeniusNorm, identity, type CMatrix } from '../../src/numeric/cmatrix.ts';
import { eig, schur, hermitianEig, singularValues, spectralNorm, conditionNumber } from '../../src/numeric/eig.ts';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { seededRng, randomModel } from '../support/numeric-reference.ts';

/** Relative residual ‖AV − VΛ‖_F/‖A‖_F required of eig on well-scaled matrices. */
const REL_RESIDUAL = 1e-12;
const TOL = 1e-12;

function random(n: number, rng: () => number, real = false): CMatrix {
  const A = zeros(n, n);
  for (let k = 0; k < A.data.length; k++) A.data[k] = real && k % 2 ? 0 : rng() * 2 - 1;
  return A;
}

describe('eig (Hessenberg + shifted complex QR)', () => {
  it('random complex matrices: residual ~1e-14 relative, unit vectors', () => {
    const rng = seededRng(11);
    for (const n of [1, 2, 3, 7, 16, 40]) {
      const A = random(n, rng);
      const r = eig(A);
      expect(r.residual / r.scale).toBeLessThan(REL_RESIDUAL);
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += r.vectors.data[2 * (i * n + k)] ** 2 + r.vectors.data[2 * (i * n + k) + 1] ** 2;
        expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(TOL);
      }
    }
  });

  it('real non-symmetric matrices (complex-conjugate pairs), incl. a rotation', () => {
    const rng = seededRng(12);
    for (const n of [4, 9, 30]) {
      const r = eig(random(n, rng, true));
      expect(r.residual / r.scale).toBeLessThan(REL_RESIDUAL);
    }
    const rot = eig(fromReal([[0, -1], [1, 0]]));
    const ims = [rot.values[1], rot.values[3]].sort((a, b) => a - b);
    expect(ims[0]).toBeCloseTo(-1, 14);
    expect(ims[1]).toBeCloseTo(1, 14);
    // companion matrix of (x−1)(x−2)(x−3): a classic QR stress case
    const c = eig(fromReal([[6, -11, 6], [1, 0, 0], [0, 1, 0]]));
    const re = [c.values[0], c.values[2], c.values[4]].sort((a, b) => a - b);
    re.forEach((v, i) => expect(v).toBeCloseTo(i + 1, 10));
  });

  it('Schur form: A = Z T Z†, Z unitary, T upper triangular', () => {
    const A = random(12, seededRng(5));
    const { T, Z } = schur(A);
    expect(frobeniusNorm(sub(mul(mul(Z, T), dagger(Z)), A))).toBeLessThan(1e-12 * frobeniusNorm(A));
    expect(frobeniusNorm(sub(mul(dagger(Z), Z), identity(12)))).toBeLessThan(1e-13);
    for (let r = 1; r < 12; r++) for (let c = 0; c < r; c++) expect(T.data[2 * (r * 12 + c)]).toBe(0);
  });

  it('defective (Jordan) matrices: correct eigenvalue, tiny residual, κ(V) reports the defect', () => {
    const J = fromReal([[2, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 2]]);
    const r = eig(J);
    for (let k = 0; k < 4; k++) {
      expect(Math.abs(r.values[2 * k] - 2)).toBeLessThan(1e-3); // a 4-Jordan block perturbs by ε^{1/4}
    }
    expect(r.residual).toBeLessThan(1e-12);
    expect(conditionNumber(r.vectors)).toBeGreaterThan(1e8);
    // zero matrix and the 2×2 nilpotent
    expect(eig(zeros(3)).residual).toBe(0);
    expect(eig(fromReal([[0, 1], [0, 0]])).residual).toBeLessThan(1e-15);
  });

  it('64×64 Liouvillian of a random 3-qubit model: residual ≤ 1e-12 relative, trace-preserving zero mode', () => {
    const L = denseLiouvillian(randomModel(3, seededRng(21), 2)).total;
    const r = eig(L);
    expect(r.residual / r.scale).toBeLessThan(REL_RESIDUAL);
    // the spectrum of a Lindbladian has Re λ ≤ 0 and contains 0
    let maxRe = -Infinity;
    let minAbs = Infinity;
    for (let k = 0; k < 64; k++) {
      maxRe = Math.max(maxRe, r.values[2 * k]);
      minAbs = Math.min(minAbs, Math.hypot(r.values[2 * k], r.values[2 * k + 1]));
    }
    expect(maxRe).toBeLessThan(1e-10);
    expect(minAbs).toBeLessThan(1e-10);
  });
});

describe('eig on an upper Hessenberg input (Arnoldi matrices)', () => {
  it('skipping the Householder reduction gives the same spectrum and true eigenpairs', () => {
    const rng = seededRng(31);
    const m = 40;
    const H = zeros(m, m);
    for (let i = 0; i < m; i++)
      for (let j = Math.max(0, i - 1); j < m; j++) {
        H.data[2 * (i * m + j)] = rng() - 0.5;
        H.data[2 * (i * m + j) + 1] = rng() - 0.5;
      }
    const full = eig(H);
    const hess = eig(H, { hessenberg: true });
    expect(hess.residual / hess.scale).toBeLessThan(1e-13);
    // Same multiset of eigenvalues: trace and Σλ² are invariants computed from H directly.
    const sum = (v: Float64Array, sq: boolean) => {
      let r = 0;
      let i = 0;
      for (let k = 0; k < v.length / 2; k++) {
        const [a, b] = [v[2 * k], v[2 * k + 1]];
        r += sq ? a * a - b * b : a;
        i += sq ? 2 * a * b : b;
      }
      return [r, i];
    };
    const H2 = mul(H, H);
    let tr = [0, 0];
    let tr2 = [0, 0];
    for (let k = 0; k < m; k++) {
      tr = [tr[0] + H.data[2 * (k * m + k)], tr[1] + H.data[2 * (k * m + k) + 1]];
      tr2 = [tr2[0] + H2.data[2 * (k * m + k)], tr2[1] + H2.data[2 * (k * m + k) + 1]];
    }
    for (const d of [full, hess]) {
      const [a, b] = sum(d.values, false);
      const [c, e] = sum(d.values, true);
      expect(Math.hypot(a - tr[0], b - tr[1])).toBeLessThan(1e-12);
      expect(Math.hypot(c - tr2[0], e - tr2[1])).toBeLessThan(1e-11);
    }
    expect(Number.isNaN(eig(H, { hessenberg: true, residual: false }).residual)).toBe(true);
  });
});

describe('hermitianEig, singular values, condition numbers', () => {
  it('random Hermitian matrices: A V = V Λ, V unitary, ascending eigenvalues', () => {
    const rng = seededRng(13);
    for (const n of [1, 2, 5, 33]) {
      const B = random(n, rng);
      const A = zeros(n, n);
      for (let k = 0; k < A.data.length; k++) A.data[k] = B.data[k] + dagger(B).data[k];
      const { values, vectors } = hermitianEig(A);
      const V = vectors!;
      const Lam = zeros(n, n);
      for (let i = 0; i < n; i++) Lam.data[2 * (i * n + i)] = values[i];
      expect(frobeniusNorm(sub(mul(A, V), mul(V, Lam)))).toBeLessThan(1e-12 * Math.max(1, frobeniusNorm(A)));
      expect(frobeniusNorm(sub(mul(dagger(V), V), identity(n)))).toBeLessThan(1e-12);
      for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    }
  });

  it('closed forms: σ_y, the path-graph Laplacian, diag singular values, κ', () => {
    const sy = fromPairs([[[0, 0], [0, -1]], [[0, 1], [0, 0]]]);
    expect(Array.from(hermitianEig(sy).values).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([-1, 1]);
    // Laplacian of the path on 5 nodes: 2 − 2cos(kπ/5)
    const n = 5;
    const Q = zeros(n, n);
    for (let i = 0; i + 1 < n; i++) {
      Q.data[2 * (i * n + i)] += 1;
      Q.data[2 * ((i + 1) * n + i + 1)] += 1;
      Q.data[2 * (i * n + i + 1)] = -1;
      Q.data[2 * ((i + 1) * n + i)] = -1;
    }
    const ev = hermitianEig(Q, { vectors: false }).values;
    for (let k = 0; k < n; k++) expect(Math.abs(ev[k] - (2 - 2 * Math.cos((k * Math.PI) / n)))).toBeLessThan(TOL);
    expect(Array.from(singularValues(fromReal([[3, 0, 0], [0, -5, 0]])))).toEqual([5, 3]);
    expect(spectralNorm(fromReal([[1, 1], [0, 1]]))).toBeCloseTo((1 + Math.sqrt(5)) / 2, 13);
    expect(conditionNumber(fromReal([[1, 0], [0, 10]]))).toBeCloseTo(10, 12);
    expect(conditionNumber(fromReal([[1, 1], [1, 1]]))).toBe(Infinity);
  });
});
