/**
 * Independent oracles for the float layer: naive complex matrices as separate re/im row arrays (no
 * shared code with src/numeric), operators built from explicit 2×2 factors with a hand-written
 * Kronecker product, and a Lindbladian assembled column by column from the textbook formula applied to
 * each matrix unit E_ab. Plus a seeded RNG and random lowered models.
 */
import type { LoweredModel, LocalOpName, NumericTerm } from '../../src/core/lowered-model.ts';

export interface NaiveMatrix {
  re: number[][];
  im: number[][];
}

export function naiveZeros(r: number, c: number = r): NaiveMatrix {
  return { re: Array.from({ length: r }, () => new Array(c).fill(0)), im: Array.from({ length: r }, () => new Array(c).fill(0)) };
}

export function naiveIdentity(n: number): NaiveMatrix {
  const m = naiveZeros(n);
  for (let i = 0; i < n; i++) m.re[i][i] = 1;
  return m;
}

export function naiveMul(a: NaiveMatrix, b: NaiveMatrix): NaiveMatrix {
  const n = a.re.length;
  const p = b.re.length;
  const m = b.re[0].length;
  const out = naiveZeros(n, m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < p; k++) {
        sr += a.re[i][k] * b.re[k][j] - a.im[i][k] * b.im[k][j];
        si += a.re[i][k] * b.im[k][j] + a.im[i][k] * b.re[k][j];
      }
      out.re[i][j] = sr;
      out.im[i][j] = si;
    }
  return out;
}

export function naiveDagger(a: NaiveMatrix): NaiveMatrix {
  const out = naiveZeros(a.re[0].length, a.re.length);
  for (let i = 0; i < a.re.length; i++)
    for (let j = 0; j < a.re[0].length; j++) {
      out.re[j][i] = a.re[i][j];
      out.im[j][i] = -a.im[i][j];
    }
  return out;
}

export function naiveAdd(a: NaiveMatrix, b: NaiveMatrix, cr = 1, ci = 0): NaiveMatrix {
  const out = naiveZeros(a.re.length, a.re[0].length);
  for (let i = 0; i < a.re.length; i++)
    for (let j = 0; j < a.re[0].length; j++) {
      out.re[i][j] = a.re[i][j] + cr * b.re[i][j] - ci * b.im[i][j];
      out.im[i][j] = a.im[i][j] + cr * b.im[i][j] + ci * b.re[i][j];
    }
  return out;
}

export function naiveKron(a: NaiveMatrix, b: NaiveMatrix): NaiveMatrix {
  const ar = a.re.length;
  const ac = a.re[0].length;
  const br = b.re.length;
  const bc = b.re[0].length;
  const out = naiveZeros(ar * br, ac * bc);
  for (let i = 0; i < ar; i++)
    for (let j = 0; j < ac; j++)
      for (let k = 0; k < br; k++)
        for (let l = 0; l < bc; l++) {
          out.re[i * br + k][j * bc + l] = a.re[i][j] * b.re[k][l] - a.im[i][j] * b.im[k][l];
          out.im[i * br + k][j * bc + l] = a.re[i][j] * b.im[k][l] + a.im[i][j] * b.re[k][l];
        }
  return out;
}

/** The 2×2 single-qubit operators of CONVENTIONS.md, written out. */
export function localOp(name: LocalOpName): NaiveMatrix {
  const m = naiveZeros(2);
  switch (name) {
    case 'I':
      m.re[0][0] = m.re[1][1] = 1;
      break;
    case 'x':
      m.re[0][1] = m.re[1][0] = 1;
      break;
    case 'y':
      m.im[0][1] = -1;
      m.im[1][0] = 1;
      break;
    case 'z':
      m.re[0][0] = 1;
      m.re[1][1] = -1;
      break;
    case '+':
      m.re[1][0] = 1; // |1⟩⟨0|
      break;
    case '-':
      m.re[0][1] = 1; // |0⟩⟨1|
      break;
    case '0':
      m.re[0][0] = 1;
      break;
    case '1':
      m.re[1][1] = 1;
      break;
  }
  return m;
}

/** Σ coef·(op₁ ⊗ … ⊗ opₙ) with qubit 1 the leftmost factor. */
export function naiveOperator(n: number, terms: readonly NumericTerm[]): NaiveMatrix {
  let total = naiveZeros(2 ** n);
  for (const t of terms) {
    let m: NaiveMatrix = { re: [[1]], im: [[0]] };
    for (let q = 1; q <= n; q++) m = naiveKron(m, localOp((t.ops[String(q)] ?? 'I') as LocalOpName));
    total = naiveAdd(total, m, t.coef[0], t.coef[1]);
  }
  return total;
}

/** SWAP of qubits j, k built as Σ over the four |ab⟩⟨ba| products (no bit arithmetic). */
export function naiveSwap(n: number, j: number, k: number): NaiveMatrix {
  // U = Σ_{a,b} |a⟩⟨b|_j ⊗ |b⟩⟨a|_k; |a⟩⟨b| is '0' (00), '1' (11), '+' = |1⟩⟨0| (10), '-' = |0⟩⟨1| (01)
  const ket = (a: number, b: number): LocalOpName => (a === b ? (a === 0 ? '0' : '1') : a === 1 ? '+' : '-');
  const terms: NumericTerm[] = [];
  for (const a of [0, 1]) for (const b of [0, 1]) terms.push({ coef: [1, 0], ops: { [j]: ket(a, b), [k]: ket(b, a) } });
  return naiveOperator(n, terms);
}

