/**
 * Matrix-free action of the network generator of paper eq. 4 on a density matrix:
 *
 *   𝓛ρ = −i[H, ρ] + Σ_l γ_l (L_l ρ L_l† − ½{L_l†L_l, ρ}) + K_c Σ_{{j,k}∈E} a_jk (U_jk ρ U_jk − ρ)
 *      = −i(H_eff ρ − ρ H_eff†) + Σ_l γ_l L_l ρ L_l† − K_c 𝒬_d ρ,      H_eff = H − (i/2) Σ_l γ_l L_l†L_l,
 *
 * where 𝒬_d ρ = Σ a_jk (ρ − U_jk ρ U_jk) is the induced-graph Laplacian Q_d of paper eq. 14 acting on
 * ρ (CONVENTIONS.md: the coupling is −K_c Q_d, Q_d ⪰ 0). ρ is a 2ⁿ×2ⁿ matrix stored interleaved and
 * row-major (as `CMatrix.data`), never a 4ⁿ×4ⁿ superoperator: H_eff and each L_l are sparse CSR
 * matrices built once per model by index arithmetic (every product of single-qubit Pauli/σ±/projector
 * factors is a bit-flip mask times a diagonal; big-endian, qubit j is bit n − j of the basis index),
 * and (U_jk ρ U_jk)[r, s] = ρ[S_jk(r), S_jk(s)] is a gather through a precomputed index permutation.
 *
 * Memory (bytes), with D = 2ⁿ: one density matrix is 16·4ⁿ; the kernel holds one scratch matrix
 * (16·4ⁿ), CSR data of about 24·D·(nnz per row of H_eff, H, Σγ L†L and the L_l) and 4·D per edge. A
 * density matrix is propagated in real coordinates (numeric/propagate.ts): the Krylov basis is
 * (m + 4) real vectors of 8·4ⁿ bytes for a Krylov dimension m (default `defaultKrylovDim(4ⁿ, true)`:
 * 900 for 5 ≤ n ≤ 9, 476 at n = 10, within a 3.75 GiB basis budget), next to about five complex
 * ρ-sized buffers (ρ₀, the kernel's scratch, the coordinate map's two, the output). So a full ρ(t)
 * solve needs ≈ 8·4ⁿ·(m + 14) bytes: 0.45 GiB at n = 8, 1.8 GiB at n = 9, 3.8 GiB at n = 10. We refuse n > 10
 * (`ModelTooLarge`): use the reduced-state network (eq. 5, reduced-network.ts) for separable models or the
 * blended coherent dynamics (eq. 17) in the orbit basis instead.
 */
import { ModelTooLarge, UserError } from '../core/errors.ts';
import type { LoweredModel, NumericTerm, LocalOpName } from '../core/lowered-model.ts';
import { swapBits } from '../core/space.ts';
import { defaultKrylovDim } from './propagate.ts';
import { type CMatrix, zeros, kron, identity, transpose, conj, dagger, mul } from './cmatrix.ts';
import type { LinearOperator } from './propagate.ts';

/** Largest n for which the full density matrix is propagated (see the memory formula above). */
export const MAX_FULL_QUBITS = 10;
/** Largest n for the dense 4ⁿ×4ⁿ Liouvillian (16 MiB at n = 5, 256 MiB at n = 6). */
export const MAX_DENSE_LIOUVILLIAN_QUBITS = 5;

/** Complex sparse matrix, compressed sparse rows, interleaved values. */
export interface CsrMatrix {
  readonly dim: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  /** (re, im) of each stored entry. */
  readonly values: Float64Array;
}

export interface LindbladKernel {
  readonly n: number;
  /** D = 2ⁿ. */
  readonly dim: number;
  readonly H: CsrMatrix;
  /** G = Σ_l γ_l L_l†L_l (Hermitian, ⪰ 0). */
  readonly G: CsrMatrix;
  /** H_eff = H − (i/2)·G. */
  readonly Heff: CsrMatrix;
  readonly channels: readonly { readonly rate: number; readonly L: CsrMatrix }[];
  /** One entry per coupling edge: S_jk as an index permutation of 0..D−1 and the weight a_jk. */
  readonly swaps: readonly { readonly j: number; readonly k: number; readonly weight: number; readonly perm: Int32Array }[];
  readonly Kc: number;
  /** Σ a_jk over the edges (the diagonal of 𝒬_d). */
  readonly degreeSum: number;
  /** Scratch for L_l ρ; the only per-call storage, so applications never allocate. */
  readonly scratch: Float64Array;
}

// ---------------------------------------------------------------------------------------------
// Operators as Σ_mask diag(v_mask)·X^mask: entry (r, r ⊕ mask) = v_mask[r].

type MaskForm = Map<number, Float64Array>;

/** Row-bit-indexed values of a local operator and whether it flips the bit. */
const LOCAL: Record<LocalOpName, { flip: boolean; v0: [number, number]; v1: [number, number] }> = {
  I: { flip: false, v0: [1, 0], v1: [1, 0] },
  z: { flip: false, v0: [1, 0], v1: [-1, 0] },
  '0': { flip: false, v0: [1, 0], v1: [0, 0] },
  '1': { flip: false, v0: [0, 0], v1: [1, 0] },
  x: { flip: true, v0: [1, 0], v1: [1, 0] },
  // σ_y = [[0, −i], [i, 0]]: row bit 0 → −i, row bit 1 → i
  y: { flip: true, v0: [0, -1], v1: [0, 1] },
  // σ₊ = |1⟩⟨0|: only row bit 1; σ₋ = |0⟩⟨1|: only row bit 0 (CONVENTIONS.md)
  '+': { flip: true, v0: [0, 0], v1: [1, 0] },
  '-': { flip: true, v0: [1, 0], v1: [0, 0] },
};

