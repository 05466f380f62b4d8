/**
 * The sentences of Theorems 1–4's hypotheses and verdicts, written from the facts that src/theorems
 * returns (STYLE.md §7, "Facts below, sentences above"): each applicability check's name and detail,
 * and the theorem's reason. The JSON writer and the theorems section both call these, so
 * `theorems.T1.reason` and the rendered paragraph say the same.
 */
import type { WindowSource } from '../../reduced/derive.ts';
import type { ConstantSource, SourceFact } from '../../theorems/common.ts';
import type { TheoremKey } from '../../theorems/derive-theorems.ts';
import type { ApplicabilityCheck, TheoremOutcome } from '../../theorems/theorem1.ts';
import { lambdaMinNoteText, separabilityReasonText, sourceFactText } from './derivation-text.ts';
import { relaxingReasonText } from './explanations.ts';

/**
 * The name of a hypothesis as a theorem states it.
 * @example checkName('T1', { id: 'eta', holds: true, eta: '1/20', source: 'study-block' }) // => "η > 0 given"
 */
export function checkName(theorem: TheoremKey, c: ApplicabilityCheck): string {
  switch (c.id) {
    case 'separability': return 'Assumption 1 (separability)';
    case 'product-initial-state': return 'Assumption 1 (product initial state)';
    case 'connected-graph': return 'connected graph (λ_m(Q) > 0)';
    case 'relaxing': return 'blended dynamics (6) relaxing';
    case 'relaxing-not-required': return 'relaxing (not required)';
    case 'eta': return theorem === 'T1' ? 'η > 0 given' : 'η > 0';
    case 'numeric-parameters': return 'numeric parameter values';
    case 'window': return 'T₂ ≥ T₁ > 0';
    case 't1-positive': return 'T₁ > 0';
    case 'coherent-connected-graph': return 'connected graph';
    case 'lambda-m-qd': return 'λ_m(Q_d) > 0';
  }
}

/**
 * Where η, T₁, T₂ come from.
 * @example windowSourceText('defaults') // => "η from the study block; T₁ = 1, T₂ = 10 by default where the study block gives none"
 */
export function windowSourceText(s: WindowSource): string {
  return s === 'study-block' ? 'study block' : 'η from the study block; T₁ = 1, T₂ = 10 by default where the study block gives none';
}

/**
 * What was found for a hypothesis on this model.
 * @example checkDetail('T2', { id: 'window', holds: true, T1: '1', T2: '10', source: 'study-block' }) // => "T₁ = 1, T₂ = 10 (study block)"
 */
export function checkDetail(theorem: TheoremKey, c: ApplicabilityCheck): string {
  switch (c.id) {
    case 'separability': return separabilityReasonText({ separable: c.violations.length === 0, violations: c.violations });
    case 'product-initial-state': {
      const unused = 'the proof only uses eq. 5 (exact for every ρ) and ‖ρ_j‖_F ≤ 1, so this clause is not actually needed';
      switch (c.how) {
        case 'stated': return 'ρ(0) is given as a product state';
        case 'factorises': return 'ρ(0) is a product state: its ket-bra form equals the tensor product ρ₁ ⊗ … ⊗ ρ_n of its reduced states (exact)';
        case 'not-product': return `ρ(0) is not a product state: it differs from the tensor product of its reduced states (exact); ${unused}`;
        case 'undecided': return `whether ρ(0) is a product state is not decided (a ket-bra form beyond the exact test's size, or no reduced states); ${unused}`;
      }
    }
    case 'connected-graph': return c.holds ? `λ_m(Q) = ${c.lambdaMinExact ?? c.lambdaMinNumeric}` : lambdaMinNoteText(c.note);
    case 'relaxing': return c.reason ? relaxingReasonText(c.reason) : 'no blended dynamics without Assumption 1';
    case 'relaxing-not-required': return 'Theorem 2 does not need (6) to be relaxing: it tracks ρ_b(t) on a finite window, orbits included';
    case 'eta': return c.eta !== null ? `η = ${c.eta} (${windowSourceText(c.source)})` : theorem === 'T1' ? 'no η in the study block' : 'no η given';
    case 'numeric-parameters':
      if (c.valuesGiven) return 'all parameters have values';
      if (theorem === 'T1') return `symbolic parameters without values: ${c.free.join(', ')} (the constants are numeric)`;
      if (theorem === 'T2') return `symbolic parameters without values: ${c.free.join(', ')}`;
      return 'symbolic parameters without values: only the exact Proj(A_d) is derived';
    case 'window': return c.T1 !== null && c.T2 !== null ? `T₁ = ${c.T1}, T₂ = ${c.T2} (${windowSourceText(c.source)})` : 'T₁, T₂ not given';
    case 't1-positive': return c.T1 !== null ? `T₁ = ${c.T1} (${windowSourceText(c.source)})` : 'T₁ not given';
    case 'coherent-connected-graph':
      return c.holds
        ? 'G is connected: the components of G_d are the S_n-orbits, eq. 13 holds and λ_m(Q_d) > 0'
        : `G has ${c.components} components: eq. 13 (P_dP_dᵀ = 𝒫_*) fails and λ_m(Q) is not defined for the theorems`;
    case 'lambda-m-qd': return c.latex !== null ? `λ_m(Q_d) = λ_m(Q) = ${c.latex}` : lambdaMinNoteText(c.note);
  }
}

