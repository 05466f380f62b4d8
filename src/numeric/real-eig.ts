/**
 * Eigen-decomposition of a real upper Hessenberg matrix in real arithmetic: the Francis double-shift
 * QR algorithm (Francis 1961; Golub & Van Loan, Matrix Computations, 4th ed., Alg. 7.5.2) gives the
 * real Schur form H = Z·T·Zᵀ (T quasi-upper-triangular: 1×1 blocks for real eigenvalues, 2×2 blocks
 * for conjugate pairs), and the eigenvectors of T are back-substituted in real form (as LAPACK's
 * dtrevc / EISPACK's hqr2 do).
 *
 * Why a second eigen-solver next to the complex one in eig.ts: the Arnoldi matrix H_m of a real
 * operator (eq. 4 in the real coordinates of the Hermitian matrices) is real, and the Krylov
 * propagator decomposes it at every convergence check. A complex QR sweep costs about four real ones
 * (a complex multiply-add is four real ones), so the real algorithm does the same job in about a
 * quarter of the flops; and because the eigenvector matrix of T is (block) upper triangular, S⁻¹b
 * costs O(m²) by back substitution instead of an O(m³) LU factorisation.
 */

const EPS = 2.220446049250313e-16;

/** H = Z·T·Zᵀ with the eigenvectors of T; see realHessenbergEig. */
export interface RealEigenSystem {
  readonly m: number;
  /**
   * Eigenvalues, interleaved (re, im). A conjugate pair occupies positions k, k + 1 with Im λ_k > 0
   * and λ_{k+1} = conj(λ_k).
   */
  readonly values: Float64Array;
  /** Orthogonal Schur vectors Z, row-major m×m. */
  readonly Z: Float64Array;
  /**
   * Eigenvectors of T in real form, row-major m×m and upper triangular (nonzero diagonal): a real
   * λ_k has the eigenvector x_k (column k); a pair (k, k + 1) has x_k ± i·x_{k+1}. So the complex
   * eigenvector matrix of T is X·B, B block diagonal with 1 for a real eigenvalue and
   * [[1, 1], [i, −i]] for a pair.
   */
  readonly X: Float64Array;
}

/** `H`: the caller's copy of the matrix to decompose; the others are this module's. */
export type WorkspaceSlot = 'H' | 'Zt' | 'Z' | 'ZX' | 'S';

/**
 * Storage for the m×m arrays of realHessenbergEig and eigenvectorMatrix, reused from one call to the
 * next. Why: the Krylov propagator decomposes its Arnoldi matrix at every convergence check, and
 * fresh arrays of that size are fresh pages, each written first through a page fault (at m = 230 the
 * propagator's three arrays H, Zᵀ and Z are ≈ 310 pages per check; cost in docs/BENCHMARKS.md
 * § Kernel design measurements). Arrays handed out by a workspace (the Z and X of the system, the eigenvector
 * matrix) are valid until the next call that uses the same workspace.
 */
export class RealEigWorkspace {
  readonly #slots = new Map<WorkspaceSlot, Float64Array>();

  /** The first `length` entries of one slot, zeroed (a fresh array would read as zeros too). */
  zeroed(slot: WorkspaceSlot, length: number): Float64Array {
    let buf = this.#slots.get(slot);
    if (buf === undefined || buf.length < length) {
      // Room for a 1.5× larger m, so the reallocations of a growing basis are few.
      buf = new Float64Array(Math.ceil(length * 2.25));
      this.#slots.set(slot, buf);
    }
    const view = buf.subarray(0, length);
    view.fill(0);
    return view;
  }

