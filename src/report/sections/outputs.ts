/**
 * The report section of derivation/outputs.ts: the exact spectrum of Q with λ_m(Q) and λ_max(Q),
 * λ_max(Q_d), 𝒫_*(ρ(0)), and the network's t → ∞ limits per K_c with the figures' errors there.
 */
import type { NetworkOutputs } from '../../derivation/outputs.ts';
import type { LaplacianEigenvalue } from '../../model/laplacian-spectrum.ts';
import { math, ref, text, type Block, type Inline, type Section } from '../document.ts';
import { numLatex, numericValue, safeMath } from './format.ts';

const KIND_TEXT: Record<LaplacianEigenvalue['kind'], string> = {
  rational: 'rational',
  'quadratic-surd': 'quadratic surd',
  'cubic-trigonometric': 'root of an irreducible cubic, trigonometric form (casus irreducibilis)',
  algebraic: 'root of a factor of degree ≥ 4',
};

function eigenvalueRow(e: LaplacianEigenvalue): Inline[][] {
  const how: Inline[] = [text(KIND_TEXT[e.kind])];
  if (e.kind === 'algebraic') {
    how.push(text(`: root ${e.rootIndex} (ascending) of `), safeMath(`${e.polynomial.latex} = 0`));
    if (e.interval) how.push(text(', isolated in '), math(`[${e.interval[0]}, ${e.interval[1]}]`));
  } else if (e.kind === 'cubic-trigonometric') {
    how.push(text(' of '), safeMath(`${e.polynomial.latex} = 0`));
  }
  return [[safeMath(e.latex)], [text(String(e.multiplicity))], how, numericValue(e.value, 12)];
}

function spectrumBlocks(o: NetworkOutputs): Block[] {
  const s = o.spectrum;
  const blocks: Block[] = [];
  if (!s) {
    blocks.push({ kind: 'paragraph', content: [text('The spectrum of '), math('Q'), text(' is not computed exactly here: a weight is symbolic, or n > 16.')] });
  } else {
    blocks.push({ kind: 'displayMath', latex: `\\det(\\lambda I - Q) = ${s.characteristicPolynomial.latex}` });
    blocks.push({
      kind: 'table',
      header: [[text('Eigenvalue of '), math('Q')], [text('Multiplicity')], [text('Exact form')], [text('Value')]],
      rows: s.eigenvalues.map(eigenvalueRow),
      caption: [text('The spectrum of the graph Laplacian '), math('Q'), text(', exact: each factor of '), math('\\det(\\lambda I - Q)'), text(' over '), math('\\mathbb{Q}'), text(' is found and verified exactly, and its roots written as rationals, quadratic surds, or (an irreducible cubic with three real roots) in Viète\'s trigonometric form; a factor of higher degree gives "the k-th root" with an isolating interval.')],
      label: 'tab:laplacian-spectrum',
    });
    const line: Inline[] = [];
    if (s.lambdaMin) line.push(safeMath(`\\lambda_m(Q) = ${s.lambdaMin.latex} \\approx ${numLatex(s.lambdaMin.value, 12)}`), text('; '));
    if (s.lambdaMax) line.push(safeMath(`\\lambda_{\\max}(Q) = ${s.lambdaMax.latex} \\approx ${numLatex(s.lambdaMax.value, 12)}`), text('.'));
    if (line.length > 0) blocks.push({ kind: 'paragraph', content: line });
  }
  if (o.lambdaMaxInduced) {
    blocks.push({
      kind: 'paragraph',
      content: [
        safeMath(`\\lambda_{\\max}(Q_d) = 2\\sum_{\\{j,k\\}\\in E} a_{jk} = ${o.lambdaMaxInduced.toLatex()}`),
        text(': each '), math('I - U_{jk}\\otimes U_{jk}'), text(' is twice an orthogonal projection, so '), math('Q_d \\preceq 2\\sum a_{jk} I'),
        text(', and for n ≤ 4 a vector antisymmetric under every permutation of the qubits (each qubit in a different one of the four matrix-unit states) attains it.'),
      ],
    });
  }
  return blocks;
}

