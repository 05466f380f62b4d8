/**
 * Figures a physicist draws for a model: the Bloch vectors of the reduced states (and of the blended
 * state) in three orthogonal projections of the Bloch ball, the Pauli expectations of each qubit
 * over time, and the coupling-gain axis with, for each theorem and each η, the threshold K_c* of the
 * paper, the re-derived K_c*′ and the empirical K_c. Renders only: the data are the simulation's
 * curves (simulate/simulate.ts) and the checks' numbers (theorems/checks.ts).
 */
import type { Curve, MetricName, SimulationResult } from '../../simulate/simulate.ts';
import type { TheoremCheck } from '../../theorems/checks.ts';
import { figureText, figureTextPieces, thinEvenly, type AxisSpec, type FigureText, type PanelLinePlotSpec, type PanelSpec, type SeriesSpec } from '../figures.ts';
import { math, text, type FigureBlock } from '../document.ts';
import { numLatex } from './format.ts';

/** The Bloch ball's projections are drawn on [−1.1, 1.1]² (a margin around the unit circle). */
const BLOCH_DOMAIN: [number, number] = [-1.1, 1.1];

/** Points on the unit circle drawn for reference. */
const CIRCLE_POINTS = 97;

/**
 * Most points of one trajectory in a Bloch projection: a panel is about 170 px wide, so 120 points
 * draw a smooth curve (start and end kept exactly), and the figure stays compact.
 */
const BLOCH_POINTS = 120;

/** The Bloch components of each state of the figure at one gain: from eq. 5 (Fig. 3's curves) or, without it, from eq. 4. */
interface BlochTrajectory {
  readonly state: number | 'blended';
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly number[];
}

/** Which curves carry the Bloch components: Fig. 3's (eq. 5, with ρ_b) or the Pauli expectations of eq. 4. */
function blochMetrics(sim: SimulationResult): readonly [MetricName, MetricName, MetricName] | null {
  if (sim.curves.some((c) => c.metric === 'fig3.blochX')) return ['fig3.blochX', 'fig3.blochY', 'fig3.blochZ'];
  if (sim.curves.some((c) => c.metric === 'pauli.x')) return ['pauli.x', 'pauli.y', 'pauli.z'];
  return null;
}

/** The gain the Bloch figures show: the largest of the study (as the paper's Fig. 3). */
function blochGain(sim: SimulationResult, metric: MetricName): number {
  return Math.max(...sim.curves.filter((c) => c.metric === metric).map((c) => c.Kc));
}

function trajectories(sim: SimulationResult, metrics: readonly [MetricName, MetricName, MetricName], Kc: number): BlochTrajectory[] {
  const at = (metric: MetricName): Curve[] => sim.curves.filter((c) => c.metric === metric && c.Kc === Kc);
  const [xs, ys, zs] = metrics.map(at) as [Curve[], Curve[], Curve[]];
  return xs.map((cx) => {
    const same = (c: Curve) => c.qubit === cx.qubit;
    return { state: cx.qubit ?? 'blended', x: cx.values, y: ys.find(same)!.values, z: zs.find(same)!.values };
  });
}

function stateLabel(state: number | 'blended'): FigureText {
  return figureText({ math: state === 'blended' ? '\\rho_b' : `\\rho_{${state}}` });
}

/**
 * The Bloch vectors of each state as three projections of the Bloch ball (x–y, x–z, y–z), equal axes,
 * the unit circle for reference, start (open circle) and end (filled) of each trajectory marked, one
 * colour per qubit and the blended state dashed.
 */
