import { countBuild } from '../core/build-count.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { Scalar } from '../algebra/scalar.ts';
import { dissipatorSuperop, hamiltonianSuperop } from '../algebra/superop.ts';
import { ladderForm, pauliForm, restrictToQubit } from './local-operator.ts';
import { type SeparabilityInput, type SeparabilityVerdict, checkSeparability } from './separability.ts';

/**
 * The local generators of paper eq. 5 and the blended generator of eq. 6, exactly, as 4×4
 * superoperators on vec(ρ) (column stacking, CONVENTIONS.md: vec(AXB) = (Bᵀ⊗A)vec X):
 *   𝓛_j ρ = −i[H_j, ρ] + Σ_{l on qubit j} γ_l D(L_{l,j})ρ,
 *   𝓛̄ = (1/n) Σ_j 𝓛_j,  i.e.  𝓛̄ρ = −i[H̄, ρ] + Σ_l (γ_l/n) D(L_{l,j(l)})ρ,  H̄ = (1/n) Σ_j H_j.
 * This average of generators is what Example 1 (eq. 9) and the proofs (eq. 26: 𝓛̄ = (1/n)Σ𝓛_j) use.
 * Definition 1 as printed instead writes γ_l D(L̄_l) with L̄_l = (1/n)Σ_j L_{l,j}; D is quadratic in
 * L, so for a single-qubit L_l it gives (γ_l/n²) D(L_{l,j}) — `definition1Literal` computes that form
 * so the difference can be reported.
 */

/** One single-qubit channel γ D(L) of a local generator. */
export interface LocalChannel {
  /** Index of the model's channel (0-based). */
  readonly index: number;
  readonly rate: Scalar;
  /** L_{l,j} as a 2×2 matrix. */
  readonly operator: ExactMatrix;
}

/** What the generators need from a `NetworkModel`. */
export interface GeneratorInput extends SeparabilityInput {
  readonly lindblad: readonly { readonly operator: PauliSum; readonly rate: Scalar; readonly label?: string }[];
}

/** 𝓛_j of eq. 5 for qubit j. */
export interface LocalGenerator {
  readonly qubit: number;
  /** H_j as a 2×2 matrix (identity component dropped: it commutes with everything). */
  readonly hamiltonian: ExactMatrix;
  readonly channels: readonly LocalChannel[];
  /** The 4×4 superoperator 𝓛_j. */
  readonly superop: ExactMatrix;
  /** "\mathcal{L}_j\rho = …". */
  readonly latex: string;
}

export interface BlendedGenerator {
  readonly n: number;
  /** H̄ = (1/n)Σ_j H_j. */
  readonly hamiltonian: ExactMatrix;
  readonly hamiltonianLatex: string;
  /** The averaged dissipators (γ_l/n) D(L_{l,j}) (or (γ_l/n²) for the literal Definition 1). */
  readonly dissipators: readonly LocalChannel[];
  /** The exact 4×4 superoperator. */
  readonly superop: ExactMatrix;
  /** Closed form of the generator's action, e.g. "-\mathrm{i}[\bar H, \rho] + \frac{1}{3}\mathcal{D}(\sigma_-)\rho". */
  readonly actionLatex: string;
  readonly actionText: string;
}

function coefLatex(c: Scalar): string {
  if (c.isOne()) return '';
  return c.needsParentheses() ? `\\left(${c.toLatex()}\\right)` : c.toLatex();
}

function coefText(c: Scalar): string {
  if (c.isOne()) return '';
  const s = c.toString();
  return /[ +]/.test(s) ? `(${s})` : s;
}

/** −i[H, ρ] + Σ c D(L)ρ as LaTeX and text, H given as its LaTeX. */
function actionForms(hLatex: string, hText: string, hZero: boolean, dissipators: readonly LocalChannel[]): { latex: string; text: string } {
  const partsL: string[] = [];
  const partsT: string[] = [];
  if (!hZero) {
    partsL.push(`-\\mathrm{i}\\left[${hLatex}, \\rho\\right]`);
    partsT.push(`-i[${hText}, ρ]`);
  }
  for (const d of dissipators) {
    const f = ladderForm(d.operator);
    partsL.push(`${coefLatex(d.rate)}\\mathcal{D}\\left(${f.latex}\\right)\\rho`);
    const ct = coefText(d.rate);
    partsT.push(`${ct}${ct ? '·' : ''}D(${f.text})ρ`);
  }
  if (partsL.length === 0) return { latex: '0', text: '0' };
  return { latex: partsL.join(' + ').replace(/\+ -/g, '- '), text: partsT.join(' + ').replace(/\+ -/g, '- ') };
}

/** 2×2 matrix of a 1-qubit Pauli expansion without its identity component. */
function tracelessPart(p: PauliSum): ExactMatrix {
  const m = p.toMatrix();
  const half = m.trace().mul(Scalar.rational(1, 2));
  return m.sub(ExactMatrix.identity(2).scale(half));
}

