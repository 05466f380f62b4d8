import { DimensionMismatch, IncompatibleSpaces } from '../core/errors.ts';
import type { LocalOpName } from '../core/lowered-model.ts';
import { ExactMatrix } from './matrix.ts';
import { Scalar } from './scalar.ts';

/**
 * Operators on n qubits as Pauli expansions Σ_s c_s P_s, P_s = P_{s,1} ⊗ … ⊗ P_{s,n} with
 * P ∈ {I, X, Y, Z}. The Pauli strings are an orthogonal basis of all 2ⁿ×2ⁿ matrices, so with zero
 * coefficients dropped this is a canonical form: equality and Hermiticity (all c_s real, because every
 * P_s is Hermitian) are decided exactly without forming a matrix — n = 50 costs only the terms.
 *
 * Local operators in this basis (CONVENTIONS.md, σ₊ = |1⟩⟨0|):
 *   σ₊ = (X − iY)/2,  σ₋ = (X + iY)/2,  |0⟩⟨0| = (I + Z)/2,  |1⟩⟨1| = (I − Z)/2.
 */
export type PauliLetter = 'I' | 'X' | 'Y' | 'Z';

const LETTERS: readonly PauliLetter[] = ['I', 'X', 'Y', 'Z'];

/** Local operator → Pauli expansion as [letter, coefficient] pairs. */
const HALF = Scalar.rational(1, 2);
const HALF_I = Scalar.I.mul(HALF);
const LOCAL_EXPANSIONS: Record<LocalOpName, [PauliLetter, Scalar][]> = {
  I: [['I', Scalar.ONE]],
  x: [['X', Scalar.ONE]],
  y: [['Y', Scalar.ONE]],
  z: [['Z', Scalar.ONE]],
  '+': [['X', HALF], ['Y', HALF_I.neg()]],
  '-': [['X', HALF], ['Y', HALF_I]],
  '0': [['I', HALF], ['Z', HALF]],
  '1': [['I', HALF], ['Z', HALF.neg()]],
};

/** Powers of i: i^k. */
const I_POWERS = [Scalar.ONE, Scalar.I, Scalar.ONE.neg(), Scalar.I.neg()];

/**
 * Single-qubit product a·b = i^k c: XY = iZ, YZ = iX, ZX = iY and the reverses with −i.
 * Returns [k mod 4, c] with letters encoded I=0, X=1, Y=2, Z=3.
 */
export function letterProduct(a: number, b: number): [number, number] {
  if (a === 0) return [0, b];
  if (b === 0) return [0, a];
  if (a === b) return [0, 0];
  const c = 6 - a - b;
  const cyclic = (a === 1 && b === 2) || (a === 2 && b === 3) || (a === 3 && b === 1);
  return [cyclic ? 1 : 3, c];
}

function encode(letters: string): number[] {
  return [...letters].map((ch) => LETTERS.indexOf(ch as PauliLetter));
}

export interface PauliTerm {
  /** One letter per qubit, qubit 1 first, e.g. "IXZ". */
  readonly letters: string;
  readonly coef: Scalar;
}

export class PauliSum {
  readonly n: number;
  private readonly map: ReadonlyMap<string, Scalar>;

  private constructor(n: number, map: ReadonlyMap<string, Scalar>) {
    this.n = n;
    this.map = map;
  }

  static zero(n: number): PauliSum {
    return new PauliSum(n, new Map());
  }

  static identity(n: number): PauliSum {
    return new PauliSum(n, new Map([['I'.repeat(n), Scalar.ONE]]));
  }

  /** A single Pauli string with coefficient c. */
  static string(letters: string, c: Scalar = Scalar.ONE): PauliSum {
    if (!/^[IXYZ]+$/.test(letters)) throw new RangeError(`not a Pauli string: ${letters}`);
    return new PauliSum(letters.length, c.isZero() ? new Map() : new Map([[letters, c]]));
  }