function termsToMaskForm(n: number, terms: readonly NumericTerm[], where: string): MaskForm {
  const D = 2 ** n;
  const form: MaskForm = new Map();
  terms.forEach((term, ti) => {
    let mask = 0;
    const factors: { bit: number; op: (typeof LOCAL)[LocalOpName] }[] = [];
    for (const [qs, name] of Object.entries(term.ops)) {
      const q = Number(qs);
      if (!Number.isInteger(q) || q < 1 || q > n) {
        throw new UserError(`qubit ${qs} is outside 1..${n}`, { field: `${where}[${ti}].ops` });
      }
      const op = LOCAL[name as LocalOpName];
      if (!op) throw new UserError(`unknown single-qubit operator "${name}"`, { field: `${where}[${ti}].ops.${qs}` });
      const bit = n - q;
      if (op.flip) mask |= 1 << bit;
      if (name !== 'I') factors.push({ bit, op });
    }
    let v = form.get(mask);
    if (!v) {
      v = new Float64Array(2 * D);
      form.set(mask, v);
    }
    const [cr, ci] = term.coef;
    for (let r = 0; r < D; r++) {
      let pr = cr;
      let pi = ci;
      for (const { bit, op } of factors) {
        const [fr, fi] = (r >>> bit) & 1 ? op.v1 : op.v0;
        const t = pr * fr - pi * fi;
        pi = pr * fi + pi * fr;
        pr = t;
        if (pr === 0 && pi === 0) break;
      }
      v[2 * r] += pr;
      v[2 * r + 1] += pi;
    }
  });
  return form;
}