export function blochProjectionSpec(trajs: readonly BlochTrajectory[]): PanelLinePlotSpec {
  const axis = (label: string): AxisSpec => ({ label: figureText({ math: label }), domain: BLOCH_DOMAIN });
  const circle: SeriesSpec = {
    label: 'unit circle (pure states)',
    points: Array.from({ length: CIRCLE_POINTS }, (_, k) => {
      const a = (2 * Math.PI * k) / (CIRCLE_POINTS - 1);
      return [Math.cos(a), Math.sin(a)] as [number, number];
    }),
    dash: 'dotted',
    markEndpoints: false,
    reference: true,
  };
  const panel = (title: FigureText, a: 'x' | 'y', b: 'y' | 'z'): PanelSpec => ({
    title,
    x: axis(a),
    y: axis(b),
    series: [
      ...trajs.map((s): SeriesSpec => ({
        label: stateLabel(s.state),
        points: thinEvenly(s[a].map((u, k) => [u, s[b][k]!] as [number, number]), BLOCH_POINTS),
        ...(s.state === 'blended' ? { dash: 'dashed' as const } : {}),
      })),
      circle,
    ],
  });
  return { kind: 'panels', x: axis('x'), panels: [panel(figureText({ math: 'x' }, '–', { math: 'y' }, ' plane'), 'x', 'y'), panel(figureText({ math: 'x' }, '–', { math: 'z' }, ' plane'), 'x', 'z'), panel(figureText({ math: 'y' }, '–', { math: 'z' }, ' plane'), 'y', 'z')], markEndpoints: true, equalAxes: true };
}

/** The Pauli expectations of each qubit over time (the Bloch components; the model declares no other observables). */
function pauliSpec(trajs: readonly BlochTrajectory[], t: readonly number[]): PanelLinePlotSpec {
  const panel = (title: FigureText, c: 'x' | 'y' | 'z'): PanelSpec => ({
    title,
    y: { label: title, domain: [-1, 1] },
    series: trajs.map((s) => ({ label: stateLabel(s.state), points: s[c].map((v, k) => [t[k]!, v] as [number, number]) })),
  });
  return { kind: 'panels', x: { label: figureText({ math: 't' }) }, panels: [panel(figureText({ math: '\\langle\\sigma_x\\rangle' }), 'x'), panel(figureText({ math: '\\langle\\sigma_y\\rangle' }), 'y'), panel(figureText({ math: '\\langle\\sigma_z\\rangle' }), 'z')], markEndpoints: true };
}

/**
 * The physics figures of the simulation: the Bloch-ball projections at the largest study gain, and
 * (for a model without eq. 5, whose Fig. 3 does not exist) the Pauli expectations over time.
 */
export function physicsFigures(sim: SimulationResult): FigureBlock[] {
  const metrics = blochMetrics(sim);
  if (!metrics) return [];
  const Kc = blochGain(sim, metrics[0]);
  const trajs = trajectories(sim, metrics, Kc);
  const fromEq5 = metrics[0] === 'fig3.blochX';
  const figs: FigureBlock[] = [{
    kind: 'figure',
    id: 'fig-bloch',
    spec: blochProjectionSpec(trajs),
    caption: [
      text('Bloch vectors '), math('\\vec r_j(t) = (\\langle\\sigma_x\\rangle, \\langle\\sigma_y\\rangle, \\langle\\sigma_z\\rangle)'), text(' of each reduced state '), math('\\rho_j = \\tfrac12(I + \\vec r_j\\cdot\\vec\\sigma)'),
      ...(fromEq5 ? [text(' (eq. 5) and of the blended state '), math('\\rho_b'), text(' (eq. 6, dashed)')] : [text(' (partial traces of eq. 4)')]),
      text(' at '), math(`K_c = ${numLatex(Kc, 4)}`),
      text(', projected onto the three coordinate planes of the Bloch ball (equal axes; the dotted unit circle bounds each projection of the ball, and only pure states reach it); open circles mark '), math('t = 0'), text(', filled circles the final time. Numeric.'),
    ],
  }];
  if (!fromEq5) {
    figs.push({
      kind: 'figure',
      id: 'fig-pauli',
      spec: pauliSpec(trajs, sim.curves.find((c) => c.metric === metrics[0])!.t),
      caption: [
        text('Expectation values of the Pauli observables of each qubit, '), math('\\langle\\sigma_\\alpha^{(j)}\\rangle(t) = \\mathrm{tr}(\\sigma_\\alpha\\rho_j(t))'), text(', from the partial traces '), math('\\rho_j = \\mathrm{tr}_{\\neg j}\\,\\rho'),
        text(' of eq. 4 at '), math(`K_c = ${numLatex(Kc, 4)}`), text(' (the model declares no other observables); open circles mark '), math('t = 0'), text(', filled circles the final time. Numeric.'),
      ],
    });
  }
  return figs;
}

