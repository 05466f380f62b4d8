import { describe, expect, it } from 'vitest';
import { COMPONENT_COLOURS, SERIES_COLOURS } from '../../src/report/figures.ts';
import { figureColourDefinitions, figureToPgfplots } from '../../src/report/figures-pgfplots.ts';
import { blochFigure, decayFigure, inducedGraphFigure, kcFigure } from './fixtures/sample-document.ts';

describe('figureToPgfplots', () => {
  it('defines every palette colour once, with the same hex as the SVG', () => {
    const definitions = figureColourDefinitions();
    expect(definitions.length).toBe(SERIES_COLOURS.length + COMPONENT_COLOURS.length + 1);
    expect(definitions).toContain('\\definecolor{qbseriesA}{HTML}{4269D0}');
    expect(new Set(definitions.map((d) => /\{(qb\w+)\}/.exec(d)![1])).size).toBe(definitions.length);
  });

  it('draws a log-y line plot with a legend entry per series and open/filled endpoint markers', () => {
    const tex = figureToPgfplots(decayFigure(), 'f1');
    expect(tex).toMatch(/ymode=log/);
    expect(tex.match(/\\addlegendentry\{/g)!.length).toBe(4);
    expect(tex.match(/fill=white/g)!.length).toBe(4);
    expect(tex).toContain('ylabel={\\ensuremath{\\Vert}\\ensuremath{\\rho}\\textsubscript{1}(t) \\ensuremath{-} \\ensuremath{\\bar{\\rho}}(t)\\ensuremath{\\Vert}F}');
  });

  it('lists the diagonal last in the legend of a theory-vs-empirical plot', () => {
    const tex = figureToPgfplots(kcFigure(), 'f4');
    const entries = [...tex.matchAll(/\\addlegendentry\{([^}]*)\}/g)].map((m) => m[1]);
    expect(entries).toEqual(['ring networks', 'complete graphs', 'empirical = theory']);
    expect(tex).toContain('only marks');
  });

  it('draws panels as a groupplot with one shared legend', () => {
    const tex = figureToPgfplots(blochFigure(), 'figure-3');
    expect(tex.match(/\\nextgroupplot/g)!.length).toBe(3);
    expect(tex.match(/legend to name=qblegendfigure3/g)!.length).toBe(1);
    expect(tex.match(/\\addlegendentry/g)!.length).toBe(2);
  });

  it('gives a series that appears only in a later panel its entry in the shared legend', () => {
    const tex = figureToPgfplots(
      {
        kind: 'panels',
        x: { label: 't' },
        panels: [
          { title: 'a', y: { label: 'y' }, series: [{ label: 'first', points: [[0, 1], [1, 2]] }] },
          { title: 'b', y: { label: 'y' }, series: [{ label: 'later', dash: 'dotted', points: [[0, 1], [1, 2]] }] },
        ],
      },
      'f9',
    );
    expect(tex).toContain('\\addlegendimage{color=qbseriesB, densely dotted, line width=1.1pt, mark=none}\n\\addlegendentry{later}');
    expect(tex).toContain('\\pgfplotslegendfromname{qblegendf9}');
  });

  it('draws the induced graph in TikZ: a dot per node, a line per edge, a rotated label per component', () => {
    const spec = inducedGraphFigure();
    const tex = figureToPgfplots(spec, 'f2');
    expect(tex.match(/\\filldraw/g)!.length).toBe(64);
    expect(tex.match(/\\draw\[/g)!.length).toBe(spec.edges.length);
    expect(tex.match(/\\node\[anchor=(west|east|center), rotate=/g)!.length).toBe(20);
  });
});
