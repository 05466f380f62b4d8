import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { realHessenbergEig, eigenvectorMatrix, solveInEigenvectors, RealEigWorkspace, eigenvectorNorms, sketchedEigenvectorNorms } from '../../src/numeric/real-eig.ts';
import { seededRng } from '../support/numeric-reference.ts';

/** A random real upper Hessenberg m×m matrix (row-major) with entries in (−1, 1) times `diag` on the diagonal. */
function randomHessenberg(m: number, rng: () => number, diag = 1): Float64Array {
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = Math.max(0, i - 1); j < m; j++) H[i * m + j] = (rng() * 2 - 1) * (i === j ? diag : 1);
  return H;
}

/** ‖H·s_k − λ_k·s_k‖₂ / (‖H‖_F·‖s_k‖₂), maximised over k, computed from the untouched input. */
function maxRelativeResidual(H: Float64Array, m: number, S: Float64Array, values: Float64Array): number {
  let hn = 0;
  for (const x of H) hn += x * x;
  hn = Math.sqrt(hn);
  let worst = 0;
  for (let k = 0; k < m; k++) {
    let res = 0;
    let sn = 0;
    for (let i = 0; i < m; i++) {
      let ar = 0;
      let ai = 0;
      for (let j = 0; j < m; j++) {
        ar += H[i * m + j] * S[2 * (j * m + k)];
        ai += H[i * m + j] * S[2 * (j * m + k) + 1];
      }
      const sr = S[2 * (i * m + k)];
      const si = S[2 * (i * m + k) + 1];
      ar -= values[2 * k] * sr - values[2 * k + 1] * si;
      ai -= values[2 * k] * si + values[2 * k + 1] * sr;
      res += ar * ar + ai * ai;
      sn += sr * sr + si * si;
    }
    worst = Math.max(worst, Math.sqrt(res / sn) / hn);
  }
  return worst;
}