/** One marker of the coupling-gain figure: a theorem's gain of one kind at one η. */
export interface KcAxisMarker {
  readonly theorem: TheoremCheck['theorem'];
  readonly kind: 'paper' | 'corrected' | 'empirical';
  readonly eta: number;
  readonly Kc: number;
}

/**
 * Every gain the coupling-gain figure marks: for each checked theorem and each η of the study, K_c*
 * (the paper's), K_c*′ (with the errata corrected, where they change it) and the empirical K_c.
 */
export function kcAxisMarkers(checks: readonly TheoremCheck[]): KcAxisMarker[] {
  return checks.flatMap((c) => {
    const corrected = c.proofNumbers.thresholds.corrected;
    const rows = c.etaSweep ?? [{ eta: c.eta, KcStar: c.KcStar, KcStarPrime: corrected ? Math.max(...corrected) : null, KcEmpirical: c.KcEmpirical }];
    return rows.flatMap((e): KcAxisMarker[] => [
      { theorem: c.theorem, kind: 'paper', eta: e.eta, Kc: e.KcStar },
      ...(e.KcStarPrime !== null ? [{ theorem: c.theorem, kind: 'corrected' as const, eta: e.eta, Kc: e.KcStarPrime }] : []),
      ...(e.KcEmpirical !== null ? [{ theorem: c.theorem, kind: 'empirical' as const, eta: e.eta, Kc: e.KcEmpirical }] : []),
    ]);
  });
}

const KIND_LABEL: Record<KcAxisMarker['kind'], FigureText> = { paper: figureText({ math: 'K_c^*' }, ' (paper)'), corrected: figureText({ math: 'K_c^{*\\prime}' }, ' (re-derived)'), empirical: figureText('empirical ', { math: 'K_c' }) };
const KIND_DASH: Record<KcAxisMarker['kind'], SeriesSpec['dash']> = { paper: 'solid', corrected: 'dashed', empirical: 'dotted' };

/** The coupling-gain axis (log) against η (log): where each theorem puts its threshold and where the trajectory meets η. */
export function kcAxisFigure(checks: readonly TheoremCheck[]): FigureBlock | null {
  const markers = kcAxisMarkers(checks).filter((m) => m.Kc > 0 && m.eta > 0);
  if (markers.length === 0) return null;
  const series: SeriesSpec[] = [];
  for (const c of checks) {
    for (const kind of ['paper', 'corrected', 'empirical'] as const) {
      const mine = markers.filter((m) => m.theorem === c.theorem && m.kind === kind).sort((a, b) => a.eta - b.eta);
      if (mine.length > 0) series.push({ label: [...figureText(`Theorem ${c.theorem.slice(1)}: `), ...figureTextPieces(KIND_LABEL[kind])], points: mine.map((m) => [m.Kc, m.eta] as [number, number]), mode: 'line+points', dash: KIND_DASH[kind] });
    }
  }
  const decade = (x: number, side: -1 | 1) => 10 ** (side < 0 ? Math.floor(Math.log10(x) - 0.25) : Math.ceil(Math.log10(x) + 0.25));
  const ks = markers.map((m) => m.Kc);
  const etas = markers.map((m) => m.eta);
  return {
    kind: 'figure',
    id: 'fig-kc-axis',
    spec: {
      kind: 'line',
      x: { label: figureText({ math: 'K_c' }), log: true, domain: [decade(Math.min(...ks), -1), decade(Math.max(...ks), 1)] },
      y: { label: figureText({ math: '\\eta' }), log: true, domain: [decade(Math.min(...etas), -1), decade(Math.max(...etas), 1)] },
      series,
      legend: true,
    },
    caption: [
      text('The coupling-gain axis (log scale) for each error level '), math('\\eta'), text(' of the study: the threshold '), math('K_c^*'),
      text(' as the paper states it (solid), the re-derived '), math('K_c^{*\\prime}'), text(' with the errata corrected (dashed; Theorems 1–2 only — for Theorems 3–4 the re-derivation confirms the paper’s '), math('K_c^*'),
      text('), and the empirical '), math('K_c'), text(', the smallest gain whose trajectory meets '), math('\\eta'), text(' on the theorem’s time set (dotted). The distance between a threshold and the empirical gain is how conservative the theorem is. Numeric.'),
    ],
  };
}
