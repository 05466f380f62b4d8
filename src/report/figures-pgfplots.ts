/**
 * Figures drawn natively in LaTeX — pgfplots for line plots and panels, plain TikZ for graph
 * drawings — from the same specs, colours, drawable points and layout as the SVG back end
 * (`figures.ts`), so the PDF needs no converter and the .tex stays deterministic. pgfplots and
 * TikZ ship in Debian's texlive-pictures.
 */
import { escapeLatexText } from './escape.ts';
import { assertSafeMath } from './math-sanitizer.ts';
import {
  allSeries,
  COMPONENT_COLOURS,
  DIAGONAL_COLOUR,
  drawablePoints,
  figureTextKey,
  figureTextWidth,
  figureTextPieces,
  formatCoordinate,
  GRAPH_HALF_EXTENT,
  layoutGroupedCircle,
  SERIES_COLOURS,
  seriesColours,
  type AxisSpec,
  type FigureSpec,
  type FigureText,
  type GraphDrawingSpec,
  type LinePlotSpec,
  type PanelLinePlotSpec,
  type SeriesSpec,
} from './figures.ts';

/** LaTeX colour name of a palette colour, defined by `figureColourDefinitions`. */
function colourName(hex: string): string {
  const series = SERIES_COLOURS.indexOf(hex);
  if (series >= 0) return `qbseries${String.fromCharCode(65 + series)}`;
  const component = COMPONENT_COLOURS.indexOf(hex);
  if (component >= 0) return `qbcomponent${String.fromCharCode(65 + component)}`;
  if (hex === DIAGONAL_COLOUR) return 'qbdiagonal';
  throw new Error(`colour ${hex} is not in the figure palettes`);
}

/**
 * `\definecolor` lines for every palette colour, for the preamble.
 * @example figureColourDefinitions()[0] // => '\\definecolor{qbseriesA}{HTML}{4269D0}'
 */
export function figureColourDefinitions(): string[] {
  return [...SERIES_COLOURS, ...COMPONENT_COLOURS, DIAGONAL_COLOUR].map(
    (hex) => `\\definecolor{${colourName(hex)}}{HTML}{${hex.slice(1).toUpperCase()}}`,
  );
}

/** LaTeX of a figure text: prose escaped, math in `$…$` (checked by the math policy). */
function textLatex(t: FigureText): string {
  return figureTextPieces(t)
    .map((p) => (p.kind === 'text' ? escapeLatexText(p.text) : `$${assertSafeMath(p.latex)}$`))
    .join('');
}

const DASH_STYLES = { solid: 'solid', dashed: 'dashed', dotted: 'densely dotted' } as const;

function axisOptions(axis: AxisSpec, letter: 'x' | 'y'): string[] {
  const options = [`${letter}label={${textLatex(axis.label)}}`];
  if (axis.log) options.push(`${letter}mode=log`, `log basis ${letter}=10`);
  if (axis.domain) options.push(`${letter}min=${formatCoordinate(axis.domain[0])}`, `${letter}max=${formatCoordinate(axis.domain[1])}`);
  return options;
}

function coordinates(points: ReadonlyArray<readonly [number, number]>): string {
  const parts = points.map(([x, y]) => `(${formatCoordinate(x)},${formatCoordinate(y)})`);
  // Eight points a line keeps the .tex readable and diffs small.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return `coordinates {\n${lines.join('\n')}\n}`;
}

/** The pgfplots style of a series (colour, dash, marks); also what its legend image shows. */
function seriesStyle(s: SeriesSpec, colours: Map<string, string>): string[] {
  const mode = s.mode ?? 'line';
  return [
    `color=${colourName(colours.get(figureTextKey(s.label))!)}`,
    mode === 'points' ? 'only marks' : `${DASH_STYLES[s.dash ?? 'solid']}, line width=1.1pt`,
    mode === 'line' ? 'mark=none' : 'mark=*, mark size=1.6pt, mark options={solid}',
  ];
}

/** `\addplot` commands of some series, with legend entries unless `legend` is false. */
function seriesPlots(series: readonly SeriesSpec[], x: AxisSpec, y: AxisSpec, colours: Map<string, string>, markEndpoints: boolean, legend: boolean): string[] {
  const lines: string[] = [];
  const legended = new Set<string>();
  for (const s of series) {
    const points = drawablePoints(s, x, y);
    if (points.length === 0) continue;
    const colour = colourName(colours.get(figureTextKey(s.label))!);
    const style = seriesStyle(s, colours);
    const showInLegend = legend && !legended.has(figureTextKey(s.label));
    if (!showInLegend) style.push('forget plot');
    lines.push(`\\addplot[${style.join(', ')}] ${coordinates(points)};`);
    if (showInLegend) {
      lines.push(`\\addlegendentry{${textLatex(s.label)}}`);
      legended.add(figureTextKey(s.label));
    }
    if (s.markEndpoints ?? markEndpoints) {
      lines.push(`\\addplot[forget plot, only marks, mark=*, mark size=2pt, mark options={solid, draw=${colour}, fill=white, line width=0.9pt}] ${coordinates([points[0]!])};`);
      lines.push(`\\addplot[forget plot, only marks, mark=*, mark size=2.2pt, mark options={solid, draw=white, fill=${colour}}] ${coordinates([points[points.length - 1]!])};`);
    }
  }
  return lines;
}

