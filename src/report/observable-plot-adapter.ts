/**
 * The only entry point of Observable Plot and linkedom (STYLE.md §2). Plot draws the axes, ticks,
 * grids, lines and dots; linkedom gives it a DOM in Node. We only compose: a legend row above the
 * plot and panels side by side, each panel a Plot chart nested in one root `<svg>`.
 *
 * Determinism: Plot's output depends only on its input (measured: identical bytes across runs and
 * processes). We still renumber every `id` to `<idPrefix>-<n>` in document order, so figures
 * inlined into one page never clash and a Plot version that adds counters cannot break
 * byte-for-byte reproducibility, and we round geometry to 0.01 px, which also keeps the SVGs small.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import {
  allSeries,
  defaultFigureSize,
  DIAGONAL_COLOUR,
  drawablePoints,
  figureTextKey,
  figureTextPieces,
  figureTextWidth,
  GRAPH_HALF_EXTENT,
  layoutGroupedCircle,
  seriesColours,
  type AxisSpec,
  type FigureSize,
  type FigureSpec,
  type FigureText,
  type GraphDrawingSpec,
  type LinePlotSpec,
  type PanelLinePlotSpec,
  type SeriesSpec,
} from './figures.ts';
import { escapeHtml } from './escape.ts';
import { renderMathHtml } from './katex.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * The part of the DOM this file uses, typed here because the project compiles without the DOM
 * lib; linkedom implements it in Node.
 */
interface DomElement {
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  appendChild(child: DomElement): DomElement;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly attributes: Iterable<{ name: string; value: string }>;
  readonly outerHTML: string;
  textContent: string | null;
  remove(): void;
}

interface DomDocument {
  createElementNS(namespace: string, name: string): DomElement;
}
const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
const FONT_SIZE = 11;
/** Average advance of a character at FONT_SIZE, generous so legend entries never overlap. */
const CHAR_WIDTH = FONT_SIZE * 0.62;
const LEGEND_ROW_HEIGHT = 18;
const DASH_ARRAYS = { solid: undefined, dashed: '6,4', dotted: '1.5,3' } as const;

export interface FigureSvgOptions {
  /** Prefix of every id in the SVG; give each figure on a page its own. Default `fig`. */
  idPrefix?: string;
  /** Drawing size; default `defaultFigureSize(spec)`. */
  size?: FigureSize;
  /** Add `xmlns` so the result is a standalone `.svg` file. Default false (for inlining in HTML). */
  standalone?: boolean;
}

/**
 * The SVG markup of a figure: one root `<svg>` with a `viewBox`, drawn by Observable Plot. Same
 * input, same bytes. Labels are escaped by the DOM serialiser.
 * @example figureToSvg({ kind: 'line', x: { label: 't' }, y: { label: 'y', log: true }, series: [{ label: 'a', points: [[0, 1], [1, 0.1]] }] }).startsWith('<svg') // => true
 */
export function figureToSvg(spec: FigureSpec, options: FigureSvgOptions = {}): string {
  const document = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as DomDocument;
  const labels: FigureText[] = [];
  const drawing: Drawing = { document, labels };
  const size = options.size ?? defaultFigureSize(spec);
  const root = document.createElementNS(SVG_NS, 'svg');
  if (options.standalone) root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('class', 'qblend-figure');
  root.setAttribute('font-family', FONT_FAMILY);
  root.setAttribute('font-size', String(FONT_SIZE));
  let height = size.height;
  switch (spec.kind) {
    case 'line':
      drawLinePlot(drawing, root, spec, size);
      break;
    case 'panels':
      height = drawPanels(drawing, root, spec, size);
      break;
    case 'graph':
      drawGraph(document, root, spec, size);
      break;
  }
  superscriptDecades(document, root);
  root.setAttribute('viewBox', `0 0 ${size.width} ${height}`);
  root.setAttribute('width', String(size.width));
  root.setAttribute('height', String(height));
  root.setAttribute('role', 'img');
  normaliseIds(root, options.idPrefix ?? 'fig');
  roundGeometry(root);
  // Each label's placeholder becomes its HTML: prose escaped, math typeset by KaTeX.
  return root.outerHTML.replace(/<div([^>]*) data-qblend-label="(\d+)"([^>]*)><\/div>/g, (_whole: string, before: string, k: string, after: string) =>
    `<div${before}${after}>${figureTextHtml(labels[Number(k)]!)}</div>`,
  );
}