/** (A·B) in mask form: (AB)[r, r⊕m₁⊕m₂] = A_{m₁}[r]·B_{m₂}[r⊕m₁]. */
function maskMul(a: MaskForm, b: MaskForm, D: number): MaskForm {
  const out: MaskForm = new Map();
  for (const [m1, va] of a) {
    for (const [m2, vb] of b) {
      const m = m1 ^ m2;
      let v = out.get(m);
      if (!v) {
        v = new Float64Array(2 * D);
        out.set(m, v);
      }
      for (let r = 0; r < D; r++) {
        const ar = va[2 * r];
        const ai = va[2 * r + 1];
        if (ar === 0 && ai === 0) continue;
        const q = r ^ m1;
        const br = vb[2 * q];
        const bi = vb[2 * q + 1];
        v[2 * r] += ar * br - ai * bi;
        v[2 * r + 1] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** A† in mask form: (A†)[r, r⊕m] = conj(A[r⊕m, r]). */
function maskDagger(a: MaskForm, D: number): MaskForm {
  const out: MaskForm = new Map();
  for (const [m, va] of a) {
    const v = new Float64Array(2 * D);
    for (let r = 0; r < D; r++) {
      v[2 * r] = va[2 * (r ^ m)];
      v[2 * r + 1] = -va[2 * (r ^ m) + 1];
    }
    out.set(m, v);
  }
  return out;
}

/** Σ c_i·A_i in mask form (complex c_i). */
function maskCombine(parts: [number, number, MaskForm][], D: number): MaskForm {
  const out: MaskForm = new Map();
  for (const [cr, ci, a] of parts) {
    for (const [m, va] of a) {
      let v = out.get(m);
      if (!v) {
        v = new Float64Array(2 * D);
        out.set(m, v);
      }
      for (let r = 0; r < D; r++) {
        v[2 * r] += cr * va[2 * r] - ci * va[2 * r + 1];
        v[2 * r + 1] += cr * va[2 * r + 1] + ci * va[2 * r];
      }
    }
  }
  return out;
}

function maskToCsr(a: MaskForm, D: number): CsrMatrix {
  const masks = [...a.keys()].sort((x, y) => x - y);
  const rowPtr = new Int32Array(D + 1);
  let nnz = 0;
  for (let r = 0; r < D; r++) {
    for (const m of masks) {
      const v = a.get(m)!;
      if (v[2 * r] !== 0 || v[2 * r + 1] !== 0) nnz++;
    }
    rowPtr[r + 1] = nnz;
  }
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(2 * nnz);
  let k = 0;
  for (let r = 0; r < D; r++) {
    for (const m of masks) {
      const v = a.get(m)!;
      if (v[2 * r] === 0 && v[2 * r + 1] === 0) continue;
      colIdx[k] = r ^ m;
      values[2 * k] = v[2 * r];
      values[2 * k + 1] = v[2 * r + 1];
      k++;
    }
  }
  return { dim: D, rowPtr, colIdx, values };
}

/**
 * Dense matrix of Σ coef·⊗ op (a Hamiltonian or Lindblad operator of a lowered model).
 * @example operatorMatrix(1, [{ coef: [1, 0], ops: { '1': '-' } }]).data[2] // => 1
 */
export function operatorMatrix(n: number, terms: readonly NumericTerm[]): CMatrix {
  const D = 2 ** n;
  const out = zeros(D, D);
  for (const [m, v] of termsToMaskForm(n, terms, 'terms')) {
    for (let r = 0; r < D; r++) {
      out.data[2 * (r * D + (r ^ m))] += v[2 * r];
      out.data[2 * (r * D + (r ^ m)) + 1] += v[2 * r + 1];
    }
  }
  return out;
}

/** Sparse CSR form of Σ coef·⊗ op. @example operatorCsr(2, [{ coef: [1, 0], ops: { '1': 'x' } }]).colIdx[0] // => 2 */
export function operatorCsr(n: number, terms: readonly NumericTerm[]): CsrMatrix {
  return maskToCsr(termsToMaskForm(n, terms, 'terms'), 2 ** n);
}

function validateModel(model: LoweredModel): void {
  const { n } = model;
  if (!Number.isInteger(n) || n < 1) throw new UserError(`qubit count must be a positive integer, got ${n}`, { field: 'n' });
  if (!Number.isFinite(model.Kc) || model.Kc < 0) throw new UserError(`K_c must be finite and ≥ 0, got ${model.Kc}`, { field: 'Kc' });
  model.lindblad.forEach((ch, i) => {
    if (!Number.isFinite(ch.rate) || ch.rate < 0) {
      throw new UserError(`Lindblad rate must be finite and ≥ 0, got ${ch.rate}`, { field: `lindblad[${i}].rate` });
    }
  });
  model.edges.forEach(([j, k, a], i) => {
    if (!Number.isInteger(j) || !Number.isInteger(k) || j < 1 || k < 1 || j > n || k > n || j === k) {
      throw new UserError(`edge {${j}, ${k}} must join two distinct qubits in 1..${n}`, { field: `edges[${i}]` });
    }
    if (!Number.isFinite(a) || a <= 0) throw new UserError(`edge weight must be > 0, got ${a}`, { field: `edges[${i}]` });
  });
}

/** Bytes a full-ρ Krylov propagation of n qubits needs (formula in the module docblock). */
export function fullStateMemoryBytes(n: number, krylovDim = defaultKrylovDim(4 ** n, true)): number {
  return 8 * 4 ** n * (krylovDim + 14);
}

function refuseTooLarge(n: number, what: string, limit: number): void {
  if (n > limit) {
    const gib = (fullStateMemoryBytes(n) / 2 ** 30).toFixed(1);
    throw new ModelTooLarge(
      `${what} for n = ${n} qubits needs ≈ ${gib} GiB (8·4ⁿ·(m + 14) bytes with Krylov dimension m = ${defaultKrylovDim(4 ** n, true)}); the limit is n = ${limit}`,
      { field: 'n' },
      'use the reduced-state network (eq. 5) for a separable model, or the blended coherent dynamics (eq. 17) in the orbit basis',
    );
  }
}

/**
 * Precomputes everything the matrix-free generator needs (once per model).
 * @example buildLindbladKernel({ n: 2, hamiltonian: [], lindblad: [], edges: [[1, 2, 1]], Kc: 3 }).degreeSum // => 1
 */
export function buildLindbladKernel(model: LoweredModel): LindbladKernel {
  validateModel(model);
  const { n } = model;
  refuseTooLarge(n, 'the full density matrix', MAX_FULL_QUBITS);
  const D = 2 ** n;
  const H = termsToMaskForm(n, model.hamiltonian, 'hamiltonian');
  const Ls = model.lindblad.map((ch, i) => termsToMaskForm(n, ch.terms, `lindblad[${i}].terms`));
  const LdL = Ls.map((L) => maskMul(maskDagger(L, D), L, D));
  const G = maskCombine(model.lindblad.map((ch, i) => [ch.rate, 0, LdL[i]] as [number, number, MaskForm]), D);
  const Heff = maskCombine([[1, 0, H], [0, -0.5, G]], D);
  const swaps = model.edges.map(([j, k, a]) => {
    const perm = new Int32Array(D);
    for (let l = 0; l < D; l++) perm[l] = swapBits(l, j, k, n);
    return { j, k, weight: a, perm };
  });
  return {
    n,
    dim: D,
    H: maskToCsr(H, D),
    G: maskToCsr(G, D),
    Heff: maskToCsr(Heff, D),
    channels: model.lindblad.map((ch, i) => ({ rate: ch.rate, L: maskToCsr(Ls[i], D) })),
    swaps,
    Kc: model.Kc,
    degreeSum: model.edges.reduce((s, e) => s + e[2], 0),
    scratch: new Float64Array(2 * D * D),
  };
}

// ---------------------------------------------------------------------------------------------
// Kernels. All take ρ as interleaved row-major D×D data; `out` must not alias `rho`.

/** out += z·A·X (row axpys: row r of the product is Σ_c A_rc·X[c, :]). */
function addLeftProduct(out: Float64Array, A: CsrMatrix, X: Float64Array, zr: number, zi: number): void {
  const D = A.dim;
  const rowPtr = A.rowPtr;
  const colIdx = A.colIdx;
  const val = A.values;
  for (let r = 0; r < D; r++) {
    const orow = 2 * r * D;
    const end = rowPtr[r + 1];
    for (let k = rowPtr[r]; k < end; k++) {
      const hr = val[2 * k];
      const hi = val[2 * k + 1];
      const ar = zr * hr - zi * hi;
      const ai = zr * hi + zi * hr;
      const xrow = 2 * colIdx[k] * D;
      for (let s = 0; s < 2 * D; s += 2) {
        const xr = X[xrow + s];
        const xi = X[xrow + s + 1];
        out[orow + s] += ar * xr - ai * xi;
        out[orow + s + 1] += ar * xi + ai * xr;
      }
    }
  }
}

/**
 * out += z·X·A† : (X A†)[r, s] = Σ_c X[r, c]·conj(A[s, c]), a gather along row r of X; with `upperOnly`
 * on s ≥ r only (a Hermitian product such as LρL†, whose lower triangle the caller does not read).
 */
function addRightDaggerProduct(out: Float64Array, A: CsrMatrix, X: Float64Array, zr: number, zi: number, upperOnly = false): void {
  const D = A.dim;
  const rowPtr = A.rowPtr;
  const colIdx = A.colIdx;
  const val = A.values;
  for (let r = 0; r < D; r++) {
    const row = 2 * r * D;
    for (let s = upperOnly ? r : 0; s < D; s++) {
      let sr = 0;
      let si = 0;
      const end = rowPtr[s + 1];
      for (let k = rowPtr[s]; k < end; k++) {
        const p = row + 2 * colIdx[k];
        const xr = X[p];
        const xi = X[p + 1];
        const hr = val[2 * k];
        const hi = val[2 * k + 1];
        // X·conj(h)
        sr += xr * hr + xi * hi;
        si += xi * hr - xr * hi;
      }
      out[row + 2 * s] += zr * sr - zi * si;
      out[row + 2 * s + 1] += zr * si + zi * sr;
    }
  }
}

/**
 * The coupling edges flattened for `addSwaps`: perm[e·D + l] = S_e(l), weight[e] = a_e, and a row
 * scratch of E offsets. Built once per kernel (cached outside the public `LindbladKernel` shape), so
 * applications stay allocation-free.
 */
interface SwapTable {
  readonly perm: Int32Array;
  readonly weight: Float64Array;
  readonly rowOff: Int32Array;
}

const swapTables = new WeakMap<LindbladKernel, SwapTable>();

function swapTable(kernel: LindbladKernel): SwapTable {
  let t = swapTables.get(kernel);
  if (!t) {
    const D = kernel.dim;
    const E = kernel.swaps.length;
    const perm = new Int32Array(E * D);
    const weight = new Float64Array(E);
    kernel.swaps.forEach((sw, e) => {
      perm.set(sw.perm, e * D);
      weight[e] = sw.weight;
    });
    t = { perm, weight, rowOff: new Int32Array(E) };
    swapTables.set(kernel, t);
  }
  return t;
}

/**
 * out += c·Σ_e w_e·(U_e ρ U_e) + diag·ρ for real c and diag, in one pass over `out`: each entry is
 * loaded once, receives diag·ρ and then the edges' gathers in edge order (so the sum is the same
 * as one sweep per edge, but with one load/store of out per entry instead of E + 1).
 */
function addSwaps(out: Float64Array, rho: Float64Array, kernel: LindbladKernel, c: number, diag: number): void {
  const D = kernel.dim;
  const E = c === 0 ? 0 : kernel.swaps.length;
  if (E === 0) {
    if (diag !== 0) for (let k = 0; k < 2 * D * D; k++) out[k] += diag * rho[k];
    return;
  }
  const { perm, weight, rowOff } = swapTable(kernel);
  for (let r = 0; r < D; r++) {
    const orow = 2 * r * D;
    for (let e = 0; e < E; e++) rowOff[e] = 2 * perm[e * D + r] * D;
    for (let s = 0; s < D; s++) {
      const o = orow + 2 * s;
      let xr = out[o];
      let xi = out[o + 1];
      if (diag !== 0) {
        xr += diag * rho[o];
        xi += diag * rho[o + 1];
      }
      for (let e = 0; e < E; e++) {
        const w = c * weight[e];
        const p = rowOff[e] + 2 * perm[e * D + s];
        xr += w * rho[p];
        xi += w * rho[p + 1];
      }
      out[o] = xr;
      out[o + 1] = xi;
    }
  }
}

function checkState(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): void {
  const len = 2 * kernel.dim * kernel.dim;
  if (rho.length !== len || out.length !== len) {
    throw new Error(`Lindblad kernel: expected ${len} doubles, got rho ${rho.length}, out ${out.length}`);
  }
  if (out === rho) throw new Error('Lindblad kernel: out aliases rho');
}

/**
 * out = 𝓛ρ, the full generator of paper eq. 4 (no allocation; `out` must not alias `rho`; the
 * kernel's scratch is overwritten, so one kernel serves one thread of calls at a time).
 * @example lindbladApplyInto(new Float64Array(8), new Float64Array([1, 0, 0, 0, 0, 0, 0, 0]), buildLindbladKernel({ n: 1, hamiltonian: [], lindblad: [{ rate: 1, terms: [{ coef: [1, 0], ops: { '1': '+' } }] }], edges: [], Kc: 0 }))[6] // => 1
 */
export function lindbladApplyInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  // −i H_eff ρ + i ρ H_eff†
  addLeftProduct(out, kernel.Heff, rho, 0, -1);
  addRightDaggerProduct(out, kernel.Heff, rho, 0, 1);
  addJumps(out, rho, kernel);
  addSwaps(out, rho, kernel, kernel.Kc, -kernel.Kc * kernel.degreeSum);
  return out;
}

/**
 * The upper triangle (r ≤ s) of 𝓛ρ for a Hermitian ρ, cheaper than `lindbladApplyInto` (about half the
 * products; docs/BENCHMARKS.md § Kernel design measurements).
 * Hermiticity gives three savings:
 *   - with X = −i H_eff ρ, the term i ρ H_eff† = (−i H_eff ρ†)† = X†, so one left product suffices and
 *     the Hamiltonian/anticommutator part is X_rs + conj(X_sr);
 *   - L ρ L† is Hermitian, so only the upper triangle of (Lρ)·L† is formed (half the right product);
 *   - U_e ρ U_e and ρ are Hermitian, so the SWAP gathers and −K_c·degreeSum·ρ are needed on r ≤ s only.
 * Entries r ≤ s equal those of `lindbladApplyInto` up to round-off (the sums are taken in another
 * order). The strictly lower triangle of `out` is left holding X_rs = (−i H_eff ρ)_rs (deterministic,
 * but not 𝓛ρ): read it from the upper triangle instead. For a non-Hermitian ρ the result is undefined.
 * No allocation; `out` must not alias `rho`; the kernel's scratch is overwritten.
 * @example lindbladApplyHermitianUpperInto(new Float64Array(8), new Float64Array([0, 0, 0, 0, 0, 0, 1, 0]), buildLindbladKernel({ n: 1, hamiltonian: [], lindblad: [{ rate: 1, terms: [{ coef: [1, 0], ops: { '1': '-' } }] }], edges: [], Kc: 0 }))[0] // => 1
 */
export function lindbladApplyHermitianUpperInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  addLeftProduct4(out, kernel.Heff, rho, 0, -1);
  symmetriseUpperWithSwaps(out, rho, kernel);
  const M = kernel.scratch;
  for (const { rate, L } of kernel.channels) {
    if (rate === 0) continue;
    M.fill(0);
    addLeftProduct4(M, L, rho, 1, 0);
    addRightDaggerProduct(out, L, M, rate, 0, true);
  }
  return out;
}

/**
 * out += z·A·X like `addLeftProduct`, taking four stored entries of a row of A per sweep of the output
 * row: each output entry is then loaded and stored once per four row axpys instead of once per axpy,
 * which is what bounds the plain loop (docs/BENCHMARKS.md § Kernel design measurements). Kept apart
 * from `addLeftProduct` so that `lindbladApplyInto` keeps its summation order, hence its round-off.
 */
function addLeftProduct4(out: Float64Array, A: CsrMatrix, X: Float64Array, zr: number, zi: number): void {
  const D = A.dim;
  const D2 = 2 * D;
  const rowPtr = A.rowPtr;
  const colIdx = A.colIdx;
  const val = A.values;
  for (let r = 0; r < D; r++) {
    const orow = r * D2;
    const end = rowPtr[r + 1];
    let k = rowPtr[r];
    for (; k + 3 < end; k += 4) {
      const v = 2 * k;
      const a0r = zr * val[v] - zi * val[v + 1];
      const a0i = zr * val[v + 1] + zi * val[v];
      const a1r = zr * val[v + 2] - zi * val[v + 3];
      const a1i = zr * val[v + 3] + zi * val[v + 2];
      const a2r = zr * val[v + 4] - zi * val[v + 5];
      const a2i = zr * val[v + 5] + zi * val[v + 4];
      const a3r = zr * val[v + 6] - zi * val[v + 7];
      const a3i = zr * val[v + 7] + zi * val[v + 6];
      const x0 = colIdx[k] * D2;
      const x1 = colIdx[k + 1] * D2;
      const x2 = colIdx[k + 2] * D2;
      const x3 = colIdx[k + 3] * D2;
      for (let s = 0; s < D2; s += 2) {
        const p0r = X[x0 + s];
        const p0i = X[x0 + s + 1];
        const p1r = X[x1 + s];
        const p1i = X[x1 + s + 1];
        const p2r = X[x2 + s];
        const p2i = X[x2 + s + 1];
        const p3r = X[x3 + s];
        const p3i = X[x3 + s + 1];
        out[orow + s] += a0r * p0r - a0i * p0i + a1r * p1r - a1i * p1i + a2r * p2r - a2i * p2i + a3r * p3r - a3i * p3i;
        out[orow + s + 1] += a0r * p0i + a0i * p0r + a1r * p1i + a1i * p1r + a2r * p2i + a2i * p2r + a3r * p3i + a3i * p3r;
      }
    }
    for (; k < end; k++) {
      const ar = zr * val[2 * k] - zi * val[2 * k + 1];
      const ai = zr * val[2 * k + 1] + zi * val[2 * k];
      const xrow = colIdx[k] * D2;
      for (let s = 0; s < D2; s += 2) {
        const xr = X[xrow + s];
        const xi = X[xrow + s + 1];
        out[orow + s] += ar * xr - ai * xi;
        out[orow + s + 1] += ar * xi + ai * xr;
      }
    }
  }
}

/**
 * With out = X = −i H_eff ρ on entry, sets out_rs = X_rs + conj(X_sr) − K_c·degreeSum·ρ_rs
 * + K_c Σ_e w_e ρ[S_e r, S_e s] for r ≤ s, in one sweep over the upper triangle. X_sr (r < s) lies in the
 * strictly lower triangle, which is never written; for r = s it is read before the entry is overwritten.
 */
function symmetriseUpperWithSwaps(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): void {
  const D = kernel.dim;
  const Kc = kernel.Kc;
  const diag = -Kc * kernel.degreeSum;
  const E = Kc === 0 ? 0 : kernel.swaps.length;
  const { perm, weight, rowOff } = swapTable(kernel);
  for (let r = 0; r < D; r++) {
    const orow = 2 * r * D;
    for (let e = 0; e < E; e++) rowOff[e] = 2 * perm[e * D + r] * D;
    for (let s = r; s < D; s++) {
      const o = orow + 2 * s;
      const t = 2 * (s * D + r);
      let xr = out[o] + out[t] + diag * rho[o];
      let xi = out[o + 1] - out[t + 1] + diag * rho[o + 1];
      for (let e = 0; e < E; e++) {
        const w = Kc * weight[e];
        const p = rowOff[e] + 2 * perm[e * D + s];
        xr += w * rho[p];
        xi += w * rho[p + 1];
      }
      out[o] = xr;
      out[o + 1] = xi;
    }
  }
}

/** out += Σ γ L ρ L†. */
function addJumps(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): void {
  const M = kernel.scratch;
  for (const { rate, L } of kernel.channels) {
    if (rate === 0) continue;
    M.fill(0);
    addLeftProduct(M, L, rho, 1, 0);
    addRightDaggerProduct(out, L, M, rate, 0);
  }
}

/** out = −i[H, ρ] (the Hamiltonian part alone). */
export function hamiltonianApplyInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  addLeftProduct(out, kernel.H, rho, 0, -1);
  addRightDaggerProduct(out, kernel.H, rho, 0, 1);
  return out;
}

/** out = Σ γ_l D(L_l)ρ (the dissipative part alone). */
export function dissipatorApplyInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  addLeftProduct(out, kernel.G, rho, -0.5, 0);
  addRightDaggerProduct(out, kernel.G, rho, -0.5, 0);
  addJumps(out, rho, kernel);
  return out;
}

