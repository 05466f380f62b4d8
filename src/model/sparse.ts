import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { ModelTooLarge } from '../core/errors.ts';

/** One nonzero matrix element ⟨row|X|col⟩; rows and columns are bit strings, qubit 1 first. */
export interface SparseEntry {
  row: string;
  col: string;
  value: Scalar;
}

/** What to use instead of exact dense objects beyond their limit. */
export const EXACT_DENSE_LIMIT_HINT =
  'use the numeric path (matrix-free Lindblad action) or the reduced-state (§4) and orbit-basis (§5) derivations, which stay small';

/** Largest qubit count for which an exact dense 2ⁿ×2ⁿ operator is built. */
export const DENSE_STATE_MAX_QUBITS = 10;

/**
 * An exact operator on n qubits stored by its nonzero elements |row⟩⟨col|. States written as sums of
 * ket-bras (paper Example 3: (1/6)(|001⟩⟨001| + 2|010⟩⟨010| + 3|100⟩⟨100|)) stay this small at any n.
 * @example SparseOperator.ketBra('01', '01').trace().toString() // => "1"
 */
export class SparseOperator {
  readonly qubits: number;
  private readonly map: ReadonlyMap<string, SparseEntry>;

  private constructor(qubits: number, map: ReadonlyMap<string, SparseEntry>) {
    this.qubits = qubits;
    this.map = map;
  }

  static zero(qubits: number): SparseOperator {
    return new SparseOperator(qubits, new Map());
  }

  static fromEntries(qubits: number, entries: readonly SparseEntry[]): SparseOperator {
    const m = new Map<string, SparseEntry>();
    for (const e of entries) accumulate(m, e.row, e.col, e.value);
    return new SparseOperator(qubits, m);
  }

  /**
   * |ket⟩⟨bra| for bit strings over {0, 1, +, −}: |±⟩ = (|0⟩ ± |1⟩)/√2 expand into their 0/1 parts,
   * so |+⟩⟨+| = ½(|0⟩⟨0| + |0⟩⟨1| + |1⟩⟨0| + |1⟩⟨1|).
   */
  static ketBra(ket: string, bra: string): SparseOperator {
    if (ket.length !== bra.length) throw new RangeError('ket and bra lengths differ');
    const kets = expandBits(ket);
    const bras = expandBits(bra);
    const m = new Map<string, SparseEntry>();
    for (const [r, a] of kets) for (const [c, b] of bras) accumulate(m, r, c, a.mul(b.conj()));
    return new SparseOperator(ket.length, m);
  }

  /** The identity on n qubits (2ⁿ entries). */
  static identity(qubits: number): SparseOperator {
    guardDense(qubits, 'the identity as a sparse state', 20);
    const m = new Map<string, SparseEntry>();
    for (let l = 0; l < 2 ** qubits; l++) {
      const b = l.toString(2).padStart(qubits, '0');
      accumulate(m, b, b, Scalar.ONE);
    }
    return new SparseOperator(qubits, m);
  }

  /** A single-qubit operator (2×2 rows) on qubit j (1-based) of n, as I ⊗ … ⊗ A ⊗ … ⊗ I. */
  static local(qubits: number, j: number, a: readonly (readonly Scalar[])[]): SparseOperator {
    guardDense(qubits, 'a single-qubit operator inside a state expression', 16);
    const m = new Map<string, SparseEntry>();
    for (let l = 0; l < 2 ** (qubits - 1); l++) {
      const rest = qubits === 1 ? '' : l.toString(2).padStart(qubits - 1, '0');
      for (let r = 0; r < 2; r++) {
        for (let c = 0; c < 2; c++) {
          if (a[r][c].isZero()) continue;
          const row = rest.slice(0, j - 1) + r + rest.slice(j - 1);
          const col = rest.slice(0, j - 1) + c + rest.slice(j - 1);
          accumulate(m, row, col, a[r][c]);
        }
      }
    }
    return new SparseOperator(qubits, m);
  }

  /** Number of nonzero entries. */
  entryCount(): number {
    return this.map.size;
  }

  /** Nonzero entries sorted by (row, col) bit strings: a deterministic order. */
  entries(): SparseEntry[] {
    return [...this.map.values()].sort((x, y) => (x.row < y.row ? -1 : x.row > y.row ? 1 : x.col < y.col ? -1 : x.col > y.col ? 1 : 0));
  }

