/**
 * What the explorer shows, rendered from one derivation (computed once per model and η) and its
 * frames (`DerivationResult.at(K_c)`, recomputed when K_c or the window changes): the exact objects
 * typeset with KaTeX, the curves of the paper's figures at the current K_c as SVG (the reports' own
 * figure back end), the theorems' thresholds on a K_c axis with the current gain and each bound's
 * verdict there, and one proof step with this model's numbers at the current gain. Runs in the
 * explorer's worker; returns HTML strings, so the page only places them.
 */
import { Scalar } from '../algebra/scalar.ts';
import { UserError } from '../core/errors.ts';
import { derive, type DerivationResult } from '../api/derive.ts';
import type { DerivationFrame } from '../derivation/frame.ts';
import type { NetworkModel } from '../model/network.ts';
import { parseModel } from '../model/parse.ts';
import type { Curve, MetricName } from '../simulate/simulate.ts';
import type { CheckTimeSet, TheoremEvaluation } from '../theorems/checks.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import { numberDocument, type Inline } from '../report/document.ts';
import { escapeHtml } from '../report/escape.ts';
import { figureText, type FigureSpec, type SeriesSpec } from '../report/figures.ts';
import { renderInlineHtml, renderSectionsHtml } from '../report/html.ts';
import { renderMathHtml } from '../report/katex.ts';
import { figureToSvg } from '../report/observable-plot-adapter.ts';
import { proofLineAtGain, proofLineTitles } from '../report/proof-walkthrough.ts';
import { numLatex, numText, richText } from '../report/sections/format.ts';
import { THEOREM_STATEMENTS } from '../report/sections/theorems.ts';
import { KC_LOG_MAX, KC_LOG_MIN, type ExplorerSummary, type ThresholdRow } from './protocol.ts';

/** Points of the figures' time grid. */
export const FRAME_POINTS = 151;

/**
 * A number in LaTeX to `digits` significant digits without trailing zeros (a live view changes its
 * numbers at every step; `1432.3` reads better there than the report's fixed-width `1432.30`).
 * @example num(0.05) // => "0.05"
 */
export function num(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return numLatex(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(digits)));
  const [mant, e] = x.toExponential(digits - 1).split('e');
  return `${String(Number(mant))} \\times 10^{${Number(e)}}`;
}

/** Inline pieces with no references or citations need no real numbering. */
const NO_NUMBERING = numberDocument({ title: '', metadata: { modelName: '', sourceFile: '', conventions: [], generator: '' }, sections: [] });

const inline = (pieces: readonly Inline[]): string => renderInlineHtml(pieces, NO_NUMBERING);
const m = (latex: string): string => renderMathHtml(latex, { displayMode: false });
const dm = (latex: string): string => renderMathHtml(latex, { displayMode: true });