  /**
   * The local operator `op` on qubit `qubit` (1-based), identity elsewhere: σ^(j) of CONVENTIONS.md.
   * @example PauliSum.local(2, 1, '-').terms().map((t) => t.letters) // => ["XI", "YI"]
   */
  static local(n: number, qubit: number, op: LocalOpName): PauliSum {
    if (!Number.isInteger(qubit) || qubit < 1 || qubit > n) {
      throw new RangeError(`qubit ${qubit} out of range 1..${n}`);
    }
    const map = new Map<string, Scalar>();
    for (const [letter, c] of LOCAL_EXPANSIONS[op]) {
      const s = 'I'.repeat(qubit - 1) + letter + 'I'.repeat(n - qubit);
      map.set(s, c);
    }
    return new PauliSum(n, map);
  }

  private check(o: PauliSum): void {
    if (o.n !== this.n) throw new IncompatibleSpaces(`operators on ${this.n} and ${o.n} qubits`);
  }

  terms(): PauliTerm[] {
    return [...this.map.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([letters, coef]) => ({ letters, coef }));
  }

  termCount(): number {
    return this.map.size;
  }

  coefficient(letters: string): Scalar {
    return this.map.get(letters) ?? Scalar.ZERO;
  }

  isZero(): boolean {
    return this.map.size === 0;
  }

  add(o: PauliSum): PauliSum {
    this.check(o);
    const m = new Map(this.map);
    for (const [s, c] of o.map) {
      const v = (m.get(s) ?? Scalar.ZERO).add(c);
      if (v.isZero()) m.delete(s);
      else m.set(s, v);
    }
    return new PauliSum(this.n, m);
  }

  scale(c: Scalar): PauliSum {
    if (c.isZero()) return PauliSum.zero(this.n);
    const m = new Map<string, Scalar>();
    for (const [s, v] of this.map) m.set(s, v.mul(c));
    return new PauliSum(this.n, m);
  }

  neg(): PauliSum {
    return this.scale(Scalar.ONE.neg());
  }

  sub(o: PauliSum): PauliSum {
    return this.add(o.neg());
  }

  /** Operator product, term by term with the single-qubit Pauli products. */
  mul(o: PauliSum): PauliSum {
    this.check(o);
    const m = new Map<string, Scalar>();
    const rightTerms = [...o.map.entries()].map(([s, c]) => [encode(s), c] as const);
    for (const [ls, lc] of this.map) {
      const a = encode(ls);
      for (const [b, rc] of rightTerms) {
        let phase = 0;
        let letters = '';
        for (let q = 0; q < this.n; q++) {
          const [k, c] = letterProduct(a[q], b[q]);
          phase += k;
          letters += LETTERS[c];
        }
        const v = lc.mul(rc).mul(I_POWERS[phase & 3]);
        const sum = (m.get(letters) ?? Scalar.ZERO).add(v);
        if (sum.isZero()) m.delete(letters);
        else m.set(letters, sum);
      }
    }
    return new PauliSum(this.n, m);
  }

  /** Adjoint: every Pauli string is Hermitian, so only the coefficients are conjugated. */
  dagger(): PauliSum {
    const m = new Map<string, Scalar>();
    for (const [s, c] of this.map) m.set(s, c.conj());
    return new PauliSum(this.n, m);
  }

  /** [A, B] = AB − BA. */
  commutator(o: PauliSum): PauliSum {
    return this.mul(o).sub(o.mul(this));
  }

  equals(o: PauliSum): boolean {
    if (o.n !== this.n || o.map.size !== this.map.size) return false;
    for (const [s, c] of this.map) {
      const d = o.map.get(s);
      if (!d || !d.equals(c)) return false;
    }
    return true;
  }

  /** Exact: A = A† iff every Pauli coefficient is real. */
  isHermitian(): boolean {
    for (const c of this.map.values()) if (!c.isReal()) return false;
    return true;
  }

  /** The anti-Hermitian part (A − A†)/2, to show what breaks Hermiticity. */
  antiHermitianPart(): PauliSum {
    return this.sub(this.dagger()).scale(Scalar.rational(1, 2));
  }

  /** Qubits (1-based) on which each term acts nontrivially, in term order. */
  support(): number[][] {
    return this.terms().map((t) => supportOf(t.letters));
  }

