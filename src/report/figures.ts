/**
 * Figure specifications: plain data describing a plot, drawn by two back ends from the same data:
 * SVG through Observable Plot (`observable-plot-adapter.ts`, for HTML) and native pgfplots/TikZ
 * (`figures-pgfplots.ts`, for LaTeX). Everything both back ends must agree on — colours, which
 * points are drawn, the graph layout — is decided here, once.
 *
 * Labels (axes, legend entries, panel titles) are `FigureText`: prose pieces, which each back end
 * escapes, and math pieces (LaTeX from the engine), which each back end typesets — KaTeX inside the
 * SVG, `$…$` in pgfplots — so a label never spells mathematics in Unicode or LaTeX syntax.
 */

/** A piece of a figure's text: prose (escaped) or math (LaTeX from the engine, typeset). */
export type FigureTextPiece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'math'; readonly latex: string };

/** A label of a figure: plain prose, or prose and math pieces in order. */
export type FigureText = string | readonly FigureTextPiece[];

/**
 * A figure text from pieces: strings are prose, `{ math }` objects LaTeX.
 * @example figureText({ math: 'K_c' }, ', empirical') // => [{ kind: 'math', latex: 'K_c' }, { kind: 'text', text: ', empirical' }]
 */
export function figureText(...pieces: Array<string | { math: string }>): FigureTextPiece[] {
  return pieces.map((p) => (typeof p === 'string' ? { kind: 'text', text: p } : { kind: 'math', latex: p.math }));
}

/** The pieces of a figure text (a string is one prose piece). */
export function figureTextPieces(t: FigureText): readonly FigureTextPiece[] {
  return typeof t === 'string' ? (t.length > 0 ? [{ kind: 'text', text: t }] : []) : t;
}

/** A key identifying a figure text, e.g. for colouring series by label. */
export function figureTextKey(t: FigureText): string {
  return JSON.stringify(figureTextPieces(t));
}

/**
 * Roughly how many characters wide a figure text is drawn (math counted by its visible symbols),
 * for laying out legends in SVG.
 * @example figureTextWidth(figureText({ math: 'K_c = 10' })) // => 5.5
 */
export function figureTextWidth(t: FigureText): number {
  let width = 0;
  for (const p of figureTextPieces(t)) {
    if (p.kind === 'text') width += p.text.length;
    else {
      const scripts = (p.latex.match(/[_^](\{[^}]*\}|.)/g) ?? []).join('').replace(/[_^{}\\]/g, '').length;
      const visible = p.latex.replace(/\\[A-Za-z]+/g, 'x').replace(/[_^{}\s]/g, '').length;
      // Scripts are set smaller; relations and operators get space on both sides.
      const spaced = (p.latex.match(/[=+<>-]|\\(?:le|ge|cdot|times|approx|in)\b/g) ?? []).length;
      width += visible - scripts * 0.3 + spaced * 0.8;
    }
  }
  return Math.round(width * 10) / 10;
}

/** One axis. */
export interface AxisSpec {
  /** Label, e.g. `figureText({ math: 't' })`. */
  label: FigureText;
  /** Logarithmic (base 10) scale. Points with a value ≤ 0 on this axis are not drawn. Default false. */
  log?: boolean;
  /** Fixed [min, max]; default: the extent of the data. */
  domain?: [number, number];
}

/** A series of (x, y) points, e.g. (t, value) along a trajectory. */
export interface SeriesSpec {
  /** Legend label. Series sharing a label across panels share a colour. */
  label: FigureText;
  points: ReadonlyArray<readonly [number, number]>;
  /** How the points are drawn. Default `'line'`. */
  mode?: 'line' | 'points' | 'line+points';
  /** Line dash. Default `'solid'`. */
  dash?: 'solid' | 'dashed' | 'dotted';
  /** Mark this series' first and last point; default the figure's `markEndpoints` (e.g. false for a reference circle). */
  markEndpoints?: boolean;
  /** A reference curve (e.g. the unit circle of a Bloch-ball projection): drawn in the reference grey, taking no series colour. */
  reference?: boolean;
}

/** Line plot of several series on one pair of axes. */
export interface LinePlotSpec {
  kind: 'line';
  x: AxisSpec;
  y: AxisSpec;
  series: SeriesSpec[];
  /** Mark each series' first point with an open circle and its last with a filled one. Default false. */
  markEndpoints?: boolean;
  /** Draw the reference line y = x, labelled (for theory-vs-empirical plots). Default: none. */
  diagonal?: { label: FigureText };
  /** Show the legend. Default: when there is more than one series (or a diagonal). */
  legend?: boolean;
}

/** One panel of a multi-panel figure. */
export interface PanelSpec {
  /** Panel title, e.g. `figureText({ math: 'x' }, ' (Bloch)')`. */
  title: FigureText;
  /** This panel's own x axis (e.g. Bloch-vector projections x–y, x–z, y–z); default the figure's shared `x`. */
  x?: AxisSpec;
  y: AxisSpec;
  series: SeriesSpec[];
}

