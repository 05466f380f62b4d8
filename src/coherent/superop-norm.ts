import { ModelTooLarge } from '../core/errors.ts';
import type { CMatrix } from '../numeric/cmatrix.ts';
import { singularValues } from '../numeric/eig.ts';
import type { Complex, GeneratorTerms } from './sandwich.ts';

/**
 * ‖A_d‖, the spectral norm of A = −i(I⊗H − Hᵀ⊗I) + Σ_l γ_l (L̄_l⊗L_l − ½ I⊗L_l†L_l − ½ (L_l†L_l)ᵀ⊗I)
 * (the paper's A_d written correctly, column stacking), as it enters D(T₂) of Theorem 3 and K_c* of
 * Theorem 4.
 *
 * Small n (4ⁿ ≤ 256): the largest singular value of the dense A (numeric: √λ_max(AᴴA) from the
 * Householder–QL Hermitian eigensolver, backward stable, so the value is the exact norm of a matrix
 * within ~1e-13·‖A‖ of A; reported as numeric). Larger n: the rigorous bound from the operator terms
 *   ‖A‖ ≤ ‖−i(I⊗H − Hᵀ⊗I)‖ + Σ_l |γ_l| ‖D(L_l)‖ ≤ 2‖H − h_I I‖ + Σ_l |γ_l| · 2‖L_l‖²
 *       ≤ 2 Σ_{s≠I} |h_s| + 2 Σ_l |γ_l| (Σ_s |c_s|)²,
 * (‖X⊗Y‖ = ‖X‖‖Y‖, ‖L̄‖ = ‖Lᵀ‖ = ‖L‖, ‖L†L‖ = ‖L‖², Pauli strings have norm 1, and the identity part
 * of H commutes with everything), which keeps every K_c* valid since K_c* increases with ‖A_d‖.
 */

/** Largest n for the dense numeric norm (256×256). */
export const MAX_DENSE_NORM_QUBITS = 4;
/** Largest n for the dense 4ⁿ×4ⁿ generator. */
export const MAX_DENSE_GENERATOR_QUBITS = 5;

/** Phase exponent and flip of a Pauli letter acting on a ket bit (left) / bra bit (right). */
function leftAct(a: string, r: number): [number, number] {
  switch (a) {
    case 'X': return [1 - r, 0];
    case 'Y': return [1 - r, r === 0 ? 1 : 3];
    case 'Z': return [r, r === 0 ? 0 : 2];
    default: return [r, 0];
  }
}
function rightAct(b: string, c: number): [number, number] {
  switch (b) {
    case 'X': return [1 - c, 0];
    case 'Y': return [1 - c, c === 0 ? 3 : 1];
    case 'Z': return [c, c === 0 ? 0 : 2];
    default: return [c, 0];
  }
}

const IPOW: Complex[] = [[1, 0], [0, 1], [-1, 0], [0, -1]];

/**
 * The dense generator A (4ⁿ×4ⁿ, column stacking: |l⟩⟨l'| at l + 2ⁿl', row-major CMatrix) assembled
 * sandwich by sandwich from the Pauli terms (no symmetrisation), n ≤ 5.
 */