  freeParams(): string[] {
    const s = new Set<string>();
    for (const c of this.map.values()) for (const p of c.freeParams()) s.add(p);
    return [...s].sort();
  }

  substitute(values: ReadonlyMap<string, Scalar>): PauliSum {
    const m = new Map<string, Scalar>();
    for (const [s, c] of this.map) {
      const v = c.substitute(values);
      if (!v.isZero()) m.set(s, v);
    }
    return new PauliSum(this.n, m);
  }

  /** tr(A) = 2ⁿ · c_{I…I}. */
  trace(): Scalar {
    return this.coefficient('I'.repeat(this.n)).mul(Scalar.int(2).pow(this.n));
  }

  /**
   * Exact dense 2ⁿ×2ⁿ matrix (small n only). P_s|l⟩ = phase·|l ⊕ flips⟩ with X|q⟩ = |1−q⟩,
   * Y|0⟩ = i|1⟩, Y|1⟩ = −i|0⟩, Z|q⟩ = (−1)^q|q⟩; qubit 1 is the most significant bit.
   */
  toMatrix(): ExactMatrix {
    if (this.n > 10) throw new DimensionMismatch('at most 10 qubits for a dense exact matrix', this.n);
    const dim = 2 ** this.n;
    const data: Scalar[] = new Array(dim * dim).fill(Scalar.ZERO);
    for (const [s, c] of this.map) {
      const letters = encode(s);
      let flips = 0;
      for (let q = 0; q < this.n; q++) if (letters[q] === 1 || letters[q] === 2) flips |= 1 << (this.n - 1 - q);
      for (let l = 0; l < dim; l++) {
        let phase = 0;
        let sign = 1;
        for (let q = 0; q < this.n; q++) {
          const bit = (l >>> (this.n - 1 - q)) & 1;
          if (letters[q] === 2) phase += bit ? 3 : 1;
          else if (letters[q] === 3 && bit) sign = -sign;
        }
        const row = l ^ flips;
        let v = c.mul(I_POWERS[phase & 3]);
        if (sign < 0) v = v.neg();
        data[row * dim + l] = data[row * dim + l].add(v);
      }
    }
    return new ExactMatrix(dim, dim, data);
  }

  toString(): string {
    const ts = this.terms();
    if (ts.length === 0) return '0';
    return ts.map((t) => `(${t.coef.toString()})*${t.letters}`).join(' + ');
  }

  /**
   * LaTeX of the Pauli expansion, e.g. `\frac{1}{2}\,X_{1} Y_{2}` (identity factors omitted).
   * @example PauliSum.local(1, 1, 'z').toLatex() // => "Z_{1}"
   */
  toLatex(): string {
    const ts = this.terms();
    if (ts.length === 0) return '0';
    let out = '';
    ts.forEach((t, k) => {
      const sup = supportOf(t.letters);
      const op = sup.length === 0 ? 'I' : sup.map((q) => `${t.letters[q - 1]}_{${q}}`).join(' ');
      let coef = t.coef;
      let negative = false;
      if (coef.isNegativeLooking() && !coef.needsParentheses()) {
        negative = true;
        coef = coef.neg();
      }
      const c = coef.isOne() ? '' : coef.needsParentheses() ? `\\left(${coef.toLatex()}\\right)` : `${coef.toLatex()}\\,`;
      const body = `${c}${op}`;
      out += k === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`;
    });
    return out;
  }
}

/**
 * Display order: identity first, then by the qubits acted on (fewer first, lower qubits first), then
 * by letter, so Σ_j σ_z^(j) reads Z₁ + Z₂ + Z₃.
 */
function compareStrings(a: string, b: string): number {
  const sa = supportOf(a);
  const sb = supportOf(b);
  if (sa.length !== sb.length) return sa.length - sb.length;
  for (let k = 0; k < sa.length; k++) if (sa[k] !== sb[k]) return sa[k] - sb[k];
  return a < b ? -1 : a > b ? 1 : 0;
}

export function supportOf(letters: string): number[] {
  const out: number[] = [];
  for (let q = 0; q < letters.length; q++) if (letters[q] !== 'I') out.push(q + 1);
  return out;
}
