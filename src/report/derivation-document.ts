/**
 * The derivation document of one model, composed from the derivation's data in the paper's order:
 * the model as stated, conventions, §4 (separability, eq. 5, the blended generator, steady states,
 * spectrum, μ, λ_m(Q)), §5 (the induced graph, λ_m(Q_d), Fig. 4), Theorems 1–4, numerical evidence
 * (Figs. 1, 2, 3, 6, 7, theory-vs-empirical K_c, monitors, theorem checks), errata, references.
 * Renders only: every value comes from the derivation; this file formats numbers, chooses LaTeX and
 * lays out. Deterministic: the same data gives the same document.
 */
import type { Derivation } from '../derivation/derive.ts';
import { math, ref, text, type DerivationDocument, type FigureBlock, type Inline, type Section } from './document.ts';
import { modelSection } from './sections/model.ts';
import { conventionsSection } from './sections/conventions.ts';
import { reducedSection } from './sections/reduced.ts';
import { coherentSection } from './sections/coherent.ts';
import { theoremsSection } from './sections/theorems.ts';
import { checkPlanNote, numericsSection, simulationSkippedNote } from './sections/numerics.ts';
import { errataSection, reducedErrata } from './sections/errata.ts';
import { bibliographySection } from './sections/bibliography.ts';
import { thresholdsSection } from './sections/thresholds.ts';
import { PROOF_ERRATA as PROOF_ERRATA_IDS } from './sections/errata.ts';
import { numLatex, typesetPlainMath } from './sections/format.ts';
import { outputsSection } from './sections/outputs.ts';

/** How a derivation is rendered. */
export interface ReportOptions {
  /** Program name and version printed in the colophon, e.g. `qblend 0.1.0` (no timestamps: outputs are reproducible). */
  readonly generator: string;
}

function summary(input: Derivation): Inline[] {
  const r = input.reduced;
  const errata = reducedErrata(input);
  const out: Inline[] = [];
  out.push(text(`${input.modelFacts.qubits} qubits, `), math(`\\lambda_m(Q) = ${r.lambdaMin.latex}`), text(`; Assumption 1 ${r.separability.separable ? 'holds' : 'fails'} (`), ref('sec:reduced'), text(').'));
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
  const nGeneral = errata.filter((e) => PROOF_ERRATA_IDS.has(e.id)).length + input.coherent.errata.length;
  const nSpecific = errata.length - errata.filter((e) => PROOF_ERRATA_IDS.has(e.id)).length + input.checks.filter((c) => c.counterexample).length;
  out.push(text(` Errata (`), ref('sec:errata'), text(`): ${nSpecific} in the values the paper states for this model, ${nGeneral} in its general formulas and proofs.`));
  return out;
}

function errataMatrices(input: Derivation): Record<string, { stated?: string; derived?: string }> {
  const r = input.reduced;
  const paper = input.modelFacts.paper?.values ?? {};
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
 * @example renderDocumentHtml(buildDerivationDocument(derivation, { generator: 'qblend 0.1.0' })) // the report's HTML
 */
export function buildDerivationDocument(d: Derivation, options: ReportOptions): DerivationDocument {
  const model = d.modelFacts;
  const checkNotes = d.checkPlan ? [checkPlanNote(d.checkPlan)].filter((x): x is string => x !== null) : [];
  const sections: Section[] = [
    modelSection(model),
    conventionsSection(),
    reducedSection(d.reduced),
    coherentSection(model, d.coherent),
    theoremsSection(d.theorems),
    numericsSection(d.simulation, d.simulationSkipped ? simulationSkippedNote(d.simulationSkipped) : null, d.checks, checkNotes),
    outputsSection(d.outputs),
    ...[thresholdsSection(d)].filter((x): x is Section => x !== null),
    errataSection(reducedErrata(d), d.checks, errataMatrices(d), d.coherent.errata),
    bibliographySection(),
  ];
  return typesetPlainMath({
    title: model.title ?? model.name,
    metadata: {
      modelName: model.name,
      sourceFile: model.source.file,
      conventions: [],
      generator: options.generator,
    },
    abstract: summary(d),
    sections,
  });
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
