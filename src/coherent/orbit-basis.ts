import { countBuild } from '../core/build-count.ts';
import { Rational } from '../algebra/rational.ts';
import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { CsrMatrix } from '../numeric/lindblad-action.ts';
import { orbitIndex, type OrbitIndex } from './orbits.ts';
import { complexRing, exactRing, sandwichTypes, type Complex, type GeneratorTerms, type SandwichType } from './sandwich.ts';

/**
 * Proj(A_d) = P_dᵀ A P_d (paper eq. 17) directly in the orbit basis, never forming a 4ⁿ×4ⁿ or
 * 2ⁿ×2ⁿ matrix: the cost is (number of sandwich types) × 4^{|S|} × C(n+3, 3), polynomial in n for
 * few-body Pauli models (n = 50, p = 23,426: docs/BENCHMARKS.md § Eq. 17 in the orbit basis).
 *
 * Why it is exact. Let 𝒰_π X = U_π X U_π† and 𝒫_* = (1/n!) Σ_π 𝒰_π. For a connected graph
 * P_d P_dᵀ = 𝒫_* (eq. 13 with orthonormal P_d), and 𝒰_π 𝒫_* = 𝒫_* 𝒰_π = 𝒫_*, so
 *   P_dᵀ 𝒜 P_d = P_dᵀ 𝒫_* 𝒜 𝒫_* P_d = P_dᵀ 𝒫_* (𝒰_π 𝒜 𝒰_π⁻¹) 𝒫_* P_d   for every π:
 * a sandwich X ↦ P_a X P_b and its permuted copy give the same projection (sandwich.ts groups them).
 *
 * One type on a qubit set S (|S| = s). Write E_m for the 0/1 indicator of orbit m (so p_m =
 * E_m/√|V_m|). A sandwich maps each matrix unit to one matrix unit times a phase, qubit by qubit:
 * colour (r, c) on a qubit carrying (a, b) goes to (r ⊕ f_a, c ⊕ f_b) with phase
 * (P_a)_{r⊕f_a, r}·(P_b)_{c, c⊕f_b} (f = 1 for X, Y). Summing over the matrix units of orbit m'
 * split into a colouring κ of S and any colouring of the other n − s qubits:
 *   ⟨E_m, P_a E_{m'} P_b⟩ = Σ_κ phase(κ) · multinomial(n − s; c' − k(κ)) · [c' − k(κ) + k(κ') = c],
 * with c, c' the counts of m, m' and k(κ), k(κ') the counts of κ and its image. Dividing by
 * √(|V_m||V_{m'}|) and using multinomial(n − s; c' − k)/|V_{m'}| = Π_i (c'_i)_{k_i} / (n)_s (falling
 * factorials) gives entries free of huge numbers:
 *   Proj_{m,m'} += coef · phase · R₁ · √R₂,  R₁ = Π_i (c'_i)_{k_i}/(n)_s,  R₂ = |V_{m'}|/|V_m| = Π_i c_i!/c'_i!,
 * where R₂ is a product of at most s short factorial ratios — exact rationals for small n (entries in
 * Q(i)(√…), the √ coming from the orbit sizes), doubles for large n with no overflow (|V_m| ~ 10²⁷ at
 * n = 50 never appears).
 */

/** (k, k') → summed phase of the colourings κ of S with counts k whose image has counts k'. */
interface OrbitMove {
  readonly k: readonly [number, number, number, number];
  readonly kp: readonly [number, number, number, number];
  /** Σ phase as a Gaussian integer (re, im). */
  re: number;
  im: number;
}

/** Phase exponent (power of i) of P|r⟩ = i^k |r ⊕ f⟩ for letters I, X, Y, Z. */
function leftPhase(a: number, r: number): number {
  if (a === 2) return r === 0 ? 1 : 3;
  if (a === 3) return r === 0 ? 0 : 2;
  return 0;
}

/** Phase exponent of ⟨c|P = i^k ⟨c ⊕ f|. */
function rightPhase(b: number, c: number): number {
  if (b === 2) return c === 0 ? 3 : 1;
  if (b === 3) return c === 0 ? 0 : 2;
  return 0;
}

const FLIPS = [0, 1, 1, 0];

