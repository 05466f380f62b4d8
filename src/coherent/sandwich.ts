import { countBuild } from '../core/build-count.ts';
import { Scalar } from '../algebra/scalar.ts';
import { letterProduct, type PauliSum } from '../algebra/pauli.ts';

/**
 * The generator A of eq. 14 (written correctly, CONVENTIONS.md "Vectorization") as a sum of Pauli
 * *sandwiches* X ↦ c·P_a X P_b, grouped by permutation type.
 *
 *   A X = −i(HX − XH) + Σ_l γ_l (L_l X L_l† − ½ L_l†L_l X − ½ X L_l†L_l)
 *
 * With H = Σ_s h_s P_s and L = Σ_s c_s P_s (Pauli strings are Hermitian):
 *   −iHX + iXH      = Σ_s (−i h_s)·P_s X I + (i h_s)·I X P_s,
 *   L X L†          = Σ_{s,t} c_s c̄_t · P_s X P_t,
 *   L†L             = Σ_{s,t} c̄_s c_t · P_s P_t   (a phase times one Pauli string per pair).
 *
 * Why types: P_d P_dᵀ = 𝒫_* commutes with conjugation by every U_π, so P_dᵀ 𝒜 P_d only sees the
 * S_n-symmetrisation of 𝒜 (see orbit-basis.ts), and the sandwich (P_a, P_b) contributes exactly what
 * its permuted copy (U_π P_a U_π†, U_π P_b U_π†) does. A sandwich's *type* is the multiset of
 * per-qubit letter pairs (a_q, b_q) on the union S of both supports — e.g. all 1225 terms
 * σ_x^(j)σ_y^(k), j > k, of a 50-qubit Example 3 are one type {(X,I), (Y,I)} — so the projected
 * generator needs one orbit computation per type, with the summed coefficient.
 */

/** Coefficient arithmetic used by the type grouping: exact `Scalar`s or complex doubles. */
export interface CoefRing<T> {
  readonly zero: T;
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  conj(a: T): T;
  /** a · i^k. */
  mulIPow(a: T, k: number): T;
  /** a · q for a small rational q = num/den. */
  scale(a: T, num: number, den: number): T;
  isZero(a: T): boolean;
}

const I_POW = [Scalar.ONE, Scalar.I, Scalar.ONE.neg(), Scalar.I.neg()];

export const exactRing: CoefRing<Scalar> = {
  zero: Scalar.ZERO,
  add: (a, b) => a.add(b),
  mul: (a, b) => a.mul(b),
  conj: (a) => a.conj(),
  mulIPow: (a, k) => a.mul(I_POW[((k % 4) + 4) % 4]),
  scale: (a, num, den) => a.mul(Scalar.rational(num, den)),
  isZero: (a) => a.isZero(),
};

/** Complex doubles as [re, im]. */
export type Complex = [number, number];

export const complexRing: CoefRing<Complex> = {
  zero: [0, 0],
  add: (a, b) => [a[0] + b[0], a[1] + b[1]],
  mul: (a, b) => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]],
  conj: (a) => [a[0], -a[1]],
  mulIPow: (a, k) => {
    switch (((k % 4) + 4) % 4) {
      case 0: return [a[0], a[1]];
      case 1: return [-a[1], a[0]];
      case 2: return [-a[0], -a[1]];
      default: return [a[1], -a[0]];
    }
  },
  scale: (a, num, den) => [(a[0] * num) / den, (a[1] * num) / den],
  isZero: (a) => a[0] === 0 && a[1] === 0,
};

/** A Pauli string kept sparse: qubits (0-based, ascending) and letters (X = 1, Y = 2, Z = 3). */
interface SparseString {
  readonly qubits: number[];
  readonly letters: number[];
}

const LETTER_CODE: Record<string, number> = { I: 0, X: 1, Y: 2, Z: 3 };

function sparseOf(letters: string): SparseString {
  const qubits: number[] = [];
  const codes: number[] = [];
  for (let q = 0; q < letters.length; q++) {
    const c = LETTER_CODE[letters[q]];
    if (c) {
      qubits.push(q);
      codes.push(c);
    }
  }
  return { qubits, letters: codes };
}

/** P_s P_t = i^k P_u on sparse strings. */
function stringProduct(s: SparseString, t: SparseString): { phase: number; str: SparseString } {
  const qubits: number[] = [];
  const letters: number[] = [];
  let phase = 0;
  let i = 0;
  let j = 0;
  while (i < s.qubits.length || j < t.qubits.length) {
    const qs = i < s.qubits.length ? s.qubits[i] : Infinity;
    const qt = j < t.qubits.length ? t.qubits[j] : Infinity;
    if (qs < qt) {
      qubits.push(qs);
      letters.push(s.letters[i++]);
    } else if (qt < qs) {
      qubits.push(qt);
      letters.push(t.letters[j++]);
    } else {
      const [k, c] = letterProduct(s.letters[i++], t.letters[j++]);
      phase += k;
      if (c !== 0) {
        qubits.push(qs);
        letters.push(c);
      }
    }
  }
  return { phase: phase & 3, str: { qubits, letters } };
}

const IDENTITY: SparseString = { qubits: [], letters: [] };

