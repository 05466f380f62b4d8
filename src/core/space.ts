import { DimensionMismatch } from './errors.ts';

/**
 * The Hilbert space of n qubits, dimension 2ⁿ. Qubit 1 is the leftmost tensor factor and the basis
 * index of |q₁…qₙ⟩ is l = Σⱼ qⱼ 2^(n−j) (CONVENTIONS.md, big-endian).
 * @example qubitSpace(3).dim // => 8
 */
export interface Space {
  readonly qubits: number;
  readonly dim: number;
}

/**
 * The space of n qubits, dimension 2ⁿ.
 * @example qubitSpace(3) // => { qubits: 3, dim: 8 }
 */
export function qubitSpace(qubits: number): Space {
  if (!Number.isInteger(qubits) || qubits < 1 || qubits > 60) {
    throw new DimensionMismatch('a qubit count from 1 to 60', qubits);
  }
  return { qubits, dim: 2 ** qubits };
}

/**
 * Bit of qubit j (1-based) in basis index l of an n-qubit space: (l >> (n − j)) & 1.
 * @example qubitBit(0b100, 1, 3) // => 1
 */
export function qubitBit(l: number, j: number, n: number): number {
  return (l >>> (n - j)) & 1;
}

/**
 * S_jk(l): the basis index with the bits of qubits j and k exchanged (paper §5.1).
 * @example swapBits(0b100, 1, 3, 3) // => 1
 */
export function swapBits(l: number, j: number, k: number, n: number): number {
  const bj = (l >>> (n - j)) & 1;
  const bk = (l >>> (n - k)) & 1;
  if (bj === bk) return l;
  return l ^ ((1 << (n - j)) | (1 << (n - k)));
}