  /** Bytes held. */
  get bytes(): number {
    let b = 0;
    for (const s of this.#slots.values()) b += s.byteLength;
    return b;
  }
}

/**
 * Real Schur form and eigenvectors of the real upper Hessenberg m×m matrix `H` (row-major; entries
 * below the first subdiagonal are ignored). `H` is overwritten. Throws if the iteration does not
 * converge (30 iterations per eigenvalue on average, as LAPACK's dlahqr allows). With a workspace,
 * Z lives in it (see RealEigWorkspace).
 * @example Array.from(realHessenbergEig(new Float64Array([0, -1, 1, 0]), 2).values) // => [0, 1, 0, -1]
 */
export function realHessenbergEig(H: Float64Array, m: number, ws?: RealEigWorkspace): RealEigenSystem {
  for (let i = 2; i < m; i++) for (let j = 0; j < i - 1; j++) H[i * m + j] = 0;
  const Zt = ws ? ws.zeroed('Zt', m * m) : new Float64Array(m * m);
  for (let i = 0; i < m; i++) Zt[i * m + i] = 1;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  let norm = 0;
  for (let i = 0; i < m; i++) for (let j = Math.max(i - 1, 0); j < m; j++) norm += Math.abs(H[i * m + j]);
  francisQr(H, Zt, m, re, im, norm);
  const Z = ws ? ws.zeroed('Z', m * m) : new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) Z[i * m + k] = Zt[k * m + i];
  if (norm > 0) backSubstitute(H, m, re, im, norm);
  const values = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    values[2 * k] = re[k];
    values[2 * k + 1] = im[k];
  }
  return { m, values, Z, X: H };
}

/**
 * Francis double-shift QR on rows/columns 0..m−1 of H in place, accumulating the similarity
 * transformations into Zt = Zᵀ (row-major): a reflector on columns k..k+2 of Z is then a sweep over
 * three contiguous rows of Zt instead of a stride-m walk down three columns (at m ≈ 650 that walk
 * touched a new cache line per entry). On return H holds T (quasi-triangular) with the 2×2 blocks
 * of complex pairs left in standardised position (re[k] ± i·im[k] as their eigenvalues); a 2×2
 * block with real eigenvalues is split into triangular form by a rotation.
 */
