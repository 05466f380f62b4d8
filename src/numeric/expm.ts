/**
 * Dense complex matrix exponential by scaling and squaring with Padé approximants
 * (Higham, "The scaling and squaring method for the matrix exponential revisited", SIAM J. Matrix
 * Anal. Appl. 26 (2005) 1179–1193, Algorithm 2.3): e^A = (r_m(A/2^s))^{2^s} with r_m the [m/m]
 * Padé approximant, m ∈ {3, 5, 7, 9, 13} chosen from ‖A‖₁ against the θ_m that make the backward
 * error ≤ 2⁻⁵³. Used by the `dense-expm` propagator (propagator-dense.ts: eqs. 4–6 and 17 for small
 * generators), by the local 4×4 factor of the `chebyshev-factorized` eq. 5 method, and for the
 * small augmented Arnoldi matrices inside the Krylov propagator.
 */
import { DimensionMismatch } from '../core/errors.ts';
import { type CMatrix, zeros, identity, mulInto, norm1, scale } from './cmatrix.ts';
import { solve } from './lu.ts';

const THETA: Record<number, number> = {
  3: 1.495585217958292e-2,
  5: 2.539398330063230e-1,
  7: 9.504178996162932e-1,
  9: 2.097847961257068,
  13: 5.371920351148152,
};

const PADE: Record<number, number[]> = {
  3: [120, 60, 12, 1],
  5: [30240, 15120, 3360, 420, 30, 1],
  7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
  9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
  13: [
    64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
    10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
  ],
};

/** out = Σ c_k·M_k (real coefficients), entrywise on equally shaped matrices. */
function combine(out: CMatrix, terms: [number, CMatrix][]): CMatrix {
  const O = out.data;
  O.fill(0);
  for (const [c, m] of terms) {
    if (c === 0) continue;
    const D = m.data;
    for (let k = 0; k < O.length; k++) O[k] += c * D[k];
  }
  return out;
}

/**
 * e^A for a square complex A (Higham 2005, Padé degree ≤ 13 with scaling and squaring).
 * @example Math.abs(expm(fromPairs([[[0, Math.PI]]])).data[0] + 1) < 1e-15 // => true
 */
export function expm(a: CMatrix): CMatrix {
  if (a.rows !== a.cols) throw new DimensionMismatch('a square matrix', `${a.rows}×${a.cols}`);
  const n = a.rows;
  if (n === 0) return zeros(0, 0);
  const nrm = norm1(a);
  if (!Number.isFinite(nrm)) throw new Error('expm: matrix has non-finite entries');
  const I = identity(n);
  const A2 = zeros(n, n);
  for (const m of [3, 5, 7, 9]) {
    if (nrm <= THETA[m]) {
      mulInto(A2, a, a);
      return padeLowDegree(a, A2, I, m);
    }
  }
  const s = Math.max(0, Math.ceil(Math.log2(nrm / THETA[13])));
  const as = s === 0 ? a : scale(a, 2 ** -s);
  mulInto(A2, as, as);
  const A4 = zeros(n, n);
  const A6 = zeros(n, n);
  mulInto(A4, A2, A2);
  mulInto(A6, A4, A2);
  const b = PADE[13];
  const tmp = zeros(n, n);
  const W = zeros(n, n);
  // U = A·[A6(b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
  combine(tmp, [[b[13], A6], [b[11], A4], [b[9], A2]]);
  mulInto(W, A6, tmp);
  combine(tmp, [[1, W], [b[7], A6], [b[5], A4], [b[3], A2], [b[1], I]]);
  const U = zeros(n, n);
  mulInto(U, as, tmp);
  // V = A6(b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
  combine(tmp, [[b[12], A6], [b[10], A4], [b[8], A2]]);
  mulInto(W, A6, tmp);
  const V = zeros(n, n);
  combine(V, [[1, W], [b[6], A6], [b[4], A4], [b[2], A2], [b[0], I]]);
  let R = padeQuotient(U, V);
  let S = zeros(n, n);
  for (let k = 0; k < s; k++) {
    mulInto(S, R, R);
    const t = R;
    R = S;
    S = t;
  }
  return R;
}

function padeLowDegree(a: CMatrix, A2: CMatrix, I: CMatrix, m: number): CMatrix {
  const n = a.rows;
  const b = PADE[m];
  // Powers A², A⁴, … as needed; U = A·Σ b_{2k+1} A^{2k}, V = Σ b_{2k} A^{2k}.
  const powers: CMatrix[] = [I, A2];
  for (let k = 2; 2 * k <= m; k++) {
    const P = zeros(n, n);
    mulInto(P, powers[k - 1], A2);
    powers.push(P);
  }
  const tmp = zeros(n, n);
  combine(tmp, powers.map((P, k) => [b[2 * k + 1], P] as [number, CMatrix]));
  const U = zeros(n, n);
  mulInto(U, a, tmp);
  const V = zeros(n, n);
  combine(V, powers.map((P, k) => [b[2 * k], P] as [number, CMatrix]));
  return padeQuotient(U, V);
}

/** r_m = (V − U)⁻¹(V + U). */
function padeQuotient(U: CMatrix, V: CMatrix): CMatrix {
  const n = U.rows;
  const P = zeros(n, n);
  const Q = zeros(n, n);
  for (let k = 0; k < P.data.length; k++) {
    P.data[k] = V.data[k] + U.data[k];
    Q.data[k] = V.data[k] - U.data[k];
  }
  return solve(Q, P);
}
