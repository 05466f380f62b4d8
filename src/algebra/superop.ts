import { DimensionMismatch, ModelTooLarge } from '../core/errors.ts';
import { ExactMatrix } from './matrix.ts';
import { swapOperator } from './operator.ts';
import { Scalar } from './scalar.ts';

/**
 * Exact superoperators as 4ⁿ×4ⁿ matrices acting on vec(ρ), column stacking (see `vec.ts`):
 * vec(A X B) = (Bᵀ ⊗ A) vec(X). Hence spre(A) = I ⊗ A, spost(B) = Bᵀ ⊗ I, and the Liouvillian of
 * eq. 4 is A − K_c Q_d, the generator of paper eq. 14 (dỹ/dt = A ỹ − K_c Q_d ỹ), with (CONVENTIONS.md,
 * the paper's A_d written correctly)
 *   A   = −i(I ⊗ H − Hᵀ ⊗ I) + Σ_l γ_l (L̄_l ⊗ L_l − ½ I ⊗ L_l†L_l − ½ (L_l†L_l)ᵀ ⊗ I),
 *   −Q_d = Σ_{{j,k}∈E} a_jk (U_jk ⊗ U_jk − I).
 */

/** Largest qubit count with an exact dense superoperator: 4⁴ = 256 rows of exact scalars. */
export const MAX_EXACT_SUPEROP_QUBITS = 4;
const MAX_SUPEROP_DIM = 4 ** MAX_EXACT_SUPEROP_QUBITS;

/** Refuses an exact superoperator on a d×d operator space when d² is beyond 4⁴. */
function guardSize(d: number): void {
  if (d * d > MAX_SUPEROP_DIM) {
    const n = Math.log2(d);
    const qubits = Number.isInteger(n) ? `${n} qubits: ` : '';
    throw new ModelTooLarge(
      `an exact superoperator for ${qubits}operators of size ${d}×${d} would be a ${d * d}×${d * d} matrix of exact scalars (at most ${MAX_SUPEROP_DIM}×${MAX_SUPEROP_DIM}, n ≤ ${MAX_EXACT_SUPEROP_QUBITS})`,
      {},
      'use the numeric path (lowered model, matrix-free Lindblad action) or the orbit/reduced paths for larger models',
    );
  }
}

function square(m: ExactMatrix, what: string): number {
  if (!m.isSquare()) throw new DimensionMismatch(`a square ${what}`, `${m.rows}×${m.cols}`);
  return m.rows;
}

/**
 * Left multiplication: spre(A)·vec(X) = vec(A X), spre(A) = I ⊗ A.
 * @example spre(ExactMatrix.identity(2)).equals(ExactMatrix.identity(4)) // => true
 */
export function spre(a: ExactMatrix): ExactMatrix {
  const d = square(a, 'operator');
  guardSize(d);
  return ExactMatrix.identity(d).kron(a);
}

/**
 * Right multiplication: spost(B)·vec(X) = vec(X B), spost(B) = Bᵀ ⊗ I.
 * @example spost(ExactMatrix.fromRows([[0, 1], [0, 0]])).get(2, 1).toString() // => "0"
 */
export function spost(b: ExactMatrix): ExactMatrix {
  const d = square(b, 'operator');
  guardSize(d);
  return b.transpose().kron(ExactMatrix.identity(d));
}

/**
 * Both sides: sprepost(A, B)·vec(X) = vec(A X B), sprepost(A, B) = Bᵀ ⊗ A.
 * @example sprepost(ExactMatrix.identity(2), ExactMatrix.identity(2)).equals(ExactMatrix.identity(4)) // => true
 */
export function sprepost(a: ExactMatrix, b: ExactMatrix): ExactMatrix {
  const d = square(a, 'operator');
  if (square(b, 'operator') !== d) throw new DimensionMismatch(`a ${d}×${d} right factor`, `${b.rows}×${b.cols}`);
  guardSize(d);
  return b.transpose().kron(a);
}

/**
 * The Hamiltonian part ρ ↦ −i[H, ρ]: −i(I ⊗ H − Hᵀ ⊗ I).
 * @example hamiltonianSuperop(ExactMatrix.identity(2)).isZero() // => true
 */
export function hamiltonianSuperop(h: ExactMatrix): ExactMatrix {
  const d = square(h, 'Hamiltonian');
  guardSize(d);
  const id = ExactMatrix.identity(d);
  return id.kron(h).sub(h.transpose().kron(id)).scale(Scalar.I.neg());
}

/**
 * The dissipator ρ ↦ D(L)ρ = LρL† − ½{L†L, ρ}: L̄ ⊗ L − ½ I ⊗ L†L − ½ (L†L)ᵀ ⊗ I, where L̄ is the
 * entrywise conjugate (vec(LρL†) = ((L†)ᵀ ⊗ L) vec ρ and (L†)ᵀ = L̄).
 * @example dissipatorSuperop(ExactMatrix.fromRows([[0, 1], [0, 0]])).get(0, 3).toString() // => "1"
 */
export function dissipatorSuperop(l: ExactMatrix): ExactMatrix {
  const d = square(l, 'Lindblad operator');
  guardSize(d);
  const id = ExactMatrix.identity(d);
  const ldl = l.dagger().mul(l);
  const half = Scalar.rational(1, 2);
  return l.conj().kron(l).sub(id.kron(ldl).add(ldl.transpose().kron(id)).scale(half));
}

/** A weighted coupling edge {j, k} with weight a_jk > 0 (qubits 1-based, each undirected edge once). */
export type CouplingEdge = readonly [number, number, Scalar | number];