/** The aggregated moves of one sandwich type (4^s colourings of S). */
export function orbitMoves(pairs: readonly (readonly [number, number])[]): OrbitMove[] {
  const s = pairs.length;
  const moves = new Map<string, OrbitMove>();
  const total = 4 ** s;
  for (let code = 0; code < total; code++) {
    const k: [number, number, number, number] = [0, 0, 0, 0];
    const kp: [number, number, number, number] = [0, 0, 0, 0];
    let phase = 0;
    let rest = code;
    for (let i = 0; i < s; i++) {
      const colour = rest & 3;
      rest >>= 2;
      const [a, b] = pairs[i];
      const r = colour >> 1;
      const c = colour & 1;
      k[colour]++;
      kp[2 * (r ^ FLIPS[a]) + (c ^ FLIPS[b])]++;
      phase += leftPhase(a, r) + rightPhase(b, c);
    }
    const key = `${k.join('')}|${kp.join('')}`;
    let mv = moves.get(key);
    if (!mv) {
      mv = { k, kp, re: 0, im: 0 };
      moves.set(key, mv);
    }
    switch (phase & 3) {
      case 0: mv.re += 1; break;
      case 1: mv.im += 1; break;
      case 2: mv.re -= 1; break;
      default: mv.im -= 1;
    }
  }
  return [...moves.values()].filter((m) => m.re !== 0 || m.im !== 0);
}

/** (x)_k = x(x−1)…(x−k+1). */
function fallingNumber(x: number, k: number): number {
  let out = 1;
  for (let i = 0; i < k; i++) out *= x - i;
  return out;
}

function fallingBig(x: number, k: number): bigint {
  let out = 1n;
  for (let i = 0; i < k; i++) out *= BigInt(x - i);
  return out;
}

/** c!/c'! as a Rational. */
function factorialRatioExact(c: number, cp: number): Rational {
  let num = 1n;
  let den = 1n;
  if (c > cp) for (let v = cp + 1; v <= c; v++) num *= BigInt(v);
  else for (let v = c + 1; v <= cp; v++) den *= BigInt(v);
  return Rational.of(num, den);
}

/** Proj(A_d) in the orbit basis as a sparse matrix with interleaved complex values (CSR). */
export interface OrbitGenerator {
  readonly n: number;
  readonly orbits: OrbitIndex;
  readonly csr: CsrMatrix;
  /** Sandwich types used (with their summed numeric coefficients). */
  readonly types: readonly { key: string; pairs: readonly (readonly [number, number])[]; coef: Complex; terms: number }[];
  /** Wall time of the build in milliseconds (types + matrix). */
  readonly buildMs: number;
}

/**
 * Proj(A_d) = P_dᵀ A P_d (eq. 17) in doubles, sparse, for any n (connected graph: the orbit basis is
 * the S_n-orbit basis). Coefficients are lowered before the type grouping.
 * @example projectedGeneratorSparse({ n: 1, hamiltonian: [{ letters: 'Z', coef: [1, 0] }], channels: [] }).csr.dim // => 4
 */
export function projectedGeneratorSparse(g: GeneratorTerms<Complex>): OrbitGenerator {
  countBuild('projectedGeneratorSparse');
  const t0 = performance.now();
  const types = sandwichTypes(g, complexRing);
  const orbits = orbitIndex(g.n);
  const csr = assembleNumeric(g.n, orbits, types);
  return {
    n: g.n,
    orbits,
    csr,
    types: types.map((t) => ({ key: t.key, pairs: t.pairs, coef: t.coef, terms: t.terms })),
    buildMs: performance.now() - t0,
  };
}

