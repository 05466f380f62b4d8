/**
 * Numeric operations on density matrices that the figure metrics of the paper need: reduced states
 * (partial traces, paper §4.1), Frobenius distances, Bloch vectors (Fig. 3), the permutation-invariant
 * projection 𝒫_* (paper §5.1, Fig. 7) and the lift vec⁻¹(P_d y_d) of the blended coherent state
 * (eq. 17, Fig. 6).
 *
 * Storage: a full n-qubit state is the interleaved row-major data of a 2ⁿ×2ⁿ matrix (as `CMatrix.data`
 * and the matrix-free kernel of `numeric/lindblad-action.ts`); basis index l = Σⱼ qⱼ 2^(n−j), qubit 1
 * the most significant bit (CONVENTIONS.md). A single-qubit state is a 2×2 `CMatrix`.
 */
import { DimensionMismatch } from '../core/errors.ts';
import { type CMatrix, zeros } from '../numeric/cmatrix.ts';
import { orbitIndex, type OrbitIndex } from '../coherent/orbits.ts';

/**
 * ρ_j = Tr_{k≠j} ρ (paper §4.1, the reduced state of qubit j, 1-based) written into a 2×2 `out`:
 * [ρ_j]_{ab} = Σ_{l: l_j = a, l'= l with bit j set to b} ρ_{l l'}.
 * @example partialTraceInto(zeros(2, 2), new Float64Array([1, 0, 0, 0, 0, 0, 0, 0]), 1, 1).data[0] // => 1
 */
export function partialTraceInto(out: CMatrix, rho: Float64Array, n: number, j: number): CMatrix {
  const D = 2 ** n;
  if (rho.length !== 2 * D * D) throw new DimensionMismatch(`${D}×${D} density matrix`, rho.length / 2);
  if (out.rows !== 2 || out.cols !== 2) throw new DimensionMismatch('a 2×2 output', `${out.rows}×${out.cols}`);
  const bit = 1 << (n - j);
  let r00 = 0, i00 = 0, r01 = 0, i01 = 0, r10 = 0, i10 = 0, r11 = 0, i11 = 0;
  for (let l = 0; l < D; l++) {
    if (l & bit) continue;
    const l1 = l | bit;
    const a = 2 * (l * D + l);
    const b = 2 * (l * D + l1);
    const c = 2 * (l1 * D + l);
    const d = 2 * (l1 * D + l1);
    r00 += rho[a]; i00 += rho[a + 1];
    r01 += rho[b]; i01 += rho[b + 1];
    r10 += rho[c]; i10 += rho[c + 1];
    r11 += rho[d]; i11 += rho[d + 1];
  }
  const o = out.data;
  o[0] = r00; o[1] = i00; o[2] = r01; o[3] = i01; o[4] = r10; o[5] = i10; o[6] = r11; o[7] = i11;
  return out;
}

/**
 * ‖A − B‖_F for equally sized interleaved data.
 * @example frobeniusDistance(new Float64Array([3, 0]), new Float64Array([0, 4])) // => 5
 */
export function frobeniusDistance(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new DimensionMismatch(`${a.length / 2} entries`, b.length / 2);
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const d = a[k] - b[k];
    s += d * d;
  }
  return Math.sqrt(s);
}

/**
 * Bloch vector r = (x, y, z) of a 2×2 state with ρ = ½(I + xσx + yσy + zσz) (CONVENTIONS.md; the
 * paper's footnote to Fig. 3 drops the ½): x = 2 Re ρ₀₁, y = −2 Im ρ₀₁, z = ρ₀₀ − ρ₁₁.
 * @example blochVector(fromPairs([[[0.5, 0], [0.5, 0]], [[0.5, 0], [0.5, 0]]])) // => [1, 0, 0]
 */
export function blochVector(rho: CMatrix): [number, number, number] {
  if (rho.rows !== 2 || rho.cols !== 2) throw new DimensionMismatch('a 2×2 state', `${rho.rows}×${rho.cols}`);
  const d = rho.data;
  // + 0 turns −0 into 0 (deterministic JSON and equality with literal vectors)
  return [2 * d[2] + 0, -2 * d[3] + 0, d[0] - d[6] + 0];
}

/** Orbit labels of every matrix unit of n qubits, cached per n (4ⁿ Int32 entries: 4 MiB at n = 10). */
export interface UnitOrbitTable {
  readonly n: number;
  readonly orbits: OrbitIndex;
  /** orbitOf[l·D + l'] = canonical index m of the orbit of |l⟩⟨l'| (row-major, as the state data). */
  readonly orbitOf: Int32Array;
  /** |V_m| as doubles (exact below 2⁵³, i.e. for every n this table is built for). */
  readonly sizes: Float64Array;
}

const tableCache = new Map<number, UnitOrbitTable>();

/** Largest n for which tables over all 4ⁿ matrix units are built (as for the full state, eq. 4). */
export const MAX_UNIT_TABLE_QUBITS = 10;

/**
 * The orbit of each matrix unit |l⟩⟨l'| under simultaneous qubit permutations, in the canonical order
 * of `coherent/orbits.ts` (counts (n₀₀, n₀₁, n₁₀, n₁₁) of the qubits' (row bit, column bit) pairs).
 * @example unitOrbitTable(3).sizes.reduce((a, b) => a + b) // => 64
 */