/** out = K_c Σ a_jk (U_jk ρ U_jk − ρ) = −K_c 𝒬_d ρ (the coupling part alone; K_c defaults to the model's). */
export function couplingApplyInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel, Kc: number = kernel.Kc): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  addSwaps(out, rho, kernel, Kc, -Kc * kernel.degreeSum);
  return out;
}

/** out = 𝒬_d ρ = Σ a_jk (ρ − U_jk ρ U_jk), the induced-graph Laplacian Q_d of eq. 14 on ρ. */
export function inducedLaplacianApplyInto(out: Float64Array, rho: Float64Array, kernel: LindbladKernel): Float64Array {
  checkState(out, rho, kernel);
  out.fill(0);
  addSwaps(out, rho, kernel, -1, kernel.degreeSum);
  return out;
}

/**
 * The generator as a linear operator on interleaved vectors of length 2·4ⁿ (row-major ρ data), with
 * the cheaper Hermitian action `applyHermitianUpperInto` (lindbladApplyHermitianUpperInto: x must be
 * Hermitian, only the upper triangle of out is 𝓛x) and its flop estimate `hermitianFlops`.
 */
export function lindbladOperator(
  kernel: LindbladKernel,
): LinearOperator & { applyHermitianUpperInto(out: Float64Array, x: Float64Array): Float64Array; readonly hermitianFlops: number } {
  const D = kernel.dim;
  // H_eff·ρ and ρ·H_eff† (8 flops per complex multiply-add, D columns per stored entry), L ρ L† per
  // channel, one gather per SWAP edge.
  const nnz = (a: CsrMatrix) => a.rowPtr[a.dim];
  const E = kernel.swaps.length;
  const flops = 16 * D * nnz(kernel.Heff) + kernel.channels.reduce((f, c) => f + 16 * D * nnz(c.L), 0) + 4 * D * D * (E + 2);
  // Hermitian action: H_eff·ρ alone; L·ρ in full and (Lρ)·L† on D(D+1)/2 entries (≈ half of it);
  // the symmetrisation, the diagonal and the gathers on D(D+1)/2 entries.
  const upper = (D * (D + 1)) / 2;
  const hermitianFlops = 8 * D * nnz(kernel.Heff) + kernel.channels.reduce((f, c) => f + 12 * D * nnz(c.L), 0) + 4 * upper * (E + 2);
  return {
    dim: D * D,
    flops,
    hermitianFlops,
    applyInto: (out, x) => lindbladApplyInto(out, x, kernel),
    applyHermitianUpperInto: (out, x) => lindbladApplyHermitianUpperInto(out, x, kernel),
  };
}

