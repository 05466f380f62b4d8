/** Section 1: the model as stated in the derivation file, and where it comes from. */
import type { ModelJson } from '../../model/model-json.ts';
import { code, math, text, userText, type Block, type Inline, type Section } from '../document.ts';
import { safeMath } from './format.ts';

const FAMILY: Record<string, string> = {
  complete: 'the complete graph',
  ring: 'a ring',
  path: 'a path',
  star: 'a star',
  explicit: 'an explicit edge list',
};

function display(latex: string, label?: string): Block {
  return label !== undefined ? { kind: 'displayMath', latex, label } : { kind: 'displayMath', latex };
}

/** The untrusted notes of a file as paragraphs (blank lines separate them). */
export function notesParagraphs(notes: string | undefined | null): string[] {
  if (!notes) return [];
  return notes
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

export function modelSection(m: ModelJson): Section {
  const g = m.graph;
  const blocks: Block[] = [];
  const edgeList = g.edges.map(([j, k], i) => `\\{${j},${k}\\}${g.weights[i]!.exact === '1' ? '' : `\\,(a_{${j}${k}} = ${g.weights[i]!.latex})`}`).join(',\\ ');
  const intro: Inline[] = [
    text(`${m.qubits} qubits on ${FAMILY[g.family] ?? g.family}`),
    ...(g.family === 'star' && 'center' in g ? [text(` (centre qubit ${String((g as { center?: number }).center)})`)] : []),
    text(' with edges '),
    safeMath(edgeList.length > 0 ? edgeList : '\\varnothing'),
    text(g.weights.every((w) => w.exact === '1') ? ', all of unit weight. ' : '. '),
    text(g.connected ? 'The graph is connected.' : `The graph is not connected: components ${g.components.map((c) => `{${c.join(', ')}}`).join(', ')}.`),
  ];
  blocks.push({ kind: 'paragraph', content: intro });
  blocks.push({ kind: 'paragraph', content: [text('The network obeys the master equation (paper eq. 4), each graph edge counted once,')] });
  blocks.push(display('\\frac{d\\rho}{dt} = -\\mathrm{i}[H, \\rho] + \\sum_l \\gamma_l \\mathcal{D}(L_l)\\rho + K_c \\sum_{\\{j,k\\} \\in E} a_{jk} \\mathcal{D}(U_{jk})\\rho,', 'eq:master'));
  blocks.push({ kind: 'paragraph', content: [text('where '), math('\\mathcal{D}(L)\\rho = L\\rho L^\\dagger - \\tfrac12 (L^\\dagger L\\rho + \\rho L^\\dagger L)'), text(' and '), math('U_{jk}'), text(' swaps qubits j and k.')] });
  blocks.push({ kind: 'paragraph', content: [text('with the Hamiltonian, as stated in the file (source text '), code(m.model.hamiltonian.stated), text('),')] });
  blocks.push(display(`H = ${m.model.hamiltonian.statedLatex}`, 'eq:hamiltonian'));
  if (m.model.hamiltonian.statedLatex !== m.model.hamiltonian.pauliLatex) {
    blocks.push({ kind: 'paragraph', content: [text('whose exact Pauli expansion is '), safeMath(`H = ${m.model.hamiltonian.pauliLatex}`), text('.')] });
  }
  if (m.model.lindblad.length === 0) {
    blocks.push({ kind: 'paragraph', content: [text('There are no Lindblad operators: apart from the coupling, the network is closed.')] });
  } else {
    blocks.push({
      kind: 'table',
      header: [[text('l')], [text('Label (from the file)')], [text('Operator '), math('L_l')], [text('Rate '), math('\\gamma_l')], [text('Pauli expansion')]],
      rows: m.model.lindblad.map((l, i) => [
        [text(String(i + 1))],
        [l.label !== undefined ? userText(l.label) : text('—')],
        [safeMath(`L_{${i + 1}} = ${l.operator.statedLatex}`)],
        [safeMath(l.rate.statedLatex)],
        [safeMath(l.operator.pauliLatex)],
      ]),
      caption: [text('Lindblad operators as stated, with their exact Pauli expansions (qubit index in the superscript or subscript).')],
      label: 'tab:lindblad',
    });
  }
  blocks.push({ kind: 'paragraph', content: [text('Initial state:')] });
  blocks.push(display(`\\rho(0) = ${m.initialState.latex}`, 'eq:initial'));
  blocks.push({ kind: 'paragraph', content: [text('Graph Laplacian (exact), '), math('Q_{jj} = \\sum_k a_{jk}'), text(', '), math('Q_{jk} = -a_{jk}'), text(':')] });
  blocks.push(display(`Q = ${g.laplacian.latex}`));
  const params = Object.entries(m.parameters.values);
  if (params.length > 0 || m.parameters.symbolic.length > 0) {
    blocks.push({
      kind: 'table',
      header: [[text('Parameter')], [text('Value (exact)')]],
      rows: [
        ...params.map(([k, v]) => [[code(k)], [safeMath(v.latex)]]),
        ...m.parameters.symbolic.map((k) => [[code(k)], [text('symbolic (no value)')]]),
      ],
      caption: [text('Parameters of the model.')],
      label: 'tab:parameters',
    });
  }
  const study: Inline[] = [text('Study: coupling gains '), safeMath(`K_c \\in \\{${m.study.Kc.map((k) => k.latex).join(', ') || '1, 10, 40'}\\}`)];
  if (m.study.eta) study.push(text(', tolerance '), safeMath(`\\eta = ${m.study.eta.latex}`));
  if (m.study.etaList) study.push(text(' (primary; the theorem checks also at '), safeMath(m.study.etaList.slice(1).map((e) => `\\eta = ${e.latex}`).join(', ')), text(')'));
  if (m.study.T1 && m.study.T2) study.push(text(', window '), safeMath(`[T_1, T_2] = [${m.study.T1.latex}, ${m.study.T2.latex}]`));
  if (m.study.time) study.push(text(', time grid '), safeMath(`t \\in [${m.study.time.start.latex}, ${m.study.time.end.latex}]`), text(` with ${m.study.time.steps} points`));
  study.push(text('.'));
  blocks.push({ kind: 'paragraph', content: study });
  if (m.assumptions.length > 0) {
    blocks.push({ kind: 'list', ordered: false, items: m.assumptions.map((a) => [text('Assumption: '), userText(a)]) });
  }
  const subsections: Section[] = [];
  const provenance: Block[] = [];
  if (m.paper?.reference) provenance.push({ kind: 'paragraph', content: [text('Source: '), { kind: 'cite', key: 'paper' }, text(', '), userText(m.paper.reference), text('.')] });
  for (const p of notesParagraphs(m.notes)) provenance.push({ kind: 'paragraph', content: [userText(p)] });
  if (m.paper?.notes) provenance.push({ kind: 'paragraph', content: [text('Note on the paper: '), userText(m.paper.notes)] });
  for (const w of m.warnings) provenance.push({ kind: 'paragraph', content: [text(`Warning: ${w.message}`)] });
  if (provenance.length > 0) subsections.push({ title: [text('Provenance and notes from the derivation file')], label: 'sec:provenance', blocks: provenance });
  return { title: [text('The model as stated')], label: 'sec:model', blocks, subsections };
}
