/** Section 4: paper §5 — the induced graph, p, λ_m(Q_d), Proj(A_d), its spectrum and steady states, y_d(0), Fig. 4. */
import type { CoherentDerivation } from '../../coherent/derive.ts';
import type { ExactMatrix } from '../../algebra/matrix.ts';
import type { OrbitCounts } from '../../coherent/orbits.ts';
import type { ModelJson } from '../../model/model-json.ts';
import type { GraphDrawingSpec } from '../figures.ts';
import { cite, math, text, type Block, type Inline, type Section } from '../document.ts';
import { generatorNormNoteText, orbitInitialMethodText, symmetryDefectNoteText, projectedKernelText, projectedSpectrumMethodText } from './derivation-text.ts';
import { coherentExplanationText } from './explanations.ts';
import { numLatex, prose, richText, safeMath } from './format.ts';

function para(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

/** Largest p for which Proj(A_d) is printed entry by entry. */
export const MAX_PRINTED_PROJECTED_DIM = 10;
/** Largest p for which every eigenvalue and y_d(0) are listed. */
export const MAX_LISTED_DIM = 20;

/** Largest p for which the exact Proj(A_d) is listed entry by entry in a table (Example 3: p = 20). */
export const MAX_ENTRY_TABLE_DIM = 35;

/**
 * The exact Proj(A_d) as the table of its nonzero entries, rows and columns named by the orbit counts
 * (n₀₀, n₀₁, n₁₀, n₁₁): a closed form that stays readable when a p×p bmatrix is too wide for a page.
 * The diagonal and off-diagonal entries are listed in row-major order.
 */
function projectedEntryTable(matrix: ExactMatrix, counts: readonly OrbitCounts[]): Block[] {
  const label = (m: number) => `(${counts[m].join(',')})`;
  const rows: Inline[][][] = [];
  for (let i = 0; i < matrix.rows; i++) {
    for (let j = 0; j < matrix.cols; j++) {
      const v = matrix.get(i, j);
      if (v.isZero()) continue;
      rows.push([[text(`${i + 1} ${label(i)}`)], [text(`${j + 1} ${label(j)}`)], [safeMath(v.toLatex())]]);
    }
  }
  return [
    para(
      ...richText(`Proj(A_d) is a ${matrix.rows}×${matrix.cols} matrix with exact entries (in the field of the model, with surds from the orthonormal orbit vectors 1/√|V_m|). Its ${rows.length} nonzero entries, in closed form, with each orbit m named by its counts (n₀₀, n₀₁, n₁₀, n₁₁):`),
    ),
    {
      kind: 'table',
      header: [[text('Row m')], [text("Column m'")], [math("[\\mathrm{Proj}(A_d)]_{m m'}")]],
      rows,
      caption: [text('The nonzero entries of '), math('\\mathrm{Proj}(A_d) = P_d^T A P_d'), text(' (exact). All other entries are zero.')],
      label: 'tab:proj-entries',
    },
    para(text('Its spectrum:')),
  ];
}

/** A numeric complex number with 6 significant digits per part. */
function complexLatex([re, im]: readonly [number, number]): string {
  if (im === 0) return numLatex(re);
  const imPart = `${numLatex(Math.abs(im))}\\,\\mathrm{i}`;
  if (re === 0) return `${im < 0 ? '-' : ''}${imPart}`;
  return `${numLatex(re)} ${im < 0 ? '-' : '+'} ${imPart}`;
}

function sizeSummary(sizes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of sizes) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1)).map(([s, c]) => `${c} of size ${s}`).join(', ');
}

export function fig4Spec(c: CoherentDerivation): GraphDrawingSpec | null {
  const f = c.fig4;
  if (!f) return null;
  return {
    kind: 'graph',
    nodes: f.nodes.map((n) => ({ id: `u${n.id}`, label: n.label, component: `(${n.counts.join(',')})` })),
    edges: f.edges.map((e) => ({ source: `u${e.source}`, target: `u${e.target}`, weight: e.weight })),
    showComponentLabels: true,
    showNodeLabels: false,
  };
}

