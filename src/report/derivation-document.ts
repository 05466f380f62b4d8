/**
 * The derivation document of one model, composed from the derivation's data in the paper's order:
 * the model as stated, conventions, §4 (separability, eq. 5, the blended generator, steady states,
 * spectrum, μ, λ_m(Q)), §5 (the induced graph, λ_m(Q_d), Fig. 4), Theorems 1–4, numerical evidence
 * (Figs. 1, 2, 3, 6, 7, theory-vs-empirical K_c, monitors, theorem checks), errata, references.
 * Renders only: every value comes from the derivation; this file formats numbers, chooses LaTeX and
 * lays out. Deterministic: the same data gives the same document.
 */
import type { ModelJson } from '../model/model-json.ts';
import type { ReducedDerivation } from '../theorems/reduced-derivation.ts';
import type { TheoremCheck } from '../theorems/checks.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import type { CoherentDerivation } from '../theorems/theorem4.ts';
import { math, ref, text, type DerivationDocument, type FigureBlock, type Inline, type Section } from './document.ts';
import { modelSection } from './sections/model.ts';
import { conventionsSection } from './sections/conventions.ts';
import { reducedSection } from './sections/reduced.ts';
import { coherentSection } from './sections/coherent.ts';
import { theoremsSection } from './sections/theorems.ts';
import { numericsSection } from './sections/numerics.ts';
import { errataSection } from './sections/errata.ts';
import { bibliographySection } from './sections/bibliography.ts';
import { PROOF_ERRATA as PROOF_ERRATA_IDS } from './sections/errata.ts';
import { numLatex } from './sections/format.ts';

/** Everything a derivation produced for one model. */
export interface DerivationReportInput {
  readonly model: ModelJson;
  readonly reduced: ReducedDerivation;
  /** §5 with Theorems 3–4 (`deriveCoherent`). */
  readonly coherent: CoherentDerivation | null;
  readonly simulation: SimulationResult | null;
  /** Why there is no simulation (e.g. free symbolic parameters). */
  readonly simulationSkipped: string | null;
  readonly checks: readonly TheoremCheck[];
  /** Why some applicable theorem was not checked numerically. */
  readonly checkNotes: readonly string[];
  /** e.g. `qblend 0.1.0`. */
  readonly generator: string;
}

function summary(input: DerivationReportInput): Inline[] {
  const r = input.reduced;
  const out: Inline[] = [];
  out.push(text(`${input.model.qubits} qubits, `), math(`\\lambda_m(Q) = ${r.lambdaMin.latex}`), text(`; Assumption 1 ${r.separability.separable ? 'holds' : 'fails'} (`), ref('sec:reduced'), text(').'));
  const a = r.blendedAtValues ?? r.blended;
  if (a) {
    const st = a.steady.steadyStates;
    const small = (latex: string) => latex.replace(/\\begin\{bmatrix\}/g, '\\left[\\begin{smallmatrix}').replace(/\\end\{bmatrix\}/g, '\\end{smallmatrix}\\right]');
    if (a.steady.relaxing.verdict === true && st.kind === 'unique') out.push(text(' The blended dynamics relaxes to '), math(`\\rho_r = ${small(st.rho.toLatex())}`), text(' at the rate '), math(`\\mu = ${a.steady.mu.latex}`), text('.'));
    else if (a.steady.relaxing.verdict === false) out.push(text(' The blended dynamics does not relax.'));
  }
  if (input.checks.length > 0) {
    out.push(text(' Theorem checks: '));
    input.checks.forEach((c, i) => {
      out.push(text(`${i > 0 ? '; ' : ''}${c.theorem} ${c.holdsAtKcStar ? 'holds' : 'FAILS'} at `), math(`K_c^* = ${numLatex(c.KcStar, 4)}`));
      if (c.KcEmpirical !== null) out.push(text(' (empirical '), math(numLatex(c.KcEmpirical, 4)), text(')'));
    });
    out.push(text(' ('), ref('sec:kc'), text(').'));
  }
  const nGeneral = r.errata.filter((e) => PROOF_ERRATA_IDS.has(e.id)).length + (input.coherent?.dynamics.errata.length ?? 0);
  const nSpecific = r.errata.length - r.errata.filter((e) => PROOF_ERRATA_IDS.has(e.id)).length + input.checks.filter((c) => c.counterexample).length;
  out.push(text(` Errata (`), ref('sec:errata'), text(`): ${nSpecific} in the values the paper states for this model, ${nGeneral} in its general formulas and proofs.`));
  return out;
}

function errataMatrices(input: DerivationReportInput): Record<string, { stated?: string; derived?: string }> {
  const r = input.reduced;
  const paper = input.model.paper?.values ?? {};
  const matrixOf = (key: string): string | undefined => {
    const v = paper[key] as { kind?: string; matrix?: { latex: string } } | undefined;
    return v?.kind === 'matrix' && v.matrix ? v.matrix.latex : undefined;
  };
  const a = r.blendedAtValues ?? r.blended;
  const rho = a && a.steady.steadyStates.kind === 'unique' ? a.steady.steadyStates.rho.toLatex() : undefined;
  return {
    'steady-state': { stated: matrixOf('steadyState') ?? matrixOf('rho_r'), derived: rho },
    'blended-initial': { stated: matrixOf('blendedInitial') ?? matrixOf('rho_b0'), derived: r.blendedInitial?.toLatex() },
  };
}

/**
 * The document of one derivation.
 * @example renderDocumentHtml(buildDerivationDocument(input)) // the report's HTML
 */
export function buildDerivationDocument(input: DerivationReportInput): DerivationDocument {
  const sections: Section[] = [
    modelSection(input.model),
    conventionsSection(),
    reducedSection(input.reduced),
    coherentSection(input.model, input.coherent),
    theoremsSection(input.reduced, input.coherent),
    numericsSection(input.simulation, input.simulationSkipped, input.checks, input.checkNotes),
    errataSection(input.reduced.errata, input.checks, errataMatrices(input), input.coherent?.dynamics.errata ?? []),
    bibliographySection(),
  ];
  return {
    title: input.model.title ?? input.model.name,
    metadata: {
      modelName: input.model.name,
      sourceFile: input.model.source.file,
      conventions: [],
      generator: input.generator,
    },
    abstract: summary(input),
    sections,
  };
}

/** Ids of the figures the index shows for a document (those present, in the paper's order). */
export function keyFigureIds(doc: DerivationDocument): string[] {
  const ids: string[] = [];
  const walk = (sections: readonly Section[]): void => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.kind === 'figure') ids.push((b as FigureBlock).id);
      walk(s.subsections ?? []);
    }
  };
  walk(doc.sections);
  const wanted = ['fig-1', 'fig-2', 'fig-3', 'fig-induced-graph', 'fig-6', 'fig-7', 'fig-kc'];
  return wanted.filter((id) => ids.includes(id)).slice(0, 4);
}
