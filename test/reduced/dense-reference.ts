/**
 * Independent dense reference for the reduced-state tests: plain complex arrays and the master
 * equation written straight from its definition (paper eq. 4, CONVENTIONS.md), with none of the
 * engine's superoperator helpers. Matrices are arrays of rows of [re, im].
 */
export type C = [number, number];
export type M = C[][];

export const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
export const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];

export function zeros(r: number, c = r): M {
  return Array.from({ length: r }, () => Array.from({ length: c }, (): C => [0, 0]));
}
export function eye(n: number): M {
  const z = zeros(n);
  for (let i = 0; i < n; i++) z[i][i] = [1, 0];
  return z;
}
export function mmul(a: M, b: M): M {
  const out = zeros(a.length, b[0].length);
  for (let i = 0; i < a.length; i++) for (let k = 0; k < b.length; k++) {
    const x = a[i][k];
    if (x[0] === 0 && x[1] === 0) continue;
    for (let j = 0; j < b[0].length; j++) out[i][j] = cadd(out[i][j], cmul(x, b[k][j]));
  }
  return out;
}
export function madd(a: M, b: M, s: C = [1, 0]): M {
  return a.map((row, i) => row.map((x, j) => cadd(x, cmul(s, b[i][j]))));
}
export function dag(a: M): M {
  return a[0].map((_, j) => a.map((row) => [row[j][0], -row[j][1]] as C));
}
export function kron(a: M, b: M): M {
  const out = zeros(a.length * b.length, a[0].length * b[0].length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[0].length; j++) for (let k = 0; k < b.length; k++) for (let l = 0; l < b[0].length; l++) {
    out[i * b.length + k][j * b[0].length + l] = cmul(a[i][j], b[k][l]);
  }
  return out;
}
export function trace(a: M): C {
  let s: C = [0, 0];
  for (let i = 0; i < a.length; i++) s = cadd(s, a[i][i]);
  return s;
}
export function frob(a: M): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x[0] * x[0] + x[1] * x[1];
  return Math.sqrt(s);
}

export const SX: M = [[[0, 0], [1, 0]], [[1, 0], [0, 0]]];
export const SY: M = [[[0, 0], [0, -1]], [[0, 1], [0, 0]]];
export const SZ: M = [[[1, 0], [0, 0]], [[0, 0], [-1, 0]]];
/** σ₊ = |1⟩⟨0|, σ₋ = |0⟩⟨1| (CONVENTIONS.md). */
export const SP: M = [[[0, 0], [0, 0]], [[1, 0], [0, 0]]];
export const SM: M = [[[0, 0], [1, 0]], [[0, 0], [0, 0]]];

/** op on qubit j (1-based) of n, qubit 1 leftmost. */
export function onQubit(n: number, j: number, op: M): M {
  let acc: M = [[[1, 0]]];
  for (let q = 1; q <= n; q++) acc = kron(acc, q === j ? op : eye(2));
  return acc;
}

/** SWAP of qubits j, k by permuting basis bits directly. */
export function swap(n: number, j: number, k: number): M {
  const d = 2 ** n;
  const out = zeros(d);
  for (let l = 0; l < d; l++) {
    const bj = (l >> (n - j)) & 1;
    const bk = (l >> (n - k)) & 1;
    let m = l & ~(1 << (n - j)) & ~(1 << (n - k));
    m |= bk << (n - j);
    m |= bj << (n - k);
    out[m][l] = [1, 0];
  }
  return out;
}

/** D(L)ρ = LρL† − ½(L†Lρ + ρL†L). */
export function dissipate(L: M, rho: M): M {
  const Ld = dag(L);
  const LdL = mmul(Ld, L);
  return madd(mmul(mmul(L, rho), Ld), madd(mmul(LdL, rho), mmul(rho, LdL)), [-0.5, 0]);
}

export interface DenseModel {
  n: number;
  H: M;
  channels: { rate: number; L: M }[];
  edges: { j: number; k: number; w: number }[];
}