/** The CSR of Aᵀ (conjugate = true: of A† instead); row c lists the stored entries of column c of A. */
function csrTranspose(A: CsrMatrix, conjugate: boolean): CsrMatrix {
  const D = A.dim;
  const nnz = A.rowPtr[D];
  const rowPtr = new Int32Array(D + 1);
  for (let k = 0; k < nnz; k++) rowPtr[A.colIdx[k] + 1]++;
  for (let c = 0; c < D; c++) rowPtr[c + 1] += rowPtr[c];
  const fill = rowPtr.slice(0, D);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(2 * nnz);
  for (let r = 0; r < D; r++) {
    for (let k = A.rowPtr[r]; k < A.rowPtr[r + 1]; k++) {
      const q = fill[A.colIdx[k]]++;
      colIdx[q] = r;
      values[2 * q] = A.values[2 * k];
      values[2 * q + 1] = conjugate ? -A.values[2 * k + 1] : A.values[2 * k + 1];
    }
  }
  return { dim: D, rowPtr, colIdx, values };
}

/** A with every stored value conjugated (same pattern). */
function csrConjugate(A: CsrMatrix): CsrMatrix {
  const values = A.values.slice();
  for (let k = 1; k < values.length; k += 2) values[k] = -values[k];
  return { ...A, values };
}

