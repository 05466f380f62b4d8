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
 * The verdict, its violations and notes are facts; the report writes their sentences
 * (src/report/sections/derivation-text.ts).
 */
export interface SeparabilityViolation {
  /**
   * hamiltonian-coupling: a Pauli string of H on several qubits; multi-qubit-lindblad: a Lindblad
   * operator containing such a string; collective-lindblad: a sum of local pieces on different qubits,
   * whose dissipator has the cross term `term`.
   */
  readonly kind: 'hamiltonian-coupling' | 'collective-lindblad' | 'multi-qubit-lindblad';
  /** The offending Pauli string or operator, plain text (e.g. "σx^(1)σy^(2)"). */
  readonly term: string;
  readonly termLatex: string;
  readonly qubits: readonly number[];
  /** Index of the Lindblad channel (0-based), for Lindblad violations. */
  readonly channel?: number;
  /** The channel's name (`channelName`), for Lindblad violations. */
  readonly channelName?: string;
}

/** A remark that does not break separability. */
export type SeparabilityNote =
  /** H has the identity component (`coefficient`, plain text)·I, which drops out of −i[H, ρ]. */
  | { readonly kind: 'hamiltonian-identity'; readonly coefficient: string }
  /** A Lindblad operator that is a multiple of the identity: D(cI) = 0. */
  | { readonly kind: 'identity-channel'; readonly channelName: string }
  /** A Lindblad operator on `qubit` with an identity component, still local to that qubit. */
  | { readonly kind: 'channel-identity-component'; readonly channelName: string; readonly qubit: number };

export interface SeparabilityVerdict {
  readonly separable: boolean;
  readonly violations: readonly SeparabilityViolation[];
  /** Remarks that do not break separability (identity components, channels with no effect). */
  readonly notes: readonly SeparabilityNote[];
  /** Which qubit each channel acts on (null: identity only, no effect; undefined entries when non-separable). */
  readonly channelQubit: readonly (number | null)[];
}

export interface SeparabilityInput {
  readonly qubits: number;
  readonly hamiltonian: PauliSum;
  readonly lindblad: readonly { readonly operator: PauliSum; readonly rate: unknown; readonly label?: string }[];
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
  const notes: SeparabilityNote[] = [];
  for (const t of model.hamiltonian.terms()) {
    const supp = supportOf(t.letters);
    if (supp.length === 0) {
      notes.push({ kind: 'hamiltonian-identity', coefficient: t.coef.toString() });
      continue;
    }
    if (supp.length > 1) {
      const f = pauliStringForm(t.letters);
      violations.push({ kind: 'hamiltonian-coupling', term: f.text, termLatex: f.latex, qubits: supp });
    }
  }
  const channelQubit: (number | null)[] = [];
  model.lindblad.forEach((ch, l) => {
    const name = channelName(l, ch.label);
    const terms = ch.operator.terms();
    const supports = terms.map((t) => supportOf(t.letters));
    const union = [...new Set(supports.flat())].sort((a, b) => a - b);
    if (union.length === 0) {
      notes.push({ kind: 'identity-channel', channelName: name });
      channelQubit.push(null);
      return;
    }
    if (union.length === 1) {
      if (supports.some((s) => s.length === 0)) {
        notes.push({ kind: 'channel-identity-component', channelName: name, qubit: union[0] });
      }
      channelQubit.push(union[0]);
      return;
    }
    channelQubit.push(null);
    const multi = terms.find((_, k) => supports[k].length > 1);
    if (multi) {
      const f = pauliStringForm(multi.letters);
      const supp = supportOf(multi.letters);
      violations.push({ kind: 'multi-qubit-lindblad', term: f.text, termLatex: f.latex, qubits: supp, channel: l, channelName: name });
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
    violations.push({ kind: 'collective-lindblad', term: cross, termLatex: crossLatex, qubits: union, channel: l, channelName: name });
  });
  return { separable: violations.length === 0, violations, notes, channelQubit };
}