/** The right-hand side of eq. 4 at gain Kc. */
export function eq4(model: DenseModel, rho: M, Kc: number): M {
  let out = madd(mmul(model.H, rho), mmul(rho, model.H), [-1, 0]);
  out = out.map((row) => row.map((x) => cmul([0, -1], x)));
  for (const ch of model.channels) out = madd(out, dissipate(ch.L, rho), [ch.rate, 0]);
  for (const e of model.edges) {
    const U = swap(model.n, e.j, e.k);
    out = madd(out, madd(mmul(mmul(U, rho), U), rho, [-1, 0]), [Kc * e.w, 0]);
  }
  return out;
}

/** Tr over all qubits but j. */
export function ptrace(rho: M, n: number, j: number): M {
  const out = zeros(2);
  const d = 2 ** n;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
    // same bits outside j
    if (((a ^ b) & ~(1 << (n - j))) !== 0) continue;
    const ra = (a >> (n - j)) & 1;
    const rb = (b >> (n - j)) & 1;
    out[ra][rb] = cadd(out[ra][rb], rho[a][b]);
  }
  return out;
}

/** Column-stacked superoperator of a linear map on d×d matrices, by applying it to matrix units. */
export function superopOf(d: number, f: (x: M) => M): M {
  const S = zeros(d * d);
  for (let c = 0; c < d; c++) for (let r = 0; r < d; r++) {
    const E = zeros(d);
    E[r][c] = [1, 0];
    const y = f(E);
    for (let cc = 0; cc < d; cc++) for (let rr = 0; rr < d; rr++) S[rr + d * cc][r + d * c] = y[rr][cc];
  }
  return S;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (complex). */
export function solveLinear(A: M, b: C[]): C[] {
  const n = A.length;
  const a = A.map((row, i) => [...row.map((x) => [...x] as C), [...b[i]] as C]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.hypot(...a[r][c]) > Math.hypot(...a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const piv = a[c][c];
    const den = piv[0] * piv[0] + piv[1] * piv[1];
    const inv: C = [piv[0] / den, -piv[1] / den];
    for (let j = c; j <= n; j++) a[c][j] = cmul(a[c][j], inv);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let j = c; j <= n; j++) a[r][j] = cadd(a[r][j], cmul([-f[0], -f[1]], a[c][j]));
    }
  }
  return a.map((row) => row[n]);
}

/** Seeded PRNG, shared with src (mulberry32). */
export { seededRandom as rng } from '../../src/core/random.ts';

/** A random full-rank (generically entangled) density matrix AA†/tr. */
export function randomDensity(d: number, rand: () => number): M {
  const A: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [rand() - 0.5, rand() - 0.5]));
  const P = mmul(A, dag(A));
  const t = trace(P)[0];
  return P.map((row) => row.map((x) => [x[0] / t, x[1] / t] as C));
}


/** Eigenvalues of a real symmetric matrix (ascending), shared with the model tests. */
export { symmetricEigenvalues as jacobiEigenvalues } from '../support/model-oracle.ts';

/** Largest singular value by power iteration on A†A. */
export function spectralNormRef(A: M): number {
  const AhA = mmul(dag(A), A);
  let v: C[] = AhA.map((_, i) => [1 + i * 0.1, 0.3]);
  let lambda = 0;
  for (let it = 0; it < 2000; it++) {
    const w = AhA.map((row) => row.reduce((s, x, k) => cadd(s, cmul(x, v[k])), [0, 0] as C));
    const norm = Math.sqrt(w.reduce((s, x) => s + x[0] ** 2 + x[1] ** 2, 0));
    if (norm === 0) return 0;
    v = w.map((x) => [x[0] / norm, x[1] / norm] as C);
    if (Math.abs(norm - lambda) < 1e-15 * norm) {
      lambda = norm;
      break;
    }
    lambda = norm;
  }
  return Math.sqrt(lambda);
}
