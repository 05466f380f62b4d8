import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { figureToSvg } from '../../src/report/observable-plot-adapter.ts';
import { figureText } from '../../src/report/figures.ts';
import { blochFigure, decayFigure, inducedGraphFigure, kcFigure } from './fixtures/sample-document.ts';

/** Every text a figure shows: SVG `<text>` and the HTML labels inside `foreignObject`. */
function shownTexts(doc: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }, scope = ''): string[] {
  return [...doc.querySelectorAll(`${scope} text, ${scope} .figure-label`)].map((t) => t.textContent ?? '');
}

/** Parses SVG markup into a DOM we can query like a browser would. */
function parseSvg(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return document;
}

describe('figureToSvg (Observable Plot)', () => {
  it('is deterministic: the same spec gives the same bytes', () => {
    for (const spec of [decayFigure(), blochFigure(), inducedGraphFigure(), kcFigure()]) {
      expect(figureToSvg(spec, { idPrefix: 'f' })).toBe(figureToSvg(spec, { idPrefix: 'f' }));
    }
  });

  it('draws a log-scale line plot with one line per series, a legend, axis labels and endpoint markers', () => {
    const spec = decayFigure();
    const doc = parseSvg(figureToSvg(spec));
    const root = doc.querySelector('svg')!;
    expect(root.getAttribute('viewBox')).toBe('0 0 640 360');
    expect(doc.querySelectorAll('g[aria-label="line"] path').length).toBe(spec.series.length);
    const texts = shownTexts(doc);
    for (const s of spec.series) expect(texts).toContain(s.label);
    expect(texts).toContain('time t');
    expect(texts).toContain(spec.y.label);
    // Decades labelled as powers of ten on the log axis, the exponent raised.
    expect(texts).toEqual(expect.arrayContaining(['10−1', '10−4', '10−8']));
    expect(doc.querySelectorAll('text tspan[baseline-shift="super"]').length).toBeGreaterThanOrEqual(3);
    // Open initial and filled final marker for each series.
    expect(doc.querySelectorAll('g[aria-label="dot"] circle').length).toBe(2 * spec.series.length);
  });

  it('draws three Bloch panels side by side with titles and one shared legend', () => {
    const svg = figureToSvg(blochFigure());
    const doc = parseSvg(svg);
    const panels = doc.querySelectorAll('svg > svg');
    expect(panels.length).toBe(3);
    expect([...panels].map((p: { getAttribute(n: string): string }) => p.getAttribute('x'))).toEqual(['0', '240', '480']);
    const texts = shownTexts(doc);
    expect(texts).toEqual(expect.arrayContaining(['Bloch x', 'Bloch y', 'Bloch z', 'qubit 1, full dynamics (eq. 4)', 'blended dynamics (eq. 6)']));
    expect(doc.querySelectorAll('g.legend .figure-label').length).toBe(2);
    expect(doc.querySelectorAll('g[aria-label="line"][stroke-dasharray]').length).toBe(3);
  });

  it('draws the induced graph: 64 dots in 20 colours, one link per edge, 20 component labels', () => {
    const spec = inducedGraphFigure();
    const doc = parseSvg(figureToSvg(spec));
    const dots = [...doc.querySelectorAll('g[aria-label="dot"] circle')] as Array<{ getAttribute(n: string): string }>;
    expect(dots.length).toBe(64);
    expect(new Set(dots.map((d) => d.getAttribute('fill'))).size).toBe(20);
    expect(doc.querySelectorAll('g[aria-label="link"] path').length).toBe(spec.edges.length);
    expect(doc.querySelectorAll('g[aria-label="text"] text').length).toBe(20);
  });

  it('draws the theory-vs-empirical plot with points, a connected series and the diagonal', () => {
    const doc = parseSvg(figureToSvg(kcFigure()));
    expect(doc.querySelectorAll('g[aria-label="dot"] circle').length).toBe(8);
    expect(doc.querySelectorAll('g[aria-label="line"] path').length).toBe(2);
    const texts = shownTexts(doc, 'g.legend');
    expect(texts).toEqual(['ring networks', 'complete graphs', 'empirical = theory']);
  });

  it('typesets math in labels with KaTeX inside the SVG, and keeps prose as escaped text', () => {
    const spec = decayFigure();
    spec.y.label = figureText({ math: '\\|\\rho_j(t) - \\rho_r\\|_F' }, ' <max>');
    spec.series[0]!.label = figureText({ math: 'K_c = 10' });
    const svg = figureToSvg(spec);
    const doc = parseSvg(svg);
    const labels = [...doc.querySelectorAll('foreignObject > div.figure-label')] as Array<{ querySelector(s: string): unknown; textContent: string }>;
    const annotations = [...doc.querySelectorAll('.figure-label annotation')].map((a: { textContent: string }) => a.textContent);
    expect(annotations).toEqual(expect.arrayContaining(['\\|\\rho_j(t) - \\rho_r\\|_F', 'K_c = 10']));
    expect(labels.some((l) => l.textContent.endsWith(' <max>'))).toBe(true);
    expect(svg).toContain(' &lt;max&gt;');
    // No label is left as SVG text spelling LaTeX.
    expect(shownTexts(doc, 'svg > svg').filter((t) => /[_^\\]/.test(t))).toEqual([]);
  });

  it('escapes untrusted labels and keeps every id under the given prefix', () => {
    const spec = decayFigure();
    spec.y.label = '<script>alert(1)</script>';
    spec.series[0]!.label = '"><img src=x onerror=alert(1)>';
    const svg = figureToSvg(spec, { idPrefix: 'figure-9' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const id of svg.match(/ id="[^"]*"/g) ?? []) expect(id).toMatch(/^ id="figure-9-\d+"$/);
  });

  it('produces a standalone SVG file with its namespace', () => {
    expect(figureToSvg(kcFigure(), { standalone: true })).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
