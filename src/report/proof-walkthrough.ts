/**
 * Proof walkthrough (`qblend derive --proof T1`): for one theorem, each step of the paper's proof
 * (Appendices A–D) with this model's numbers substituted, and a plot of both sides of each key
 * inequality along the simulated trajectory at K_c = K_c* (from the theorem check's intermediate
 * inequalities). Renders only: every number comes from the derivation and the check.
 */
import type { TheoremCheck, InequalityCheck } from '../theorems/checks.ts';
import type { TheoremConstants } from '../theorems/common.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import type { Derivation } from '../derivation/derive.ts';
import type { ReportOptions } from './derivation-document.ts';
import { cite, math, ref, strong, text, type Block, type DerivationDocument, type Inline, type Section } from './document.ts';
import { figureText } from './figures.ts';
import { numLatex, prose, richText, safeMath, typesetPlainMath } from './sections/format.ts';
import { constantsOf, constantsTable, THEOREM_STATEMENTS } from './sections/theorems.ts';
import { bibliographySection } from './sections/bibliography.ts';
import { counterexampleText, proofStepEquation, proofStepName, timeSetText, trajectoryText } from './sections/check-text.ts';

export type { TheoremKey };

/** The inequality each step of a proof establishes, in the paper's symbols, in check order. */
const STEP_LATEX: Record<TheoremKey, string[]> = {
  T1: [
    '\\max_j \\|\\rho_j(t) - \\bar\\rho(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{n\\|\\mathcal{L}\\|}{K_c\\lambda_m}',
    '\\|\\bar\\rho(t)\\|_{\\mathbb{S}} \\le L_c e^{-\\mu t} + \\frac{L_c\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\Big(\\frac{C_0}{n} + \\frac{\\|\\mathcal{L}\\|}{\\mu}\\Big)',
    'E(t) \\le C_1 e^{-\\min(\\mu, K_c\\lambda_m) t} + \\frac{D}{K_c}',
    '\\max_j \\|\\rho_j(t) - \\rho_r\\|_F \\le (1 + \\sqrt{2})\\,E(t)',
  ],
  T2: [
    '\\max_j \\|\\rho_j(t) - \\bar\\rho(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{n\\|\\mathcal{L}\\|}{K_c\\lambda_m}',
    '\\|e(t)\\|_F = \\|\\bar\\rho(t) - \\rho_b(t)\\|_F \\le \\frac{f(t)\\|\\mathcal{L}\\|}{K_c\\lambda_m}\\Big(\\frac{C_0}{n} + t\\|\\mathcal{L}\\|\\Big)',
    '\\max_j \\|\\rho_j(t) - \\rho_b(t)\\|_F \\le C_0 e^{-K_c\\lambda_m t} + \\frac{D(t)}{K_c}',
  ],
  T3: [
    '\\|\\tilde\\nu(t)\\| = \\|\\rho(t) - \\mathcal{P}_*\\rho(t)\\|_F \\le \\|\\tilde\\nu(0)\\| e^{-K_c\\lambda_m(Q_d) t} + \\frac{\\|A_d\\|}{K_c\\lambda_m(Q_d)}',
    '\\|\\tilde e(t)\\| = \\|P_d^T \\mathrm{vec}\\,\\rho(t) - y_d(t)\\| \\le \\frac{f_d(t)\\|A_d\\|}{K_c\\lambda_m(Q_d)}\\big(\\|\\tilde\\nu(0)\\| + t\\|A_d\\|\\big)',
    '\\|\\rho(t) - \\mathrm{vec}^{-1}(P_d y_d(t))\\|_F \\le \\|\\tilde\\nu(t)\\| + \\|\\tilde e(t)\\|',
    '\\|\\rho(t) - \\mathrm{vec}^{-1}(P_d y_d(t))\\|_F \\le C e^{-K_c\\lambda_m(Q_d) t} + \\frac{D(t)}{K_c}',
  ],
  T4: ['\\|\\tilde\\nu(t)\\| = \\|\\rho(t) - \\mathcal{P}_*\\rho(t)\\|_F \\le \\|\\tilde\\nu(0)\\| e^{-K_c\\lambda_m(Q_d) t} + \\frac{\\|A_d\\|}{K_c\\lambda_m(Q_d)}'],
};