function assembleNumeric(n: number, orbits: OrbitIndex, types: readonly SandwichType<Complex>[]): CsrMatrix {
  const p = orbits.size;
  const flat = orbits.flat;
  const prepared = types
    .filter((t) => t.pairs.length <= n)
    .map((t) => ({ coef: t.coef, s: t.pairs.length, moves: orbitMoves(t.pairs), nFall: fallingNumber(n, t.pairs.length) }));
  // Flatten the moves: k, k' (8 ints) and the complex factor coef·phase/(n)_s (2 doubles) per move.
  const mk: number[] = [];
  const mw: number[] = [];
  for (const t of prepared) {
    for (const mv of t.moves) {
      mk.push(...mv.k, ...mv.kp);
      mw.push((t.coef[0] * mv.re - t.coef[1] * mv.im) / t.nFall, (t.coef[0] * mv.im + t.coef[1] * mv.re) / t.nFall);
    }
  }
  const moveK = Int32Array.from(mk);
  const moveW = Float64Array.from(mw);
  const nMoves = moveW.length / 2;
  // Sparse accumulator per column m' (CSC), transposed to CSR at the end.
  const accRe = new Float64Array(p);
  const accIm = new Float64Array(p);
  // Σ|contributions| per entry: an entry whose terms cancel exactly is left with rounding noise of at
  // most a few ε·Σ|terms|, and is dropped as the structural zero it is.
  const accAbs = new Float64Array(p);
  const mark = new Int32Array(p).fill(-1);
  const colPtr: number[] = [0];
  const rowIdx: number[] = [];
  const valRe: number[] = [];
  const valIm: number[] = [];
  const touched: number[] = [];
  const cp = new Int32Array(4);
  const c = new Int32Array(4);
  for (let mp = 0; mp < p; mp++) {
    for (let i = 0; i < 4; i++) cp[i] = flat[4 * mp + i];
    touched.length = 0;
    for (let v = 0; v < nMoves; v++) {
      const o = 8 * v;
      if (moveK[o] > cp[0] || moveK[o + 1] > cp[1] || moveK[o + 2] > cp[2] || moveK[o + 3] > cp[3]) continue;
      let r1 = 1;
      let r2 = 1;
      for (let i = 0; i < 4; i++) {
        const ki = moveK[o + i];
        for (let q = 0; q < ki; q++) r1 *= cp[i] - q;
        c[i] = cp[i] - ki + moveK[o + 4 + i];
        // c_i!/c'_i!
        if (c[i] > cp[i]) for (let x = cp[i] + 1; x <= c[i]; x++) r2 *= x;
        else for (let x = c[i] + 1; x <= cp[i]; x++) r2 /= x;
      }
      const w = r1 * Math.sqrt(r2);
      const m = orbits.rank(c[0], c[1], c[2]);
      const re = w * moveW[2 * v];
      const im = w * moveW[2 * v + 1];
      if (mark[m] !== mp) {
        mark[m] = mp;
        accRe[m] = 0;
        accIm[m] = 0;
        accAbs[m] = 0;
        touched.push(m);
      }
      accRe[m] += re;
      accIm[m] += im;
      accAbs[m] += Math.abs(re) + Math.abs(im);
    }
    touched.sort((a, b) => a - b);
    for (const m of touched) {
      if (Math.abs(accRe[m]) + Math.abs(accIm[m]) <= 1e-14 * accAbs[m]) continue;
      rowIdx.push(m);
      valRe.push(accRe[m]);
      valIm.push(accIm[m]);
    }
    colPtr.push(rowIdx.length);
  }
  // CSC → CSR by counting sort on rows.
  const nnz = rowIdx.length;
  const rowPtr = new Int32Array(p + 1);
  for (const r of rowIdx) rowPtr[r + 1]++;
  for (let r = 0; r < p; r++) rowPtr[r + 1] += rowPtr[r];
  const next = rowPtr.slice(0, p);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(2 * nnz);
  for (let col = 0; col < p; col++) {
    for (let e = colPtr[col]; e < colPtr[col + 1]; e++) {
      const r = rowIdx[e];
      const at = next[r]++;
      colIdx[at] = col;
      values[2 * at] = valRe[e];
      values[2 * at + 1] = valIm[e];
    }
  }
  return { dim: p, rowPtr, colIdx, values };
}

/** out = M·x for a CSR matrix with interleaved complex values. */
export function csrApplyInto(out: Float64Array, m: CsrMatrix, x: Float64Array): Float64Array {
  const { rowPtr, colIdx, values } = m;
  for (let r = 0; r < m.dim; r++) {
    let re = 0;
    let im = 0;
    for (let e = rowPtr[r]; e < rowPtr[r + 1]; e++) {
      const c = colIdx[e];
      const ar = values[2 * e];
      const ai = values[2 * e + 1];
      const xr = x[2 * c];
      const xi = x[2 * c + 1];
      re += ar * xr - ai * xi;
      im += ar * xi + ai * xr;
    }
    out[2 * r] = re;
    out[2 * r + 1] = im;
  }
  return out;
}