/** What the drawing functions share: the DOM, and the labels whose HTML replaces placeholders. */
interface Drawing {
  document: DomDocument;
  labels: FigureText[];
}

/** HTML of a figure text: prose escaped, math through KaTeX (inline). */
function figureTextHtml(t: FigureText): string {
  return figureTextPieces(t)
    .map((p) => (p.kind === 'text' ? escapeHtml(p.text) : renderMathHtml(p.latex, { displayMode: false })))
    .join('');
}

/**
 * A label drawn as HTML inside the SVG (a `foreignObject`), so that its math is typeset by KaTeX
 * like the page's: a box of `width` × `height` at (x, y), text aligned in it; `rotate` turns the
 * box about its centre (−90 for a y-axis label).
 */
function htmlLabel(
  d: Drawing,
  t: FigureText,
  box: { x: number; y: number; width: number; height: number; align: 'left' | 'center'; rotate?: number; bold?: boolean },
): DomElement {
  const object = d.document.createElementNS(SVG_NS, 'foreignObject');
  object.setAttribute('x', String(box.x));
  object.setAttribute('y', String(box.y));
  object.setAttribute('width', String(box.width));
  object.setAttribute('height', String(box.height));
  object.setAttribute('overflow', 'visible');
  if (box.rotate !== undefined) object.setAttribute('transform', `rotate(${box.rotate} ${box.x + box.width / 2} ${box.y + box.height / 2})`);
  const div = d.document.createElementNS(XHTML_NS, 'div');
  div.setAttribute('data-qblend-label', String(d.labels.length));
  div.setAttribute('xmlns', XHTML_NS);
  div.setAttribute('class', `figure-label figure-label-${box.align}${box.bold ? ' figure-label-bold' : ''}`);
  d.labels.push(t);
  object.appendChild(div);
  return object;
}

/**
 * Decade labels of log axes (`10^-3` from `logTickFormat`) set as 10 with a raised exponent
 * (an SVG `tspan`), as a typeset axis shows them.
 */
function superscriptDecades(document: DomDocument, root: DomElement): void {
  for (const text of root.querySelectorAll('text')) {
    const m = /^10\^(-?\d+)$/.exec(text.textContent ?? '');
    if (!m) continue;
    text.textContent = '10';
    const exponent = document.createElementNS(SVG_NS, 'tspan');
    exponent.setAttribute('baseline-shift', 'super');
    exponent.setAttribute('font-size', '75%');
    exponent.textContent = m[1]!.replace('-', '\u2212');
    text.appendChild(exponent);
  }
}

function baseOptions(document: DomDocument, width: number, height: number): Plot.PlotOptions {
  return {
    document,
    width,
    height,
    style: { fontFamily: FONT_FAMILY, fontSize: `${FONT_SIZE}px`, background: 'white', overflow: 'visible' },
    marginLeft: 62,
    marginRight: 16,
    marginBottom: 40,
    color: { type: 'identity' },
  };
}

function axisScale(axis: AxisSpec): Plot.ScaleOptions {
  return {
    type: axis.log ? 'log' : 'linear',
    // Axis labels are drawn by `axisLabels`, typeset.
    label: null,
    labelArrow: 'none',
    labelAnchor: 'center',
    grid: true,
    ...(axis.domain ? { domain: axis.domain } : {}),
    // Log axes label each decade with its power of ten; linear axes let Plot choose.
    ...(axis.log ? { tickFormat: logTickFormat } : { nice: axis.domain === undefined }),
  };
}

/**
 * Decades print as 10^-3 (raised by `superscriptDecades`), in-between log ticks stay unlabelled
 * (Plot's default crowds them).
 */
function logTickFormat(value: number): string {
  const exponent = Math.log10(value);
  if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
  const e = Math.round(exponent);
  if (e >= 0 && e <= 3) return String(10 ** e);
  return `10^${e}`;
}

/**
 * The x-axis label centred under the plot area and the y-axis label turned along the left edge of
 * a chart at (left, top) of `width` × `height` with Plot's margins.
 */
