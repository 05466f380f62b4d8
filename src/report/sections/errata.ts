/** Section 7: errata — every place where the paper's stated formula or value disagrees with the derivation. */
import { counterexampleText } from './check-text.ts';
import type { Erratum } from '../../reduced/derive.ts';
import type { Derivation } from '../../derivation/derive.ts';
import type { CoherentErratum } from '../../coherent/errata.ts';
import type { TheoremCheck } from '../../theorems/checks.ts';
import { math, text, type ErratumRow, type Inline, type Section } from '../document.ts';
import { findUnsafeMath } from '../math-sanitizer.ts';
import { coherentErratumText, reducedErratumText, reducedResidualText } from './errata-text.ts';
import { numLatex, numText, prose, richText } from './format.ts';

/** Errata that hold for every model: the conventions where the paper's formulas are wrong. */
const CONVENTION_ERRATA: Array<ErratumRow & { id: string }> = ([
  {
    id: 'Ad-formula',
    where: [text('§5, formula for A_d below eq. 14')],
    stated: [text('−i(H ⊗ I − I ⊗ Hᵀ) + Σ γ_l (L_l† ⊗ L_l − …)')],
    derived: [text('−i(I ⊗ H − Hᵀ ⊗ I) + Σ γ_l (L̄_l ⊗ L_l − ½ I ⊗ L_l†L_l − ½ (L_l†L_l)ᵀ ⊗ I)')],
    residual: [text('wrong signs; '), math('L^\\dagger'), text(' in place of the entrywise conjugate '), math('\\bar L')],
    likelyCause: [text('row- and column-stacking mixed; wrong in either convention')],
  },
  {
    id: 'eq14-sign',
    where: [text('§5, eq. 14')],
    stated: [math('\\tfrac{d\\tilde y}{dt} = A\\tilde y + K_c Q_d \\tilde y')],
    derived: [math('\\tfrac{d\\tilde y}{dt} = A\\tilde y - K_c Q_d \\tilde y'), text(', '), math('Q_d \\succeq 0')],
    residual: [text('sign of the coupling term')],
    likelyCause: [text('K_c Σ a_jk (U_jk ⊗ U_jk − I) = −K_c Q_d; with + the coupling would amplify disagreement')],
  },
  {
    id: 'Pd-normalisation',
    where: [text('§5, definition of P_d')],
    stated: [text('[p_m]_k = 1/|V_m|')],
    derived: [text('[p_m]_k = 1/√|V_m| (orthonormal columns)')],
    residual: [math('P_d^\\top P_d = \\operatorname{diag}(1/|\\mathbb V_m|) \\neq I')],
    likelyCause: [text('normalisation: eq. 13 needs P_dᵀP_d = I')],
  },
  {
    id: 'bloch-half',
    where: [text('§2, footnote on the Bloch vector')],
    stated: [text('ρ = I + xσ_x + yσ_y + zσ_z')],
    derived: [text('ρ = ½(I + xσ_x + yσ_y + zσ_z)')],
    residual: [text('factor '), math('\\tfrac12'), text(' (trace 2 instead of 1)')],
    likelyCause: [text('dropped ½')],
  },
] as Array<ErratumRow & { id: string }>).map((r) => ({
  id: r.id,
  where: r.where.flatMap(rich), stated: r.stated.flatMap(rich), derived: r.derived.flatMap(rich), residual: r.residual.flatMap(rich), likelyCause: r.likelyCause.flatMap(rich),
}));

function rich(piece: Inline): Inline[] {
  return piece.kind === 'text' ? richText(piece.text) : [piece];
}

/** §4's errata of a derivation: those about this model's stated values, then those of the proofs of Theorems 1–2. */
export function reducedErrata(d: Derivation): Erratum[] {
  return [...d.reduced.errata.map(reducedErratumText), ...d.theorems.proofErrata];
}

/** LaTeX of the matrices behind the exact errata, where the derivation has them. */
export interface ErrataMatrices {
  readonly [id: string]: { readonly stated?: string; readonly derived?: string } | undefined;
}

/** Ids of the reduced derivation's errata that are about the paper's proofs, not this model's values. */
export const PROOF_ERRATA: ReadonlySet<string> = new Set(['theorem1-kernel', 'mean-bound', 'theorem2-D', 'theorem1-t0', 'theorem2-m', 'definition-1']);

export function errataSection(errata: readonly Erratum[], checks: readonly TheoremCheck[], matrices: ErrataMatrices = {}, coherent: readonly CoherentErratum[] = []): Section {
  const cell = (latex: string | undefined, fallback: string): Inline[] => (latex !== undefined && findUnsafeMath(latex).length === 0 ? [math(latex)] : richText(fallback));
  const row = (e: Erratum): ErratumRow => ({
    where: richText(e.location),
    stated: cell(matrices[e.id]?.stated, e.stated),
    derived: cell(matrices[e.id]?.derived, e.derived),
    residual: prose(reducedResidualText(e.residual)),
    likelyCause: richText(e.likelyCause),
  });
  const specific: ErratumRow[] = errata.filter((e) => !PROOF_ERRATA.has(e.id)).map(row);
  for (const c of checks) {
    if (c.counterexample) {
      specific.push({
        where: [text(`Theorem ${c.theorem.slice(1)}`)],
        stated: [...richText(`error ≤ bound at K_c* = ${numText(c.KcStar)}`)],
        derived: [...richText(`error ${numText(c.counterexample.value)} at t = ${numText(c.counterexample.t)}`)],
        residual: [...richText(`bound ${numText(c.counterexample.bound)}`)],
        likelyCause: [text(counterexampleText(c.counterexample))],
      });
    }
  }
  const general: ErratumRow[] = errata.filter((e) => PROOF_ERRATA.has(e.id)).map(row);
  for (const e of coherent) {
    const t = coherentErratumText(e);
    general.push({
      where: richText(t.location),
      stated: prose(t.stated),
      derived: prose(t.derived),
      residual: e.residual === null ? prose(t.residualNote || '—') : [math(numLatex(e.residual, 3)), text(' (numeric) '), ...prose(t.residualNote)],
      likelyCause: prose(t.likelyCause),
    });
  }
  const covered = new Set<string>(coherent.map((e) => e.id));
  for (const r of CONVENTION_ERRATA) {
    if (!covered.has(r.id)) general.push({ where: r.where, stated: r.stated, derived: r.derived, residual: r.residual, likelyCause: r.likelyCause });
  }
  return {
    title: [text('Errata')],
    label: 'sec:errata',
    blocks: [
      { kind: 'paragraph', content: [text('Every place where the paper’s stated formula or value disagrees with this derivation: first the values stated for this model (and any counterexample found), then the errors in the paper’s general formulas and proofs, each re-derived and, where numeric, demonstrated on this model.')] },
      ...(specific.length > 0
        ? [{ kind: 'errata' as const, rows: specific, caption: [text('Errata in the values the paper states for this model (exact unless a residual is labelled numeric).')], label: 'tab:errata' }]
        : [{ kind: 'paragraph' as const, content: [text('No disagreement with a value the paper states for this model was found.')] }]),
      { kind: 'errata', rows: general, caption: [text('Errata in the paper’s general formulas and proofs.')], label: 'tab:errata-general' },
    ],
  };
}