  get(row: string, col: string): Scalar {
    return this.map.get(`${row},${col}`)?.value ?? Scalar.ZERO;
  }

  add(o: SparseOperator): SparseOperator {
    const m = new Map(this.map);
    for (const e of o.map.values()) accumulate(m, e.row, e.col, e.value);
    return new SparseOperator(this.qubits, m);
  }

  scale(c: Scalar): SparseOperator {
    if (c.isZero()) return SparseOperator.zero(this.qubits);
    return new SparseOperator(this.qubits, new Map([...this.map].map(([k, e]) => [k, { ...e, value: e.value.mul(c) }])));
  }

  sub(o: SparseOperator): SparseOperator {
    return this.add(o.scale(Scalar.ONE.neg()));
  }

  /** Matrix product: (XY)_{rc} = Σ_m X_{rm} Y_{mc}. */
  mul(o: SparseOperator): SparseOperator {
    const byRow = new Map<string, SparseEntry[]>();
    for (const e of o.map.values()) {
      const list = byRow.get(e.row);
      if (list) list.push(e);
      else byRow.set(e.row, [e]);
    }
    const m = new Map<string, SparseEntry>();
    for (const e of this.map.values()) {
      for (const f of byRow.get(e.col) ?? []) accumulate(m, e.row, f.col, e.value.mul(f.value));
    }
    return new SparseOperator(this.qubits, m);
  }

  dagger(): SparseOperator {
    return SparseOperator.fromEntries(this.qubits, [...this.map.values()].map((e) => ({ row: e.col, col: e.row, value: e.value.conj() })));
  }

  trace(): Scalar {
    let t = Scalar.ZERO;
    for (const e of this.map.values()) if (e.row === e.col) t = t.add(e.value);
    return t;
  }

  isZero(): boolean {
    return this.map.size === 0;
  }

  freeParams(): string[] {
    const s = new Set<string>();
    for (const e of this.map.values()) for (const p of e.value.freeParams()) s.add(p);
    return [...s].sort();
  }

  /** The dense 2ⁿ×2ⁿ matrix (index of |q₁…qₙ⟩ is the bit string read as binary, qubit 1 most significant). */
  toMatrix(): ExactMatrix {
    guardDense(this.qubits, 'the dense exact matrix of this state', DENSE_STATE_MAX_QUBITS);
    const d = 2 ** this.qubits;
    const data = Array<Scalar>(d * d).fill(Scalar.ZERO);
    for (const e of this.map.values()) data[parseInt(e.row, 2) * d + parseInt(e.col, 2)] = e.value;
    return new ExactMatrix(d, d, data);
  }
}

function accumulate(m: Map<string, SparseEntry>, row: string, col: string, v: Scalar): void {
  const key = `${row},${col}`;
  const old = m.get(key);
  const value = old ? old.value.add(v) : v;
  if (value.isZero()) m.delete(key);
  else m.set(key, { row, col, value });
}

/**
 * The 0/1 expansion of a ket over {0, 1, +, −}: |±⟩ = (|0⟩ ± |1⟩)/√2, qubit 1 first.
 * @example expandBits('+').map(([b, a]) => [b, a.toString()]) // => [['0', '1/2*sqrt(2)'], ['1', '1/2*sqrt(2)']]
 */
export function expandBits(bits: string): [string, Scalar][] {
  const h = Scalar.sqrt(Scalar.rational(1, 2));
  let acc: [string, Scalar][] = [['', Scalar.ONE]];
  for (const b of bits) {
    const parts: [string, Scalar][] =
      b === '0' ? [['0', Scalar.ONE]] : b === '1' ? [['1', Scalar.ONE]] : b === '+' ? [['0', h], ['1', h]] : [['0', h], ['1', h.neg()]];
    const next: [string, Scalar][] = [];
    for (const [s, a] of acc) for (const [t, c] of parts) next.push([s + t, a.mul(c)]);
    acc = next;
  }
  return acc;
}

function guardDense(qubits: number, what: string, max: number): void {
  if (qubits > max) {
    throw new ModelTooLarge(`${what} needs 2^${qubits} = ${(2 ** qubits).toLocaleString('en-US')} basis states; the exact dense path stops at ${max} qubits`,
      {}, 'write the state as a sum of ket-bras |bits><bits| or as a product of single-qubit factors (initial.product)');
  }
}