/** What each step does, as engine prose: `$…$` is inline LaTeX (rendered by `prose`). */
const STEP_TEXT: Record<TheoremKey, string[]> = {
  T1: [
    'Consensus. Eq. 5 splits into the mean $\\bar\\rho = \\frac{1}{n}\\sum_j \\rho_j$ and the disagreement; the coupling $-K_c(Q \\otimes I)$ contracts the disagreement at rate $K_c\\lambda_m(Q)$, and the local generators push it apart by at most $n\\|\\mathcal{L}\\|$ (eqs. 24–25).',
    'The mean on the invariant subspace. Expanding $\\bar\\rho - \\rho_r$ in the eigenvectors of $\\bar{\\mathcal{L}}$, each decaying coefficient obeys a variation-of-constants formula forced by the disagreement; with the Lipschitz constant $L_c$ this gives eq. 28.',
    'The combined error $E(t) = \\|\\bar\\rho - \\rho_r\\| + \\max_j \\|\\rho_j - \\bar\\rho\\|$: the two previous bounds add up to $C_1 e^{-\\min(\\mu, K_c\\lambda_m) t} + D/K_c$.',
    'From $E(t)$ to the reduced states: $\\|\\rho_j - \\rho_r\\|_F \\le (1 + \\sqrt{2})\\,E(t)$ (end of Appendix A). With $K_c \\ge K_c^*$ the $D/K_c$ term is at most $\\eta/(2(1+\\sqrt{2}))$ and the transient decays after $T_\\eta$.',
  ],
  T2: [
    'Consensus, as in Theorem 1 (eqs. 24–25).',
    'The mean against the blended trajectory: $e = \\bar\\rho - \\rho_b$ obeys $\\dot e = \\bar{\\mathcal{L}} e + {}$(forcing by the disagreement); with $\\|e^{\\bar{\\mathcal{L}} t}\\| \\le f(t)$ this gives eq. 30.',
    'Combining both: $\\max_j \\|\\rho_j - \\rho_b\\|_F \\le C_0 e^{-K_c\\lambda_m t} + D(t)/K_c$, which is at most $\\eta$ on $[T_1, T_2]$ for $K_c \\ge K_c^*$ (end of Appendix B).',
  ],
  T3: [
    'Symmetrisation (eq. 35, with eq. 37). Split $\\mathrm{vec}\\,\\rho$ into its part in the range of $P_d$ (the permutation-invariant part $\\mathcal{P}_*\\rho$) and the rest $\\tilde\\nu$; the coupling $-K_c Q_d$ damps $\\tilde\\nu$ at rate $K_c\\lambda_m(Q_d)$ ($Q_d$ vanishes on the range of $P_d$), while the Liouvillian $A_d$ feeds it at most $\\|A_d\\|$.',
    'Orbit coordinates (eq. 36). The error $\\tilde e = P_d^T \\mathrm{vec}\\,\\rho - y_d$ obeys $\\dot{\\tilde e} = \\mathrm{Proj}(A_d)\\,\\tilde e + P_d^T A_d \\tilde\\nu$; with $\\|e^{\\mathrm{Proj}(A_d) t}\\| \\le f_d(t)$ and step 1 this gives eq. 36.',
    'Triangle inequality (Appendix C, first display): the error against the blended coherent dynamics is at most the symmetrisation error plus the orbit-coordinate error.',
    'Combining both bounds (end of Appendix C): with $K_c \\ge K_c^*$ the right-hand side is at most $\\eta$ on $[T_1, T_2]$.',
  ],
  T4: ['Symmetrisation (eq. 35, with eq. 37): the coupling damps the non-symmetric part $\\tilde\\nu$ at rate $K_c\\lambda_m(Q_d)$; with $K_c \\ge K_c^*$ it is at most $\\eta$ for $t \\ge T_1$ (Appendix D).'],
};