function axisLabels(d: Drawing, root: DomElement, x: AxisSpec, y: AxisSpec, chart: { left: number; top: number; width: number; height: number; marginLeft: number; marginRight: number; marginTop: number; marginBottom: number }): void {
  const plotLeft = chart.left + chart.marginLeft;
  const plotWidth = chart.width - chart.marginLeft - chart.marginRight;
  const plotTop = chart.top + chart.marginTop;
  const plotHeight = chart.height - chart.marginTop - chart.marginBottom;
  root.appendChild(htmlLabel(d, x.label, { x: plotLeft, y: chart.top + chart.height - 17, width: plotWidth, height: 17, align: 'center' }));
  // A box as long as the plot is high, turned about its centre onto the left margin.
  const cx = chart.left + 9;
  const cy = plotTop + plotHeight / 2;
  root.appendChild(htmlLabel(d, y.label, { x: cx - plotHeight / 2, y: cy - 9, width: plotHeight, height: 18, align: 'center', rotate: -90 }));
}

/** The Plot marks of some series: a line and/or dots per series, optional endpoint markers. */
function seriesMarks(series: readonly SeriesSpec[], x: AxisSpec, y: AxisSpec, colours: Map<string, string>, markEndpoints: boolean): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  for (const s of series) {
    const points = drawablePoints(s, x, y);
    if (points.length === 0) continue;
    const colour = colours.get(figureTextKey(s.label))!;
    const mode = s.mode ?? 'line';
    const channels = { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1] };
    if (mode !== 'points') {
      marks.push(Plot.line(points, { ...channels, stroke: colour, strokeWidth: 1.8, strokeDasharray: DASH_ARRAYS[s.dash ?? 'solid'] }));
    }
    if (mode !== 'line') marks.push(Plot.dot(points, { ...channels, fill: colour, r: 3.2 }));
    if (s.markEndpoints ?? markEndpoints) {
      marks.push(Plot.dot([points[0]!], { ...channels, stroke: colour, fill: 'white', strokeWidth: 1.6, r: 4 }));
      marks.push(Plot.dot([points[points.length - 1]!], { ...channels, fill: colour, stroke: 'white', strokeWidth: 0.8, r: 4.2 }));
    }
  }
  return marks;
}

interface LegendEntry {
  label: FigureText;
  colour: string;
  mode: 'line' | 'points' | 'line+points';
  dash: 'solid' | 'dashed' | 'dotted';
}

function legendEntries(series: readonly SeriesSpec[], colours: Map<string, string>): LegendEntry[] {
  const seen = new Set<string>();
  const entries: LegendEntry[] = [];
  for (const s of series) {
    const key = figureTextKey(s.label);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ label: s.label, colour: colours.get(key)!, mode: s.mode ?? 'line', dash: s.dash ?? 'solid' });
  }
  return entries;
}

/**
 * Draws a legend row (wrapping onto more rows) at the top of `root`, left-aligned with the plot
 * area, and returns its height. Each entry: a swatch in the series' style, then its label.
 */
function drawLegend(d: Drawing, root: DomElement, entries: readonly LegendEntry[], width: number, left: number): number {
  const document = d.document;
  if (entries.length === 0) return 0;
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('class', 'legend');
  group.setAttribute('aria-label', 'legend');
  let x = left;
  let row = 0;
  for (const entry of entries) {
    const labelWidth = figureTextWidth(entry.label) * CHAR_WIDTH;
    const entryWidth = 30 + labelWidth + 18;
    if (x > left && x + entryWidth > width) {
      x = left;
      row++;
    }
    const y = 12 + row * LEGEND_ROW_HEIGHT;
    if (entry.mode !== 'points') {
      const line = document.createElementNS(SVG_NS, 'line');
      for (const [k, v] of [['x1', x], ['x2', x + 24], ['y1', y], ['y2', y]] as const) line.setAttribute(k, String(v));
      line.setAttribute('stroke', entry.colour);
      line.setAttribute('stroke-width', '2');
      const dash = DASH_ARRAYS[entry.dash];
      if (dash) line.setAttribute('stroke-dasharray', dash);
      group.appendChild(line);
    }
    if (entry.mode !== 'line') {
      const dot = document.createElementNS(SVG_NS, 'circle');
      for (const [k, v] of [['cx', x + 12], ['cy', y], ['r', 3.5]] as const) dot.setAttribute(k, String(v));
      dot.setAttribute('fill', entry.colour);
      group.appendChild(dot);
    }
    group.appendChild(htmlLabel(d, entry.label, { x: x + 30, y: y - 9, width: labelWidth + 12, height: 18, align: 'left' }));
    x += entryWidth;
  }
  root.appendChild(group);
  return 12 + (row + 1) * LEGEND_ROW_HEIGHT;
}