/**
 * One permutation type of sandwich X ↦ P_a X P_b: `pairs[i] = [a_i, b_i]` (letters I=0, X=1, Y=2,
 * Z=3, never both 0) on |S| = pairs.length distinct qubits, sorted; `coef` the summed coefficient of
 * all sandwiches of this type; `terms` how many sandwiches were merged into it.
 */
export interface SandwichType<T> {
  readonly key: string;
  readonly pairs: readonly (readonly [number, number])[];
  coef: T;
  terms: number;
}

/** The generator's data with coefficients in a ring (Pauli strings as letters, qubit 1 first). */
export interface GeneratorTerms<T> {
  readonly n: number;
  readonly hamiltonian: readonly { readonly letters: string; readonly coef: T }[];
  readonly channels: readonly { readonly rate: T; readonly terms: readonly { readonly letters: string; readonly coef: T }[] }[];
}

/** Exact generator terms from Pauli expansions (coefficients must be constants for numeric use). */
export function exactGeneratorTerms(n: number, hamiltonian: PauliSum, channels: readonly { operator: PauliSum; rate: Scalar }[]): GeneratorTerms<Scalar> {
  countBuild('exactGeneratorTerms');
  return {
    n,
    hamiltonian: hamiltonian.terms(),
    channels: channels.map((c) => ({ rate: c.rate, terms: c.operator.terms() })),
  };
}

/** Lowers exact generator terms to complex doubles (parameter values substituted). */
export function lowerGeneratorTerms(t: GeneratorTerms<Scalar>, params: Readonly<Record<string, number>> = {}): GeneratorTerms<Complex> {
  const low = (s: Scalar): Complex => s.toComplex(params);
  return {
    n: t.n,
    hamiltonian: t.hamiltonian.map((h) => ({ letters: h.letters, coef: low(h.coef) })),
    channels: t.channels.map((c) => ({ rate: low(c.rate), terms: c.terms.map((x) => ({ letters: x.letters, coef: low(x.coef) })) })),
  };
}

function typeKey(a: SparseString, b: SparseString): { key: string; pairs: [number, number][] } {
  const codes: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.qubits.length || j < b.qubits.length) {
    const qa = i < a.qubits.length ? a.qubits[i] : Infinity;
    const qb = j < b.qubits.length ? b.qubits[j] : Infinity;
    if (qa < qb) codes.push(4 * a.letters[i++]);
    else if (qb < qa) codes.push(b.letters[j++]);
    else codes.push(4 * a.letters[i++] + b.letters[j++]);
  }
  codes.sort((x, y) => x - y);
  return { key: codes.join(','), pairs: codes.map((c) => [c >> 2, c & 3]) };
}

/**
 * Groups the sandwiches of A (Hamiltonian and dissipators of eq. 4, no coupling part) by permutation
 * type, summing coefficients. Types whose coefficients cancel are dropped. Deterministic order (by key).
 * @example sandwichTypes(exactGeneratorTerms(2, PauliSum.string('XI').add(PauliSum.string('IX')), []), exactRing).length // => 2
 */
export function sandwichTypes<T>(g: GeneratorTerms<T>, ring: CoefRing<T>): SandwichType<T>[] {
  const byKey = new Map<string, SandwichType<T>>();
  const addTerm = (a: SparseString, b: SparseString, coef: T): void => {
    if (ring.isZero(coef)) return;
    const { key, pairs } = typeKey(a, b);
    const t = byKey.get(key);
    if (t) {
      t.coef = ring.add(t.coef, coef);
      t.terms++;
    } else byKey.set(key, { key, pairs, coef, terms: 1 });
  };
  for (const h of g.hamiltonian) {
    const s = sparseOf(h.letters);
    addTerm(s, IDENTITY, ring.mulIPow(h.coef, 3));
    addTerm(IDENTITY, s, ring.mulIPow(h.coef, 1));
  }
  for (const ch of g.channels) {
    const strs = ch.terms.map((t) => sparseOf(t.letters));
    const cs = ch.terms.map((t) => ring.mul(ch.rate, t.coef));
    const cbar = ch.terms.map((t) => ring.conj(t.coef));
    // L†L is assembled per product string first (many products coincide), then split into the
    // left and right anticommutator sandwiches.
    const ldl = new Map<string, { str: SparseString; coef: T }>();
    for (let s = 0; s < strs.length; s++) {
      for (let t = 0; t < strs.length; t++) {
        // γ c_s c̄_t · P_s X P_t
        addTerm(strs[s], strs[t], ring.mul(cs[s], cbar[t]));
        // γ c̄_s c_t · P_s P_t (into L†L)
        const { phase, str } = stringProduct(strs[s], strs[t]);
        const key = str.qubits.map((q, k) => `${q}:${str.letters[k]}`).join(',');
        const v = ring.mulIPow(ring.mul(ring.mul(ch.rate, cbar[s]), ch.terms[t].coef), phase);
        const e = ldl.get(key);
        if (e) e.coef = ring.add(e.coef, v);
        else ldl.set(key, { str, coef: v });
      }
    }
    for (const { str, coef } of ldl.values()) {
      const half = ring.scale(coef, -1, 2);
      addTerm(str, IDENTITY, half);
      addTerm(IDENTITY, str, half);
    }
  }
  return [...byKey.values()].filter((t) => !ring.isZero(t.coef)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