/** Styles every qblend axis shares: light grid, small tick labels, legend above in one row. */
const COMMON_AXIS_OPTIONS = [
  'grid=major',
  'grid style={black!10}',
  'axis line style={black!45}',
  'tick label style={font=\\footnotesize}',
  'label style={font=\\small}',
  'legend cell align=left',
  'legend style={draw=none, fill=none, font=\\footnotesize, legend columns=-1, /tikz/every even column/.append style={column sep=0.9em}}',
  'scaled ticks=false',
  'tick label style={/pgf/number format/fixed}',
];

/** Characters of \footnotesize text that fit on one legend row of the text width (with the line images). */
const LEGEND_ROW_CHARS = 80;

/**
 * The legend's columns when one row (the common style) would run past the line: as many as fit
 * LEGEND_ROW_CHARS for the widest entry plus its line image and spacing (about 6 characters).
 */
function legendColumns(spec: LinePlotSpec): string[] {
  const labels = [...new Map(spec.series.map((s) => [figureTextKey(s.label), s.label])).values(), ...(spec.diagonal ? [spec.diagonal.label] : [])];
  const widths = labels.map((l) => figureTextWidth(l) + 6);
  if (widths.reduce((a, b) => a + b, 0) <= LEGEND_ROW_CHARS) return [];
  const columns = Math.max(1, Math.min(labels.length, Math.floor(LEGEND_ROW_CHARS / Math.max(...widths))));
  return [`legend style={legend columns=${columns}}`];
}

function linePlot(spec: LinePlotSpec): string {
  const colours = seriesColours(spec.series);
  const legendCount = new Set(spec.series.map((s) => figureTextKey(s.label))).size + (spec.diagonal ? 1 : 0);
  const legend = spec.legend ?? legendCount > 1;
  const options = [
    // The axis box and its labels together stay inside the line.
    'width=0.95\\linewidth',
    'height=0.54\\linewidth',
    ...COMMON_AXIS_OPTIONS,
    'legend style={at={(0.5,1.03)}, anchor=south}',
    ...legendColumns(spec),
    ...axisOptions(spec.x, 'x'),
    ...axisOptions(spec.y, 'y'),
  ];
  const plots: string[] = [];
  if (spec.diagonal) {
    const values = spec.series.flatMap((s) => drawablePoints(s, spec.x, spec.y)).flatMap(([px, py]) => [px, py]);
    if (values.length > 0) {
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      plots.push(`\\addplot[color=qbdiagonal, dashed, line width=0.8pt, mark=none, forget plot] ${coordinates([[lo, lo], [hi, hi]])};`);
    }
  }
  plots.push(...seriesPlots(spec.series, spec.x, spec.y, colours, spec.markEndpoints ?? false, legend));
  // The diagonal is drawn first (underneath) but listed last in the legend, as in the SVG.
  if (spec.diagonal && legend) plots.push(`\\addlegendimage{color=qbdiagonal, dashed, line width=0.8pt}`, `\\addlegendentry{${textLatex(spec.diagonal.label)}}`);
  return ['\\begin{tikzpicture}', `\\begin{axis}[\n  ${options.join(',\n  ')}\n]`, ...plots, '\\end{axis}', '\\end{tikzpicture}'].join('\n');
}