/**
 * Dense Liouvillian, column-stacked: column a + D·b is vec(𝓛(E_ab)) with the textbook formula
 * 𝓛X = −i(HX − XH) + Σγ(LXL† − ½L†LX − ½XL†L) + K_c Σ a(UXU − X).
 */
export function naiveLiouvillian(model: LoweredModel): NaiveMatrix {
  const { n } = model;
  const D = 2 ** n;
  const H = naiveOperator(n, model.hamiltonian);
  const Ls = model.lindblad.map((c) => ({ rate: c.rate, L: naiveOperator(n, c.terms) }));
  const Us = model.edges.map(([j, k, a]) => ({ a, U: naiveSwap(n, j, k) }));
  const out = naiveZeros(D * D);
  for (let a = 0; a < D; a++)
    for (let b = 0; b < D; b++) {
      const E = naiveZeros(D);
      E.re[a][b] = 1;
      let R = naiveAdd(naiveMul(H, E), naiveMul(E, H), -1, 0);
      R = { re: R.im.map((row) => row.slice()), im: R.re.map((row) => row.map((v) => -v)) }; // ×(−i)
      for (const { rate, L } of Ls) {
        const Ld = naiveDagger(L);
        const LdL = naiveMul(Ld, L);
        R = naiveAdd(R, naiveMul(naiveMul(L, E), Ld), rate);
        R = naiveAdd(R, naiveMul(LdL, E), -rate / 2);
        R = naiveAdd(R, naiveMul(E, LdL), -rate / 2);
      }
      for (const { a: w, U } of Us) {
        R = naiveAdd(R, naiveMul(naiveMul(U, E), U), model.Kc * w);
        R = naiveAdd(R, E, -model.Kc * w);
      }
      const col = a + D * b;
      for (let r = 0; r < D; r++)
        for (let s = 0; s < D; s++) {
          out.re[r + D * s][col] = R.re[r][s];
          out.im[r + D * s][col] = R.im[r][s];
        }
    }
  return out;
}

/** mulberry32: a small seeded generator for reproducible random models. */
export function seededRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES: LocalOpName[] = ['x', 'y', 'z', '+', '-', '0', '1'];

/** A random model on n qubits: Hermitian H (terms plus their adjoints), two channels, random edges. */
export function randomModel(n: number, rng: () => number, Kc = 1): LoweredModel {
  const hamiltonian: NumericTerm[] = [];
  const adj: Record<LocalOpName, LocalOpName> = { I: 'I', x: 'x', y: 'y', z: 'z', '+': '-', '-': '+', '0': '0', '1': '1' };
  for (let t = 0; t < 4; t++) {
    const ops: Record<string, LocalOpName> = {};
    const dag: Record<string, LocalOpName> = {};
    for (let q = 1; q <= n; q++) {
      if (rng() < 0.5) {
        const name = NAMES[Math.floor(rng() * NAMES.length)];
        ops[q] = name;
        dag[q] = adj[name];
      }
    }
    const c: [number, number] = [rng() - 0.5, rng() - 0.5];
    hamiltonian.push({ coef: c, ops }, { coef: [c[0], -c[1]], ops: dag });
  }
  const channel = () => ({
    rate: 0.2 + rng(),
    terms: Array.from({ length: 2 }, () => {
      const q = 1 + Math.floor(rng() * n);
      return { coef: [rng() - 0.5, rng() - 0.5] as [number, number], ops: { [q]: NAMES[Math.floor(rng() * NAMES.length)] } };
    }),
  });
  const edges: [number, number, number][] = [];
  for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) if (rng() < 0.7 || k === j + 1) edges.push([j, k, 0.5 + rng()]);
  return { n, hamiltonian, lindblad: [channel(), channel()], edges, Kc };
}

/** The Example-3-like model of the benchmark (complete graph). */
export function example3Model(n: number, Kc: number): LoweredModel {
  const hamiltonian: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) {
    hamiltonian.push({ coef: [1, 0], ops: { [j]: 'z' } }, { coef: [0.05, 0], ops: { [j]: '+' } }, { coef: [0.05, 0], ops: { [j]: '-' } });
  }
  for (let j = 1; j <= n; j++) for (let k = 1; k < j; k++) hamiltonian.push({ coef: [1, 0], ops: { [j]: 'x', [k]: 'y' } });
  const terms: NumericTerm[] = [];
  for (let j = 1; j <= n; j++) terms.push({ coef: [Math.sqrt(0.05), 0], ops: { [j]: '-' } }, { coef: [Math.sqrt(0.02), 0], ops: { [j]: 'z' } });
  const edges: [number, number, number][] = [];
  for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) edges.push([j, k, 1]);
  return { n, hamiltonian, lindblad: [{ rate: 1, terms }], edges, Kc };
}