/** Panels side by side sharing the x axis definition and one legend (e.g. Bloch x, y, z over time). */
export interface PanelLinePlotSpec {
  kind: 'panels';
  x: AxisSpec;
  panels: PanelSpec[];
  markEndpoints?: boolean;
  legend?: boolean;
  /**
   * One unit has the same length on both axes of every panel (geometry, e.g. a unit circle stays a
   * circle); the panels' height follows from their width and domains. Every axis needs a `domain`.
   */
  equalAxes?: boolean;
}

export interface GraphNodeSpec {
  /** Unique id, referenced by edges. */
  id: string;
  /** Plain-text label drawn next to the node when `showNodeLabels` is set. */
  label?: string;
  /** The component (or any group) the node belongs to; decides its colour and position. */
  component: string;
}

export interface GraphEdgeSpec {
  source: string;
  target: string;
  weight?: number;
}

/**
 * A graph drawn with a deterministic grouped circular layout: components sit on a large circle,
 * each component's nodes on a small circle around its centre (see `layoutGroupedCircle`).
 */
export interface GraphDrawingSpec {
  kind: 'graph';
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  /** Label each component at its centre with its name. Default true. */
  showComponentLabels?: boolean;
  showNodeLabels?: boolean;
}

export type FigureSpec = LinePlotSpec | PanelLinePlotSpec | GraphDrawingSpec;

/** Size of the drawn figure in CSS pixels (SVG) — pgfplots scales to the text width. */
export interface FigureSize {
  width: number;
  height: number;
}

/** The size a figure is drawn at unless the caller asks otherwise. */
export function defaultFigureSize(spec: FigureSpec): FigureSize {
  switch (spec.kind) {
    case 'line':
      return { width: 640, height: 360 };
    case 'panels':
      return { width: 720, height: 280 };
    case 'graph':
      return { width: 760, height: 600 };
  }
}

/**
 * Series colours: Observable's `observable10` categorical scheme, fixed here so the SVG and the
 * LaTeX drawing of a figure agree colour for colour.
 */
export const SERIES_COLOURS: readonly string[] = [
  '#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0',
];

/** Colour of the y = x reference line. */
export const DIAGONAL_COLOUR = '#555555';

/**
 * Component colours for graph drawings: 24 well-separated colours (Glasbey-style), enough for the
 * 20 components of a 3-qubit induced graph; more components cycle.
 */
export const COMPONENT_COLOURS: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd',
  '#e6550d', '#31a354', '#756bb1', '#636363', '#9ecae1', '#fdae6b', '#a1d99b', '#bcbddc',
];

/**
 * The colour of every series label (by `figureTextKey`), in order of first appearance over all
 * panels; a label keeps its colour in every panel.
 * @example seriesColours([{ label: 'a', points: [] }, { label: 'b', points: [] }]).get(figureTextKey('b')) // => '#efb118'
 */
export function seriesColours(series: readonly SeriesSpec[]): Map<string, string> {
  const colours = new Map<string, string>();
  let next = 0;
  for (const s of series) {
    const key = figureTextKey(s.label);
    if (colours.has(key)) continue;
    colours.set(key, s.reference ? DIAGONAL_COLOUR : SERIES_COLOURS[next++ % SERIES_COLOURS.length]!);
  }
  return colours;
}

/** Every series of a figure, panels flattened in order. */
export function allSeries(spec: LinePlotSpec | PanelLinePlotSpec): SeriesSpec[] {
  return spec.kind === 'line' ? spec.series : spec.panels.flatMap((p) => p.series);
}

/** Most points drawn per series; longer series are thinned evenly (first and last kept). */
export const MAX_POINTS_PER_SERIES = 600;

/**
 * The points of a series that are drawn: finite, positive on a log axis, and thinned to at most
 * `MAX_POINTS_PER_SERIES` by an even stride that keeps the first and last point. Both back ends
 * draw exactly these points.
 * @example drawablePoints({ label: 'a', points: [[0, 1], [1, 0], [2, NaN]] }, { label: 't' }, { label: 'y', log: true }) // => [[0, 1]]
 */
export function drawablePoints(series: SeriesSpec, x: AxisSpec, y: AxisSpec): Array<[number, number]> {
  const kept: Array<[number, number]> = [];
  for (const [px, py] of series.points) {
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    if ((x.log && px <= 0) || (y.log && py <= 0)) continue;
    kept.push([px, py]);
  }
  return thinEvenly(kept, MAX_POINTS_PER_SERIES);
}

/**
 * At most `max` of `points` by an even stride that keeps the first and the last (all of them when
 * there are no more than `max`).
 * @example thinEvenly([1, 2, 3, 4, 5], 3) // => [1, 3, 5]
 */
export function thinEvenly<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const thinned: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) thinned.push(points[Math.round(i * step)]!);
  return thinned;
}

/** Half the height of the data box a graph drawing shows: nodes fit in [−1, 1]², radial labels need the rest. */
export const GRAPH_HALF_EXTENT = 1.22;

