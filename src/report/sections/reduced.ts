/** Section 3: paper §4 — separability, eq. 5, the blended generator, steady states, spectrum, μ, λ_m(Q). */
import type { ReducedDerivation } from '../../reduced/derive.ts';
import type { GeneratorAnalysis } from '../../reduced/derive.ts';
import { cite, math, strong, text, type Block, type Inline, type Section } from '../document.ts';
import { initialIssueText, invariantSubspaceText, lambdaMinNoteText, muRuleText, separabilityNoteText, separabilityReasonText, separabilityViolationText } from './derivation-text.ts';
import { conditionText, reducedExplanationText, relaxingReasonText } from './explanations.ts';
import { numLatex, prose, safeMath } from './format.ts';

function para(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

function dm(latex: string, label?: string): Block {
  return label !== undefined ? { kind: 'displayMath', latex, label } : { kind: 'displayMath', latex };
}

function spectrumBlocks(a: GeneratorAnalysis, symbol: string): Block[] {
  const s = a.steady;
  const blocks: Block[] = [];
  blocks.push(para(text('Characteristic polynomial of the 4×4 matrix of '), math(symbol), text(' (exact):')));
  blocks.push(dm(`\\chi(\\lambda) = ${s.charpolyLatex}`));
  blocks.push({
    kind: 'table',
    header: [[text('Eigenvalue')], [text('Multiplicity')], [text('Kind')], [math('\\mathrm{Re}\\,\\lambda')], [text('On the imaginary axis')]],
    rows: s.spectrum.map((e) => [
      [safeMath(e.latex)],
      [text(String(e.multiplicity))],
      [text(e.exact ? 'exact' : `numeric (${e.kind}${e.radius !== undefined ? `, certified radius ${e.radius.toExponential(1)}` : ''})`)],
      [safeMath(e.realPart.exact ? e.realPart.latex : e.realPart.numeric !== null ? numLatex(e.realPart.numeric) : e.realPart.latex)],
      [text(e.onImaginaryAxis === null ? 'undecided' : e.onImaginaryAxis ? 'yes' : 'no')],
    ]),
    caption: [text('Spectrum of '), math(symbol), text(s.spectrumComplete ? ' (complete: every root exact or a verified root of a quadratic).' : ' (some roots numeric, as labelled).')],
  });
  return blocks;
}

function steadyBlocks(a: GeneratorAnalysis): Block[] {
  const st = a.steady.steadyStates;
  const blocks: Block[] = [];
  if (st.kind === 'unique') {
    blocks.push(para(text(`The kernel of the blended generator is ${a.steady.kernelDimension}-dimensional; the unique trace-one steady state is (exact)`)));
    blocks.push(dm(`\\rho_r = ${st.rho.toLatex()}`, 'eq:rho-r'));
    blocks.push(para(text(`It is ${st.hermitian ? 'Hermitian' : 'not Hermitian'}${st.psd === true ? ' and positive semidefinite' : st.psd === false ? ' but not positive semidefinite' : ''}.`), ...(st.conditions.length ? prose(` Conditions: ${st.conditions.map(conditionText).join('; ')}.`) : [])));
  } else if (st.kind === 'family') {
    blocks.push(para(text(`The kernel is ${a.steady.kernelDimension}-dimensional: the steady states are the positive semidefinite matrices `), math('\\rho_* + \\sum_k t_k K_k'), text(' with (exact)')));
    blocks.push(dm(`\\rho_* = ${st.particular.toLatex()}${st.directions.map((d, k) => `, \\quad K_{${k + 1}} = ${d.toLatex()}`).join('')}`));
    if (st.range) blocks.push(para(text('Positivity range: '), safeMath(st.range), text('.')));
  } else {
    blocks.push(para(text('The blended generator has no trace-one steady state.')));
  }
  return blocks;
}

export function reducedSection(r: ReducedDerivation): Section {
  const blocks: Block[] = [];
  const subsections: Section[] = [];
  blocks.push({
    kind: 'claim',
    statement: [strong(text('Assumption 1 (separability): ')), text(r.separability.separable ? 'holds.' : 'fails.')],
    value: prose(separabilityReasonText(r.separability)),
    verdict: r.separability.separable ? 'pass' : 'info',
    detail: [text('Decided exactly on the Pauli expansions of H and of every '), math('L_l'), text(': H must be a sum of single-qubit terms and every Lindblad operator must act on one qubit.')],
  });
  if (r.separability.violations.length > 0) {
    blocks.push({ kind: 'list', ordered: false, items: r.separability.violations.map((v) => [safeMath(v.termLatex), text(`: ${separabilityViolationText(v)}`)]) });
  }
  for (const note of r.separability.notes) blocks.push(para(...prose(separabilityNoteText(note))));
  if (!r.separability.separable || !r.blended) {
    blocks.push(para(text('The reduced-state analysis of the paper’s §4 (eqs. 5–6, Theorems 1–2) does not apply to this model; the blended coherent dynamics of §5 below needs no separability.')));
    blocks.push(para(text('Smallest nonzero Laplacian eigenvalue: '), safeMath(`\\lambda_m(Q) = ${r.lambdaMin.latex}`), text(` (${r.lambdaMin.kind === 'exact' ? 'exact' : r.lambdaMin.kind}). ${lambdaMinNoteText(r.lambdaMin.note)}`)));
    return { title: [text('Blended reduced dynamics (paper §4)')], label: 'sec:reduced', blocks, subsections };
  }

  // Eq. 5 and why it is exact.
  const eq5: Block[] = [];
  const why = r.explanations.filter((e) => e.kind === 'equation-5').map(reducedExplanationText);
  if (r.reducedSystem) {
    eq5.push(para(text('The reduced states '), math('\\rho_j = \\mathrm{tr}_{\\neq j}\\,\\rho'), text(' obey the closed linear system (paper eq. 5)')));
    eq5.push(dm(r.reducedSystem.latex, 'eq:reduced-system'));
  }
  for (const w of why) eq5.push(para(...prose(w)));
  if (r.locals) {
    eq5.push(para(text('The local generators are (exact)')));
    eq5.push(dm(`\\begin{aligned} ${r.locals.map((g) => g.latex.replace('=', '&=')).join(' \\\\ ')} \\end{aligned}`));
  }
  if (r.initialReduced) {
    eq5.push(para(text('Initial reduced states (exact): '), ...r.initialReduced.flatMap((m, j) => [safeMath(`\\rho_{${j + 1}}(0) = ${m.toLatex()}`), text(j < r.initialReduced!.length - 1 ? ', ' : '.')])));
  }
  for (const issue of r.initialIssues) eq5.push({ kind: 'claim', statement: [text(initialIssueText(issue))], verdict: 'fail' });
  subsections.push({ title: [text('The reduced system (eq. 5) and why it is exact')], label: 'sec:eq5', blocks: eq5 });

  // The blended generator.
  const a = r.blendedAtValues ?? r.blended;
  const gen: Block[] = [];
  gen.push(para(text('The blended generator is the average of the local generators, '), math('\\bar{\\mathcal{L}} = \\frac1n \\sum_j \\mathcal{L}_j'), text(' (paper eq. 6 read as eq. 9 and eq. 26 use it). In closed form (exact):')));
  gen.push(dm(r.blended.generator.hamiltonianLatex, 'eq:hbar'));
  gen.push(dm(`\\bar{\\mathcal{L}}\\rho = ${r.blended.generator.actionLatex}`, 'eq:blended'));
  if (r.blendedAtValues) {
    gen.push(para(text('At the parameter values of the file:')));
    gen.push(dm(`\\bar{\\mathcal{L}}\\rho = ${r.blendedAtValues.generator.actionLatex}`));
  }
  if (r.definition1Literal && a.generator.dissipators.length > 0) {
    gen.push(para(text('Definition 1 read literally, with '), math('\\mathcal{D}(\\bar L_l)'), text(' and '), math('\\bar L_l = \\frac1n\\sum_j L_{l,j}'), text(', is a different generator:')));
    gen.push(dm(`\\bar{\\mathcal{L}}_{\\mathrm{Def.\\,1}}\\rho = ${r.definition1Literal.generator.actionLatex}`));
    gen.push(para(text('with '), safeMath(`\\mu_{\\mathrm{Def.\\,1}} = ${r.definition1Literal.steady.mu.latex}`), text('. Each dissipator is n times weaker there (D is quadratic in L); the proofs need the average of generators, which this report uses.')));
  }
  if (r.blendedInitial) {
    gen.push(para(text('Blended initial state '), math('\\rho_b(0) = \\frac1n\\sum_j \\rho_j(0)'), text(' (exact):')));
    gen.push(dm(`\\rho_b(0) = ${r.blendedInitial.toLatex()}`));
  }
  subsections.push({ title: [text('The blended generator')], label: 'sec:blended', blocks: gen });

  // Steady states and spectrum.
  const ss: Block[] = [...steadyBlocks(a), ...spectrumBlocks(a, '\\bar{\\mathcal{L}}')];
  const relax = a.steady.relaxing;
  ss.push({
    kind: 'claim',
    statement: [strong(text('Relaxing: ')), text(relax.verdict === true ? 'yes' : relax.verdict === false ? 'no' : 'depends on the parameters')],
    value: prose(relaxingReasonText(relax.reason)),
    verdict: 'info',
    detail: relax.conditions.length ? prose(`Conditions: ${relax.conditions.map(conditionText).join('; ')}`) : undefined,
  });
  ss.push(para(text('Invariant subspace '), math('\\mathbb{S}'), text(' (eigenvectors with '), math('\\mathrm{Re}\\,\\lambda = 0'), text(`): ${a.steady.invariantSubspace.dimension === null ? 'dimension undecided' : `dimension ${a.steady.invariantSubspace.dimension}`}${a.steady.invariantSubspace.whole ? ', the whole space' : ''}. `), ...prose(invariantSubspaceText(a.steady.invariantSubspace))));
  const orbit = r.explanations.find((e) => e.kind === 'orbit');
  if (orbit) ss.push(para(...prose(reducedExplanationText(orbit))));
  subsections.push({ title: [text('Steady states and spectrum')], label: 'sec:steady', blocks: ss });

  // μ and λ_m(Q).
  const rates: Block[] = [];
  const mu = a.steady.mu;
  rates.push(para(text('Slowest decay rate of the blended dynamics, '), math('\\mu = \\min\\{-\\mathrm{Re}\\,\\lambda : \\lambda \\in \\sigma(\\bar{\\mathcal{L}}),\\ \\mathrm{Re}\\,\\lambda \\neq 0\\}'), text(':')));
  rates.push(dm(`\\mu = ${mu.latex}`));
  rates.push(para(...prose(muRuleText(mu.rule)), ...(mu.numeric !== null && !mu.exact ? [text(' Value: '), math(numLatex(mu.numeric)), text(' (numeric).')] : [])));
  rates.push(para(text('Smallest nonzero eigenvalue of the graph Laplacian ('), text(r.lambdaMin.kind === 'exact' ? 'exact' : r.lambdaMin.kind === 'numeric' ? 'numeric, Hermitian eigensolver' : r.lambdaMin.kind), text('):')));
  rates.push(dm(`\\lambda_m(Q) = ${r.lambdaMin.latex}${r.lambdaMin.formula ? ` \\quad (${r.lambdaMin.formula})` : ''}`));
  if (r.lambdaMin.kind !== 'exact' && r.lambdaMin.numeric !== null) rates.push(para(text('Value: '), math(numLatex(r.lambdaMin.numeric)), text(' (numeric).')));
  rates.push(para(text(lambdaMinNoteText(r.lambdaMin.note)), text(' '), cite('paper'), text('.')));
  subsections.push({ title: [text('Decay rate '), math('\\mu'), text(' and Laplacian gap '), math('\\lambda_m(Q)')], label: 'sec:rates', blocks: rates });

  return { title: [text('Blended reduced dynamics (paper §4)')], label: 'sec:reduced', blocks, subsections };
}