export function unitOrbitTable(n: number): UnitOrbitTable {
  const hit = tableCache.get(n);
  if (hit) return hit;
  if (n > MAX_UNIT_TABLE_QUBITS) throw new RangeError(`orbit table over all 4^${n} matrix units is not built beyond n = ${MAX_UNIT_TABLE_QUBITS}`);
  const orbits = orbitIndex(n);
  const D = 2 ** n;
  const orbitOf = new Int32Array(D * D);
  const sizes = new Float64Array(orbits.size);
  for (let l = 0; l < D; l++) {
    for (let lp = 0; lp < D; lp++) {
      // n₀₁ = #(row 0, col 1), n₁₀ = #(row 1, col 0), n₁₁ = #(1, 1), n₀₀ the rest.
      const n01 = popcount(~l & lp & (D - 1));
      const n10 = popcount(l & ~lp & (D - 1));
      const n11 = popcount(l & lp);
      const m = orbits.rank(n - n01 - n10 - n11, n01, n10);
      orbitOf[l * D + lp] = m;
      sizes[m]++;
    }
  }
  const table = { n, orbits, orbitOf, sizes };
  tableCache.set(n, table);
  return table;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * y = P_dᵀ vec(ρ) (paper eq. 16 / the initial condition of eq. 17), with the orthonormal columns of
 * CONVENTIONS.md, [p_m]_k = 1/√|V_m| on orbit m: y_m = Σ_{k∈V_m} ρ_k / √|V_m|. The order of the
 * entries of vec(ρ) is irrelevant here (a sum per orbit), so row-major data is used as is.
 * `out` has 2p doubles.
 */
export function orbitProjectInto(out: Float64Array, rho: Float64Array, table: UnitOrbitTable): Float64Array {
  const p = table.orbits.size;
  if (out.length !== 2 * p) throw new DimensionMismatch(`${p} orbit coordinates`, out.length / 2);
  if (rho.length !== 2 * table.orbitOf.length) throw new DimensionMismatch(`${table.orbitOf.length} matrix units`, rho.length / 2);
  out.fill(0);
  const of = table.orbitOf;
  for (let k = 0; k < of.length; k++) {
    const m = of[k];
    out[2 * m] += rho[2 * k];
    out[2 * m + 1] += rho[2 * k + 1];
  }
  for (let m = 0; m < p; m++) {
    const s = 1 / Math.sqrt(table.sizes[m]);
    out[2 * m] *= s;
    out[2 * m + 1] *= s;
  }
  return out;
}

/**
 * Row-major data of vec⁻¹(P_d y) (paper eq. 15, ỹ_d = P_d y_d): entry (l, l') = y_m/√|V_m| for the
 * orbit m of |l⟩⟨l'|.
 */
export function orbitLiftInto(out: Float64Array, y: Float64Array, table: UnitOrbitTable): Float64Array {
  const of = table.orbitOf;
  if (out.length !== 2 * of.length) throw new DimensionMismatch(`${of.length} matrix units`, out.length / 2);
  if (y.length !== 2 * table.orbits.size) throw new DimensionMismatch(`${table.orbits.size} orbit coordinates`, y.length / 2);
  for (let k = 0; k < of.length; k++) {
    const m = of[k];
    const s = 1 / Math.sqrt(table.sizes[m]);
    out[2 * k] = y[2 * m] * s;
    out[2 * k + 1] = y[2 * m + 1] * s;
  }
  return out;
}

/**
 * ‖ρ − 𝒫_*(ρ)‖_F with 𝒫_*(ρ) = (1/n!) Σ_π U_π ρ U_π† (paper §5.1). 𝒫_* replaces each entry by the
 * mean over its orbit (U_π|l⟩⟨l'|U_π† runs uniformly over the orbit of |l⟩⟨l'|), so no n! sum is
 * needed: ‖ρ − 𝒫_*ρ‖²_F = Σ_k |ρ_k − S_{m(k)}/|V_{m(k)}||², S_m the orbit sums. (The shortcut
 * Σ|ρ_k|² − Σ|S_m|²/|V_m| would lose half the digits to cancellation when the distance is small.)
 * `scratch` has 2p doubles. For a connected graph this is ‖ν̃‖ of the proof of Theorem 3 (eq. 37).
 */
export function symmetrizationDistance(rho: Float64Array, table: UnitOrbitTable, scratch: Float64Array): number {
  orbitProjectInto(scratch, rho, table);
  const of = table.orbitOf;
  let s = 0;
  for (let k = 0; k < of.length; k++) {
    const m = of[k];
    const w = 1 / Math.sqrt(table.sizes[m]);
    const dr = rho[2 * k] - scratch[2 * m] * w;
    const di = rho[2 * k + 1] - scratch[2 * m + 1] * w;
    s += dr * dr + di * di;
  }
  return Math.sqrt(s);
}

/**
 * ‖𝒫_*(ρ) − vec⁻¹(P_d y)‖_F = ‖P_dᵀ vec ρ − y‖₂ (P_d has orthonormal columns): the error ẽ of the
 * proof of Theorem 3 (eq. 36). `scratch` has 2p doubles.
 */
export function orbitCoordinateDistance(rho: Float64Array, y: Float64Array, table: UnitOrbitTable, scratch: Float64Array): number {
  orbitProjectInto(scratch, rho, table);
  return frobeniusDistance(scratch, y);
}

/** A 2×2 single-qubit `CMatrix` from rows of [re, im] (convenience for tests and lowering). */
export function qubitState(rows: readonly (readonly (readonly [number, number])[])[]): CMatrix {
  const out = zeros(2, 2);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) {
    out.data[2 * (2 * r + c)] = rows[r][c][0];
    out.data[2 * (2 * r + c) + 1] = rows[r][c][1];
  }
  return out;
}
