/**
 * Independent brute-force oracles for the coherent layer (test support, n ≤ 6): dense complex
 * operators from Pauli strings written out here, the Lindblad action of eq. 4 by explicit matrix
 * products, orbit indicators by enumerating matrix units. Nothing from src/coherent is used.
 */
export type C = [number, number];
/** Dense complex matrix, row-major, as arrays of [re, im]. */
export type Dense = C[][];

export function zerosD(d: number): Dense {
  return Array.from({ length: d }, () => Array.from({ length: d }, () => [0, 0] as C));
}

/** Matrix of a Pauli string (qubit 1 = most significant bit). */
export function pauliMatrix(letters: string): Dense {
  const n = letters.length;
  const d = 2 ** n;
  const m = zerosD(d);
  for (let col = 0; col < d; col++) {
    let row = 0;
    let re = 1;
    let im = 0;
    for (let q = 0; q < n; q++) {
      const bit = (col >> (n - 1 - q)) & 1;
      const L = letters[q];
      let nb = bit;
      let f: C = [1, 0];
      if (L === 'X') nb = 1 - bit;
      else if (L === 'Y') { nb = 1 - bit; f = bit === 0 ? [0, 1] : [0, -1]; }
      else if (L === 'Z') f = bit === 0 ? [1, 0] : [-1, 0];
      row = (row << 1) | nb;
      [re, im] = [re * f[0] - im * f[1], re * f[1] + im * f[0]];
    }
    m[row][col] = [re, im];
  }
  return m;
}

export function addScaled(a: Dense, b: Dense, c: C): Dense {
  return a.map((r, i) => r.map((x, j) => [x[0] + c[0] * b[i][j][0] - c[1] * b[i][j][1], x[1] + c[0] * b[i][j][1] + c[1] * b[i][j][0]] as C));
}

export function mulD(a: Dense, b: Dense): Dense {
  const d = a.length;
  const out = zerosD(d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) {
    const x = a[i][k];
    if (x[0] === 0 && x[1] === 0) continue;
    for (let j = 0; j < d; j++) {
      const y = b[k][j];
      out[i][j][0] += x[0] * y[0] - x[1] * y[1];
      out[i][j][1] += x[0] * y[1] + x[1] * y[0];
    }
  }
  return out;
}

export function daggerD(a: Dense): Dense {
  return a.map((r, i) => r.map((_, j) => [a[j][i][0], -a[j][i][1]] as C));
}

export function opFromTerms(n: number, terms: { letters: string; coef: C }[]): Dense {
  let m = zerosD(2 ** n);
  for (const t of terms) m = addScaled(m, pauliMatrix(t.letters), t.coef);
  return m;
}

/** The Lindblad action of eq. 4 without coupling: −i[H, X] + Σ γ (L X L† − ½{L†L, X}). */
export function lindbladAction(H: Dense, channels: { rate: number; L: Dense }[], X: Dense): Dense {
  let out = addScaled(zerosD(X.length), mulD(H, X), [0, -1]);
  out = addScaled(out, mulD(X, H), [0, 1]);
  for (const { rate, L } of channels) {
    const Ld = daggerD(L);
    const LdL = mulD(Ld, L);
    out = addScaled(out, mulD(mulD(L, X), Ld), [rate, 0]);
    out = addScaled(out, mulD(LdL, X), [-rate / 2, 0]);
    out = addScaled(out, mulD(X, LdL), [-rate / 2, 0]);
  }
  return out;
}

/** Colour counts (n00, n01, n10, n11) of |l⟩⟨l'|. */
export function countsOf(l: number, lp: number, n: number): string {
  const c = [0, 0, 0, 0];
  for (let q = 0; q < n; q++) c[2 * ((l >> q) & 1) + ((lp >> q) & 1)]++;
  return c.join(',');
}

/** Brute-force Proj(A_d)[m][m'] keyed by count strings: ⟨E_m, A E_m'⟩/√(|V_m||V_m'|). */
export function bruteProjection(n: number, H: Dense, channels: { rate: number; L: Dense }[]): Map<string, Map<string, C>> {
  const d = 2 ** n;
  const members = new Map<string, [number, number][]>();
  for (let l = 0; l < d; l++) for (let lp = 0; lp < d; lp++) {
    const k = countsOf(l, lp, n);
    if (!members.has(k)) members.set(k, []);
    members.get(k)!.push([l, lp]);
  }
  const out = new Map<string, Map<string, C>>();
  for (const [kp, mem] of members) {
    const E = zerosD(d);
    for (const [l, lp] of mem) E[l][lp] = [1, 0];
    const AE = lindbladAction(H, channels, E);
    const sums = new Map<string, C>();
    for (let l = 0; l < d; l++) for (let lp = 0; lp < d; lp++) {
      const k = countsOf(l, lp, n);
      const s = sums.get(k) ?? [0, 0];
      sums.set(k, [s[0] + AE[l][lp][0], s[1] + AE[l][lp][1]]);
    }
    for (const [k, s] of sums) {
      const norm = Math.sqrt(members.get(k)!.length * mem.length);
      if (!out.has(k)) out.set(k, new Map());
      out.get(k)!.set(kp, [s[0] / norm, s[1] / norm]);
    }
  }
  return out;
}

/** Seeded PRNG, shared with src (mulberry32). */
export { seededRandom as rng } from '../../src/core/random.ts';