/**
 * The generator 𝓛 (or its Hilbert–Schmidt adjoint 𝓛†, the Heisenberg picture) applied to a Hermitian
 * matrix given by a few of its real coordinates (those of `hermitianCoordinates` in numeric/propagate.ts),
 * at a cost proportional to the number of coordinates given rather than to 4ⁿ. Used on the orbit basis
 * of the symmetric operators, whose vectors have disjoint supports that together cover the 4ⁿ positions:
 * 𝓛E_k for all k then costs about as much as a few dense applications instead of d = C(n+3,3).
 *
 * Entry (r, s) of ρ with value v contributes, with 𝓛ρ = −i H_eff ρ + i ρ H_eff† + Σ γ L ρ L† − K_c 𝒬_d ρ,
 *   −i·H_eff[r′, r]·v at (r′, s),  i·v·conj(H_eff[s′, s]) at (r, s′),  γ·L[r′, r]·v·conj(L[s′, s]) at (r′, s′),
 * read along columns of H_eff and L (their transposed CSR), and K_c·a_e·v at (S_e r, S_e s), −K_c·Σa·v at (r, s).
 * The adjoint 𝓛†A = i H_eff† A − i A H_eff + Σ γ L† A L − K_c 𝒬_d A (𝒬_d is self-adjoint) is the same
 * pattern read along rows of conj(H_eff) and conj(L) with the sign of i reversed. In real coordinates
 * (a Frobenius isometry of the Hermitian matrices, and 𝓛 preserves Hermiticity) 𝓛† is the transpose of 𝓛.
 */