function weightScalar(w: Scalar | number): Scalar {
  if (typeof w !== 'number') return w;
  // A float never becomes an exact value (CONVENTIONS.md): only integers are accepted as numbers.
  if (!Number.isSafeInteger(w)) throw new TypeError(`edge weight ${w} is not an integer; pass an exact Scalar`);
  return Scalar.int(w);
}

/**
 * The coupling part without its gain: Σ_{{j,k}∈E} a_jk D(U_jk) = Σ a_jk (U_jk ⊗ U_jk − I) = −Q_d,
 * Q_d the Laplacian of the induced graph (U_jk is real and U_jk² = I). Eq. 4's term is K_c times this.
 * @example couplingSuperop(2, [[1, 2, 1]]).get(1, 2).toString() // => "1"
 */
export function couplingSuperop(n: number, edges: readonly CouplingEdge[]): ExactMatrix {
  if (!Number.isInteger(n) || n < 1) throw new DimensionMismatch('a positive qubit count', n);
  guardSize(2 ** n);
  const D = 4 ** n;
  let out = ExactMatrix.zeros(D, D);
  const id = ExactMatrix.identity(D);
  for (const [j, k, w] of edges) {
    const u = swapOperator(n, j, k);
    out = out.add(u.kron(u).sub(id).scale(weightScalar(w)));
  }
  return out;
}

/** One Lindblad channel γ D(L). */
export interface LindbladChannel {
  rate: Scalar;
  operator: ExactMatrix;
}

export interface LiouvillianInput {
  hamiltonian: ExactMatrix;
  channels: readonly LindbladChannel[];
  /** Qubit count; defaults to log₂ of the Hamiltonian's size. */
  n?: number;
  /** SWAP coupling edges [j, k, a_jk]; omitted or empty means no coupling part. */
  edges?: readonly CouplingEdge[];
  /** The coupling gain used in `total`; defaults to the symbolic parameter `K_c`. */
  Kc?: Scalar;
}

export interface LiouvillianParts {
  /** −i(I ⊗ H − Hᵀ ⊗ I). */
  hamiltonian: ExactMatrix;
  /** Σ_l γ_l (L̄_l ⊗ L_l − ½ I ⊗ L_l†L_l − ½ (L_l†L_l)ᵀ ⊗ I). */
  dissipative: ExactMatrix;
  /** A = hamiltonian + dissipative (the paper's A_d, written correctly). */
  A: ExactMatrix;
  /** Σ a_jk (U_jk ⊗ U_jk − I) = −Q_d, without the gain K_c; present when edges were given. */
  coupling?: ExactMatrix;
  /** The whole generator of eq. 4: A + K_c·coupling (K_c symbolic unless given), or A without edges. */
  total: ExactMatrix;
}

/**
 * Eq. 4's generator split into its three parts. `total` keeps K_c as a factor: with no `Kc` given it
 * is the symbolic parameter `K_c`, so total = A − K_c Q_d exactly.
 * @example liouvillianParts({ hamiltonian: ExactMatrix.zeros(2), channels: [] }).total.isZero() // => true
 */
export function liouvillianParts(input: LiouvillianInput): LiouvillianParts {
  const d = square(input.hamiltonian, 'Hamiltonian');
  const n = input.n ?? Math.log2(d);
  if (!Number.isInteger(n) || 2 ** n !== d) {
    throw new DimensionMismatch(`a Hamiltonian of size 2ⁿ×2ⁿ`, `${d}×${d}${input.n !== undefined ? ` for n = ${input.n}` : ''}`);
  }
  guardSize(d);
  const hamiltonian = hamiltonianSuperop(input.hamiltonian);
  let dissipative = ExactMatrix.zeros(d * d, d * d);
  for (const ch of input.channels) {
    if (ch.operator.rows !== d || ch.operator.cols !== d) {
      throw new DimensionMismatch(`a ${d}×${d} Lindblad operator`, `${ch.operator.rows}×${ch.operator.cols}`);
    }
    dissipative = dissipative.add(dissipatorSuperop(ch.operator).scale(ch.rate));
  }
  const A = hamiltonian.add(dissipative);
  if (!input.edges || input.edges.length === 0) return { hamiltonian, dissipative, A, total: A };
  const coupling = couplingSuperop(n, input.edges);
  const kc = input.Kc ?? Scalar.param('K_c');
  return { hamiltonian, dissipative, A, coupling, total: A.add(coupling.scale(kc)) };
}

/**
 * Applies a superoperator to an operator: unvec(S·vec(X)), column stacking.
 * @example applySuperop(spre(ExactMatrix.identity(2)), ExactMatrix.identity(2)).equals(ExactMatrix.identity(2)) // => true
 */
export function applySuperop(s: ExactMatrix, x: ExactMatrix): ExactMatrix {
  const d = square(x, 'operator');
  if (s.rows !== d * d || s.cols !== d * d) throw new DimensionMismatch(`a ${d * d}×${d * d} superoperator`, `${s.rows}×${s.cols}`);
  const out: Scalar[] = new Array(d * d);
  for (let r = 0; r < d * d; r++) {
    let acc = Scalar.ZERO;
    for (let c = 0; c < d * d; c++) {
      const a = s.get(r, c);
      if (a.isZero()) continue;
      const b = x.get(c % d, Math.floor(c / d));
      if (!b.isZero()) acc = acc.add(a.mul(b));
    }
    out[(r % d) * d + Math.floor(r / d)] = acc;
  }
  return new ExactMatrix(d, d, out);
}