describe('realHessenbergEig (Francis double-shift QR, real Schur form)', () => {
  it('random Hessenberg matrices: every eigenpair has relative residual ≲ 1e-13 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(1, 10, 1e3), (m, seed, diag) => {
        const H = randomHessenberg(m, seededRng(seed), diag);
        const sys = realHessenbergEig(H.slice(), m);
        expect(maxRelativeResidual(H, m, eigenvectorMatrix(sys), sys.values)).toBeLessThan(1e-13);
      }),
      { numRuns: 60 },
    );
  });

  it('spectral invariants: Σλ = tr H and Σλ² = tr H², pairs are conjugate with Im > 0 first', () => {
    const rng = seededRng(5);
    for (const m of [2, 7, 33, 120]) {
      const H = randomHessenberg(m, rng);
      const { values } = realHessenbergEig(H.slice(), m);
      let tr = 0;
      let tr2 = 0;
      for (let i = 0; i < m; i++) {
        tr += H[i * m + i];
        for (let j = 0; j < m; j++) tr2 += H[i * m + j] * H[j * m + i];
      }
      let s = 0;
      let s2r = 0;
      let s2i = 0;
      for (let k = 0; k < m; k++) {
        const [a, b] = [values[2 * k], values[2 * k + 1]];
        s += a;
        s2r += a * a - b * b;
        s2i += 2 * a * b;
        if (b > 0) {
          expect(values[2 * k + 2]).toBe(a);
          expect(values[2 * k + 3]).toBe(-b);
        }
      }
      expect(Math.abs(s - tr)).toBeLessThan(1e-12 * m);
      expect(Math.abs(s2r - tr2)).toBeLessThan(1e-11 * m * m);
      expect(Math.abs(s2i)).toBeLessThan(1e-11 * m * m);
    }
  });

  it('closed forms: a rotation has ±i; a companion matrix has its polynomial’s roots', () => {
    const rot = realHessenbergEig(new Float64Array([0, -1, 1, 0]), 2);
    expect(Array.from(rot.values)).toEqual([0, 1, 0, -1]);
    // (x − 1)(x − 2)(x + 3)(x² + 2x + 5): roots 1, 2, −3, −1 ± 2i. Companion matrix (upper Hessenberg):
    // first row −c_{k}, ones on the subdiagonal.
    const factors = [[1, -1], [1, -2], [1, 3], [1, 2, 5]];
    let coeffs = [1];
    for (const f of factors) {
      const next = new Array(coeffs.length + f.length - 1).fill(0);
      coeffs.forEach((a, i) => f.forEach((b, j) => (next[i + j] += a * b)));
      coeffs = next;
    }
    expect(coeffs).toEqual([1, 2, -2, -8, -23, 30]);
    const m = coeffs.length - 1;
    const C = new Float64Array(m * m);
    for (let j = 0; j < m; j++) C[j] = -coeffs[j + 1];
    for (let i = 1; i < m; i++) C[i * m + i - 1] = 1;
    const { values } = realHessenbergEig(C, m);
    const got = Array.from({ length: m }, (_, k) => [values[2 * k], values[2 * k + 1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const want = [[-3, 0], [-1, -2], [-1, 2], [1, 0], [2, 0]];
    got.forEach(([a, b], k) => {
      expect(a).toBeCloseTo(want[k][0], 12);
      expect(b).toBeCloseTo(want[k][1], 12);
    });
  });

  it('S·u = y for u = solveInEigenvectors(Zᵀy): the O(m²) solve inverts the eigenvector matrix', () => {
    const rng = seededRng(9);
    for (const m of [1, 3, 25, 90]) {
      const sys = realHessenbergEig(randomHessenberg(m, rng, 5), m);
      const S = eigenvectorMatrix(sys);
      const y = Float64Array.from({ length: m }, () => rng() - 0.5);
      const zty = new Float64Array(m);
      for (let i = 0; i < m; i++) for (let r = 0; r < m; r++) zty[i] += sys.Z[r * m + i] * y[r];
      const u = solveInEigenvectors(sys, zty);
      // Back substitution is backward stable: the residual is ε-small relative to Σ_k |u_k|·‖s_k‖
      // (the size of the terms that cancel), not to ‖y‖ when S is ill-conditioned.
      let scale = 0;
      for (let k = 0; k < m; k++) {
        let sk = 0;
        for (let i = 0; i < m; i++) sk += S[2 * (i * m + k)] ** 2 + S[2 * (i * m + k) + 1] ** 2;
        scale += Math.hypot(u[2 * k], u[2 * k + 1]) * Math.sqrt(sk);
      }
      let err = 0;
      for (let i = 0; i < m; i++) {
        let ar = -y[i];
        let ai = 0;
        for (let k = 0; k < m; k++) {
          ar += S[2 * (i * m + k)] * u[2 * k] - S[2 * (i * m + k) + 1] * u[2 * k + 1];
          ai += S[2 * (i * m + k)] * u[2 * k + 1] + S[2 * (i * m + k) + 1] * u[2 * k];
        }
        err = Math.max(err, Math.hypot(ar, ai));
      }
      expect(err / scale).toBeLessThan(1e-13);
    }
  });

  it('Z is orthogonal', () => {
    const m = 40;
    const { Z } = realHessenbergEig(randomHessenberg(m, seededRng(3)), m);
    let worst = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += Z[i * m + a] * Z[i * m + b];
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('a Jordan block (defective) does not throw and returns the repeated eigenvalue to ~ε^{1/m}', () => {
    const m = 4;
    const J = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      J[i * m + i] = 2;
      if (i + 1 < m) J[i * m + i + 1] = 1;
    }
    // Make it unreduced Hessenberg with a tiny subdiagonal so the QR iteration has work to do.
    J[1 * m + 0] = 1e-12;
    const { values } = realHessenbergEig(J, m);
    for (let k = 0; k < m; k++) expect(Math.hypot(values[2 * k] - 2, values[2 * k + 1])).toBeLessThan(1e-2);
  });
});

describe('exceptional shifts and reused storage', () => {
  it('0.3·I + 0.75·C (C the cyclic shift of order 4, where the standard shifts stall) has 0.3 + 0.75·{1, i, −1, −i}', () => {
    const m = 4;
    const H = new Float64Array(m * m);
    for (let i = 0; i < m; i++) H[i * m + i] = 0.3;
    for (let i = 1; i < m; i++) H[i * m + i - 1] = 0.75;
    H[m - 1] = 0.75;
    const sys = realHessenbergEig(H.slice(), m);
    const got = Array.from({ length: m }, (_, k) => [sys.values[2 * k], sys.values[2 * k + 1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const want = [[-0.45, 0], [0.3, -0.75], [0.3, 0.75], [1.05, 0]];
    got.forEach(([a, b], k) => {
      expect(Math.abs(a - want[k][0])).toBeLessThan(1e-14);
      expect(Math.abs(b - want[k][1])).toBeLessThan(1e-14);
    });
    expect(maxRelativeResidual(H, m, eigenvectorMatrix(sys), sys.values)).toBeLessThan(1e-14);
  });

  it('a workspace reused across sizes gives bit-for-bit the results of fresh arrays (fast-check)', () => {
    const ws = new RealEigWorkspace();
    // Dirty the workspace with a larger decomposition first, then alternate sizes.
    const big = randomHessenberg(80, seededRng(3));
    eigenvectorMatrix(realHessenbergEig(big, 80, ws), ws);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 2 ** 30 }), (m, seed) => {
        const H = randomHessenberg(m, seededRng(seed));
        const fresh = realHessenbergEig(H.slice(), m);
        const freshS = eigenvectorMatrix(fresh);
        const reused = realHessenbergEig(H.slice(), m, ws);
        const reusedS = eigenvectorMatrix(reused, ws);
        expect(Array.from(reused.values)).toEqual(Array.from(fresh.values));
        expect(Array.from(reused.Z)).toEqual(Array.from(fresh.Z));
        expect(Array.from(reusedS)).toEqual(Array.from(freshS));
      }),
      { numRuns: 40 },
    );
  });
});

describe('eigenvector norms ‖D·Z·x_j‖ (for the spectral form’s amplification)', () => {
  /** Exact norms from the real eigenvector matrix Z·X, formed here column by column. */
  function exactNorms(sys: ReturnType<typeof realHessenbergEig>, d: Float64Array): number[] {
    const { m, Z, X } = sys;
    return Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let r = 0; r < m; r++) {
        let v = 0;
        for (let i = 0; i <= j; i++) v += Z[r * m + i] * X[i * m + j];
        s += (d[r] * v) ** 2;
      }
      return Math.sqrt(s);
    });
  }

  it('exact for m ≤ 64; the 16-row sign sketch within a factor 2 of the truth at m = 40…150', () => {
    const rng = seededRng(77);
    for (const m of [10, 40, 64, 90, 150]) {
      const H = randomHessenberg(m, rng, 10);
      const d = Float64Array.from({ length: m }, (_, i) => 2 ** ((i % 7) - 3));
      const sys = realHessenbergEig(H, m);
      const want = exactNorms(sys, d);
      const sketched = sketchedEigenvectorNorms(sys, d);
      const chosen = eigenvectorNorms(sys, d);
      want.forEach((v, j) => {
        expect(sketched[j] / v).toBeGreaterThan(0.5);
        expect(sketched[j] / v).toBeLessThan(2);
        if (m <= 64) expect(Math.abs(chosen[j] - v)).toBeLessThan(1e-12 * v);
        else expect(chosen[j]).toBe(sketched[j]);
      });
    }
  });
});