function francisQr(H: Float64Array, Zt: Float64Array, m: number, re: Float64Array, im: Float64Array, norm: number): void {
  let hi = m - 1;
  let exshift = 0;
  let iter = 0;
  let totalIter = 0;
  const maxTotal = 30 * Math.max(m, 10);
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let x: number;
  let y: number;
  let w: number;
  while (hi >= 0) {
    // Deflate at the lowest negligible subdiagonal above hi (the classical test
    // |h_{l,l−1}| < ε(|h_{l−1,l−1}| + |h_{l,l}|)).
    let l = hi;
    while (l > 0) {
      s = Math.abs(H[(l - 1) * m + l - 1]) + Math.abs(H[l * m + l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l * m + l - 1]) < EPS * s) break;
      l--;
    }
    if (l === hi) {
      H[hi * m + hi] += exshift;
      re[hi] = H[hi * m + hi];
      im[hi] = 0;
      hi--;
      iter = 0;
      continue;
    }
    if (l === hi - 1) {
      // A 2×2 block [[a, b], [c, d]]: eigenvalues (a + d)/2 ± √(((a − d)/2)² + bc).
      const n1 = hi - 1;
      w = H[hi * m + n1] * H[n1 * m + hi];
      p = (H[n1 * m + n1] - H[hi * m + hi]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      H[hi * m + hi] += exshift;
      H[n1 * m + n1] += exshift;
      x = H[hi * m + hi];
      if (q >= 0) {
        // Real pair: rotate the block to upper triangular form.
        z = p >= 0 ? p + z : p - z;
        re[n1] = x + z;
        re[hi] = z !== 0 ? x - w / z : x + z;
        im[n1] = 0;
        im[hi] = 0;
        x = H[hi * m + n1];
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        p /= r;
        q /= r;
        for (let j = n1; j < m; j++) {
          const a = H[n1 * m + j];
          H[n1 * m + j] = q * a + p * H[hi * m + j];
          H[hi * m + j] = q * H[hi * m + j] - p * a;
        }
        for (let i = 0; i <= hi; i++) {
          const a = H[i * m + n1];
          H[i * m + n1] = q * a + p * H[i * m + hi];
          H[i * m + hi] = q * H[i * m + hi] - p * a;
        }
        const zn1 = n1 * m;
        const zhi = hi * m;
        for (let i = 0; i < m; i++) {
          const a = Zt[zn1 + i];
          Zt[zn1 + i] = q * a + p * Zt[zhi + i];
          Zt[zhi + i] = q * Zt[zhi + i] - p * a;
        }
      } else {
        re[n1] = x + p;
        re[hi] = x + p;
        im[n1] = z;
        im[hi] = -z;
      }
      hi -= 2;
      iter = 0;
      continue;
    }
    // Shifts: the eigenvalues of the trailing 2×2 block (through x + y and xy − w), with the
    // exceptional shifts of EISPACK (iteration 10) and of LAPACK's dlahqr (iteration 30) that break
    // the rare cycles of the standard shift.
    x = H[hi * m + hi];
    y = H[(hi - 1) * m + hi - 1];
    w = H[hi * m + hi - 1] * H[(hi - 1) * m + hi];
    if (iter === 10) {
      exshift += x;
      for (let i = 0; i <= hi; i++) H[i * m + i] -= x;
      s = Math.abs(H[hi * m + hi - 1]) + Math.abs(H[(hi - 1) * m + hi - 2]);
      x = y = 0.75 * s;
      w = -0.4375 * s * s;
    }
    if (iter === 30) {
      s = (y - x) / 2;
      s = s * s + w;
      if (s > 0) {
        s = Math.sqrt(s);
        if (y < x) s = -s;
        s = x - w / ((y - x) / 2 + s);
        for (let i = 0; i <= hi; i++) H[i * m + i] -= s;
        exshift += s;
        x = y = w = 0.964;
      }
    }
    iter++;
    if (++totalIter > maxTotal) throw new Error(`realHessenbergEig: QR iteration did not converge for m = ${m}`);
    // Start the bulge at the lowest row mm ≥ l where two consecutive small subdiagonals make the
    // first column of (H − σ₁)(H − σ₂) effectively start there (Golub & Van Loan §7.5.5).
    let mm = hi - 2;
    while (mm >= l) {
      z = H[mm * m + mm];
      r = x - z;
      s = y - z;
      p = (r * s - w) / H[(mm + 1) * m + mm] + H[mm * m + mm + 1];
      q = H[(mm + 1) * m + mm + 1] - z - r - s;
      r = H[(mm + 2) * m + mm + 1];
      s = Math.abs(p) + Math.abs(q) + Math.abs(r);
      p /= s;
      q /= s;
      r /= s;
      if (mm === l) break;
      const lhs = Math.abs(H[mm * m + mm - 1]) * (Math.abs(q) + Math.abs(r));
      const rhs = EPS * (Math.abs(p) * (Math.abs(H[(mm - 1) * m + mm - 1]) + Math.abs(z) + Math.abs(H[(mm + 1) * m + mm + 1])));
      if (lhs < rhs) break;
      mm--;
    }
    for (let i = mm + 2; i <= hi; i++) {
      H[i * m + i - 2] = 0;
      if (i > mm + 2) H[i * m + i - 3] = 0;
    }
    // Chase the bulge with 3×3 Householder reflectors P = I − v vᵀ·2/vᵀv, written as
    // (x, y, z) = v/s-scaled coefficients, applied to rows k..k+2, columns k..k+2 and Z.
    for (let k = mm; k <= hi - 1; k++) {
      const notLast = k !== hi - 1;
      if (k !== mm) {
        p = H[k * m + k - 1];
        q = H[(k + 1) * m + k - 1];
        r = notLast ? H[(k + 2) * m + k - 1] : 0;
        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (x === 0) continue;
        p /= x;
        q /= x;
        r /= x;
      }
      s = Math.sqrt(p * p + q * q + r * r);
      if (p < 0) s = -s;
      if (s === 0) continue;
      if (k !== mm) H[k * m + k - 1] = -s * x;
      else if (l !== mm) H[k * m + k - 1] = -H[k * m + k - 1];
      p += s;
      x = p / s;
      y = q / s;
      z = r / s;
      q /= p;
      r /= p;
      const rk = k * m;
      const rk1 = rk + m;
      const rk2 = rk1 + m;
      if (notLast) {
        for (let j = k; j < m; j++) {
          const t = H[rk + j] + q * H[rk1 + j] + r * H[rk2 + j];
          H[rk + j] -= t * x;
          H[rk1 + j] -= t * y;
          H[rk2 + j] -= t * z;
        }
        const iEnd = Math.min(hi, k + 3);
        for (let i = 0; i <= iEnd; i++) {
          const ri = i * m + k;
          const t = x * H[ri] + y * H[ri + 1] + z * H[ri + 2];
          H[ri] -= t;
          H[ri + 1] -= t * q;
          H[ri + 2] -= t * r;
        }
        for (let i = 0; i < m; i++) {
          const t = x * Zt[rk + i] + y * Zt[rk1 + i] + z * Zt[rk2 + i];
          Zt[rk + i] -= t;
          Zt[rk1 + i] -= t * q;
          Zt[rk2 + i] -= t * r;
        }
      } else {
        for (let j = k; j < m; j++) {
          const t = H[rk + j] + q * H[rk1 + j];
          H[rk + j] -= t * x;
          H[rk1 + j] -= t * y;
        }
        const iEnd = Math.min(hi, k + 3);
        for (let i = 0; i <= iEnd; i++) {
          const ri = i * m + k;
          const t = x * H[ri] + y * H[ri + 1];
          H[ri] -= t;
          H[ri + 1] -= t * q;
        }
        for (let i = 0; i < m; i++) {
          const t = x * Zt[rk + i] + y * Zt[rk1 + i];
          Zt[rk + i] -= t;
          Zt[rk1 + i] -= t * q;
        }
      }
    }
  }
}