export class SparseGeneratorAction {
  readonly #kernel: LindbladKernel;
  /** σ = −1 for 𝓛, +1 for 𝓛†: the factor of i on the left product. */
  readonly #sign: number;
  readonly #heff: CsrMatrix;
  readonly #channels: readonly { readonly rate: number; readonly L: CsrMatrix }[];
  readonly #swaps: SwapTable;
  constructor(kernel: LindbladKernel, options: { adjoint?: boolean } = {}) {
    const adjoint = options.adjoint ?? false;
    this.#kernel = kernel;
    this.#sign = adjoint ? 1 : -1;
    this.#heff = adjoint ? csrConjugate(kernel.Heff) : csrTranspose(kernel.Heff, false);
    this.#channels = kernel.channels.filter((c) => c.rate !== 0).map((c) => ({ rate: c.rate, L: adjoint ? csrConjugate(c.L) : csrTranspose(c.L, false) }));
    this.#swaps = swapTable(kernel);
  }

  /**
   * out += 𝓛ρ (interleaved row-major D×D; the caller zeroes it) for the Hermitian ρ whose real
   * coordinates are weights[i] at positions[i], i ∈ [start, end), and zero elsewhere.
   */
  addHermitianInto(out: Float64Array, positions: Int32Array, weights: Float64Array, start: number, end: number): Float64Array {
    const D = this.#kernel.dim;
    if (out.length !== 2 * D * D) throw new Error(`SparseGeneratorAction: expected ${2 * D * D} doubles, got ${out.length}`);
    for (let i = start; i < end; i++) {
      const p = positions[i];
      const x = weights[i];
      const row = Math.floor(p / D);
      const col = p - row * D;
      // Inverse of hermitianCoordinates: x[i·D + i] = ρ_ii, x[i·D + j] = √2 Re ρ_ij, x[j·D + i] = √2 Im ρ_ij (i < j).
      if (row === col) this.#addEntry(out, row, row, x, 0);
      else if (row < col) {
        this.#addEntry(out, row, col, x * Math.SQRT1_2, 0);
        this.#addEntry(out, col, row, x * Math.SQRT1_2, 0);
      } else {
        this.#addEntry(out, col, row, 0, x * Math.SQRT1_2);
        this.#addEntry(out, row, col, 0, -x * Math.SQRT1_2);
      }
    }
    return out;
  }