/** A parse or derive error as the CLI prints it (`file:line:col: field: message — hint`), with its location. */
export interface ExplorerError {
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

export function explorerError(e: unknown, file: string): ExplorerError {
  if (e instanceof UserError) {
    const located = e.inFile(file);
    return { message: located.formatLine(), line: located.location.line ?? null, column: located.location.column ?? null };
  }
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { message: `qblend: internal error while processing ${file}: ${msg}`, line: null, column: null };
}

/**
 * The model of a derivation file with the study's η replaced by `eta` (a decimal such as `0.05`),
 * when given: K_c*(η), the time sets and the empirical K_c then follow the new η.
 */
export function modelWithEta(text: string, file: string, eta: string | null): NetworkModel {
  const model = parseModel(text, file);
  if (eta === null || eta.trim() === '') return model;
  const trimmed = eta.trim();
  const fraction = /^(\d{1,15})\s*\/\s*(\d{1,15})$/.exec(trimmed);
  if (!fraction && !/^(\d{1,20}\.?\d{0,20}|\.\d{1,20})(e-?\d{1,3})?$/i.test(trimmed)) {
    throw new UserError(`η must be a positive number such as 0.05 or 1/20 (got ${JSON.stringify(trimmed.slice(0, 40))})`, { file, field: 'study.eta' }, 'type a number between 0 and 1');
  }
  if (fraction && Number(fraction[2]) === 0) throw new UserError(`η must have a nonzero denominator (got ${trimmed})`, { file, field: 'study.eta' }, 'type a number between 0 and 1');
  const value = fraction ? Scalar.rational(BigInt(fraction[1]!), BigInt(fraction[2]!)) : Scalar.decimal(trimmed);
  if (value.sign() <= 0 || value.sub(Scalar.ONE).sign() >= 0) throw new UserError(`η must lie strictly between 0 and 1 (got ${trimmed})`, { file, field: 'study.eta' }, 'type a number between 0 and 1');
  return { ...model, study: { ...model.study, eta: value, etaList: undefined } };
}

/** One model's derivation and what the page shows of it once. */
export interface LoadedModel {
  readonly result: DerivationResult;
  readonly summary: ExplorerSummary;
}

/** Derives a model (progress through `onProgress`, a fraction in [0, 1]) and renders its summary. */
export function loadModel(file: string, text: string, eta: string | null, onProgress: (label: string, fraction: number) => void): LoadedModel {
  const t0 = performance.now();
  onProgress('parsing', 0);
  const model = modelWithEta(text, file, eta);
  onProgress('deriving §4, §5 and the theorems', 0.05);
  const result = derive(model, {
    onProgress: (p) => onProgress(p.stage === 'simulate' ? `simulating: ${p.label}` : `checking the theorems: ${p.label}`, p.stage === 'simulate' ? 0.1 + 0.2 * (p.done / Math.max(1, p.total)) : 0.3 + 0.7 * (p.done / Math.max(1, p.total))),
  });
  const deriveMs = performance.now() - t0;
  return { result, summary: summaryOf(result, file, deriveMs) };
}

function summaryOf(d: DerivationResult, file: string, deriveMs: number): ExplorerSummary {
  const eta = d.reduced.eta ? d.reduced.eta.toComplex()[0] : null;
  const sim = d.simulation;
  const tEnd = sim ? sim.t[sim.t.length - 1]! : 10;
  const Kc = sim ? sim.Kc[0]! : 1;
  const thresholds: ThresholdRow[] = d.checks.map((c) => ({
    theorem: c.theorem,
    title: THEOREM_STATEMENTS[c.theorem].title,
    KcStar: c.KcStar,
    KcStarPrime: kcStarPrime(d, c.theorem),
    KcEmpirical: c.KcEmpirical,
  }));
  const proofs = d.checks.map((c) => ({
    theorem: c.theorem,
    title: THEOREM_STATEMENTS[c.theorem].title,
    steps: proofLineTitles(c.outline).map(escapeHtml),
  }));
  return {
    file,
    name: d.model.name,
    title: d.model.title ?? d.model.name,
    n: d.model.qubits,
    eta,
    etaText: d.reduced.eta ? d.reduced.eta.toString() : null,
    tEnd,
    Kc,
    exactHtml: exactHtml(d),
    thresholds,
    thresholdsHtml: thresholdTableHtml(thresholds, eta),
    proofs,
    notesHtml: notesHtml(d),
    deriveMs,
  };
}

/** K_c*′ (the threshold re-derived where the paper's proof errs, Theorems 1–2), or null. */
function kcStarPrime(d: DerivationResult, t: TheoremKey): number | null {
  if (t === 'T1') return d.theorems.T1.constants.values.KcStarPrime?.value ?? null;
  if (t === 'T2') return d.theorems.T2.constants.values.KcStarPrime?.value ?? null;
  return null;
}

function block(title: string, body: string): string {
  return `<section class="exact-item"><h3>${escapeHtml(title)}</h3>${body}</section>`;
}

/** The exact objects a lecturer writes on the board: 𝓛̄ (eq. 6), ρ_r, μ, λ_m(Q), Proj(A_d) (eq. 17). */
function exactHtml(d: DerivationResult): string {
  const parts: string[] = [];
  const a = d.reduced.blendedAtValues ?? d.reduced.blended;
  if (a) {
    parts.push(block('Blended generator (eq. 6)', dm(a.generator.actionLatex) + dm(`\\bar{\\mathcal{L}} = ${a.generator.superop.toLatex()}`)));
    const ss = a.steady.steadyStates;
    if (ss.kind === 'unique') parts.push(block('Steady state of the blended dynamics', dm(`\\rho_r = ${ss.rho.toLatex()}`)));
    if (a.steady.mu.defined) parts.push(block('Slowest decay rate', dm(`\\mu = ${a.steady.mu.latex}${a.steady.mu.exact || a.steady.mu.numeric === null ? '' : ` \\approx ${num(a.steady.mu.numeric)}`}`)));
  } else {
    parts.push(block('Blended reduced dynamics (§4)', `<p>${inline(richText('Not separable: the reduced states do not obey eq. 5, so there is no blended generator (see the report).'))}</p>`));
  }
  parts.push(block('Laplacian gap', dm(`\\lambda_m(Q) = ${d.reduced.lambdaMin.latex}`)));
  const c = d.coherent;
  if (c.projectedExact) {
    const dim = c.projectedExact.rows;
    parts.push(block(`Blended coherent generator (eq. 17), ${dim}×${dim}`, `<div class="scroll">${dm(`\\mathrm{Proj}(A_d) = ${c.projectedExact.toLatex()}`)}</div>`));
  } else if (c.generator) {
    parts.push(block('Blended coherent generator (eq. 17)', `<p>${inline([{ kind: 'math', latex: '\\mathrm{Proj}(A_d)' }, { kind: 'text', text: ` has dimension ${c.generator.csr.dim}: propagated numerically (too large to typeset exactly).` }])}</p>`));
  }
  return parts.join('');
}

function notesHtml(d: DerivationResult): string {
  const notes: string[] = [];
  const n = d.model.qubits;
  if (n >= 4) notes.push(`This model has ${n} qubits: eq. 4 acts on 4^${n} = ${4 ** n} entries, so each change of K_c takes longer (up to a second or more); the engine runs off the main thread and the page stays usable.`);
  if (!d.simulation) notes.push('A parameter has no value: the exact derivation is shown, nothing is simulated.');
  if (d.checks.length === 0 && d.simulation) notes.push('No theorem is checked numerically for this model (none applies, or the model is too large for the Theorem 3–4 checks).');
  return notes.map((s) => `<p>${escapeHtml(s)}</p>`).join('');
}

/** The time grid of the figures: [0, tEnd] with FRAME_POINTS points. */
export function frameTimes(tEnd: number): number[] {
  return Array.from({ length: FRAME_POINTS }, (_, k) => (k === FRAME_POINTS - 1 ? tEnd : (tEnd * k) / (FRAME_POINTS - 1)));
}

const points = (c: Curve, log: boolean): [number, number][] =>
  c.t.map((t, k) => [t, c.values[k]!] as [number, number]).filter(([, v]) => !log || v > 0);

function curvesOf(frame: DerivationFrame, metric: MetricName): Curve[] {
  return frame.curves.filter((c) => c.metric === metric);
}

/** A dotted horizontal line at η across [0, tEnd] (where the theorem's bound applies, the curve must be below it). */
function etaLine(eta: number | null, tEnd: number): SeriesSpec[] {
  return eta === null ? [] : [{ label: figureText({ math: `\\eta = ${num(eta)}` }), points: [[0, eta], [tEnd, eta]], dash: 'dotted', reference: true }];
}

const T = figureText({ math: 't' });
const rho = (qubit: Curve['qubit']) => figureText({ math: `\\rho_{${qubit}}` });

/** The figures of the paper at the frame's K_c that this model has (Figs. 1–3 separable, 6–7 connected). */
export function frameFigures(frame: DerivationFrame, eta: number | null): { id: string; titleHtml: string; svg: string }[] {
  const tEnd = frame.t[frame.t.length - 1]!;
  const out: { id: string; titleHtml: string; spec: FigureSpec }[] = [];
  const k = m(`K_c = ${num(frame.Kc, 4)}`);
  const fig1 = curvesOf(frame, 'fig1.distanceToSteadyState');
  const fig1max = curvesOf(frame, 'fig1.maxDistanceToSteadyState');
  if (fig1.length > 0) {
    out.push({
      id: 'fig1', titleHtml: `${escapeHtml('Distance to the blended steady state (Fig. 1)')}, ${k}`,
      spec: {
        kind: 'line', x: { label: T }, y: { label: figureText({ math: '\\|\\rho_j(t) - \\rho_r\\|_F' }), log: true },
        series: [...fig1.map((c) => ({ label: rho(c.qubit), points: points(c, true) })), ...fig1max.map((c) => ({ label: figureText({ math: '\\max_j' }), points: points(c, true), dash: 'dashed' as const })), ...etaLine(eta, tEnd)],
      },
    });
  }
  const fig2 = curvesOf(frame, 'fig2.distanceToBlended');
  if (fig2.length > 0) {
    out.push({
      id: 'fig2', titleHtml: `${escapeHtml('Distance to the blended trajectory (Fig. 2)')}, ${k}`,
      spec: { kind: 'line', x: { label: T }, y: { label: figureText({ math: '\\|\\rho_j(t) - \\rho_b(t)\\|_F' }), log: true }, series: [...fig2.map((c) => ({ label: rho(c.qubit), points: points(c, true) })), ...etaLine(eta, tEnd)] },
    });
  }
  const bx = curvesOf(frame, 'fig3.blochX');
  const px = curvesOf(frame, 'pauli.x');
  if (bx.length > 0 || px.length > 0) {
    const fromEq5 = bx.length > 0;
    const panel = (metric: MetricName, axis: string) => ({
      title: figureText({ math: axis }),
      y: { label: figureText({ math: axis }), domain: [-1, 1] as [number, number] },
      series: curvesOf(frame, metric).map((c) => ({
        label: c.qubit === 'blended' ? figureText('blended ', { math: '\\rho_b' }) : figureText('network ', { math: `\\rho_{${c.qubit}}` }),
        points: points(c, false),
        ...(c.qubit === 'blended' ? { dash: 'dashed' as const } : {}),
      })),
    });
    out.push({
      id: 'fig3',
      titleHtml: fromEq5
        ? `${escapeHtml('Bloch vectors of the network\'s qubits beside the blended trajectory (Fig. 3)')}, ${k}`
        : `${escapeHtml('Bloch vectors of the network\'s qubits, from the partial traces of eq. 4 (no blended reduced dynamics: the model is not separable)')}, ${k}`,
      spec: {
        kind: 'panels', x: { label: T }, markEndpoints: true,
        panels: fromEq5
          ? [panel('fig3.blochX', 'x'), panel('fig3.blochY', 'y'), panel('fig3.blochZ', 'z')]
          : [panel('pauli.x', 'x'), panel('pauli.y', 'y'), panel('pauli.z', 'z')],
      },
    });
  }
  const fig6 = curvesOf(frame, 'fig6.coherentError');
  const fig7 = curvesOf(frame, 'fig7.symmetrizationError');
  if (fig6.length + fig7.length > 0) {
    out.push({
      id: 'fig67', titleHtml: `${escapeHtml('The full network against the blended coherent dynamics (Figs. 6–7)')}, ${k}`,
      spec: {
        kind: 'line', x: { label: T }, y: { label: 'Frobenius distance', log: true },
        series: [
          ...fig6.map((c) => ({ label: figureText({ math: METRIC_LATEX['fig6.coherentError']! }), points: points(c, true) })),
          ...fig7.map((c) => ({ label: figureText({ math: METRIC_LATEX['fig7.symmetrizationError']! }), points: points(c, true), dash: 'dashed' as const })),
          ...etaLine(eta, tEnd),
        ],
      },
    });
  }
  return out.map((f) => ({ id: f.id, titleHtml: f.titleHtml, svg: figureToSvg(f.spec, { idPrefix: `explorer-${f.id}` }) }));
}

/** What each figure metric measures, as LaTeX (the values table's row heads). */
const METRIC_LATEX: Partial<Record<MetricName, string>> = {
  'fig1.maxDistanceToSteadyState': '\\max_j \\|\\rho_j(t) - \\rho_r\\|_F',
  'fig2.maxDistanceToBlended': '\\max_j \\|\\rho_j(t) - \\rho_b(t)\\|_F',
  'fig6.coherentError': '\\|\\rho(t) - \\mathrm{vec}^{-1}(P_d y_d(t))\\|_F',
  'fig7.symmetrizationError': '\\|\\rho(t) - \\mathcal{P}_*\\rho(t)\\|_F',
};

/**
 * The figures' error metrics at the frame's K_c: the value at the end of the window and the largest
 * over it, each cell carrying the full double in `data-value` (the tests compare it with the CLI's JSON).
 */
export function frameValuesHtml(frame: DerivationFrame): string {
  const rows: string[] = [];
  for (const [metric, latex] of Object.entries(METRIC_LATEX) as [MetricName, string][]) {
    const c = frame.curves.find((x) => x.metric === metric);
    if (!c) continue;
    const end = c.values[c.values.length - 1]!;
    const max = Math.max(...c.values);
    rows.push(`<tr data-metric="${metric}"><th scope="row">${m(latex)}</th><td data-value="${end}">${m(num(end, 6))}</td><td data-value="${max}">${m(num(max, 6))}</td></tr>`);
  }
  if (rows.length === 0) return '';
  const tEnd = frame.t[frame.t.length - 1]!;
  return `<table class="values"><caption>Errors at ${m(`K_c = ${num(frame.Kc, 4)}`)} (numeric)</caption><thead><tr><th scope="col">Quantity</th><th scope="col">at ${m(`t = ${num(tEnd, 4)}`)}</th><th scope="col">largest on ${m(`[0, ${num(tEnd, 4)}]`)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The thresholds of each checked theorem as a table (full doubles in `data-value`). */
export function thresholdTableHtml(rows: readonly ThresholdRow[], eta: number | null): string {
  if (rows.length === 0) return '';
  const cell = (v: number | null) => (v === null ? '<td>—</td>' : `<td data-value="${v}">${m(num(v, 6))}</td>`);
  const body = rows.map((r) => `<tr data-theorem="${r.theorem}"><th scope="row">${escapeHtml(r.title)}</th>${cell(r.KcStar)}${cell(r.KcStarPrime)}${cell(r.KcEmpirical)}<td data-value="${r.KcEmpirical ? r.KcStar / r.KcEmpirical : ''}">${r.KcEmpirical ? m(num(r.KcStar / r.KcEmpirical, 4)) : '—'}</td></tr>`).join('');
  return `<table class="thresholds"><caption>Thresholds at ${eta === null ? 'the study’s η' : m(`\\eta = ${num(eta)}`)}: the theorem’s ${m('K_c^*')}, the re-derived ${m("K_c^{*\\prime}")} and the empirical ${m('K_{c,\\mathrm{emp}}')} (computed once per model)</caption><thead><tr><th scope="col">Theorem</th><th scope="col">${m('K_c^*')}</th><th scope="col">${m("K_c^{*\\prime}")}</th><th scope="col">${m('K_{c,\\mathrm{emp}}')}</th><th scope="col">${m('K_c^*/K_{c,\\mathrm{emp}}')}</th></tr></thead><tbody>${body}</tbody></table>`;
}

// ---------------------------------------------------------------------------------------------
// The K_c axis

const AXIS = { width: 760, left: 150, right: 24, rowHeight: 30, top: 12, bottom: 28 };

function logPosition(K: number, lo: number, hi: number): number {
  const w = AXIS.width - AXIS.left - AXIS.right;
  return AXIS.left + (w * (Math.log10(K) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
}

/** The axis range: the slider's 0.1 … 10⁴, widened to a whole decade past every threshold. */
export function axisRange(rows: readonly ThresholdRow[]): [number, number] {
  const values = rows.flatMap((r) => [r.KcStar, r.KcStarPrime, r.KcEmpirical]).filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  const lo = Math.min(10 ** KC_LOG_MIN, ...values.map((v) => 10 ** Math.floor(Math.log10(v))));
  const hi = Math.max(10 ** KC_LOG_MAX, ...values.map((v) => 10 ** Math.ceil(Math.log10(v))));
  return [lo, hi];
}

/**
 * The thresholds of each checked theorem on a log K_c axis — K_c* (the theorem's, filled triangle),
 * K_c*′ (re-derived, open triangle), K_c,emp (the empirical K_c, circle) — the current K_c as a vertical
 * line, and each theorem's row marked by whether its bound holds at the current K_c.
 */
export function thresholdAxisSvg(rows: readonly ThresholdRow[], Kc: number, verdicts: ReadonlyMap<TheoremKey, boolean>): string {
  const [lo, hi] = axisRange(rows);
  const height = AXIS.top + rows.length * AXIS.rowHeight + AXIS.bottom;
  const parts: string[] = [];
  const x = (K: number) => logPosition(K, lo, hi).toFixed(2);
  const axisY = AXIS.top + rows.length * AXIS.rowHeight + 6;
  parts.push(`<line x1="${AXIS.left}" x2="${AXIS.width - AXIS.right}" y1="${axisY}" y2="${axisY}" stroke="#333"/>`);
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) {
    const px = x(10 ** e);
    parts.push(`<line x1="${px}" x2="${px}" y1="${AXIS.top - 6}" y2="${axisY + 4}" stroke="#ddd"/>`);
    parts.push(`<text x="${px}" y="${axisY + 18}" text-anchor="middle">10<tspan dy="-5" font-size="9">${e}</tspan></text>`);
  }
  rows.forEach((r, i) => {
    const y = AXIS.top + i * AXIS.rowHeight + AXIS.rowHeight / 2;
    const holds = verdicts.get(r.theorem);
    const colour = holds === undefined ? '#777' : holds ? '#1a7f37' : '#c62828';
    const word = holds === undefined ? '' : holds ? ' ✓ holds' : ' ✗ fails';
    parts.push(`<text x="8" y="${y + 4}" fill="${colour}">${escapeHtml(r.title.split(' (')[0]!)}${word}</text>`);
    parts.push(`<line x1="${AXIS.left}" x2="${AXIS.width - AXIS.right}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    if (r.KcEmpirical !== null) parts.push(`<circle cx="${x(r.KcEmpirical)}" cy="${y}" r="5" fill="#1f77b4"><title>empirical: ${numText(r.KcEmpirical, 4)}</title></circle>`);
    if (r.KcStarPrime !== null) parts.push(`<path d="M${x(r.KcStarPrime)},${y - 6} l6,11 h-12 z" fill="white" stroke="#9467bd" stroke-width="1.5"><title>re-derived threshold: ${numText(r.KcStarPrime, 4)}</title></path>`);
    parts.push(`<path d="M${x(r.KcStar)},${y - 6} l6,11 h-12 z" fill="#d62728"><title>the theorem’s threshold: ${numText(r.KcStar, 4)}</title></path>`);
  });
  const kx = x(Math.min(hi, Math.max(lo, Kc)));
  parts.push(`<line x1="${kx}" x2="${kx}" y1="${AXIS.top - 10}" y2="${axisY}" stroke="#000" stroke-width="2"/>`);
  const svg = `<svg class="kc-axis" viewBox="0 0 ${AXIS.width} ${height}" width="${AXIS.width}" height="${height}" role="img" aria-label="thresholds on the coupling-gain axis" font-family="'DejaVu Sans', Arial, sans-serif" font-size="12">${parts.join('')}</svg>`;
  const legend = `<p class="kc-legend"><span class="mark star">▲</span> ${m('K_c^*')} (the theorem) <span class="mark prime">△</span> ${m("K_c^{*\\prime}")} (re-derived) <span class="mark emp">●</span> ${m('K_{c,\\mathrm{emp}}')} (smallest ${m('K_c')} meeting ${m('\\eta')} in the simulation) <span class="mark now">│</span> the current ${m(`K_c = ${num(Kc, 4)}`)}; axis: ${m('K_c')}, log scale.</p>`;
  return legend + svg;
}

