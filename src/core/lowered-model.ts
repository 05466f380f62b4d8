/**
 * The plain-data form of a network model with every exact value lowered to IEEE doubles once.
 * This is the contract between the derivation layers (which lower exact models) and the numeric
 * kernels (which never see an exact value). Its JSON is exactly the problem format read by the
 * peer baseline `shared/bench/qutip_mesolve.py`, so an export is `JSON.stringify` of this object.
 *
 * Single-qubit operator names (CONVENTIONS.md): "x", "y", "z" Pauli; "+" = σ₊ = |1⟩⟨0|;
 * "-" = σ₋ = |0⟩⟨1|; "0" = |0⟩⟨0|; "1" = |1⟩⟨1|; "I" identity.
 */
export type LocalOpName = 'I' | 'x' | 'y' | 'z' | '+' | '-' | '0' | '1';

export const LOCAL_OP_NAMES: readonly LocalOpName[] = ['I', 'x', 'y', 'z', '+', '-', '0', '1'];

/** Complex number as [re, im]. */
export type ComplexPair = [number, number];

/** coef · ⊗_q op_q, qubits numbered from 1; qubits not named carry the identity. */
export interface NumericTerm {
  coef: ComplexPair;
  ops: Record<string, LocalOpName>;
}

/** One Lindblad channel γ D(L) with L = Σ terms. */
export interface NumericChannel {
  rate: number;
  terms: NumericTerm[];
}

export interface LoweredModel {
  n: number;
  hamiltonian: NumericTerm[];
  lindblad: NumericChannel[];
  /** Weighted SWAP coupling edges [j, k, a_jk], each undirected edge once. */
  edges: [number, number, number][];
  Kc: number;
}