function para(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

/** The proof's constants with this model's numbers, except the thresholds (K_c* is substituted as K_c). */
function substitution(table: TheoremConstants<string>, check: TheoremCheck, n: number, etaLatex: string | undefined): Inline[] {
  const parts = [`n = ${n}`, `K_c = K_c^* = ${numLatex(check.KcStar)}`, `\\eta = ${etaLatex ?? numLatex(check.eta)}`];
  for (const p of table.presentation) {
    const c = table.values[p.key];
    if (!c || c.value === null || p.key === 'KcStar' || p.key === 'KcStarPrime') continue;
    parts.push(`${p.symbol} = ${c.kind === 'exact' ? c.latex : numLatex(c.value)}`);
  }
  return [text('With this model’s numbers: '), safeMath(parts.join(',\\ ')), text(' (exact where the derivation is exact, otherwise numeric to 6 significant digits).')];
}

function stepSection(t: TheoremKey, i: number, ineq: InequalityCheck, check: TheoremCheck): Section {
  const blocks: Block[] = [];
  const textStep = STEP_TEXT[t][i];
  if (textStep) blocks.push(para(...prose(textStep)));
  const latex = STEP_LATEX[t][i];
  blocks.push(latex ? { kind: 'displayMath', latex, label: `eq:step-${i + 1}` } : para(text(proofStepName(ineq.step))));
  blocks.push({
    kind: 'claim',
    statement: [text(`Step ${i + 1} checked along the trajectory (${proofStepEquation(ineq.step)}).`)],
    value: [text(ineq.holds ? 'Holds along the whole trajectory; ' : 'FAILS somewhere on the trajectory; '), text('largest ratio lhs/rhs '), math(numLatex(ineq.maxRatio, 4)), text(' at '), math(`t = ${numLatex(ineq.tAtMaxRatio, 4)}`), text(', on the time set '), math(numLatex(ineq.maxRatioOnTimeSet, 4)), text('.')],
    verdict: ineq.holds ? 'pass' : 'fail',
    detail: [text(`Numeric, along ${trajectoryText(check.trajectory)}; a ratio far below 1 means the step is loose.`)],
  });
  // The first steps decay at rate K_cλ_m (time scale ~10⁻⁴ at large K_c*): the check adds log-spaced
  // times near t = 0, and a log t axis shows that transient next to the slow part.
  const positive = ineq.t.filter((x) => x > 0);
  const logX = positive.length > 1 && positive[positive.length - 1]! / positive[0]! >= 1e3;
  blocks.push({
    kind: 'figure',
    id: `fig-step-${i + 1}`,
    spec: {
      kind: 'line',
      x: { label: figureText({ math: 't' }), log: logX },
      y: { label: 'both sides', log: true },
      series: [
        { label: 'left-hand side', points: ineq.t.map((x, k) => [x, ineq.lhs[k]!] as [number, number]) },
        { label: 'right-hand side (bound)', points: ineq.t.map((x, k) => [x, ineq.rhs[k]!] as [number, number]), dash: 'dashed' },
      ],
    },
    caption: logX
      ? [text(`Both sides of step ${i + 1} along the trajectory at `), math('K_c = K_c^*'), text('; log–log axes (the point '), math('t = 0'), text(' is not drawn: left side '), math(numLatex(ineq.lhs[0]!, 4)), text(', right side '), math(numLatex(ineq.rhs[0]!, 4)), text('). Numeric.')]
      : [text(`Both sides of step ${i + 1} along the trajectory at `), math('K_c = K_c^*'), text('; log scale. Numeric.')],
  });
  return { title: [text(`Step ${i + 1} (${proofStepEquation(ineq.step)})`)], label: `sec:step-${i + 1}`, blocks };
}

/**
 * The walkthrough document of `theorem` for a derivation, or null when the theorem was not checked
 * for this model (it does not apply, or its constants are not derived).
 */
export function buildProofWalkthrough(d: Derivation, theorem: TheoremKey, options: ReportOptions): DerivationDocument | null {
  const check = d.checks.find((c) => c.theorem === theorem);
  if (!check) return null;
  const input = { model: d.modelFacts, generator: options.generator };
  const s = THEOREM_STATEMENTS[theorem];
  const table: TheoremConstants<string> = d.theorems[theorem].constants;
  const constants = constantsOf(table);
  const intro: Block[] = [
    para(strong(text('Statement. ')), ...s.statement),
    para(text(`This walkthrough follows the proof in the paper’s ${s.appendix} `), cite('paper'), ...prose(' step by step for this model, with its numbers substituted, and plots both sides of each key inequality along the simulated trajectory at $K_c = K_c^*$. The full derivation report of the model gives the context.')),
  ];
  if (constants.length > 0) intro.push(constantsTable(constants, [text('The constants of the proof for this model, each with its value and source.')]));
  intro.push(para(...substitution(table, check, input.model.qubits, input.model.study.eta?.latex)));
  const verdict: Block = {
    kind: 'claim',
    statement: check.holdsAtKcStar ? prose('The theorem’s bound holds along the trajectory at $K_c = K_c^*$.') : [strong(text('COUNTEREXAMPLE: ')), ...prose('the theorem’s bound fails along the trajectory at $K_c = K_c^*$.')],
    value: check.counterexample ? prose(counterexampleText(check.counterexample)) : richText(`Time set: ${timeSetText(check.timeSet)}.`),
    verdict: check.holdsAtKcStar ? 'pass' : 'fail',
  };
  const steps = check.intermediate.map((ineq, i) => stepSection(theorem, i, ineq, check));
  const sections: Section[] = [
    { title: [text('Setting and constants')], label: 'sec:setting', blocks: intro },
    { title: [text('The proof, step by step')], label: 'sec:steps', blocks: [para(text(`The proof has ${steps.length} key inequalities; each is checked along the trajectory (see `), ref('sec:verdict'), text(' for the conclusion).'))], subsections: steps },
    { title: [text('Conclusion')], label: 'sec:verdict', blocks: [verdict] },
    bibliographySection(),
  ];
  return typesetPlainMath({
    title: `${s.title}: proof walkthrough for ${input.model.title ?? input.model.name}`,
    metadata: { modelName: input.model.name, sourceFile: input.model.source.file, conventions: [], generator: input.generator },
    sections,
  });
}