/** Places a Plot chart inside the root at (x, y). */
function nest(root: DomElement, chart: DomElement, x: number, y: number): void {
  chart.setAttribute('x', String(x));
  chart.setAttribute('y', String(y));
  // Plot's class and stylesheet size a top-level chart (`max-width: 100%`, `height: auto`); a
  // nested chart is sized by the root's viewBox instead.
  chart.removeAttribute('class');
  for (const style of chart.querySelectorAll(':scope > style')) style.remove();
  root.appendChild(chart);
}

function drawLinePlot(d: Drawing, root: DomElement, spec: LinePlotSpec, size: FigureSize): void {
  const document = d.document;
  const colours = seriesColours(spec.series);
  const entries = legendEntries(spec.series, colours);
  if (spec.diagonal) entries.push({ label: spec.diagonal.label, colour: DIAGONAL_COLOUR, mode: 'line', dash: 'dashed' });
  const showLegend = spec.legend ?? entries.length > 1;
  const legendHeight = showLegend ? drawLegend(d, root, entries, size.width, 62) : 0;
  const marks = seriesMarks(spec.series, spec.x, spec.y, colours, spec.markEndpoints ?? false);
  if (spec.diagonal) {
    const points = spec.series.flatMap((s) => drawablePoints(s, spec.x, spec.y));
    const values = points.flatMap(([px, py]) => [px, py]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      marks.unshift(Plot.line([[lo, lo], [hi, hi]], { x: (d: number[]) => d[0], y: (d: number[]) => d[1], stroke: DIAGONAL_COLOUR, strokeWidth: 1.2, strokeDasharray: '6,4' }));
    }
  }
  const chart = Plot.plot({
    ...baseOptions(document, size.width, size.height - legendHeight),
    marginTop: 14,
    x: axisScale(spec.x),
    y: axisScale(spec.y),
    marks: [Plot.frame({ stroke: '#bbb' }), ...marks],
  }) as unknown as DomElement;
  nest(root, chart, 0, legendHeight);
  axisLabels(d, root, spec.x, spec.y, { left: 0, top: legendHeight, width: size.width, height: size.height - legendHeight, marginLeft: 62, marginRight: 16, marginTop: 14, marginBottom: 40 });
}

/** Draws the panels below their legend; returns the height used (for `equalAxes`, set by the panels' width). */
function drawPanels(d: Drawing, root: DomElement, spec: PanelLinePlotSpec, size: FigureSize): number {
  const document = d.document;
  const series = allSeries(spec);
  const colours = seriesColours(series);
  const showLegend = spec.legend ?? legendEntries(series, colours).length > 1;
  const legendHeight = showLegend ? drawLegend(d, root, legendEntries(series, colours), size.width, 62) : 0;
  const panelWidth = Math.floor(size.width / spec.panels.length);
  const [marginLeft, marginRight, marginTop, marginBottom] = [56, 12, 26, 40];
  // Equal axes: the plot area's height is its width scaled by the ratio of the domains' lengths.
  const span = (a: AxisSpec) => (a.domain ? a.domain[1] - a.domain[0] : 1);
  const chartHeight = spec.equalAxes
    ? Math.max(...spec.panels.map((p) => Math.round(((panelWidth - marginLeft - marginRight) * span(p.y)) / span(p.x ?? spec.x)))) + marginTop + marginBottom
    : size.height - legendHeight;
  spec.panels.forEach((panel, i) => {
    const x = panel.x ?? spec.x;
    const chart = Plot.plot({
      ...baseOptions(document, panelWidth, chartHeight),
      marginLeft,
      marginRight,
      marginTop,
      marginBottom,
      x: axisScale(x),
      y: axisScale(panel.y),
      marks: [
        Plot.frame({ stroke: '#bbb' }),
        ...seriesMarks(panel.series, x, panel.y, colours, spec.markEndpoints ?? false),
      ],
    }) as unknown as DomElement;
    nest(root, chart, i * panelWidth, legendHeight);
    const frame = { left: i * panelWidth, top: legendHeight, width: panelWidth, height: chartHeight, marginLeft, marginRight, marginTop, marginBottom };
    root.appendChild(htmlLabel(d, panel.title, { x: frame.left + frame.marginLeft, y: frame.top + 3, width: panelWidth - frame.marginLeft - frame.marginRight, height: 20, align: 'center', bold: true }));
    axisLabels(d, root, x, panel.y, frame);
  });
  return legendHeight + chartHeight;
}