  #addEntry(out: Float64Array, r: number, s: number, vr: number, vi: number): void {
    const { dim: D, Kc, degreeSum } = this.#kernel;
    const sg = this.#sign;
    const { rowPtr, colIdx, values } = this.#heff;
    // Left: σ·i·h·v at (c, s). Right: −σ·i·conj(h)·v at (r, c).
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
      const hr = values[2 * k];
      const hi = values[2 * k + 1];
      const zr = -sg * hi;
      const zi = sg * hr;
      const o = 2 * (colIdx[k] * D + s);
      out[o] += zr * vr - zi * vi;
      out[o + 1] += zr * vi + zi * vr;
    }
    for (let k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
      const hr = values[2 * k];
      const hi = values[2 * k + 1];
      const zr = -sg * hi;
      const zi = -sg * hr;
      const o = 2 * (r * D + colIdx[k]);
      out[o] += zr * vr - zi * vi;
      out[o + 1] += zr * vi + zi * vr;
    }
    for (const { rate, L } of this.#channels) {
      const lp = L.rowPtr;
      const lc = L.colIdx;
      const lv = L.values;
      for (let a = lp[r]; a < lp[r + 1]; a++) {
        // w = γ·l₁·v, then γ·l₁·v·conj(l₂) at (c₁, c₂).
        const l1r = lv[2 * a];
        const l1i = lv[2 * a + 1];
        const wr = rate * (l1r * vr - l1i * vi);
        const wi = rate * (l1r * vi + l1i * vr);
        const orow = 2 * lc[a] * D;
        for (let b = lp[s]; b < lp[s + 1]; b++) {
          const l2r = lv[2 * b];
          const l2i = lv[2 * b + 1];
          const o = orow + 2 * lc[b];
          out[o] += wr * l2r + wi * l2i;
          out[o + 1] += wi * l2r - wr * l2i;
        }
      }
    }
    if (Kc !== 0) {
      const { perm, weight } = this.#swaps;
      for (let e = 0; e < weight.length; e++) {
        const w = Kc * weight[e];
        const o = 2 * (perm[e * D + r] * D + perm[e * D + s]);
        out[o] += w * vr;
        out[o + 1] += w * vi;
      }
      const o = 2 * (r * D + s);
      out[o] -= Kc * degreeSum * vr;
      out[o + 1] -= Kc * degreeSum * vi;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dense superoperators (tests, small blended systems).

export interface DenseLiouvillianParts {
  /** −i(I ⊗ H − Hᵀ ⊗ I). */
  hamiltonian: CMatrix;
  /** Σ γ (L̄ ⊗ L − ½ I ⊗ L†L − ½ (L†L)ᵀ ⊗ I). */
  dissipative: CMatrix;
  /** Σ a_jk (U_jk ⊗ U_jk − I) = −Q_d (multiply by K_c). */
  coupling: CMatrix;
  /** hamiltonian + dissipative + K_c·coupling, paper eq. 14 written with the correct signs. */
  total: CMatrix;
}

/**
 * The dense 4ⁿ×4ⁿ Liouvillian in the column-stacked convention (CONVENTIONS.md), built by Kronecker
 * products from the dense operators, for n ≤ 5.
 * @example denseLiouvillian({ n: 1, hamiltonian: [], lindblad: [], edges: [], Kc: 0 }).total.rows // => 4
 */
export function denseLiouvillian(model: LoweredModel): DenseLiouvillianParts {
  validateModel(model);
  const { n } = model;
  if (n > MAX_DENSE_LIOUVILLIAN_QUBITS) {
    throw new ModelTooLarge(
      `a dense Liouvillian for n = ${n} needs ${(16 * 16 ** n) / 2 ** 30} GiB; the limit is n = ${MAX_DENSE_LIOUVILLIAN_QUBITS}`,
      { field: 'n' },
      'use the matrix-free kernel (buildLindbladKernel) instead',
    );
  }
  const D = 2 ** n;
  const I = identity(D);
  const H = operatorMatrix(n, model.hamiltonian);
  const hamiltonian = combineDense([
    [0, -1, kron(I, H)],
    [0, 1, kron(transpose(H), I)],
  ]);
  const parts: [number, number, CMatrix][] = [];
  for (const ch of model.lindblad) {
    const L = operatorMatrix(n, ch.terms);
    const LdL = mul(dagger(L), L);
    parts.push([ch.rate, 0, kron(conj(L), L)], [-ch.rate / 2, 0, kron(I, LdL)], [-ch.rate / 2, 0, kron(transpose(LdL), I)]);
  }
  const dissipative = parts.length ? combineDense(parts) : zeros(D * D, D * D);
  const coupling = zeros(D * D, D * D);
  for (const [j, k, a] of model.edges) {
    // (U ⊗ U) vec(ρ) = vec(UρU): entry (l + D l') ← (S l + D S l')
    for (let l = 0; l < D; l++) {
      for (let lp = 0; lp < D; lp++) {
        const row = l + D * lp;
        const col = swapBits(l, j, k, n) + D * swapBits(lp, j, k, n);
        coupling.data[2 * (row * D * D + col)] += a;
        coupling.data[2 * (row * D * D + row)] -= a;
      }
    }
  }
  const total = combineDense([
    [1, 0, hamiltonian],
    [1, 0, dissipative],
    [model.Kc, 0, coupling],
  ]);
  return { hamiltonian, dissipative, coupling, total };
}

function combineDense(parts: [number, number, CMatrix][]): CMatrix {
  const out = zeros(parts[0][2].rows, parts[0][2].cols);
  const O = out.data;
  for (const [cr, ci, m] of parts) {
    const A = m.data;
    for (let k = 0; k < O.length; k += 2) {
      O[k] += cr * A[k] - ci * A[k + 1];
      O[k + 1] += cr * A[k + 1] + ci * A[k];
    }
  }
  return out;
}
