import { describe, expect, it } from 'vitest';
import { drawablePoints, figureText, figureTextKey, formatCoordinate, layoutGroupedCircle, MAX_POINTS_PER_SERIES, seriesColours, SERIES_COLOURS } from '../../src/report/figures.ts';
import { inducedGraphFigure } from './fixtures/sample-document.ts';

describe('figure data shared by both back ends', () => {
  it('draws finite points only, positive ones on log axes, thinned evenly keeping both ends', () => {
    const series = { label: 's', points: [[0, 1], [1, 0], [2, -1], [3, NaN], [4, 2]] as const };
    expect(drawablePoints(series, { label: 't' }, { label: 'y', log: true })).toEqual([[0, 1], [4, 2]]);
    expect(drawablePoints(series, { label: 't' }, { label: 'y' })).toEqual([[0, 1], [1, 0], [2, -1], [4, 2]]);
    const long = { label: 'l', points: Array.from({ length: 5000 }, (_, i) => [i, i] as const) };
    const thinned = drawablePoints(long, { label: 't' }, { label: 'y' });
    expect(thinned.length).toBe(MAX_POINTS_PER_SERIES);
    expect(thinned[0]).toEqual([0, 0]);
    expect(thinned[thinned.length - 1]).toEqual([4999, 4999]);
  });

  it('gives a label the same colour in every panel', () => {
    const colours = seriesColours([{ label: 'a', points: [] }, { label: 'b', points: [] }, { label: 'a', points: [] }]);
    expect([...colours.entries()]).toEqual([[figureTextKey('a'), SERIES_COLOURS[0]], [figureTextKey('b'), SERIES_COLOURS[1]]]);
  });

  it('treats a prose label and the same words as one prose piece alike, and math apart from prose', () => {
    expect(figureTextKey('K_c')).toBe(figureTextKey(figureText('K_c')));
    expect(figureTextKey(figureText({ math: 'K_c' }))).not.toBe(figureTextKey('K_c'));
    const colours = seriesColours([{ label: figureText({ math: '\\rho_1' }), points: [] }, { label: figureText({ math: '\\rho_1' }), points: [] }]);
    expect(colours.size).toBe(1);
  });

  it('prints coordinates reproducibly with 6 significant digits', () => {
    expect([0.1 + 0.2, 1 / 3, 1e-9, -2.5e7, 0, 123456789].map(formatCoordinate)).toEqual(['0.3', '0.333333', '1e-9', '-2.5e7', '0', '1.23457e8']);
  });

  it('lays out the 3-qubit induced graph: 64 nodes in 20 separated components inside the unit box', () => {
    const spec = inducedGraphFigure();
    const layout = layoutGroupedCircle(spec);
    expect(layout.nodes.length).toBe(64);
    expect(layout.components.length).toBe(20);
    // Orbit sizes of S_3 on pairs (l, l'): 3!/(n00! n01! n10! n11!) — 4 singletons, 12 triples, 4 sextets.
    const sizes = layout.components.map((c) => c.size).sort((a, b) => a - b);
    expect(sizes).toEqual([...Array(4).fill(1), ...Array(12).fill(3), ...Array(4).fill(6)]);
    expect(new Set(layout.components.map((c) => c.colour)).size).toBe(20);
    for (const n of layout.nodes) expect(Math.hypot(n.x, n.y)).toBeLessThanOrEqual(1);
    // Nodes of different components are far apart; every edge stays inside one component.
    let closest = Infinity;
    for (const a of layout.nodes) for (const b of layout.nodes) if (a.component !== b.component) closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
    // 0.08 units is about 20 px in the default 600 px drawing: dots (14 px across) keep a clear gap.
    expect(closest).toBeGreaterThan(0.08);
    for (const e of layout.edges) expect(e.source.component).toBe(e.target.component);
    // Labels never read upside down.
    for (const c of layout.components) expect(Math.abs(c.labelRotation)).toBeLessThanOrEqual(90);
  });

  it('rejects edges to unknown nodes and duplicate ids', () => {
    expect(() => layoutGroupedCircle({ kind: 'graph', nodes: [{ id: 'a', component: 'A' }], edges: [{ source: 'a', target: 'b' }] })).toThrow(/unknown node/);
    expect(() => layoutGroupedCircle({ kind: 'graph', nodes: [{ id: 'a', component: 'A' }, { id: 'a', component: 'B' }], edges: [] })).toThrow(/duplicate/);
  });
});
