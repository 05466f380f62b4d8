/**
 * The committed reports: up to date with derivations/ and src/ (byte for byte), every formula renders
 * with KaTeX (throwOnError), every HTML report opens cleanly in headless Chromium with all its
 * figures, every .tex compiles with pdflatex, and untrusted text from a derivation file is inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deriveFiles, type DerivedModel } from '../../src/cli/derive.ts';
import type { CliIO } from '../../src/cli/io.ts';
import type { DerivationDocument } from '../../src/report/document.ts';
import { numberDocument } from '../../src/report/document.ts';
import { assertAllMathRenders } from '../support/report-math.ts';
import { KATEX_STYLESHEET_WITH_EMBEDDED_FONTS } from '../../src/report/katex-assets.ts';
import { checkHtmlInBrowser } from '../support/report-browser.ts';
import { compileLatex, pdfText } from '../support/report-latex.ts';

const REPORTS = 'reports';
const DERIVATIONS = readdirSync('derivations').filter((f) => f.endsWith('.yaml')).sort().map((f) => `derivations/${f}`);

function io(lines: string[]): CliIO {
  return { out: (s) => lines.push(s), err: (s) => lines.push(`ERR ${s}`), debug: true };
}

/** Regenerated into a temporary directory once, exactly as `npm run derive:all` does. */
let fresh: string;
const documents = new Map<string, DerivationDocument>();
const made: string[] = [];
let deriveMs = 0;

beforeAll(() => {
  fresh = mkdtempSync(join(tmpdir(), 'qblend-reports-'));
  made.push(fresh);
  const lines: string[] = [];
  const t0 = Date.now();
  const code = deriveFiles(DERIVATIONS, {
    out: fresh,
    formats: ['html', 'tex', 'json'],
    explorer: true,
    onDerived: (d: DerivedModel, walkthroughs) => {
      documents.set(`${d.model.name}.html`, d.document);
      for (const w of walkthroughs) {
        const t = /Theorem (\d)/.exec(w.title)?.[1];
        documents.set(`${d.model.name}.proof-T${t}.html`, w);
      }
    },
  }, io(lines));
  deriveMs = Date.now() - t0;
  expect(lines.filter((l) => l.startsWith('ERR'))).toEqual([]);
  expect(code).toBe(0);
});

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Every file under a directory, as paths relative to it (`assets/katex.css`), sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function figureCount(doc: DerivationDocument): number {
  return numberDocument(doc).figures.size;
}

/** Widest overfull line allowed in a report's pdflatex log (points). */
const MAX_OVERFULL_PT = 5;

/** The overfull `\hbox`es of a pdflatex log, with how much each is too wide. */
function overfullBoxes(log: string): Array<{ points: number; line: string }> {
  return [...log.matchAll(/^Overfull \\hbox \(([\d.]+)pt too wide\).*$/gm)].map((m) => ({ points: Number(m[1]), line: m[0] }));
}