// ---------------------------------------------------------------------------------------------
// The proof step at the current K_c

/** The time set a theorem speaks about, as checked (Theorem 1's t* and horizon; the window; T₁ onwards). */
function timeSetHtml(s: CheckTimeSet): string {
  switch (s.kind) {
    case 'after-t-star':
      return `${m(`t \\ge t^* = \\tfrac{2}{\\mu}\\ln(C/\\eta) = ${num(s.from, 5)}`)}, checked up to ${m(`t^* + 10/\\mu = ${num(s.to, 5)}`)}`;
    case 'window':
      return m(`[T_1, T_2] = [${num(s.from)}, ${num(s.to)}]`);
    case 'after-t1':
      return `${m(`t \\ge T_1 = ${num(s.from)}`)}, checked up to ${m(`t = ${num(s.to)}`)}`;
  }
}

/**
 * The chosen line of a theorem's proof at the frame's K_c, as the walkthrough writes it (its
 * explanation, the line as the paper writes it, the correction where the paper errs, the line with
 * this model's numbers at this K_c and its value, the verdict along the trajectory and both sides
 * plotted), preceded by the definitions of the symbols it uses.
 */
export function proofStepHtml(d: DerivationResult, ev: TheoremEvaluation, line: number): string {
  const outline = d.checks.find((c) => c.theorem === ev.theorem)?.outline;
  if (!outline || ev.intermediate.length === 0) return '';
  const sections = proofLineAtGain(ev.theorem, outline, ev, line + 1, `K_c = ${num(ev.Kc, 4)}`);
  const svgFree = `<p class="time-set">Time set of ${escapeHtml(THEOREM_STATEMENTS[ev.theorem].title)}: ${timeSetHtml(ev.timeSet)}.</p>`;
  return svgFree + renderSectionsHtml(sections);
}