/** A check as the JSON reports it: `{ name, holds, detail }`. */
export function checkJson(theorem: TheoremKey, c: ApplicabilityCheck): { name: string; holds: boolean | null; detail: string } {
  return { name: checkName(theorem, c), holds: c.holds, detail: checkDetail(theorem, c) };
}

const APPLIES: Record<TheoremKey, string> = {
  T1: 'Theorem 1 applies: Assumption 1 holds, the graph is connected and the blended dynamics is relaxing.',
  T2: 'Theorem 2 applies: Assumption 1 holds, the graph is connected, and η, T₁ ≤ T₂ are given.',
  T3: 'Theorem 3 applies: the graph is connected and η, T₁ ≤ T₂ are given.',
  T4: 'Theorem 4 applies: the graph is connected and η, T₁ are given.',
};

/** Theorems 3–4 do not assume Assumption 1, so only Theorems 1–2 can fail on it. */
const ASSUMPTION_1_FAILS: Partial<Record<TheoremKey, string>> = {
  T1: 'Theorem 1 does not apply: Assumption 1 fails, so there is no blended reduced-state dynamics; see the coherent analysis (§5, Theorems 3–4).',
  T2: 'Theorem 2 does not apply: Assumption 1 fails; see the coherent analysis (§5, Theorem 3).',
};

/** Whether a theorem applies and why, from its checks and outcome. */
export function theoremReason(theorem: TheoremKey, t: { readonly checks: readonly ApplicabilityCheck[]; readonly outcome: TheoremOutcome }): string {
  const number = theorem.slice(1);
  const o = t.outcome;
  switch (o.kind) {
    case 'applies': return APPLIES[theorem];
    case 'assumption-1-fails': {
      const sentence = ASSUMPTION_1_FAILS[theorem];
      if (sentence === undefined) throw new Error(`Theorem ${number} does not assume Assumption 1`);
      return sentence;
    }
    case 'hypotheses-fail': {
      const failed = o.failed.map((id) => {
        const c = t.checks.find((x) => x.id === id);
        if (!c) throw new Error(`Theorem ${number}: no check '${id}'`);
        return `${checkName(theorem, c)} — ${checkDetail(theorem, c)}`;
      });
      return `Theorem ${number} does not apply: ${failed.join('; ')}.`;
    }
    case 'needs-parameter-values': return `Theorem ${number}'s constants need numeric parameter values (free: ${o.free.join(', ')}); μ and ρ_r are given as formulas above.`;
    case 'lc-undefined':
      return `Theorem ${number}'s constant L_c does not exist at the exact rate μ: ${o.note}. The proof's bound ‖…‖ ≤ L_c e^{−μt} fails for a defective decaying eigenvalue (t e^{−μt}); it holds with any μ' < μ instead.`;
  }
}

/**
 * A theorem constant's provenance in words: the theorem's own text, with the §4/§5 facts it cites written in place.
 * @example constantSourceText(['graph spectrum: ', { kind: 'lambda-closed-form', family: 'complete' }]) // => "graph spectrum: closed form for the complete family"
 */
export function constantSourceText(s: ConstantSource): string {
  // Array.isArray does not narrow a readonly array type, hence the one cast.
  const parts = (Array.isArray(s) ? s : [s]) as readonly (string | SourceFact)[];
  return parts.map((x) => (typeof x === 'string' ? x : sourceFactText(x))).join('');
}