export function denseGenerator(g: GeneratorTerms<Complex>): CMatrix {
  const n = g.n;
  if (n > MAX_DENSE_GENERATOR_QUBITS) throw new ModelTooLarge(`the dense generator of ${n} qubits has 4^${n} rows; it is formed only up to ${MAX_DENSE_GENERATOR_QUBITS} qubits`);
  const d = 2 ** n;
  const N = d * d;
  const data = new Float64Array(2 * N * N);
  const sandwich = (left: string, right: string, coef: Complex): void => {
    if (coef[0] === 0 && coef[1] === 0) return;
    for (let l = 0; l < d; l++) for (let lp = 0; lp < d; lp++) {
      let y = 0;
      let yp = 0;
      let ph = 0;
      for (let q = 0; q < n; q++) {
        const r = (l >>> (n - 1 - q)) & 1;
        const c = (lp >>> (n - 1 - q)) & 1;
        const [r2, p1] = leftAct(left[q], r);
        const [c2, p2] = rightAct(right[q], c);
        y |= r2 << (n - 1 - q);
        yp |= c2 << (n - 1 - q);
        ph += p1 + p2;
      }
      const [pr, pi] = IPOW[ph & 3];
      const at = 2 * ((y + d * yp) * N + (l + d * lp));
      data[at] += coef[0] * pr - coef[1] * pi;
      data[at + 1] += coef[0] * pi + coef[1] * pr;
    }
  };
  const id = 'I'.repeat(n);
  for (const h of g.hamiltonian) {
    sandwich(h.letters, id, [h.coef[1], -h.coef[0]]);
    sandwich(id, h.letters, [-h.coef[1], h.coef[0]]);
  }
  for (const ch of g.channels) {
    for (const s of ch.terms) for (const t of ch.terms) {
      // γ c_s c̄_t P_s X P_t
      const cs: Complex = [ch.rate[0] * s.coef[0] - ch.rate[1] * s.coef[1], ch.rate[0] * s.coef[1] + ch.rate[1] * s.coef[0]];
      sandwich(s.letters, t.letters, [cs[0] * t.coef[0] + cs[1] * t.coef[1], cs[1] * t.coef[0] - cs[0] * t.coef[1]]);
      // −½γ c̄_s c_t (P_s P_t X + X P_s P_t): two sandwiches each, P_s then P_t
      const cc: Complex = [s.coef[0] * t.coef[0] + s.coef[1] * t.coef[1], s.coef[0] * t.coef[1] - s.coef[1] * t.coef[0]];
      const w: Complex = [-0.5 * (ch.rate[0] * cc[0] - ch.rate[1] * cc[1]), -0.5 * (ch.rate[0] * cc[1] + ch.rate[1] * cc[0])];
      // left: P_s P_t X = P_s (P_t X) — apply as two successive left sandwiches via a composed pass
      composedLeft(s.letters, t.letters, w, false);
      composedLeft(s.letters, t.letters, w, true);
    }
  }
  function composedLeft(a: string, b: string, coef: Complex, right: boolean): void {
    // The product P_a P_b = i^k P_c, letter by letter.
    let k = 0;
    let c = '';
    for (let q = 0; q < n; q++) {
      const [kk, cc] = letterMul(a[q], b[q]);
      k += kk;
      c += cc;
    }
    const [pr, pi] = IPOW[k & 3];
    const cf: Complex = [coef[0] * pr - coef[1] * pi, coef[0] * pi + coef[1] * pr];
    if (right) sandwich(id, c, cf);
    else sandwich(c, id, cf);
  }
  return { rows: N, cols: N, data };
}

function letterMul(a: string, b: string): [number, string] {
  if (a === 'I') return [0, b];
  if (b === 'I') return [0, a];
  if (a === b) return [0, 'I'];
  const order = 'XYZ';
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  const c = order[3 - ia - ib];
  return [(ib - ia + 3) % 3 === 1 ? 1 : 3, c];
}

/**
 * How ‖A_d‖ was obtained: the largest singular value of the dense A (`rows` = 4ⁿ rows) beside the
 * term bound, or the term bound alone (the dense A of n qubits not formed).
 */
export type GeneratorNormNote =
  | { readonly kind: 'norm-dense'; readonly rows: number; readonly bound: number }
  | { readonly kind: 'norm-bound'; readonly n: number; readonly hamiltonian: number; readonly dissipators: readonly number[] };

export interface GeneratorNorm {
  /** The value used by the theorems. */
  readonly value: number;
  readonly kind: 'numeric-dense' | 'upper-bound';
  readonly latex: string;
  /** How the value was obtained (the report words it, src/report/sections/derivation-text.ts). */
  readonly note: GeneratorNormNote;
  /** The rigorous term bound (always computed). */
  readonly bound: { readonly value: number; readonly hamiltonian: number; readonly dissipators: readonly number[] };
  /** The dense numeric norm when n ≤ 4. */
  readonly dense: number | null;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * ‖A_d‖: dense numeric for n ≤ 4, else the rigorous term bound (see module doc).
 * @example generatorNorm({ n: 1, hamiltonian: [{ letters: 'Z', coef: [1, 0] }], channels: [] }).value // => 2
 */
export function generatorNorm(g: GeneratorTerms<Complex>): GeneratorNorm {
  const id = 'I'.repeat(g.n);
  const abs = (z: Complex): number => Math.hypot(z[0], z[1]);
  const hamiltonian = 2 * g.hamiltonian.filter((h) => h.letters !== id).reduce((s, h) => s + abs(h.coef), 0);
  const dissipators = g.channels.map((c) => 2 * abs(c.rate) * c.terms.reduce((s, t) => s + abs(t.coef), 0) ** 2);
  const boundValue = hamiltonian + dissipators.reduce((a, b) => a + b, 0);
  const bound = { value: boundValue, hamiltonian, dissipators };
  if (g.n <= MAX_DENSE_NORM_QUBITS) {
    const dense = singularValues(denseGenerator(g))[0];
    return {
      value: dense,
      kind: 'numeric-dense',
      latex: fmt(dense),
      note: { kind: 'norm-dense', rows: 4 ** g.n, bound: boundValue },
      bound,
      dense,
    };
  }
  return {
    value: boundValue,
    kind: 'upper-bound',
    latex: `${fmt(boundValue)}`,
    note: { kind: 'norm-bound', n: g.n, hamiltonian, dissipators },
    bound,
    dense: null,
  };
}
