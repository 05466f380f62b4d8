import { countBuild } from '../core/build-count.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { supportOf } from '../algebra/pauli.ts';
import { ladderForm, pauliStringForm, restrictToQubit } from './local-operator.ts';

/**
 * Paper Assumption 1 (separability), decided exactly on the canonical Pauli expansions:
 *   H = Σ_j H_j^(j)  ⇔  every Pauli string of H with a nonzero coefficient acts on at most one qubit
 * (Pauli strings are linearly independent, so a two-qubit string cannot cancel against local ones), and
 *   every Lindblad operator L_l acts on one qubit  ⇔  the union of the supports of its strings has at
 * most one qubit.
 * Identity components are harmless: [cI, ρ] = 0 removes them from H, and for a jump operator
 * D(L + cI)ρ = D(L)ρ − i[(i/2)(c̄L − cL†), ρ] only adds a Hamiltonian correction on the same qubit, so
 * L + cI acts on the qubit L acts on (and D(cI) = 0 altogether).
 * When the test fails, each offending term is named, and the analysis to use is the blended coherent
 * dynamics of paper §5 (eq. 17), which needs no separability.
 */
export interface SeparabilityViolation {
  readonly kind: 'hamiltonian-coupling' | 'collective-lindblad' | 'multi-qubit-lindblad';
  /** The offending Pauli string or operator, plain text (e.g. "σx^(1)σy^(2)"). */
  readonly term: string;
  readonly termLatex: string;
  readonly qubits: readonly number[];
  /** Index of the Lindblad channel (0-based), for Lindblad violations. */
  readonly channel?: number;
  readonly message: string;
}

export interface SeparabilityVerdict {
  readonly separable: boolean;
  /** One-sentence verdict. */
  readonly reason: string;
  readonly violations: readonly SeparabilityViolation[];
  /** Remarks that do not break separability (identity components, channels with no effect). */
  readonly notes: readonly string[];
  /** Which qubit each channel acts on (null: identity only, no effect; undefined entries when non-separable). */
  readonly channelQubit: readonly (number | null)[];
}

export interface SeparabilityInput {
  readonly qubits: number;
  readonly hamiltonian: PauliSum;
  readonly lindblad: readonly { readonly operator: PauliSum; readonly rate: unknown; readonly label?: string }[];
}

function qubitList(qs: readonly number[]): string {
  if (qs.length === 2) return `qubits ${qs[0]} and ${qs[1]}`;
  return `qubits ${qs.slice(0, -1).join(', ')} and ${qs[qs.length - 1]}`;
}

/** L₁, L₂, … with subscript digits, or the file's label. */
export function channelName(index: number, label?: string): string {
  if (label) return label;
  const sub = String(index + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
  return `L${sub}`;
}

/**
 * Decides Assumption 1 for H and the Lindblad operators.
 * @example checkSeparability({ qubits: 2, hamiltonian: PauliSum.string('XY'), lindblad: [] }).separable // => false
 */
export function checkSeparability(model: SeparabilityInput): SeparabilityVerdict {
  countBuild('checkSeparability');
  const violations: SeparabilityViolation[] = [];
  const notes: string[] = [];
  for (const t of model.hamiltonian.terms()) {
    const supp = supportOf(t.letters);
    if (supp.length === 0) {
      notes.push(`H has an identity component (${t.coef.toString()})·I; it commutes with every ρ, so it drops out of −i[H, ρ] and is harmless`);
      continue;
    }
    if (supp.length > 1) {
      const f = pauliStringForm(t.letters);
      violations.push({
        kind: 'hamiltonian-coupling', term: f.text, termLatex: f.latex, qubits: supp,
        message: `${f.text} couples ${qubitList(supp)}: H is not a sum of single-qubit terms H_j^(j), so the partial trace of −i[H, ρ] over the other qubits involves their joint state`,
      });
    }
  }
  const channelQubit: (number | null)[] = [];
  model.lindblad.forEach((ch, l) => {
    const name = channelName(l, ch.label);
    const terms = ch.operator.terms();
    const supports = terms.map((t) => supportOf(t.letters));
    const union = [...new Set(supports.flat())].sort((a, b) => a - b);
    if (union.length === 0) {
      notes.push(`${name} is a multiple of the identity: D(cI) = 0, so the channel has no effect`);
      channelQubit.push(null);
      return;
    }
    if (union.length === 1) {
      if (supports.some((s) => s.length === 0)) {
        notes.push(`${name} has an identity component; D(L + cI) = D(L) − i[(i/2)(c̄L − cL†), ·] is still local to qubit ${union[0]}, so it is harmless`);
      }
      channelQubit.push(union[0]);
      return;
    }
    channelQubit.push(null);
    const multi = terms.find((_, k) => supports[k].length > 1);
    if (multi) {
      const f = pauliStringForm(multi.letters);
      const supp = supportOf(multi.letters);
      violations.push({
        kind: 'multi-qubit-lindblad', term: f.text, termLatex: f.latex, qubits: supp, channel: l,
        message: `${name} contains ${f.text}, which acts on ${qubitList(supp)} jointly: it is not a single-qubit jump operator`,
      });
      return;
    }
    // A sum of local pieces on different qubits: a collective jump operator. D(L) = Σ_{a,b} L_aρL_b† − …
    // has the cross terms L_a^(a) ρ L_b^(b)† (a ≠ b), which correlate the qubits.
    const [a, b] = union;
    const pa = ladderForm(restrictToQubit(ch.operator, a).toMatrix(), a);
    const pb = ladderForm(restrictToQubit(ch.operator, b).toMatrix().dagger(), b);
    const wrap = (s: string): string => (/[+\-]/.test(s.slice(1)) ? `(${s})` : s);
    const cross = `${wrap(pa.text)}ρ${wrap(pb.text)}`;
    const crossLatex = `${/[+-]/.test(pa.latex.slice(1)) ? `\\left(${pa.latex}\\right)` : pa.latex}\\rho${/[+-]/.test(pb.latex.slice(1)) ? `\\left(${pb.latex}\\right)` : pb.latex}`;
    violations.push({
      kind: 'collective-lindblad', term: cross, termLatex: crossLatex, qubits: union, channel: l,
      message: `${name} acts on ${qubitList(union)} as a sum of local pieces (collective): D(${name}) has cross terms such as ${cross}, so it is not a sum of single-qubit dissipators`,
    });
  });
  const separable = violations.length === 0;
  const reason = separable
    ? 'Assumption 1 holds: every Pauli term of H acts on at most one qubit and every Lindblad operator acts on a single qubit, so eq. 5 is exact.'
    : `Assumption 1 fails: ${violations.map((v) => v.message).join('; ')}. The blended reduced-state dynamics (eq. 6) and Theorems 1–2 do not apply; use the blended coherent dynamics of §5 (eq. 17, Theorems 3–4), which needs no separability.`;
  return { separable, reason, violations, notes, channelQubit };
}
