/**
 * The physics figures: Bloch-ball projections of each ρ_j(t) (and ρ_b(t)), the Pauli expectations of a
 * model without eq. 5, and the coupling-gain axis. Truths: the Bloch vectors of the initial reduced
 * states computed here by partial trace of the initial state written out by hand, |r| ≤ 1 for every
 * state, ρ_b(0) = ρ̄(0), and markers at the theorems' typed constants.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derive, type DerivationResult } from '../../src/api/derive.ts';
import { parseModel } from '../../src/model/parse.ts';
import { DIAGONAL_COLOUR, SERIES_COLOURS, figureTextKey, figureTextPieces, seriesColours, type FigureText, thinEvenly, type PanelLinePlotSpec, type SeriesSpec } from '../../src/report/figures.ts';
import { figureToSvg } from '../../src/report/observable-plot-adapter.ts';
import { figureToPgfplots } from '../../src/report/figures-pgfplots.ts';
import { kcAxisFigure, kcAxisMarkers, physicsFigures } from '../../src/report/sections/physics-figures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const load = (file: string) => derive(parseModel(readFileSync(join(ROOT, file), 'utf8'), file));

/**
 * Bloch vectors of the one-qubit marginals of a diagonal n-qubit state given as weights of basis
 * strings ('0' = |0⟩, the +z state): z_j = P(j = 0) − P(j = 1), x_j = y_j = 0 (a diagonal state has
 * diagonal partial traces).
 */
function marginalBloch(weights: Record<string, number>, n: number): [number, number, number][] {
  return Array.from({ length: n }, (_, j) => {
    let z = 0;
    for (const [bits, w] of Object.entries(weights)) z += bits[j] === '0' ? w : -w;
    return [0, 0, z];
  });
}

/** Partial traces of a product of one-qubit states ρ_1 ⊗ … ⊗ ρ_n by brute force on the 2ⁿ × 2ⁿ real matrix. */
function productMarginals(factors: number[][][]): number[][][] {
  const n = factors.length;
  const dim = 2 ** n;
  const bit = (k: number, j: number) => (k >> (n - 1 - j)) & 1;
  const full = (r: number, c: number) => factors.reduce((p, f, j) => p * f[bit(r, j)]![bit(c, j)]!, 1);
  return Array.from({ length: n }, (_, j) => {
    const out = [[0, 0], [0, 0]];
    for (let r = 0; r < dim; r++) for (let c = 0; c < dim; c++) {
      // Tr over every qubit but j: the other bits of row and column agree.
      if ((r ^ c) & ~(1 << (n - 1 - j)) & (dim - 1)) continue;
      out[bit(r, j)]![bit(c, j)]! += full(r, c);
    }
    return out;
  });
}

/** r = (2 Re ρ₀₁, −2 Im ρ₀₁, ρ₀₀ − ρ₁₁) for a real ρ: Im = 0. */
const blochOfReal = (rho: number[][]): [number, number, number] => [2 * rho[0]![1]!, 0, rho[0]![0]! - rho[1]![1]!];

/** A figure text as one string, math pieces as their LaTeX (what the assertions compare). */
function plain(t: FigureText): string {
  return figureTextPieces(t).map((p) => (p.kind === 'text' ? p.text : p.latex)).join('');
}

function panelSeries(spec: PanelLinePlotSpec, title: string, label: string): SeriesSpec {
  return spec.panels.find((p) => plain(p.title) === title)!.series.find((s) => plain(s.label) === label)!;
}

let ex1: DerivationResult;
let star: DerivationResult;
beforeAll(() => {
  ex1 = load('derivations/example-1.yaml');
  star = load('derivations/star-4.yaml');
});