/** A node placed by `layoutGroupedCircle`, in a unit box [−1, 1]² (y up). */
export interface PlacedNode extends GraphNodeSpec {
  x: number;
  y: number;
  colour: string;
}

export interface PlacedComponent {
  name: string;
  colour: string;
  /** Centre of the component's circle. */
  x: number;
  y: number;
  /** Where its label goes: just outside the component, away from the figure centre. */
  labelX: number;
  labelY: number;
  /**
   * Labels run radially outwards, so neighbours never overlap: `labelRotation` is the text's angle
   * in degrees, counter-clockwise with y up (within ±90° so text is never upside down), and
   * `labelAnchor` says which end of the text sits at (labelX, labelY).
   */
  labelAnchor: 'start' | 'middle' | 'end';
  labelRotation: number;
  size: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  components: PlacedComponent[];
  edges: Array<{ source: PlacedNode; target: PlacedNode; weight: number }>;
}

/**
 * Deterministic grouped circular layout in [−1, 1]²: components in order of first appearance are
 * spaced around a circle with angular room proportional to √size (so big components get room
 * without starving singletons), and each component's nodes sit evenly on a small circle around its
 * centre, in input order, starting at the top. Colours come from `COMPONENT_COLOURS`. Throws on an
 * edge naming an unknown node or a duplicate node id.
 * @example layoutGroupedCircle({ kind: 'graph', nodes: [{ id: 'a', component: 'A' }], edges: [] }).components.length // => 1
 */
export function layoutGroupedCircle(spec: GraphDrawingSpec): GraphLayout {
  const byComponent = new Map<string, GraphNodeSpec[]>();
  const ids = new Set<string>();
  for (const node of spec.nodes) {
    if (ids.has(node.id)) throw new Error(`graph drawing: duplicate node id ${JSON.stringify(node.id)}`);
    ids.add(node.id);
    const group = byComponent.get(node.component);
    if (group) group.push(node);
    else byComponent.set(node.component, [node]);
  }
  const groups = [...byComponent.entries()];
  const weights = groups.map(([, members]) => Math.sqrt(members.length));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const outerRadius = groups.length === 1 ? 0 : 0.78;
  const nodes: PlacedNode[] = [];
  const components: PlacedComponent[] = [];
  let angleStart = Math.PI / 2;
  groups.forEach(([name, members], gi) => {
    const share = weights[gi]! / totalWeight;
    const angle = angleStart - share * Math.PI;
    angleStart -= share * 2 * Math.PI;
    const cx = outerRadius * Math.cos(angle);
    const cy = outerRadius * Math.sin(angle);
    // A component's circle stays inside its wedge of the outer circle, less room for the drawn
    // dots, so nodes of neighbouring components never touch.
    const radius =
      members.length === 1 ? 0 : groups.length === 1 ? 0.8 : Math.max(0.03, Math.min(0.22, outerRadius * Math.sin(share * Math.PI) - 0.045));
    const colour = COMPONENT_COLOURS[gi % COMPONENT_COLOURS.length]!;
    members.forEach((node, k) => {
      const theta = Math.PI / 2 - (2 * Math.PI * k) / members.length;
      nodes.push({ ...node, x: cx + radius * Math.cos(theta), y: cy + radius * Math.sin(theta), colour });
    });
    const labelDistance = outerRadius + radius + 0.05;
    const degrees = (angle * 180) / Math.PI;
    const rightHalf = Math.cos(angle) >= -1e-12;
    components.push({
      name,
      colour,
      x: cx,
      y: cy,
      labelX: groups.length === 1 ? 0 : labelDistance * Math.cos(angle),
      labelY: groups.length === 1 ? -0.92 : labelDistance * Math.sin(angle),
      labelAnchor: groups.length === 1 ? 'middle' : rightHalf ? 'start' : 'end',
      labelRotation: groups.length === 1 ? 0 : normaliseDegrees(rightHalf ? degrees : degrees + 180),
      size: members.length,
    });
  });
  const placed = new Map(nodes.map((n) => [n.id, n]));
  const edges = spec.edges.map((e) => {
    const source = placed.get(e.source);
    const target = placed.get(e.target);
    if (!source || !target) {
      throw new Error(`graph drawing: edge ${JSON.stringify(e.source)}–${JSON.stringify(e.target)} names an unknown node`);
    }
    return { source, target, weight: e.weight ?? 1 };
  });
  return { nodes, components, edges };
}

/** An angle in (−180, 180], rounded to 0.01° so both back ends print the same value. */
function normaliseDegrees(degrees: number): number {
  let d = degrees % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return Math.round(d * 100) / 100;
}

/**
 * A number as pgfplots and SVG coordinates print it: at most 6 significant digits, no trailing
 * zeros, exponent form for very small or large magnitudes; identical for identical input.
 * @example formatCoordinate(0.1 + 0.2) // => '0.3'
 */
export function formatCoordinate(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e6) return String(Number(value.toPrecision(6)));
  const [mantissa, exponent] = value.toExponential(5).split('e');
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}