function symmetrizedBlocks(o: NetworkOutputs): Block[] {
  const si = o.symmetrizedInitial;
  if (!si) return [{ kind: 'paragraph', content: [text('For n > 4, '), math('\\mathcal{P}_*(\\rho(0))'), text(' is given by its orbit coordinates '), math('y_d(0)'), text(' ('), ref('sec:coherent'), text(').')] }];
  const intro: Inline[] = [math('\\mathcal{P}_*(\\rho(0)) = \\frac{1}{n!}\\sum_\\pi U_\\pi \\rho(0) U_\\pi^\\dagger'), text(', the state the coupling drives '), math('\\rho(0)'), text(' towards as '), math('K_c \\to \\infty'), text(' (paper §5.1), exactly:')];
  if (si.n <= 3) {
    const D = 2 ** si.n;
    const entries = Array.from({ length: D }, () => Array.from({ length: D }, () => '0'));
    for (const e of si.entries) entries[parseInt(e.row, 2)][parseInt(e.col, 2)] = e.value.toLatex();
    return [{ kind: 'paragraph', content: intro }, { kind: 'matrix', lhs: '\\mathcal{P}_*(\\rho(0))', entries, valueKind: 'exact' }];
  }
  return [{ kind: 'paragraph', content: [...intro, text(` ${si.entries.length} nonzero entries, listed in the JSON report (symmetrizedInitial).`)] }];
}

function limitBlocks(o: NetworkOutputs): Block[] {
  if (o.limits.length === 0) return [{ kind: 'paragraph', content: [text('The limits as '), math('t \\to \\infty'), text(' are computed for n ≤ 4 when every parameter has a value.')] }];
  const num = (x: number | null): Inline[] => (x === null ? [text('—')] : [math(numLatex(x, 6))]);
  const rows = o.limits.map((l) => [
    [math(numLatex(l.Kc, 6))], [text(String(l.kernelDimension))], [text(l.imaginaryEigenvalues === 0 ? 'yes' : `no (${l.imaginaryEigenvalues} eigenvalues on the imaginary axis)`)],
    num(l.spectralAbscissa === null ? null : -l.spectralAbscissa), num(l.steadyStateError), num(l.blendedError), num(l.coherentError), num(l.symmetrizationError),
  ]);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      content: [
        text('At each '), math('K_c'), text(', '), math('\\rho_\\infty = \\lim_{t\\to\\infty} e^{(A - K_c Q_d)t}\\rho(0)'),
        text(' is the spectral projection of '), math('\\rho(0)'), text(' onto '), math('\\ker(A - K_c Q_d)'),
        text(' along the other eigenspaces, '), math('R(W^\\dagger R)^{-1}W^\\dagger'), text(' with R and W spanning the right and left kernels: with a degenerate kernel it is the steady state '),
        math('\\rho(0)'), text(' tends to, not an arbitrary one. The errors of the figures at '), math('t = \\infty'),
        text(' use '), math('\\rho_\\infty'), text(' and the limits of eq. 6 and eq. 17 taken the same way (numeric, dense eigen-decomposition, zero eigenvalues at '), math('10^{-9}\\|\\mathcal{L}\\|_F'), text(').'),
      ],
    },
    {
      kind: 'table',
      header: [[math('K_c')], [math('\\dim\\ker')], [text('Limit exists')], [text('Slowest rate')], [text('Fig. 1 at ∞')], [text('Fig. 2 at ∞')], [text('Fig. 6 at ∞')], [text('Fig. 7 at ∞')]],
      rows,
      caption: [text('The full network as '), math('t \\to \\infty'), text(': the number of independent steady states, whether '), math('\\rho(t)'), text(' converges, the slowest decay rate '), math('-\\max \\operatorname{Re}\\lambda'), text(' over the other eigenvalues, and each figure\'s error at the limit (— where the figure does not apply).')],
      label: 'tab:limits',
    },
  ];
  if (o.limits.length > 0 && o.limits[0].rho.length <= 4) {
    for (const l of o.limits) {
      blocks.push({ kind: 'matrix', lhs: `\\rho_\\infty(K_c = ${numLatex(l.Kc, 6)})`, entries: l.rho.map((row) => row.map(([re, im]) => complexLatex(re, im))), valueKind: 'numeric', accuracy: 'entries to about 1e-12' });
    }
  }
  return blocks;
}

function complexLatex(re: number, im: number): string {
  const r = Math.abs(re) < 5e-13 ? 0 : re;
  const i = Math.abs(im) < 5e-13 ? 0 : im;
  if (i === 0) return numLatex(r, 6);
  const imPart = `${numLatex(Math.abs(i), 6)}\\mathrm{i}`;
  if (r === 0) return i < 0 ? `-${imPart}` : imPart;
  return `${numLatex(r, 6)} ${i < 0 ? '-' : '+'} ${imPart}`;
}

/** The section "Spectrum of Q, 𝒫_*(ρ(0)) and t → ∞". */
export function outputsSection(o: NetworkOutputs): Section {
  return {
    title: [text('Spectrum of '), math('Q'), text(', '), math('\\mathcal{P}_*(\\rho(0))'), text(' and '), math('t \\to \\infty')],
    label: 'sec:outputs',
    blocks: [...spectrumBlocks(o), ...symmetrizedBlocks(o), ...limitBlocks(o)],
  };
}