export function coherentSection(m: ModelJson, c: CoherentDerivation | null): Section {
  const n = m.qubits;
  const blocks: Block[] = [];
  const subsections: Section[] = [];
  blocks.push(para(
    text('The coherent dynamics works with the full state. In the vec convention the coupling is '),
    math('-K_c Q_d'),
    text(', where '),
    math('Q_d'),
    text(' is the Laplacian of the induced graph '),
    math('G_d'),
    text(`: its ${n <= 12 ? String(4 ** n) : `4^${n}`} nodes are the matrix units `),
    math("|l\\rangle\\langle l'|"),
    text(', and an edge of weight '),
    math('a_{jk}'),
    text(' joins '),
    math("|l\\rangle\\langle l'|"),
    text(' and '),
    math("|S_{jk}(l)\\rangle\\langle S_{jk}(l')|"),
    text(' whenever they differ ('),
    math('S_{jk}'),
    text(' swaps bits j and k).'),
  ));
  if (!c) return { title: [text('Blended coherent dynamics (paper §5)')], label: 'sec:coherent', blocks };
  const d = c;
  blocks.push(para(
    text('Number of components (exact): '),
    safeMath(d.componentsFormula),
    text(d.connected ? '; for a connected graph the components are the orbits of the symmetric group on the pair (l, l′), fixed by the counts ' : '; '),
    ...(d.connected ? [math('(n_{00}, n_{01}, n_{10}, n_{11})'), text('. ')] : []),
    text('Their sizes '),
    math('|V_m|'),
    text(`: ${sizeSummary(d.componentSizes)}.`),
  ));
  const gap = d.lambdaMin;
  blocks.push(para(text('Spectral gap of the induced graph, by the spectral-gap identity (Aldous’ conjecture, proved by Caputo, Liggett and Richthammer '), cite('clr2010'), text('):')));
  blocks.push({ kind: 'displayMath', latex: `\\lambda_m(Q_d) = \\lambda_m(Q) = ${gap.latex}`, label: 'eq:gap-identity' });
  const ver = gap.verification;
  blocks.push(para(
    text(gap.exact ? 'The value is exact. ' : gap.value !== null ? `The value is numeric (${numLatex(gap.value)}). ` : ''),
    math('Q_d'),
    text(' generates the 4-colour interchange process on G, whose gap equals that of the random walk on G; the component with counts (n−1, 1, 0, 0) carries Q itself.'),
    ...(ver ? [text(' Checked directly on '), math('Q_d'), text(' (Hermitian eigensolver on each component): '), math(`\\lambda_m(Q_d) = ${numLatex(ver.direct, 12)}`), text(', difference '), math(numLatex(ver.difference, 2)), text(' (numeric).')] : []),
  ));
  const spec = fig4Spec(c);
  if (spec && d.fig4) {
    blocks.push({
      kind: 'figure',
      id: 'fig-induced-graph',
      caption: [...richText(`The induced graph of this 3-qubit network (paper Fig. 4): ${d.fig4.nodes.length} matrix units, ${d.fig4.edges.length} edges, ${d.fig4.components} components, each coloured and labelled by its counts (n₀₀, n₀₁, n₁₀, n₁₁).`)],
      spec,
    });
  }

  // Proj(A_d), spectrum, steady states, y_d(0).
  const proj: Block[] = [];
  const p = d.components;
  proj.push(para(
    text('The blended coherent dynamics (paper eq. 17) is '),
    math('\\dot y_d = \\mathrm{Proj}(A_d)\\, y_d'),
    text(' with '),
    math('\\mathrm{Proj}(A_d) = P_d^T A P_d'),
    text(', '),
    math('y_d(0) = P_d^T \\mathrm{vec}(\\rho(0))'),
    text(`, and `),
    math('P_d'),
    text(` the ${p} orthonormal orbit vectors. `),
  ));
  if (d.projectedExact && p <= MAX_PRINTED_PROJECTED_DIM) {
    proj.push({ kind: 'displayMath', latex: `\\mathrm{Proj}(A_d) = ${d.projectedExact.toLatex()}`, label: 'eq:proj-ad' });
  } else if (d.projectedExact && p <= MAX_ENTRY_TABLE_DIM && d.componentCounts.length === p) {
    proj.push(...projectedEntryTable(d.projectedExact, d.componentCounts));
  } else if (d.projectedExact) {
    proj.push(para(...richText(`Proj(A_d) is a ${p}×${p} matrix, derived exactly (entries in the field of the model, with surds from the orbit normalisation); too large to print here, it is in the JSON output. Its spectrum:`)));
  } else {
    proj.push(para(...richText(`Proj(A_d) is a ${p}×${p} matrix, computed numerically (sparse, in doubles). Its spectrum:`)));
  }
  if (d.spectrum) {
    const eig = d.spectrum.eigenvalues;
    const shown = eig.slice(0, MAX_LISTED_DIM);
    proj.push({
      kind: 'table',
      header: [[...richText('Eigenvalue of Proj(A_d)')], [...richText('Multiplicity')], [...richText('Kind')]],
      rows: shown.map((e) => [[safeMath(e.kind === 'exact' ? e.latex : complexLatex(e.numeric))], [text(String(e.multiplicity))], [text(e.kind === 'exact' ? 'exact' : 'numeric (6 significant digits shown)')]]),
      caption: [text(`Spectrum of `), math('\\mathrm{Proj}(A_d)'), text(` (${d.spectrum.complete ? 'all exact' : 'numeric where labelled'}; ${projectedSpectrumMethodText(d.spectrum.method)}${eig.length > shown.length ? `; the ${shown.length} of ${eig.length} distinct eigenvalues with the largest real part` : ''}).`)],
      label: 'tab:proj-spectrum',
    });
  }
  if (d.steadyStates) {
    proj.push(para(text(`Steady states of eq. 17: `), math('\\ker \\mathrm{Proj}(A_d)'), text(` has dimension ${d.steadyStates.dimension} (${d.steadyStates.kind}). `), ...prose(projectedKernelText(d.steadyStates.method))));
  }
  const y0 = d.initial.values;
  if (y0.length <= MAX_LISTED_DIM) {
    proj.push(para(text(`Initial condition (${d.initial.kind}; ${orbitInitialMethodText(d.initial.method)}):`)));
    const entries = y0.map((v) => v.latex);
    proj.push({ kind: 'displayMath', latex: `y_d(0)^T = \\big(${entries.join(',\\ ')}\\big)` });
  } else {
    proj.push(para(...richText(`Initial condition y_d(0): ${y0.length} orbit coordinates (${d.initial.kind}; ${orbitInitialMethodText(d.initial.method)}); in the JSON output.`)));
  }
  proj.push(para(text('Symmetry defect of the initial state: '), safeMath(`C = \\|\\rho(0) - \\mathcal{P}_*\\rho(0)\\|_F = ${d.symmetryDefect.value.latex}`), text(` (${d.symmetryDefect.value.kind}). `), ...prose(symmetryDefectNoteText(d.symmetryDefect.note))));
  if (d.norm) proj.push(para(text('Norm of the Liouvillian: '), safeMath(`\\|A_d\\| = ${d.norm.latex}`), text(` (${d.norm.kind === 'numeric-dense' ? 'numeric, dense' : 'rigorous upper bound'}). `), ...prose(generatorNormNoteText(d.norm.note))));
  subsections.push({ title: [text('The projected generator '), math('\\mathrm{Proj}(A_d)')], label: 'sec:proj', blocks: proj });
  if (d.explanations.length > 0) {
    subsections.push({ title: [text('Why these hold')], label: 'sec:coherent-notes', blocks: d.explanations.map((e) => para(...prose(coherentExplanationText(e)))) });
  }
  return { title: [text('Blended coherent dynamics (paper §5)')], label: 'sec:coherent', blocks, subsections };
}
