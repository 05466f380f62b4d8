import type { ExactMatrix } from '../../algebra/matrix.ts';
import type { Scalar } from '../../algebra/scalar.ts';
import type { Erratum, ReducedDerivation, GeneratorAnalysis } from '../../reduced/derive.ts';
import type { SteadyAnalysis } from '../../reduced/steady.ts';
import { initialIssueText, invariantSubspaceText, lambdaMinNoteText, muRuleText, separabilityNoteText, separabilityReasonText, separabilityViolationText } from '../sections/derivation-text.ts';
import { reducedErratumText, reducedResidualText } from '../sections/errata-text.ts';
import { conditionText, realPartRuleText, reducedExplanationText, relaxingReasonText } from '../sections/explanations.ts';

/**
 * The JSON block `reduced` (paper §4) of the one JSON writer (report/json.ts), which adds `theorems`,
 * the proof errata and the constants' explanations. Plain, deterministic data. Complex numbers are
 * [re, im], matrices arrays of rows; exact values carry `exact` (plain text) and `latex`, and a
 * numeric `value` when they are constant; numeric-only values are labelled `kind: "numeric"`.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function scalarJson(x: Scalar): Json {
  const constant = x.freeParams().length === 0;
  return { exact: x.toString(), latex: x.toLatex(), value: constant ? x.toComplex() : null };
}

export function matrixJson(m: ExactMatrix): Json {
  const constant = m.freeParams().length === 0;
  const exact: Json[] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: Json[] = [];
    for (let j = 0; j < m.cols; j++) row.push(m.get(i, j).toString());
    exact.push(row);
  }
  return { exact, latex: m.toLatex(), value: constant ? m.toComplexRows() : null };
}

export function steadyJson(s: SteadyAnalysis): Record<string, Json> {
  const st = s.steadyStates;
  const steadyStates: Json =
    st.kind === 'unique'
      ? { kind: 'unique', rho: matrixJson(st.rho), hermitian: st.hermitian, psd: st.psd, conditions: st.conditions.map(conditionText) }
      : st.kind === 'family'
        ? { kind: 'family', particular: matrixJson(st.particular), directions: st.directions.map(matrixJson), range: st.range ?? null, conditions: st.conditions.map(conditionText) }
        : { kind: 'none', conditions: [] };
  return {
    steadyStates,
    kernelDimension: s.kernelDimension,
    spectrum: {
      characteristicPolynomial: { latex: s.charpolyLatex, text: s.charpoly.toString() },
      complete: s.spectrumComplete,
      sampleParams: s.sampleParams ?? null,
      eigenvalues: s.spectrum.map((e) => ({
        latex: e.latex, exact: e.exact ? e.exact.toString() : null, numeric: e.numeric, multiplicity: e.multiplicity, kind: e.kind,
        radius: e.radius ?? null,
        realPart: { exact: e.realPart.exact ? e.realPart.exact.toString() : null, latex: e.realPart.latex, numeric: e.realPart.numeric, rule: e.realPart.rule ? realPartRuleText(e.realPart.rule) : null },
        onImaginaryAxis: e.onImaginaryAxis,
      })),
    },
    mu: {
      defined: s.mu.defined, exact: s.mu.exact ? s.mu.exact.toString() : null, latex: s.mu.latex, value: s.mu.numeric, rule: muRuleText(s.mu.rule),
      conditions: s.mu.conditions.map(conditionText), regions: s.mu.regions.map((r) => ({ candidate: r.candidate, condition: r.condition })), candidates: s.mu.candidates.map((c) => ({ exact: c.exact ? c.exact.toString() : null, latex: c.latex, value: c.numeric })),
    },
    relaxing: { verdict: s.relaxing.verdict, reason: relaxingReasonText(s.relaxing.reason), conditions: s.relaxing.conditions.map(conditionText) },
    invariantSubspace: {
      dimension: s.invariantSubspace.dimension, whole: s.invariantSubspace.whole, note: invariantSubspaceText(s.invariantSubspace),
      basis: s.invariantSubspace.basis.map(matrixJson),
    },
    jordan: { m: s.jordan.m, imaginaryAxis: s.jordan.imaginaryAxis.map((r) => ({ ...r })) },
  };
}

export function generatorJson(g: GeneratorAnalysis): Record<string, Json> {
  return {
    hamiltonian: { ...(matrixJson(g.generator.hamiltonian) as Record<string, Json>), closedForm: g.generator.hamiltonianLatex },
    latex: g.generator.actionLatex,
    text: g.generator.actionText,
    dissipators: g.generator.dissipators.map((d) => ({ channel: d.index, rate: scalarJson(d.rate), operator: matrixJson(d.operator) })),
    superoperator: matrixJson(g.generator.superop),
    vecConvention: 'column stacking: vec(AXB) = (Bᵀ ⊗ A) vec X',
  };
}

/** A §4 erratum (or a proof erratum of Theorems 1–2), its residual in the report's words. */
export function reducedErratumJson(e: Erratum): Record<string, Json> {
  return { ...e, residual: reducedResidualText(e.residual) };
}