describe('Bloch-ball projections', () => {
  it('start at the Bloch vectors of the partial traces of ρ(0) (Example 1: |0⟩⟨0| ⊗ I/2 ⊗ |1⟩⟨1|), ρ_b at their mean', () => {
    const figs = physicsFigures(ex1.simulation!);
    expect(figs.map((f) => f.id)).toEqual(['fig-bloch']);
    const spec = figs[0]!.spec as PanelLinePlotSpec;
    expect(spec.panels.map((p) => [plain(p.title), plain(p.x!.label), plain(p.y.label)])).toEqual([['x–y plane', 'x', 'y'], ['x–z plane', 'x', 'z'], ['y–z plane', 'y', 'z']]);
    const marginals = productMarginals([[[1, 0], [0, 0]], [[0.5, 0], [0, 0.5]], [[0, 0], [0, 1]]]).map(blochOfReal);
    marginals.forEach((r, j) => {
      const xy = panelSeries(spec, 'x–y plane', `\\rho_{${j + 1}}`).points[0]!;
      const yz = panelSeries(spec, 'y–z plane', `\\rho_{${j + 1}}`).points[0]!;
      expect(xy[0]).toBeCloseTo(r[0], 12);
      expect(xy[1]).toBeCloseTo(r[1], 12);
      expect(yz[1]).toBeCloseTo(r[2], 12);
    });
    const mean = [0, 1, 2].map((c) => marginals.reduce((s, r) => s + r[c]!, 0) / 3);
    const b = panelSeries(spec, 'x–z plane', '\\rho_b');
    expect(b.dash).toBe('dashed');
    expect(b.points[0]![0]).toBeCloseTo(mean[0]!, 12);
    expect(b.points[0]![1]).toBeCloseTo(mean[2]!, 12);
  });

  it('every state lies in the Bloch ball, |r| ≤ 1, and the reference circle has radius 1 and no endpoint marks', () => {
    for (const d of [ex1, star]) {
      const spec = physicsFigures(d.simulation!).find((f) => f.id === 'fig-bloch')!.spec as PanelLinePlotSpec;
      const [xy, xz] = [spec.panels[0]!, spec.panels[1]!];
      for (const s of xy.series.filter((x) => !x.reference)) {
        const z = xz.series.find((x) => plain(x.label) === plain(s.label))!.points;
        s.points.forEach(([x, y], k) => expect(Math.hypot(x, y, z[k]![1]), figureTextKey(s.label)).toBeLessThanOrEqual(1 + 1e-9));
      }
      const circle = xy.series.find((s) => s.reference)!;
      expect(circle.markEndpoints).toBe(false);
      for (const [x, y] of circle.points) expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
      expect(spec.equalAxes).toBe(true);
    }
  });

  it('a model without eq. 5 shows the Pauli expectations of eq. 4’s partial traces, starting at the marginals of ρ(0) (star-4)', () => {
    const figs = physicsFigures(star.simulation!);
    expect(figs.map((f) => f.id)).toEqual(['fig-bloch', 'fig-pauli']);
    // ρ(0) = ½|1000⟩⟨1000| + ⅙(|1100⟩⟨1100| + |1010⟩⟨1010| + |1001⟩⟨1001|) (derivations/star-4.yaml).
    const r0 = marginalBloch({ '1000': 1 / 2, '1100': 1 / 6, '1010': 1 / 6, '1001': 1 / 6 }, 4);
    const pauli = figs[1]!.spec as PanelLinePlotSpec;
    r0.forEach((r, j) => {
      pauli.panels.forEach((p, c) => {
        const s = p.series.find((x) => plain(x.label) === `\\rho_{${j + 1}}`)!;
        expect(s.points[0]![0]).toBe(0);
        expect(s.points[0]![1]).toBeCloseTo(r[c]!, 10);
      });
    });
  });

  it('draws square panels in SVG (equal axes) and asks pgfplots for equal axes with each panel’s own x label', () => {
    const spec = physicsFigures(ex1.simulation!)[0]!.spec as PanelLinePlotSpec;
    const svg = figureToSvg(spec);
    const frames = [...svg.matchAll(/<rect[^>]*stroke="#bbb"[^>]*>/g)].map((m) => m[0]);
    expect(frames).toHaveLength(3);
    for (const f of frames) {
      const w = Number(/width="([\d.]+)"/.exec(f)![1]);
      const h = Number(/height="([\d.]+)"/.exec(f)![1]);
      expect(Math.abs(w - h)).toBeLessThanOrEqual(1);
    }
    const tex = figureToPgfplots(spec, 'bloch');
    expect(tex).toContain('axis equal image');
    expect(tex).toMatch(/\\nextgroupplot\[title=\{\$y\$--\$z\$ plane\}, xlabel=\{\$y\$\}/);
  });
});

describe('figure helpers the Bloch figures use', () => {
  it('a reference series is grey and takes no series colour; thinning keeps the first and last point', () => {
    const colours = seriesColours([{ label: 'circle', points: [], reference: true }, { label: 'a', points: [] }, { label: 'b', points: [] }]);
    expect([colours.get(figureTextKey('circle')), colours.get(figureTextKey('a')), colours.get(figureTextKey('b'))]).toEqual([DIAGONAL_COLOUR, SERIES_COLOURS[0], SERIES_COLOURS[1]]);
    const xs = Array.from({ length: 201 }, (_, k) => k);
    const thin = thinEvenly(xs, 120);
    expect(thin.length).toBe(120);
    expect([thin[0], thin[119]]).toEqual([0, 200]);
    expect(thin.every((x, i) => i === 0 || x > thin[i - 1]!)).toBe(true);
    expect(thinEvenly(xs.slice(0, 5), 120)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('the coupling-gain axis', () => {
  it('marks K_c* (paper), K_c*′ (re-derived) and the empirical K_c of each theorem at each η, at the typed constants', () => {
    const markers = kcAxisMarkers(ex1.checks);
    const at = (theorem: string, kind: string, eta: number) => markers.filter((m) => m.theorem === theorem && m.kind === kind && Math.abs(m.eta - eta) < 1e-12).map((m) => m.Kc);
    for (const t of ['T1', 'T2', 'T3', 'T4'] as const) {
      const result = ex1.theorems[t];
      // Every η of the study: the theorem's K_c*(η) from its own formula.
      expect(result.KcStarByEta.length).toBe(2);
      for (const e of result.KcStarByEta) expect(at(t, 'paper', e.eta.toComplex()[0])).toEqual([e.KcStar.value]);
      const check = ex1.checks.find((c) => c.theorem === t)!;
      for (const e of check.etaSweep!) expect(at(t, 'empirical', e.eta)).toEqual(e.KcEmpirical === null ? [] : [e.KcEmpirical]);
    }
    // K_c*′ at the primary η is the theorems' re-derived constant; Theorems 3–4 have none (the re-derivation confirms K_c*).
    for (const t of ['T1', 'T2'] as const) {
      const v = (ex1.theorems[t].constants.values as Record<string, { value: number | null }>).KcStarPrime!.value!;
      expect(at(t, 'corrected', 0.05)[0]! / v).toBeCloseTo(1, 12);
    }
    expect(markers.filter((m) => (m.theorem === 'T3' || m.theorem === 'T4') && m.kind === 'corrected')).toEqual([]);
    // The figure draws exactly these markers, on a log K_c axis.
    const fig = kcAxisFigure(ex1.checks)!;
    const spec = fig.spec;
    if (spec.kind !== 'line') throw new Error('line plot expected');
    expect(spec.x.log).toBe(true);
    const drawn = spec.series.flatMap((s) => s.points.map(([k, eta]) => `${k}@${eta}`)).sort();
    expect(drawn).toEqual(markers.map((m) => `${m.Kc}@${m.eta}`).sort());
  });
});