function panelPlot(spec: PanelLinePlotSpec, legendName: string): string {
  const series = allSeries(spec);
  const colours = seriesColours(series);
  const legend = spec.legend ?? new Set(series.map((s) => figureTextKey(s.label))).size > 1;
  const count = spec.panels.length;
  // Panels, their gaps and the first panel's y label and tick labels (about 0.1 of the line) fill the line.
  const width = ((0.86 - (count - 1) * 0.085) / count).toFixed(3);
  const groupOptions = [
    `group style={group size=${count} by 1, horizontal sep=0.085\\linewidth}`,
    `width=${width}\\linewidth`,
    'height=0.3\\linewidth',
    'scale only axis',
    ...COMMON_AXIS_OPTIONS,
    'title style={font=\\small\\bfseries}',
    ...axisOptions(spec.x, 'x'),
    // One unit the same length on both axes: the height follows from the width.
    ...(spec.equalAxes ? ['axis equal image'] : []),
  ];
  const lines = ['\\begin{tikzpicture}', `\\begin{groupplot}[\n  ${groupOptions.join(',\n  ')}\n]`];
  spec.panels.forEach((panel, i) => {
    const panelOptions = [`title={${textLatex(panel.title)}}`, ...(panel.x ? axisOptions(panel.x, 'x') : []), ...axisOptions(panel.y, 'y')];
    if (i === 0 && legend) panelOptions.push(`legend to name=${legendName}`);
    lines.push(`\\nextgroupplot[${panelOptions.join(', ')}]`);
    // The first panel feeds the shared legend; the others draw the same labels unlisted.
    lines.push(...seriesPlots(panel.series, panel.x ?? spec.x, panel.y, colours, spec.markEndpoints ?? false, legend && i === 0));
    if (i === 0 && legend) {
      // Labels that first appear in a later panel get their legend entry here.
      const listed = new Set(panel.series.map((s) => figureTextKey(s.label)));
      for (const s of series) {
        if (listed.has(figureTextKey(s.label))) continue;
        listed.add(figureTextKey(s.label));
        lines.push(`\\addlegendimage{${seriesStyle(s, colours).join(', ')}}`, `\\addlegendentry{${textLatex(s.label)}}`);
      }
    }
  });
  lines.push('\\end{groupplot}', '\\end{tikzpicture}');
  // After the picture: the legend exists once the first panel has been typeset.
  if (legend) lines.push(`\\par\\smallskip{\\centering\\pgfplotslegendfromname{${legendName}}\\par}`);
  return lines.join('\n');
}

function graphPicture(spec: GraphDrawingSpec): string {
  const layout = layoutGroupedCircle(spec);
  // The drawing is 0.7 of the line width tall, so it shares a page with its caption and some text.
  const unit = `${(0.7 / 2 / GRAPH_HALF_EXTENT).toFixed(4)}\\linewidth`;
  const radius = Math.max(1.2, Math.min(3.2, 40 / Math.sqrt(Math.max(1, layout.nodes.length))));
  const lines = [`\\begin{tikzpicture}[x=${unit}, y=${unit}]`];
  const point = (x: number, y: number): string => `(${formatCoordinate(x)},${formatCoordinate(y)})`;
  for (const e of layout.edges) {
    lines.push(`\\draw[${colourName(e.source.colour)}, opacity=0.55, line width=0.45pt] ${point(e.source.x, e.source.y)} -- ${point(e.target.x, e.target.y)};`);
  }
  for (const n of layout.nodes) {
    lines.push(`\\filldraw[fill=${colourName(n.colour)}, draw=white, line width=0.4pt] ${point(n.x, n.y)} circle[radius=${radius.toFixed(2)}pt];`);
  }
  if (spec.showComponentLabels ?? true) {
    const anchors = { start: 'west', middle: 'center', end: 'east' } as const;
    for (const c of layout.components) {
      lines.push(`\\node[anchor=${anchors[c.labelAnchor]}, rotate=${c.labelRotation}, text=${colourName(c.colour)}, font=\\scriptsize\\sffamily\\bfseries, inner sep=1pt] at ${point(c.labelX, c.labelY)} {${escapeLatexText(c.name)}};`);
    }
  }
  if (spec.showNodeLabels) {
    for (const n of layout.nodes) {
      lines.push(`\\node[anchor=south, font=\\tiny, inner sep=1pt, yshift=${(radius + 1).toFixed(2)}pt] at ${point(n.x, n.y)} {${escapeLatexText(n.label ?? n.id)}};`);
    }
  }
  lines.push('\\end{tikzpicture}');
  return lines.join('\n');
}

/**
 * The LaTeX drawing of a figure (a `tikzpicture`, plus a shared legend for panels), for a
 * `figure` environment; needs the preamble of `renderDocumentLatex` (pgfplots, groupplots and
 * `figureColourDefinitions`). `uniqueName` names the shared legend of panel figures.
 * @example figureToPgfplots({ kind: 'line', x: { label: 't' }, y: { label: 'y' }, series: [{ label: 'a', points: [[0, 1]] }] }, 'f1').startsWith('\\begin{tikzpicture}') // => true
 */
export function figureToPgfplots(spec: FigureSpec, uniqueName: string): string {
  switch (spec.kind) {
    case 'line':
      return linePlot(spec);
    case 'panels':
      return panelPlot(spec, `qblegend${uniqueName.replace(/[^A-Za-z0-9]/g, '')}`);
    case 'graph':
      return graphPicture(spec);
  }
}