function drawGraph(document: DomDocument, root: DomElement, spec: GraphDrawingSpec, size: FigureSize): void {
  const layout = layoutGroupedCircle(spec);
  // Node radius shrinks with the number of nodes so dense graphs stay legible.
  const radius = Math.max(2.5, Math.min(7, 90 / Math.sqrt(Math.max(1, layout.nodes.length))));
  const marks: Plot.Markish[] = [
    Plot.link(layout.edges, {
      x1: (e: (typeof layout.edges)[number]) => e.source.x,
      y1: (e: (typeof layout.edges)[number]) => e.source.y,
      x2: (e: (typeof layout.edges)[number]) => e.target.x,
      y2: (e: (typeof layout.edges)[number]) => e.target.y,
      stroke: (e: (typeof layout.edges)[number]) => e.source.colour,
      strokeOpacity: 0.55,
      strokeWidth: 1.1,
    }),
    Plot.dot(layout.nodes, { x: 'x', y: 'y', fill: 'colour', stroke: 'white', strokeWidth: 1, r: radius }),
  ];
  if (spec.showComponentLabels ?? true) {
    // One text mark per label: each has its own rotation (Plot's rotate is clockwise, y down).
    for (const c of layout.components) {
      marks.push(Plot.text([c], { x: 'labelX', y: 'labelY', text: 'name', fill: c.colour, textAnchor: c.labelAnchor, rotate: -c.labelRotation, fontSize: FONT_SIZE, fontWeight: 'bold' }));
    }
  }
  if (spec.showNodeLabels) {
    marks.push(Plot.text(layout.nodes, { x: 'x', y: 'y', text: (n: (typeof layout.nodes)[number]) => n.label ?? n.id, dy: -radius - 6, fontSize: FONT_SIZE - 2, fill: '#333' }));
  }
  // Equal units on both axes, so component circles stay round.
  const yHalf = GRAPH_HALF_EXTENT;
  const xHalf = (yHalf * size.width) / size.height;
  const chart = Plot.plot({
    ...baseOptions(document, size.width, size.height),
    margin: 0,
    x: { domain: [-xHalf, xHalf], axis: null },
    y: { domain: [-yHalf, yHalf], axis: null },
    marks,
  }) as unknown as DomElement;
  nest(root, chart, 0, 0);
}

/** Renames every id to `<prefix>-<n>` in document order and rewrites `url(#…)` and `href="#…"` references. */
function normaliseIds(root: DomElement, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const element of [root, ...root.querySelectorAll('[id]')]) {
    const id = element.getAttribute('id');
    if (id === null) continue;
    const fresh = `${prefix}-${renamed.size + 1}`;
    renamed.set(id, fresh);
    element.setAttribute('id', fresh);
  }
  if (renamed.size === 0) return;
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const value = attribute.value;
      const rewritten = value
        .replace(/url\(#([^)]+)\)/g, (whole: string, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole))
        .replace(/^#(.+)$/, (whole: string, id: string) => (attribute.name.endsWith('href') && renamed.has(id) ? `#${renamed.get(id)}` : whole));
      if (rewritten !== value) element.setAttribute(attribute.name, rewritten);
    }
  }
}

const GEOMETRY_ATTRIBUTES = ['d', 'transform', 'points', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'dx', 'dy'];

/** Rounds every number in geometry attributes to 0.01 px (no visible change; stable text). */
function roundGeometry(root: DomElement): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const name of GEOMETRY_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      const rounded = value.replace(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi, (n: string) => {
        const r = Math.round(Number(n) * 100) / 100;
        return Object.is(r, -0) ? '0' : String(r);
      });
      if (rounded !== value) element.setAttribute(name, rounded);
    }
  }
}
