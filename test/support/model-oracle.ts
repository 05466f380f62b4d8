/**
 * Independent numeric oracles for the model tests: complex matrices as plain arrays of [re, im],
 * built from the 2×2 matrices of the paper's §2.4 by explicit Kronecker products. Nothing here
 * imports src/, so a bug in the exact layer cannot hide in its own reference.
 */
export type C = [number, number];
export type CM = C[][];

export const c = (re: number, im = 0): C => [re, im];
const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];

/** Paper §2.4: σx, σy, σz, σ₊ = [[0,0],[1,0]], σ₋ = [[0,1],[0,0]]; projectors |0⟩⟨0|, |1⟩⟨1|. */
export const SX: CM = [[c(0), c(1)], [c(1), c(0)]];
export const SY: CM = [[c(0), c(0, -1)], [c(0, 1), c(0)]];
export const SZ: CM = [[c(1), c(0)], [c(0), c(-1)]];
export const SP: CM = [[c(0), c(0)], [c(1), c(0)]];
export const SM: CM = [[c(0), c(1)], [c(0), c(0)]];
export const P0: CM = [[c(1), c(0)], [c(0), c(0)]];
export const P1: CM = [[c(0), c(0)], [c(0), c(1)]];
export const I2: CM = [[c(1), c(0)], [c(0), c(1)]];

export function zeros(r: number, k = r): CM {
  return Array.from({ length: r }, () => Array.from({ length: k }, () => c(0)));
}

export function eye(d: number): CM {
  const m = zeros(d);
  for (let i = 0; i < d; i++) m[i][i] = c(1);
  return m;
}

export function kron(a: CM, b: CM): CM {
  const out = zeros(a.length * b.length, a[0].length * b[0].length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[0].length; j++) {
    for (let k = 0; k < b.length; k++) for (let l = 0; l < b[0].length; l++) {
      out[i * b.length + k][j * b[0].length + l] = cmul(a[i][j], b[k][l]);
    }
  }
  return out;
}

export function add(...ms: CM[]): CM {
  return ms.reduce((acc, m) => acc.map((row, i) => row.map((x, j) => cadd(x, m[i][j]))));
}

export function scale(s: C | number, m: CM): CM {
  const z: C = typeof s === 'number' ? c(s) : s;
  return m.map((row) => row.map((x) => cmul(z, x)));
}

export function mul(a: CM, b: CM): CM {
  const out = zeros(a.length, b[0].length);
  for (let i = 0; i < a.length; i++) for (let k = 0; k < b.length; k++) {
    if (a[i][k][0] === 0 && a[i][k][1] === 0) continue;
    for (let j = 0; j < b[0].length; j++) out[i][j] = cadd(out[i][j], cmul(a[i][k], b[k][j]));
  }
  return out;
}

/** σ^(j) = I ⊗ … ⊗ σ ⊗ … ⊗ I with σ in slot j (1-based), qubit 1 leftmost. */
export function embed(op: CM, j: number, n: number): CM {
  let m: CM = [[c(1)]];
  for (let q = 1; q <= n; q++) m = kron(m, q === j ? op : I2);
  return m;
}

/** |bits⟩⟨bits'| for 0/1 strings, index = bits read as binary (qubit 1 most significant). */
export function ketBra(row: string, col: string): CM {
  const d = 2 ** row.length;
  const m = zeros(d);
  m[parseInt(row, 2)][parseInt(col, 2)] = c(1);
  return m;
}

export function maxAbsDiff(a: CM, b: CM): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[0].length; j++) {
    d = Math.max(d, Math.hypot(a[i][j][0] - b[i][j][0], a[i][j][1] - b[i][j][1]));
  }
  if (a.length !== b.length || a[0].length !== b[0].length) return Infinity;
  return d;
}

/** Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations (ascending). */
export function symmetricEigenvalues(input: number[][]): number[] {
  const n = input.length;
  const a = input.map((r) => r.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) {
      if (Math.abs(a[p][q]) < 1e-300) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cs = 1 / Math.sqrt(t * t + 1);
      const sn = t * cs;
      for (let k = 0; k < n; k++) {
        const akp = a[k][p];
        const akq = a[k][q];
        a[k][p] = cs * akp - sn * akq;
        a[k][q] = sn * akp + cs * akq;
      }
      for (let k = 0; k < n; k++) {
        const apk = a[p][k];
        const aqk = a[q][k];
        a[p][k] = cs * apk - sn * aqk;
        a[q][k] = sn * apk + cs * aqk;
      }
    }
  }
  return a.map((r, i) => r[i]).sort((x, y) => x - y);
}

/** Seeded PRNG, shared with src (mulberry32). */
export { seededRandom as rng } from '../../src/core/random.ts';