/** (ar + i·ai)/(br + i·bi) into out[0], out[1] (Smith's algorithm, no overflow for large |b|). */
function cdiv(ar: number, ai: number, br: number, bi: number, out: Float64Array): void {
  if (Math.abs(br) > Math.abs(bi)) {
    const rr = bi / br;
    const d = br + rr * bi;
    out[0] = (ar + rr * ai) / d;
    out[1] = (ai - rr * ar) / d;
  } else {
    const rr = br / bi;
    const d = bi + rr * br;
    out[0] = (rr * ar + ai) / d;
    out[1] = (rr * ai - ar) / d;
  }
}

const cdivOut = new Float64Array(2);

/**
 * Replace T (in H) by its eigenvectors in real form, back-substituting (T − λ_k)x = 0 upwards from
 * x_k[k] = 1 for each k (for a pair, the last component is taken imaginary so the system is
 * triangular). A zero pivot (a repeated eigenvalue, a Jordan block) is replaced by ε‖T‖, which yields
 * nearly parallel vectors rather than a division by zero, as LAPACK's dtrevc does; the caller's
 * conditioning test (the amplification of S⁻¹) then rejects the decomposition.
 */
function backSubstitute(H: Float64Array, m: number, re: Float64Array, im: Float64Array, norm: number): void {
  const c = cdivOut;
  for (let n = m - 1; n >= 0; n--) {
    const p = re[n];
    const q = im[n];
    if (q === 0) {
      let l = n;
      H[n * m + n] = 1;
      let z = 0;
      let s = 0;
      for (let i = n - 1; i >= 0; i--) {
        const w = H[i * m + i] - p;
        let r = 0;
        for (let j = l; j <= n; j++) r += H[i * m + j] * H[j * m + n];
        if (im[i] < 0) {
          z = w;
          s = r;
          continue;
        }
        l = i;
        if (im[i] === 0) {
          H[i * m + n] = w !== 0 ? -r / w : -r / (EPS * norm);
        } else {
          // rows i, i + 1 form a 2×2 block of a complex pair: solve the real 2×2 system.
          const x = H[i * m + i + 1];
          const y = H[(i + 1) * m + i];
          const qq = (re[i] - p) * (re[i] - p) + im[i] * im[i];
          const t = (x * s - z * r) / qq;
          H[i * m + n] = t;
          H[(i + 1) * m + n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z;
        }
        const t = Math.abs(H[i * m + n]);
        if (EPS * t * t > 1) for (let j = i; j <= n; j++) H[j * m + n] /= t;
      }
    } else if (q < 0) {
      // The pair (n − 1, n): eigenvector x_{n−1} + i·x_n of λ = re[n−1] + i·im[n−1] (im[n−1] = −q > 0).
      const n1 = n - 1;
      let l = n1;
      if (Math.abs(H[n * m + n1]) > Math.abs(H[n1 * m + n])) {
        H[n1 * m + n1] = q / H[n * m + n1];
        H[n1 * m + n] = -(H[n * m + n] - p) / H[n * m + n1];
      } else {
        cdiv(0, -H[n1 * m + n], H[n1 * m + n1] - p, q, c);
        H[n1 * m + n1] = c[0];
        H[n1 * m + n] = c[1];
      }
      H[n * m + n1] = 0;
      H[n * m + n] = 1;
      let z = 0;
      let r = 0;
      let s = 0;
      for (let i = n - 2; i >= 0; i--) {
        let ra = 0;
        let sa = 0;
        for (let j = l; j <= n; j++) {
          ra += H[i * m + j] * H[j * m + n1];
          sa += H[i * m + j] * H[j * m + n];
        }
        const w = H[i * m + i] - p;
        if (im[i] < 0) {
          z = w;
          r = ra;
          s = sa;
          continue;
        }
        l = i;
        if (im[i] === 0) {
          cdiv(-ra, -sa, w, q, c);
          H[i * m + n1] = c[0];
          H[i * m + n] = c[1];
        } else {
          const x = H[i * m + i + 1];
          const y = H[(i + 1) * m + i];
          let vr = (re[i] - p) * (re[i] - p) + im[i] * im[i] - q * q;
          const vi = (re[i] - p) * 2 * q;
          if (vr === 0 && vi === 0) vr = EPS * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
          cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi, c);
          H[i * m + n1] = c[0];
          H[i * m + n] = c[1];
          if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
            H[(i + 1) * m + n1] = (-ra - w * H[i * m + n1] + q * H[i * m + n]) / x;
            H[(i + 1) * m + n] = (-sa - w * H[i * m + n] - q * H[i * m + n1]) / x;
          } else {
            cdiv(-r - y * H[i * m + n1], -s - y * H[i * m + n], z, q, c);
            H[(i + 1) * m + n1] = c[0];
            H[(i + 1) * m + n] = c[1];
          }
        }
        const t = Math.max(Math.abs(H[i * m + n1]), Math.abs(H[i * m + n]));
        if (EPS * t * t > 1) {
          for (let j = i; j <= n; j++) {
            H[j * m + n1] /= t;
            H[j * m + n] /= t;
          }
        }
      }
    }
  }
  // Only the eigenvector columns are meaningful now; clear what is left of T below the diagonal.
  for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) H[i * m + j] = 0;
}