/**
 * The local generators 𝓛_1…𝓛_n of eq. 5. Throws when Assumption 1 fails (call `checkSeparability`
 * first to get the explanation).
 * @example localGenerators({ qubits: 1, hamiltonian: PauliSum.local(1, 1, 'z'), lindblad: [] })[0].superop.get(1, 1).toString() // => "2*i"
 */
export function localGenerators(model: GeneratorInput, verdict: SeparabilityVerdict = checkSeparability(model)): LocalGenerator[] {
  countBuild('localGenerators');
  if (!verdict.separable) throw new TypeError(`local generators need Assumption 1, which fails on ${verdict.violations.map((v) => v.term).join(', ')}`);
  const out: LocalGenerator[] = [];
  for (let j = 1; j <= model.qubits; j++) {
    const h = tracelessPart(restrictToQubit(model.hamiltonian, j));
    const channels: LocalChannel[] = [];
    model.lindblad.forEach((ch, l) => {
      if (verdict.channelQubit[l] === j) channels.push({ index: l, rate: ch.rate, operator: restrictToQubit(ch.operator, j).toMatrix() });
    });
    let superop = hamiltonianSuperop(h);
    for (const c of channels) superop = superop.add(dissipatorSuperop(c.operator).scale(c.rate));
    const hf = pauliForm(h);
    const f = actionForms(hf.latex, hf.text, h.isZero(), channels);
    out.push({ qubit: j, hamiltonian: h, channels, superop, latex: `\\mathcal{L}_{${j}}\\rho = ${f.latex}` });
  }
  return out;
}

/** Shared construction of eq. 6 with a given dissipator weight (1/n: the average; 1/n²: Definition 1 literally). */
function blend(locals: readonly LocalGenerator[], dissipatorWeight: Scalar): BlendedGenerator {
  const n = locals.length;
  const inv = Scalar.rational(1, n);
  let h = ExactMatrix.zeros(2);
  for (const g of locals) h = h.add(g.hamiltonian);
  h = h.scale(inv);
  const dissipators: LocalChannel[] = locals
    .flatMap((g) => g.channels)
    .sort((a, b) => a.index - b.index)
    .map((c) => ({ index: c.index, rate: c.rate.mul(dissipatorWeight), operator: c.operator }));
  let superop = hamiltonianSuperop(h);
  for (const d of dissipators) superop = superop.add(dissipatorSuperop(d.operator).scale(d.rate));
  const hf = pauliForm(h);
  const hl = /[+-]/.test(hf.latex.slice(1)) ? hf.latex : hf.latex;
  const f = actionForms('\\bar{H}', 'H̄', h.isZero(), dissipators);
  return {
    n, hamiltonian: h, hamiltonianLatex: `\\bar{H} = ${hl}`, dissipators, superop,
    actionLatex: `\\bar{\\mathcal{L}}\\rho = ${f.latex}`, actionText: `L̄ρ = ${f.text}`,
  };
}

/**
 * The blended generator of eq. 6 in the form eq. 9 and the proofs use: 𝓛̄ = (1/n)Σ_j 𝓛_j.
 * @example blendedGenerator(localGenerators({ qubits: 2, hamiltonian: PauliSum.local(2, 1, 'z'), lindblad: [] })).hamiltonianLatex // => "\\bar{H} = \\frac{1}{2}\\sigma_z"
 */
export function blendedGenerator(locals: readonly LocalGenerator[]): BlendedGenerator {
  countBuild('blendedGenerator');
  return blend(locals, Scalar.rational(1, locals.length));
}

/**
 * Definition 1 read literally: −i[H̄, ρ] + Σ_l γ_l D(L̄_l)ρ with L̄_l = (1/n)Σ_j L_{l,j}. For a
 * single-qubit L_l (the only kind Assumption 1 allows) L̄_l = L_{l,j}/n, so the dissipator carries
 * γ_l/n² instead of γ_l/n: same H̄, dissipation n times weaker.
 */
export function definition1Literal(locals: readonly LocalGenerator[]): BlendedGenerator {
  const n = locals.length;
  return blend(locals, Scalar.rational(1, n * n));
}

/**
 * ρ_b(0) = (1/n) Σ_j ρ_j(0) (Definition 1's initial condition).
 * @example blendedInitial([ExactMatrix.fromRows([[1, 0], [0, 0]]), ExactMatrix.fromRows([[0, 0], [0, 1]])]).toString() // => "[[1/2, 0], [0, 1/2]]"
 */
export function blendedInitial(reduced: readonly ExactMatrix[]): ExactMatrix {
  let acc = ExactMatrix.zeros(2);
  for (const r of reduced) acc = acc.add(r);
  return acc.scale(Scalar.rational(1, reduced.length));
}
