import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync as makeTemp, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess, runCliProcess } from '../support/model-cli.ts';
import { KATEX_STYLESHEET_WITH_EMBEDDED_FONTS } from '../../src/report/katex-assets.ts';
import { CONTENT_SECURITY_POLICY, LINKED_CONTENT_SECURITY_POLICY } from '../../src/report/html.ts';

const F = 'test/cli/fixtures';

/** Output directories of this file, removed afterwards. */
const made: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTemp(prefix);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('qblend derive', () => {
  it('nothing half-written: a bad file leaves the output directory without new files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliProcess(['derive', `${F}/initial-not-psd.yaml`, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
    // A directory that does not exist is not even created.
    const missing = join(dir, 'new');
    expect(runCliInProcess(['derive', `${F}/too-large.yaml`, '--out', missing]).code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  it('good and bad files in one run: the good one is written, the bad one is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliInProcess(['derive', 'derivations/example-1.yaml', `${F}/self-loop.yaml`, '--out', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['example-1.json']);
  });

  it('JSON output is deterministic and carries the versioned schema', () => {
    const a = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const b = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const files = ['derivations/example-2.yaml', 'derivations/example-3.yaml', 'derivations/example-1-parametric.yaml'];
    expect(runCliProcess(['derive', ...files, '--out', a, '--format', 'json']).code).toBe(0);
    expect(runCliInProcess(['derive', ...files, '--out', b]).code).toBe(0);
    for (const name of ['example-2.json', 'example-3.json', 'example-1-parametric.json']) {
      expect(readFileSync(join(a, name), 'utf8')).toBe(readFileSync(join(b, name), 'utf8'));
    }
    const doc = JSON.parse(readFileSync(join(a, 'example-3.json'), 'utf8'));
    expect(doc.schemaVersion).toBe(5);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['name', 'title', 'qubits', 'graph', 'conventions', 'model', 'initialState', 'parameters', 'warnings']));
    expect(doc.graph.edges).toEqual([[1, 2], [1, 3], [2, 3]]);
    expect(doc.graph.laplacian.value).toEqual([[[2, 0], [-1, 0], [-1, 0]], [[-1, 0], [2, 0], [-1, 0]], [[-1, 0], [-1, 0], [2, 0]]]);
    expect(doc.graph.laplacian.latex).toBe('\\begin{bmatrix} 2 & -1 & -1 \\\\ -1 & 2 & -1 \\\\ -1 & -1 & 2 \\end{bmatrix}');
    expect(doc.graph.connected).toBe(true);
    // λ_m(K_3) = 3: the nonzero eigenvalues of the Laplacian above are 3, 3 (independent: 3I − J).
    expect(doc.graph.lambdaMin).toMatchObject({ defined: true, kind: 'exact', exact: '3', value: 3 });
    expect(Object.keys(doc.checkByTheorem).sort()).toEqual(['T3', 'T4']);
    expect(doc.checkByTheorem.T4).toMatchObject({ holdsAtKcStar: true });
    expect(doc.conventions.sigmaPlus).toMatch(/\|1><0\|/);
    expect(doc.initialState.entries.map((e: { row: string; value: { exact: string } }) => [e.row, e.value.exact])).toEqual([['001', '1/6'], ['010', '1/3'], ['100', '1/2']]);
    const param = JSON.parse(readFileSync(join(a, 'example-1-parametric.json'), 'utf8'));
    expect(param.model.lindblad[0].rate).toMatchObject({ stated: 'gamma_m', exact: 'gamma_m', latex: '\\gamma_{m}', value: null });
    expect(param.parameters).toEqual({ values: { omega: { exact: '1', latex: '1', value: [1, 0] } }, symbolic: ['gamma_m', 'gamma_p'] });
  });

  it('unknown formats and theorems are refused before any work', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliInProcess(['derive', 'derivations/example-1.yaml', '--out', dir, '--format', 'json,pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual(["--format: unknown format 'pdf' — choose from html, tex, json"]);
    const p = runCliInProcess(['derive', 'derivations/example-1.yaml', '--out', dir, '--proof', 'T5']);
    expect(p.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--proof all writes, beside the reports, the walkthrough of every checked theorem and lists the others in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliInProcess(['derive', 'derivations/example-2.yaml', '--out', dir, '--proof', 'all', '--format', 'html,json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['assets', 'example-2.html', 'example-2.json', 'example-2.proof-T2.html', 'example-2.proof-T3.html', 'example-2.proof-T4.html']);
    expect(r.stdout).toHaveLength(2);
    expect(r.stdout[0]).toBe("derivations/example-2.yaml: no proof walkthrough of T1 for model 'example-2': the theorem was not checked (it does not apply, or its constants are not derived)");
    expect(r.stdout[1]).toMatch(/^derived derivations\/example-2\.yaml → .*example-2\.json, .*example-2\.html, .*proof-T2\.html, .*proof-T3\.html, .*proof-T4\.html, .*assets\/katex\.css$/);
  });

  it('--proof for a theorem that does not apply is a user error and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliInProcess(['derive', 'derivations/example-2.yaml', '--out', dir, '--proof', 'T1', '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('KaTeX stylesheet: written once beside the pages, or inlined with --self-contained', () => {
  it('by default writes assets/katex.css (the embedded-fonts stylesheet, byte for byte) and every page links it; --self-contained inlines it and writes no assets', () => {
    const linked = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const inlined = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const model = 'test/reports/fixtures/hostile.yaml';
    expect(runCliInProcess(['derive', model, '--out', linked, '--format', 'html,tex']).code).toBe(0);
    expect(runCliInProcess(['derive', model, '--out', inlined, '--format', 'html,tex', '--self-contained']).code).toBe(0);
    expect(readdirSync(linked).sort()).toEqual(['assets', 'hostile.html', 'hostile.tex']);
    expect(readdirSync(join(linked, 'assets'))).toEqual(['katex.css']);
    expect(readFileSync(join(linked, 'assets', 'katex.css'), 'utf8')).toBe(KATEX_STYLESHEET_WITH_EMBEDDED_FONTS);
    expect(readdirSync(inlined).sort()).toEqual(['hostile.html', 'hostile.tex']);
    const a = readFileSync(join(linked, 'hostile.html'), 'utf8');
    const b = readFileSync(join(inlined, 'hostile.html'), 'utf8');
    expect(a).toContain('<link rel="stylesheet" href="assets/katex.css">');
    expect(a).not.toContain('@font-face');
    expect(b).toContain(`<style>${KATEX_STYLESHEET_WITH_EMBEDDED_FONTS}</style>`);
    // The two pages differ only in how they get the stylesheet (and the policy that allows a linked one).
    const linkedAsInlined = a
      .replace('<link rel="stylesheet" href="assets/katex.css">', `<style>${KATEX_STYLESHEET_WITH_EMBEDDED_FONTS}</style>`)
      .replace(LINKED_CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;'), CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;'));
    expect(linkedAsInlined).toBe(b);
    expect(readFileSync(join(linked, 'hostile.tex'), 'utf8')).toBe(readFileSync(join(inlined, 'hostile.tex'), 'utf8'));
    // JSON alone needs no stylesheet.
    const json = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    expect(runCliInProcess(['derive', model, '--out', json, '--format', 'json']).code).toBe(0);
    expect(readdirSync(json)).toEqual(['hostile.json']);
  });
});

describe('--full-checks', () => {
  it('--full-checks on an 11-qubit model is refused before any derivation, naming the file and field, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    const r = runCliInProcess(['derive', `${F}/full-checks-too-large.yaml`, '--out', dir, '--full-checks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/full-checks-too-large\.yaml.*qubits.*--full-checks.*10 qubits.*drop --full-checks/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('JSON graph section', () => {
  it('Laplacian entries carry exact text and LaTeX, and agree with the dense matrix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qblend-derive-'));
    expect(runCliInProcess(['derive', 'derivations/ring-5-weighted.yaml', '--out', dir, '--format', 'json']).code).toBe(0);
    const g = JSON.parse(readFileSync(join(dir, 'ring-5-weighted.json'), 'utf8')).graph;
    expect(g.edges).toEqual([[1, 2], [1, 5], [2, 3], [3, 4], [4, 5]]);
    expect(g.weights.map((w: { exact: string }) => w.exact)).toEqual(['1', '1', '1/2', '2', '3/2']);
    expect(g.laplacianEntries.find((e: { row: number; col: number }) => e.row === 2 && e.col === 2)).toEqual({ row: 2, col: 2, exact: '3/2', latex: '\\frac{3}{2}', value: [1.5, 0] });
    for (const e of g.laplacianEntries) expect(g.laplacian.exact[e.row - 1][e.col - 1]).toBe(e.exact);
    expect(g.laplacianEntries).toHaveLength(5 + 2 * 5);
  });
});