/**
 * u = (X·B)⁻¹·b for real b: the complex coordinates of b in the eigenvectors of T (see
 * RealEigenSystem.X), O(m²) by back substitution on the triangular X. Writes interleaved complex u.
 */
export function solveInEigenvectors(sys: RealEigenSystem, b: Float64Array, out: Float64Array = new Float64Array(2 * sys.m)): Float64Array {
  const { m, X, values } = sys;
  const v = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let acc = b[i];
    for (let j = i + 1; j < m; j++) acc -= X[i * m + j] * v[j];
    v[i] = acc / X[i * m + i];
  }
  // B⁻¹ for a pair block [[1, 1], [i, −i]] is ½[[1, −i], [1, i]].
  for (let k = 0; k < m; k++) {
    if (values[2 * k + 1] > 0 && k + 1 < m) {
      out[2 * k] = v[k] / 2;
      out[2 * k + 1] = -v[k + 1] / 2;
      out[2 * k + 2] = v[k] / 2;
      out[2 * k + 3] = v[k + 1] / 2;
      k++;
    } else {
      out[2 * k] = v[k];
      out[2 * k + 1] = 0;
    }
  }
  return out;
}

/**
 * The complex eigenvectors S = Z·X·B of the original H (row-major m×m, interleaved complex; column k
 * belongs to values[k]). Z·X costs m³/2 multiply-adds (X is triangular). With a workspace, S lives in
 * it (see RealEigWorkspace).
 */