describe('reports/', () => {
  it('is up to date: regenerating every report gives byte-identical files (run `npm run derive:all` if not)', () => {
    const committed = filesUnder(REPORTS);
    const regenerated = filesUnder(fresh);
    expect(committed).toEqual(regenerated);
    const stale = regenerated.filter((f) => readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(REPORTS, f), 'utf8'));
    expect(stale, `stale reports (derivation took ${deriveMs} ms): run npm run derive:all`).toEqual([]);
  });

  it('has a report (html, tex, json) for every derivation file, the index, and the featured proof walkthroughs', () => {
    const files = new Set(readdirSync(fresh));
    for (const f of DERIVATIONS) {
      const name = f.replace(/^derivations\//, '').replace(/\.yaml$/, '');
      for (const ext of ['html', 'tex', 'json']) expect(files.has(`${name}.${ext}`), `${name}.${ext}`).toBe(true);
    }
    expect(files.has('index.html')).toBe(true);
    // KaTeX's stylesheet and fonts, once for all pages (each links it), byte for byte the embedded-fonts stylesheet.
    expect(readFileSync(join(fresh, 'assets', 'katex.css'), 'utf8')).toBe(KATEX_STYLESHEET_WITH_EMBEDDED_FONTS);
    expect(files.has('example-1.proof-T1.html')).toBe(true);
    const index = readFileSync(join(fresh, 'index.html'), 'utf8');
    for (const name of documents.keys()) expect(index, name).toContain(`href="${name}`);
  });

  it('every formula of every report renders with KaTeX (throwOnError: true)', () => {
    expect(documents.size).toBeGreaterThanOrEqual(DERIVATIONS.length);
    for (const doc of documents.values()) assertAllMathRenders(doc);
  });

  it('the paper examples carry their figures and errata', () => {
    const ex1 = readFileSync(join(fresh, 'example-1.html'), 'utf8');
    for (const id of ["fig-1", "fig-2", "fig-3", "fig-induced-graph", "fig-6", "fig-7", "fig-kc"]) expect(documents.get("example-1.html") && [...numberDocument(documents.get("example-1.html")!).figures.keys()].some((b) => b.id === id), id).toBe(true);
    const json1 = JSON.parse(readFileSync(join(fresh, 'example-1.json'), 'utf8'));
    expect(json1.reduced.errata.map((e: { id: string }) => e.id)).toContain('steady-state');
    const json2 = JSON.parse(readFileSync(join(fresh, 'example-2.json'), 'utf8'));
    expect(json2.reduced.errata.map((e: { id: string }) => e.id)).toContain('initial-state');
  });

  it('opens every HTML report in headless Chromium: no KaTeX errors, no console errors, every figure drawn', { timeout: 600_000 }, async () => {
    // The explorer is a page with scripts, tested on its own (test/explorer/explorer-page.test.ts).
    const htmls = readdirSync(fresh).filter((f) => f.endsWith('.html') && f !== 'explorer.html').sort();
    for (const f of htmls) {
      const check = await checkHtmlInBrowser(join(fresh, f), { screenshotName: `report-${f.replace(/\.html$/, '')}` });
      expect(check.katexErrors, f).toEqual([]);
      expect(check.consoleErrors, f).toEqual([]);
      expect(check.figuresWithoutSvg, f).toEqual([]);
      expect(check.scriptElements, f).toBe(0);
      expect(check.katexFontFamily, f).toMatch(/^KaTeX_Main/);
      expect(check.overflowingBlocks, f).toEqual([]);
      const doc = documents.get(f);
      if (doc) expect(check.figureCount, f).toBe(figureCount(doc));
    }
  });

  it("compiles every .tex with pdflatex", { timeout: 900_000 }, async () => {
    const texs = readdirSync(fresh).filter((f) => f.endsWith('.tex')).sort();
    // Two at a time (pdflatex is single-threaded; CI machines have 2 cores).
    const results: Array<{ f: string; error: string | null; text: string; overfull: Array<{ points: number; line: string }>; overfullPage: boolean }> = [];
    const queue = [...texs];
    const worker = async (): Promise<void> => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) results.push(await compileOne(f));
    };
    const compileOne = async (f: string) => {
      try {
        const c = await compileLatex(readFileSync(join(fresh, f), 'utf8'));
        made.push(c.dir);
        return { f, error: null as string | null, text: pdfText(c.pdfPath), overfull: overfullBoxes(c.log), overfullPage: /^Overfull \\vbox/m.test(c.log) };
      } catch (e) {
        return { f, error: (e as Error).message.slice(0, 2000), text: '', overfull: [], overfullPage: false };
      }
    };
    await Promise.all([worker(), worker()]);
    expect(results.filter((r) => r.error).map((r) => `${r.f}: ${r.error}`)).toEqual([]);
    // Nothing runs past the margin: no line, table or figure wider than the text by more than 5 pt.
    expect(results.flatMap((r) => r.overfull.filter((b) => b.points > MAX_OVERFULL_PT).map((b) => `${r.f}: ${b.line}`))).toEqual([]);
    // Nor past the foot of a page (a float taller than the room left).
    expect(results.filter((r) => r.overfullPage).map((r) => r.f)).toEqual([]);
    // Every figure is set before the References (no float drifts past them).
    for (const r of results) {
      const references = r.text.lastIndexOf('References');
      const lastFigure = Math.max(...[...r.text.matchAll(/Figure \d+:/g)].map((m) => m.index ?? -1), -1);
      expect(lastFigure < references, `${r.f}: a figure after the References`).toBe(true);
    }
    const ex1 = results.find((r) => r.f === 'example-1.tex')!;
    expect(ex1.text).toContain('Errata');
  });
});

describe('untrusted text from a derivation file', () => {
  let dir: string;
  let doc: DerivationDocument | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qblend-hostile-'));
    made.push(dir);
    const code = deriveFiles(['test/reports/fixtures/hostile.yaml'], { out: dir, formats: ['html', 'tex', 'json'], onDerived: (d) => (doc = d.document) }, io([]));
    expect(code).toBe(0);
  });

  it('is escaped in HTML and inert in a browser', async () => {
    const html = readFileSync(join(dir, 'hostile.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const check = await checkHtmlInBrowser(join(dir, 'hostile.html'), { screenshotName: 'report-hostile' });
    expect(check.dialogs).toEqual([]);
    expect(check.scriptElements).toBe(0);
    expect(check.activeElements).toEqual([]);
    expect(check.title).toContain('<script>alert(1)</script>');
    expect(check.bodyText).toContain('\\input{/etc/passwd}');
  });

  it('is escaped in LaTeX: no \\input, \\write18 or \\def reaches TeX, and it compiles to the literal text', async () => {
    const tex = readFileSync(join(dir, 'hostile.tex'), 'utf8');
    expect(tex).not.toContain('\\input{/etc/passwd}');
    expect(tex).not.toContain('\\write18');
    expect(tex).not.toContain('\\def\\x');
    const c = await compileLatex(tex);
    made.push(c.dir);
    const text = pdfText(c.pdfPath);
    expect(text).toContain('/etc/passwd');
    expect(text).not.toContain('root:');
    expect(doc).toBeDefined();
    assertAllMathRenders(doc!);
  });
});
