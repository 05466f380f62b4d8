/**
 * The JSON block `coherent` (paper §5) of the one JSON writer (report/json.ts): deterministic (no
 * timings); complex numbers as [re, im]; matrices as arrays of rows; exact values carry `latex`.
 */
import type { CoherentDerivation } from '../../coherent/derive.ts';
import type { LabelledValue } from '../../coherent/projection.ts';
import type { TheoremResults } from '../../theorems/derive-theorems.ts';
import type { CoherentErratum } from '../../coherent/errata.ts';
import { coherentErratumText } from '../sections/errata-text.ts';
import { generatorNormNoteText, inducedGapMethodText, orbitInitialMethodText, symmetryDefectNoteText, projectedKernelText, projectedSpectrumMethodText } from '../sections/derivation-text.ts';
import { coherentExplanationText } from '../sections/explanations.ts';
import { coherentTheoremsJson } from './theorems.ts';

function valueJson(v: LabelledValue): { value: [number, number]; latex: string; kind: string } {
  return { value: [v.numeric[0], v.numeric[1]], latex: v.latex, kind: v.kind };
}

/** A §5 erratum: its facts with the report's words, in the documented key order. */
function erratumJson(e: CoherentErratum): Record<string, unknown> {
  const t = coherentErratumText(e);
  return { id: e.id, location: t.location, stated: t.stated, derived: t.derived, residual: e.residual, residualNote: t.residualNote, likelyCause: t.likelyCause };
}

/** Largest p whose dense numeric Proj(A_d) rows go into the JSON. */
export const MAX_JSON_DENSE_DIM = 56;

/**
 * The JSON form of a coherent derivation (deterministic: no timings; complex numbers as [re, im];
 * matrices as arrays of rows; exact values carry `latex`).
 */
export function coherentToJson(modelName: string, dyn: CoherentDerivation, theorems: TheoremResults): { coherent: Record<string, unknown> } {
  const gen = dyn.generator;
  const p = dyn.components;
  const exactRows = dyn.projectedExact
    ? Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
      const s = dyn.projectedExact!.get(i, j);
      // symbolic entries (parameters without values) have no double: null
      const z = s.freeParams().every((x) => x in dyn.params) ? s.toComplex(dyn.params) : null;
      return { value: z ? [z[0], z[1]] : null, latex: s.toLatex() };
    }))
    : null;
  const numericRows = dyn.projectedDense && p <= MAX_JSON_DENSE_DIM
    ? Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => [dyn.projectedDense!.data[2 * (i * p + j)], dyn.projectedDense!.data[2 * (i * p + j) + 1]]))
    : null;
  return {
    coherent: {
      model: modelName,
      qubits: dyn.n,
      connected: dyn.connected,
      components: p,
      componentsFormula: dyn.componentsFormula,
      componentSizes: dyn.componentSizes,
      componentCounts: dyn.componentCounts,
      lambdaMin: {
        value: dyn.lambdaMin.value, latex: dyn.lambdaMin.latex, exact: dyn.lambdaMin.exact, method: inducedGapMethodText(dyn.lambdaMin.method),
        verification: dyn.lambdaMin.verification, citations: dyn.lambdaMin.citations,
      },
      projected: {
        dim: p,
        nonzeros: gen ? gen.csr.colIdx.length : null,
        sandwichTypes: gen ? gen.types.map((t) => ({ key: t.key, pairs: t.pairs.map(([a, b]) => `${'IXYZ'[a]}${'IXYZ'[b]}`), terms: t.terms, coef: t.coef })) : null,
        exact: exactRows,
        latex: dyn.projectedExact ? dyn.projectedExact.toLatex() : null,
        numeric: numericRows,
        indicatorBasisLatex: dyn.projectedIndicatorExact ? dyn.projectedIndicatorExact.toLatex() : null,
      },
      projectedSpectrum: dyn.spectrum ? {
        method: projectedSpectrumMethodText(dyn.spectrum.method), complete: dyn.spectrum.complete, relativeResidual: dyn.spectrum.relativeResidual,
        eigenvalues: dyn.spectrum.eigenvalues.map((e) => ({ ...valueJson(e), multiplicity: e.multiplicity })),
      } : null,
      steadyStates: dyn.steadyStates ? {
        dimension: dyn.steadyStates.dimension, kind: dyn.steadyStates.kind, note: projectedKernelText(dyn.steadyStates.method),
        basis: dyn.steadyStates.basis.map((v) => v.map(valueJson)),
      } : null,
      initial: { kind: dyn.initial.kind, method: orbitInitialMethodText(dyn.initial.method), values: dyn.initial.values.map(valueJson) },
      symmetryDefect: { value: valueJson(dyn.symmetryDefect.value), squared: valueJson(dyn.symmetryDefect.squared), note: symmetryDefectNoteText(dyn.symmetryDefect.note) },
      norm: dyn.norm ? { value: dyn.norm.value, kind: dyn.norm.kind, note: generatorNormNoteText(dyn.norm.note), bound: dyn.norm.bound, dense: dyn.norm.dense } : null,
      theorems: coherentTheoremsJson(theorems),
      errata: dyn.errata.map(erratumJson),
      citations: dyn.citations,
      explanations: dyn.explanations.map(coherentExplanationText),
      fig4: dyn.fig4,
    },
  };
}