export function eigenvectorMatrix(sys: RealEigenSystem, ws?: RealEigWorkspace): Float64Array {
  const { m, values } = sys;
  const ZX = eigenvectorMatrixReal(sys, ws);
  const S = ws ? ws.zeroed('S', 2 * m * m) : new Float64Array(2 * m * m);
  for (let k = 0; k < m; k++) {
    if (values[2 * k + 1] > 0 && k + 1 < m) {
      for (let i = 0; i < m; i++) {
        const a = ZX[i * m + k];
        const b = ZX[i * m + k + 1];
        S[2 * (i * m + k)] = a;
        S[2 * (i * m + k) + 1] = b;
        S[2 * (i * m + k + 1)] = a;
        S[2 * (i * m + k + 1) + 1] = -b;
      }
      k++;
    } else {
      for (let i = 0; i < m; i++) S[2 * (i * m + k)] = ZX[i * m + k];
    }
  }
  return S;
}

/**
 * ‖D·Z·x_j‖₂ for every column j of X (the unnormalised eigenvector norms of the matrix D·H·D⁻¹ whose
 * balanced form H the system decomposes; d = diag(D)), into out. Exact (forming Z·X, m³/2
 * multiply-adds) for m ≤ 64; above, estimated from a p = 16-row sign sketch,
 * ‖v‖² ≈ ‖G·v‖²/p with G_{qr} = ±1 (Achlioptas, J. Comput. Syst. Sci. 66 (2003) 671, the
 * Johnson–Lindenstrauss lemma with binary coins), applied as (G·D·Z)·X: 24m² multiply-adds instead
 * of m³/2 (a fifth at m = 230). The relative error of an estimate has standard deviation ≈ 1/√(2p)
 * ≈ 18 %; the caller only compares Σ_k|w_k|·‖s_k‖ with a threshold four orders above its typical
 * value. G is fixed (a seeded sequence), so the result is reproducible.
 */
export function eigenvectorNorms(sys: RealEigenSystem, d: Float64Array, out: Float64Array = new Float64Array(sys.m)): Float64Array {
  return sys.m <= 64 ? exactEigenvectorNorms(sys, d, out) : sketchedEigenvectorNorms(sys, d, out);
}

function exactEigenvectorNorms(sys: RealEigenSystem, d: Float64Array, out: Float64Array): Float64Array {
  const m = sys.m;
  const ZX = eigenvectorMatrixReal(sys);
  out.fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[j] += (d[i] * ZX[i * m + j]) ** 2;
  for (let j = 0; j < m; j++) out[j] = Math.sqrt(out[j]);
  return out;
}