/** Dense [re, im] rows of a CSR matrix (small p only: tests and reports). */
export function csrToPairs(m: CsrMatrix): [number, number][][] {
  const out: [number, number][][] = Array.from({ length: m.dim }, () => Array.from({ length: m.dim }, () => [0, 0] as [number, number]));
  for (let r = 0; r < m.dim; r++) {
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) out[r][m.colIdx[e]] = [m.values[2 * e], m.values[2 * e + 1]];
  }
  return out;
}

/** Largest qubit count for the exact orbit-basis generator (p = 286 exact entries at n = 10). */
export const MAX_EXACT_ORBIT_QUBITS = 10;

/**
 * Proj(A_d) exactly: entries in Q(i)(√…) (or rational functions of symbolic parameters), the square
 * roots coming from the orbit-size ratios √(|V_{m'}|/|V_m|).
 * With `basis: 'indicator'` it returns instead the similar matrix D·Proj(A_d)·D⁻¹, D = diag(√|V_m|):
 * the generator in the basis of orbit indicators E_m (coordinates u_m = √|V_m| y_m = Σ_{x∈V_m} ỹ_x),
 * whose entries need no orbit-size square roots — same spectrum, cheaper exact linear algebra.
 * @example projectedGeneratorExact(exactGeneratorTerms(1, PauliSum.string('Z'), [])).get(1, 1).toString() // => "-2*i"
 */
export function projectedGeneratorExact(g: GeneratorTerms<Scalar>, options: { basis?: 'orthonormal' | 'indicator' } = {}): ExactMatrix {
  countBuild(`projectedGeneratorExact:${options.basis ?? 'orthonormal'}`);
  const indicator = options.basis === 'indicator';
  if (g.n > MAX_EXACT_ORBIT_QUBITS) throw new RangeError(`the exact orbit-basis generator stops at ${MAX_EXACT_ORBIT_QUBITS} qubits (got ${g.n})`);
  const types = sandwichTypes(g, exactRing);
  const orbits = orbitIndex(g.n);
  const p = orbits.size;
  const entries: Scalar[] = new Array(p * p).fill(Scalar.ZERO);
  const sqrtCache = new Map<string, Scalar>();
  const sqrtOf = (q: Rational): Scalar => {
    const key = q.toString();
    let v = sqrtCache.get(key);
    if (!v) {
      v = Scalar.sqrt(Scalar.fromRational(q));
      sqrtCache.set(key, v);
    }
    return v;
  };
  for (const t of types) {
    const s = t.pairs.length;
    if (s > g.n) continue;
    const moves = orbitMoves(t.pairs);
    const nFall = fallingBig(g.n, s);
    for (let mp = 0; mp < p; mp++) {
      const cp = orbits.counts[mp];
      for (const mv of moves) {
        if (mv.k.some((ki, i) => ki > cp[i])) continue;
        let r1 = Rational.of(1n, nFall);
        let r2 = Rational.ONE;
        const c = [0, 0, 0, 0];
        for (let i = 0; i < 4; i++) {
          r1 = r1.mul(Rational.of(fallingBig(cp[i], mv.k[i])));
          c[i] = cp[i] - mv.k[i] + mv.kp[i];
          r2 = r2.mul(factorialRatioExact(c[i], cp[i]));
        }
        // r1 ≥ 0, so r1·√r2 = √(r1²·r2): one surd per entry. In the indicator basis (similarity by
        // D = diag(√|V_m|)) the entry is r1 alone.
        const mag = indicator ? Scalar.fromRational(r1) : sqrtOf(r1.mul(r1).mul(r2));
        const w = mag.mul(Scalar.fromSurd(gaussian(mv.re, mv.im)));
        const m = orbits.rank(c[0], c[1], c[2]);
        entries[m * p + mp] = entries[m * p + mp].add(t.coef.mul(w));
      }
    }
  }
  return new ExactMatrix(p, p, entries);
}

function gaussian(re: number, im: number) {
  return Scalar.rational(re).add(Scalar.I.mul(Scalar.rational(im))).constantValue();
}
