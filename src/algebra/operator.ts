import { DimensionMismatch } from '../core/errors.ts';
import { swapBits } from '../core/space.ts';
import { ExactMatrix } from './matrix.ts';
import { Scalar } from './scalar.ts';

/**
 * Exact dense operators on n qubits (small n): σ^(j) embeddings, SWAPs, partial traces and the
 * action of commutators and dissipators on a density matrix. Qubit 1 is the leftmost tensor factor
 * and the basis index of |q₁…qₙ⟩ is Σ_j q_j 2^(n−j) (CONVENTIONS.md).
 */

/** Dense exact operators on more qubits than this are refused (2¹⁰ = 1024 rows of exact scalars). */
export const MAX_DENSE_QUBITS = 10;

function checkQubits(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DENSE_QUBITS) {
    throw new DimensionMismatch(`a qubit count from 1 to ${MAX_DENSE_QUBITS} for a dense exact operator`, n);
  }
  return 2 ** n;
}

function checkQubit(j: number, n: number, what = 'qubit'): void {
  if (!Number.isInteger(j) || j < 1 || j > n) throw new RangeError(`${what} ${j} out of range 1..${n}`);
}

function checkSquare(m: ExactMatrix, dim: number, what: string): void {
  if (m.rows !== dim || m.cols !== dim) throw new DimensionMismatch(`${what} of size ${dim}×${dim}`, `${m.rows}×${m.cols}`);
}

/**
 * σ^(j) = I ⊗ … ⊗ σ ⊗ … ⊗ I with the 2×2 operator σ in slot j (1-based, qubit 1 leftmost).
 * @example embed(2, 1, ExactMatrix.fromRows([[0, 0], [1, 0]])).get(2, 0).toString() // => "1"
 */
export function embed(n: number, qubit: number, op: ExactMatrix): ExactMatrix {
  checkQubits(n);
  checkQubit(qubit, n);
  checkSquare(op, 2, 'a single-qubit operator');
  let out = ExactMatrix.identity(2 ** (qubit - 1));
  out = out.kron(op);
  return out.kron(ExactMatrix.identity(2 ** (n - qubit)));
}

/**
 * A tensor product of 2×2 operators, one per qubit, qubit 1 first.
 * @example tensor([ExactMatrix.identity(2), ExactMatrix.identity(2)]).rows // => 4
 */
export function tensor(ops: readonly ExactMatrix[]): ExactMatrix {
  if (ops.length === 0) throw new DimensionMismatch('at least one factor', 0);
  return ops.slice(1).reduce((acc, op) => acc.kron(op), ops[0]);
}

/**
 * U_jk, the SWAP of qubits j and k: U|l⟩ = |S_jk(l)⟩ with S_jk exchanging the bits of j and k.
 * A real symmetric permutation matrix with U² = I, so D(U_jk)ρ = U_jk ρ U_jk − ρ.
 * @example swapOperator(2, 1, 2).get(1, 2).toString() // => "1"
 */
export function swapOperator(n: number, j: number, k: number): ExactMatrix {
  const d = checkQubits(n);
  checkQubit(j, n);
  checkQubit(k, n);
  if (j === k) throw new RangeError(`SWAP of qubit ${j} with itself`);
  const data = new Array<Scalar>(d * d).fill(Scalar.ZERO);
  for (let l = 0; l < d; l++) data[swapBits(l, j, k, n) * d + l] = Scalar.ONE;
  return new ExactMatrix(d, d, data);
}

/**
 * Partial trace keeping the qubits in `keep` (1-based, returned in ascending order):
 * [tr_rest ρ]_{a,b} = Σ_c ρ_{(a,c),(b,c)}, with the kept bits of each basis index read big-endian.
 * @example partialTraceKeep(ExactMatrix.identity(4), 2, [2]).toString() // => "[[2, 0], [0, 2]]"
 */
export function partialTraceKeep(rho: ExactMatrix, n: number, keep: readonly number[]): ExactMatrix {
  const d = checkQubits(n);
  checkSquare(rho, d, 'a density matrix');
  const kept = [...new Set(keep)].sort((a, b) => a - b);
  if (kept.length !== keep.length) throw new RangeError(`repeated qubit in ${JSON.stringify(keep)}`);
  for (const q of kept) checkQubit(q, n);
  const traced: number[] = [];
  for (let q = 1; q <= n; q++) if (!kept.includes(q)) traced.push(q);
  const dk = 2 ** kept.length;
  const dt = 2 ** traced.length;
  // Full index from (kept bits a, traced bits c).
  const index = (a: number, c: number): number => {
    let l = 0;
    kept.forEach((q, t) => {
      if ((a >>> (kept.length - 1 - t)) & 1) l |= 1 << (n - q);
    });
    traced.forEach((q, t) => {
      if ((c >>> (traced.length - 1 - t)) & 1) l |= 1 << (n - q);
    });
    return l;
  };
  return ExactMatrix.fromFunction(dk, dk, (a, b) => {
    let s = Scalar.ZERO;
    for (let c = 0; c < dt; c++) s = s.add(rho.get(index(a, c), index(b, c)));
    return s;
  });
}

/**
 * The reduced state of qubit j: tr over every other qubit, a 2×2 matrix.
 * @example partialTraceToQubit(ExactMatrix.identity(4).scale(Scalar.rational(1, 4)), 2, 1).toString() // => "[[1/2, 0], [0, 1/2]]"
 */
export function partialTraceToQubit(rho: ExactMatrix, n: number, j: number): ExactMatrix {
  return partialTraceKeep(rho, n, [j]);
}

/**
 * [H, ρ] = Hρ − ρH (the Hamiltonian part of eq. 4 is −i·commutatorApply(H, ρ)).
 * @example commutatorApply(ExactMatrix.identity(2), ExactMatrix.fromRows([[0, 1], [0, 0]])).isZero() // => true
 */
export function commutatorApply(h: ExactMatrix, rho: ExactMatrix): ExactMatrix {
  return h.mul(rho).sub(rho.mul(h));
}

/**
 * D(L)ρ = LρL† − ½(L†Lρ + ρL†L), the dissipator of eq. 1.
 * @example dissipatorApply(ExactMatrix.fromRows([[0, 1], [0, 0]]), ExactMatrix.fromRows([[0, 0], [0, 1]])).toString() // => "[[1, 0], [0, -1]]"
 */
export function dissipatorApply(l: ExactMatrix, rho: ExactMatrix): ExactMatrix {
  const ld = l.dagger();
  const ldl = ld.mul(l);
  const half = Scalar.rational(1, 2);
  return l.mul(rho).mul(ld).sub(ldl.mul(rho).add(rho.mul(ldl)).scale(half));
}

/**
 * The single-qubit matrices of CONVENTIONS.md (σ₊ = |1⟩⟨0|, σ₋ = |0⟩⟨1|).
 * @example PAULI.plus.get(1, 0).toString() // => "1"
 */
export const PAULI = {
  identity: ExactMatrix.identity(2),
  x: ExactMatrix.fromRows([[0, 1], [1, 0]]),
  y: ExactMatrix.fromRows([[Scalar.ZERO, Scalar.I.neg()], [Scalar.I, Scalar.ZERO]]),
  z: ExactMatrix.fromRows([[1, 0], [0, -1]]),
  plus: ExactMatrix.fromRows([[0, 0], [1, 0]]),
  minus: ExactMatrix.fromRows([[0, 1], [0, 0]]),
} as const;