/** The `reduced` JSON block without `theorems`. */
export function blendedToJson(d: ReducedDerivation): Record<string, Json> {
  const out: Record<string, Json> = {
    separable: d.separability.separable,
    separability: {
      reason: separabilityReasonText(d.separability),
      violations: d.separability.violations.map((v) => ({ kind: v.kind, term: v.term, termLatex: v.termLatex, qubits: [...v.qubits], channel: v.channel ?? null, message: separabilityViolationText(v) })),
      notes: d.separability.notes.map(separabilityNoteText),
      coherentAnalysis: d.separability.separable ? null : 'paper §5: blended coherent dynamics (eq. 17), Theorems 3–4',
    },
    initialReducedStates: d.initialReduced ? d.initialReduced.map(matrixJson) : null,
    initialIssues: d.initialIssues.map(initialIssueText),
    blendedInitial: d.blendedInitial ? matrixJson(d.blendedInitial) : null,
    equation5: d.reducedSystem
      ? {
          exactForEveryState: true,
          productStateNeeded: false,
          latex: d.reducedSystem.latex,
          generator: matrixJson(d.reducedSystem.generator),
          Kc: scalarJson(d.reducedSystem.Kc),
          ordering: 'x = (vec ρ₁; …; vec ρₙ), generator ⊕_j 𝓛_j − K_c (Q ⊗ I₄)',
        }
      : null,
    localGenerators: d.locals ? d.locals.map((g) => ({ qubit: g.qubit, latex: g.latex, superoperator: matrixJson(g.superop) })) : null,
    generator: d.blended ? generatorJson(d.blended) : null,
    ...(d.blended ? steadyJson(d.blended.steady) : { steadyStates: null, spectrum: null, mu: null, relaxing: null, invariantSubspace: null, jordan: null }),
    positiveParameters: [...d.positiveParams],
    atParameterValues: d.blendedAtValues ? { generator: generatorJson(d.blendedAtValues), ...steadyJson(d.blendedAtValues.steady) } : null,
    definition1Literal: d.definition1Literal
      ? {
          generator: generatorJson(d.definition1Literal),
          steadyStates: steadyJson(d.definition1Literal.steady).steadyStates,
          mu: steadyJson(d.definition1Literal.steady).mu,
          spectrum: steadyJson(d.definition1Literal.steady).spectrum,
        }
      : null,
    graph: {
      lambdaMin: {
        defined: d.lambdaMin.defined, kind: d.lambdaMin.kind, exact: d.lambdaMin.exactText, latex: d.lambdaMin.latex, value: d.lambdaMin.numeric,
        formula: d.lambdaMin.formula, note: lambdaMinNoteText(d.lambdaMin.note),
      },
      connected: d.lambdaMin.connected,
      components: d.lambdaMin.components.map((c) => [...c]),
    },
    errata: d.errata.map((e) => reducedErratumJson(reducedErratumText(e))),
    explanations: d.explanations.map(reducedExplanationText),
  };
  return out;
}