/** The sketch estimate of eigenvectorNorms (any m; used above 64). */
export function sketchedEigenvectorNorms(sys: RealEigenSystem, d: Float64Array, out: Float64Array = new Float64Array(sys.m)): Float64Array {
  const { m, X, Z } = sys;
  const p = SKETCH_ROWS;
  // Y = G·D·Z (p×m), then each row of Y times X (X upper triangular).
  const Y = new Float64Array(p * m);
  let seed = 0x9e3779b9;
  for (let r = 0; r < m; r++) {
    const zr = r * m;
    for (let q = 0; q < p; q++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const g = seed & 0x80000000 ? -d[r] : d[r];
      const yq = q * m;
      for (let i = 0; i < m; i++) Y[yq + i] += g * Z[zr + i];
    }
  }
  out.fill(0);
  const W = new Float64Array(m);
  for (let q = 0; q < p; q++) {
    W.fill(0);
    const yq = q * m;
    for (let i = 0; i < m; i++) {
      const y = Y[yq + i];
      const xi = i * m;
      for (let j = i; j < m; j++) W[j] += y * X[xi + j];
    }
    for (let j = 0; j < m; j++) out[j] += W[j] * W[j];
  }
  for (let j = 0; j < m; j++) out[j] = Math.sqrt(out[j] / p);
  return out;
}

const SKETCH_ROWS = 16;

/** Z·X (row-major m×m, real): the eigenvectors of H in real form (see RealEigenSystem.X). */
function eigenvectorMatrixReal(sys: RealEigenSystem, ws?: RealEigWorkspace): Float64Array {
  const { m, X, Z } = sys;
  const ZX = ws ? ws.zeroed('ZX', m * m) : new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const zi = i * m;
    for (let k = 0; k < m; k++) {
      const zik = Z[zi + k];
      if (zik === 0) continue;
      const xk = k * m;
      for (let j = k; j < m; j++) ZX[zi + j] += zik * X[xk + j];
    }
  }
  return ZX;
}

/**
 * Type feedback for every common branch before V8 optimises these functions. TurboFan compiles a
 * branch it has never seen taken (a 2×2 block with a real pair, an exceptional shift, a pair in the
 * back substitution) as a deoptimisation exit, and a Francis QR call on the m ≈ 230 Arnoldi matrix
 * that takes such a branch first then finishes in the interpreter, several times slower than the same
 * call once warm and a large part of a small eq. 4 run (docs/BENCHMARKS.md § Kernel design
 * measurements). Three small matrices that take those branches, solved once at load, give the
 * feedback up front:
 * - 0.3·I + 0.75·C with C the cyclic shift of order 4, on which the standard shifts stall (both are
 *   0.3, and QR of the orthogonal 0.75·C maps it to itself) until the exceptional shift of
 *   iteration 10 (non-integer entries, so the feedback is for doubles, not small integers);
 * - a 6×6 with distinct real diagonal and small subdiagonal, which deflates real 2×2 pairs;
 * - a 12×12 with deterministic pseudo-random entries (complex pairs, both back-substitution forms).
 * The iteration-30 shift is not covered: no small matrix reaches it reliably.
 */
function primeBranchFeedback(): void {
  let seed = 12345;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const cases: Array<[number, (i: number, j: number) => number]> = [
    [4, (i, j) => (i === j ? 0.3 : i === j + 1 || (i === 0 && j === 3) ? 0.75 : 0)],
    [6, (i, j) => (i === j ? i + 1 : i === j + 1 ? 1e-3 : next())],
    [12, () => next()],
  ];
  for (const [m, entry] of cases) {
    const H = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = Math.max(0, i - 1); j < m; j++) H[i * m + j] = entry(i, j);
    const sys = realHessenbergEig(H, m);
    const b = new Float64Array(m).fill(1);
    solveInEigenvectors(sys, b);
    eigenvectorMatrix(sys);
    eigenvectorNorms(sys, b);
    sketchedEigenvectorNorms(sys, b);
  }
}
primeBranchFeedback();
