import { ExactMatrix } from '../algebra/matrix.ts';
import { PauliSum, supportOf } from '../algebra/pauli.ts';
import { Scalar } from '../algebra/scalar.ts';

/**
 * Single-qubit operators as the paper writes them: Hermitian ones in the Pauli basis
 * (a I + x σ_x + y σ_y + z σ_z), jump operators in the ladder basis
 * M = ½(m₀₀ + m₁₁) I + ½(m₀₀ − m₁₁) σ_z + m₁₀ σ₊ + m₀₁ σ₋ (σ₊ = |1⟩⟨0|, σ₋ = |0⟩⟨1|, CONVENTIONS.md),
 * so √3σ₊ reads "\sqrt{3}\sigma_+" rather than "(√3/2)X − (√3/2)iY".
 */

/** The 1-qubit Pauli expansion of the factor a term of an n-qubit operator applies to qubit q. */
export function restrictToQubit(op: PauliSum, q: number): PauliSum {
  let out = PauliSum.zero(1);
  for (const t of op.terms()) {
    const supp = supportOf(t.letters);
    if (supp.length > 1 || (supp.length === 1 && supp[0] !== q)) continue;
    out = out.add(PauliSum.string(supp.length === 0 ? 'I' : t.letters[q - 1], t.coef));
  }
  return out;
}

interface Piece {
  coef: Scalar;
  latex: string;
  text: string;
}

function joinPieces(pieces: Piece[]): { latex: string; text: string } {
  const nonzero = pieces.filter((p) => !p.coef.isZero());
  if (nonzero.length === 0) return { latex: '0', text: '0' };
  let latex = '';
  let text = '';
  nonzero.forEach((p, k) => {
    let c = p.coef;
    let negative = false;
    if (c.isNegativeLooking() && !c.needsParentheses()) {
      negative = true;
      c = c.neg();
    }
    const cl = c.isOne() ? '' : c.needsParentheses() ? `\\left(${c.toLatex()}\\right)` : c.toLatex();
    const ct = c.isOne() ? '' : c.needsParentheses() || /[+\-/ ]/.test(c.toString().slice(1)) ? `(${c.toString()})` : c.toString();
    const bodyL = p.latex === '' ? (cl === '' ? '1' : cl) : `${cl}${p.latex}`;
    const bodyT = p.text === '' ? (ct === '' ? '1' : ct) : `${ct}${p.text}`;
    latex += k === 0 ? (negative ? `-${bodyL}` : bodyL) : negative ? ` - ${bodyL}` : ` + ${bodyL}`;
    text += k === 0 ? (negative ? `-${bodyT}` : bodyT) : negative ? ` - ${bodyT}` : ` + ${bodyT}`;
  });
  return { latex, text };
}

/** Optional qubit superscript "^{(j)}" / "^(j)". */
function sup(qubit?: number): { l: string; t: string } {
  return qubit === undefined ? { l: '', t: '' } : { l: `^{(${qubit})}`, t: `^(${qubit})` };
}

/**
 * A 2×2 operator in the Pauli basis: ½tr(M) I + Σ_a ½tr(σ_a M) σ_a.
 * @example pauliLatex(ExactMatrix.fromRows([[1, 0], [0, -1]])) // => "\\sigma_z"
 */
export function pauliLatex(m: ExactMatrix, qubit?: number): string {
  return pauliForm(m, qubit).latex;
}

export function pauliForm(m: ExactMatrix, qubit?: number): { latex: string; text: string } {
  const half = Scalar.rational(1, 2);
  const a = m.get(0, 0).add(m.get(1, 1)).mul(half);
  const x = m.get(0, 1).add(m.get(1, 0)).mul(half);
  const y = m.get(1, 0).sub(m.get(0, 1)).mul(half).mul(Scalar.I.neg()); // ½tr(σ_y M) = ½ i(m₀₁ − m₁₀)
  const z = m.get(0, 0).sub(m.get(1, 1)).mul(half);
  const s = sup(qubit);
  return joinPieces([
    { coef: a, latex: `I${s.l}`, text: `I${s.t}` },
    { coef: x, latex: `\\sigma_x${s.l}`, text: `σx${s.t}` },
    { coef: y, latex: `\\sigma_y${s.l}`, text: `σy${s.t}` },
    { coef: z, latex: `\\sigma_z${s.l}`, text: `σz${s.t}` },
  ]);
}

/**
 * A 2×2 operator in the ladder basis {I, σ_z, σ₊, σ₋}.
 * @example ladderLatex(ExactMatrix.fromRows([[0, 0], [1, 0]])) // => "\\sigma_+"
 */
export function ladderLatex(m: ExactMatrix, qubit?: number): string {
  return ladderForm(m, qubit).latex;
}

export function ladderForm(m: ExactMatrix, qubit?: number): { latex: string; text: string } {
  const half = Scalar.rational(1, 2);
  const s = sup(qubit);
  return joinPieces([
    { coef: m.get(0, 0).add(m.get(1, 1)).mul(half), latex: `I${s.l}`, text: `I${s.t}` },
    { coef: m.get(0, 0).sub(m.get(1, 1)).mul(half), latex: `\\sigma_z${s.l}`, text: `σz${s.t}` },
    { coef: m.get(1, 0), latex: `\\sigma_+${s.l}`, text: `σ₊${s.t}` },
    { coef: m.get(0, 1), latex: `\\sigma_-${s.l}`, text: `σ₋${s.t}` },
  ]);
}

/** Text and LaTeX of a Pauli string such as "XYI" → σx^(1)σy^(2). */
export function pauliStringForm(letters: string): { latex: string; text: string } {
  const supp = supportOf(letters);
  if (supp.length === 0) return { latex: 'I', text: 'I' };
  return {
    latex: supp.map((q) => `\\sigma_${letters[q - 1].toLowerCase()}^{(${q})}`).join(''),
    text: supp.map((q) => `σ${letters[q - 1].toLowerCase()}^(${q})`).join(''),
  };
}
