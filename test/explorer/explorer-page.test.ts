/**
 * reports/explorer.html in headless Chromium (playwright-core), opened from the file system, at
 * 1280×800 — the page a lecturer opens:
 * - it derives the first model in the page with no console error and no request outside its folder
 *   (the engine's worker starts from a `blob:` URL, which is not the network);
 * - moving the K_c slider with the keyboard changes the drawn curves and the numbers shown;
 * - Example 1 at K_c = 10: the errors shown equal the CLI's JSON (reports/example-1.json, the curves at
 *   K_c = 10) at the end of the window, and the thresholds shown equal its checks, to 1e-8;
 * - a malformed pasted model shows the CLI's line and keeps the previous model, figures and numbers;
 * - every control is labelled, the large-font mode enlarges the text, nothing overflows sideways.
 * The page was regenerated with the reports (test/reports/reports.test.ts checks it is up to date).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withChromiumPage } from '../support/report-browser.ts';
import { ensureDist } from '../../scripts/build.ts';
import type { ExplorerHandle } from '../../src/explorer/protocol.ts';

/** The page's globals as the callbacks below use them (the tests compile without the DOM library). */
interface PageGlobals {
  qblendExplorer?: ExplorerHandle;
  document: {
    getElementById(id: string): { value: string; textContent: string | null } | null;
    documentElement: { scrollWidth: number };
    body: object;
  };
  getComputedStyle(e: object): { fontSize: string };
}

const ROOT = resolve(import.meta.dirname, '..', '..');
const REPORTS = join(ROOT, 'reports');
const PAGE = pathToFileURL(join(REPORTS, 'explorer.html')).href;
const EX1 = 'derivations/example-1.yaml';

const state = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).qblendExplorer!);

/** Waits until the engine is idle with `model` shown and the theorems drawn at the K_c in the input box. */
async function settled(page: Page, model: string): Promise<void> {
  try {
    await page.waitForFunction((m) => {
      const h = (globalThis as unknown as PageGlobals).qblendExplorer;
      const k = Number((globalThis as unknown as PageGlobals).document.getElementById('kc-input')!.value);
      return !!h && !h.busy && h.model === m && h.theoremsKc === k && h.curvesKc === k;
    }, model, { timeout: 120_000, polling: 50 });
  } catch (e) {
    // Say what the page was doing, not only that it timed out.
    const shown = await page.evaluate(() => JSON.stringify({
      handle: (globalThis as unknown as PageGlobals).qblendExplorer,
      kc: (globalThis as unknown as PageGlobals).document.getElementById('kc-input')!.value,
      status: (globalThis as unknown as PageGlobals).document.getElementById('status')?.textContent,
    }));
    throw new Error(`the explorer did not settle on ${model}: ${shown}`, { cause: e });
  }
}

async function open(page: Page, requests: string[]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(PAGE, { waitUntil: 'load' });
  await page.selectOption('#model-select', EX1);
  await settled(page, EX1);
}

function relClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

describe('reports/explorer.html in Chromium', () => {
  it('loads offline with no console error, and the slider (keyboard) redraws curves and numbers', async () => {
    await withChromiumPage(async (page, errors) => {
      const requests: string[] = [];
      await open(page, requests);
      const before = { figures: await page.innerHTML('#figures'), values: await page.innerHTML('#values'), kc: await page.inputValue('#kc-input') };
      expect(before.figures).toContain('<svg');
      await page.focus('#kc-slider');
      for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
      await settled(page, EX1);
      const after = { figures: await page.innerHTML('#figures'), values: await page.innerHTML('#values'), kc: await page.inputValue('#kc-input') };
      expect(Number(after.kc)).toBeCloseTo(Number(before.kc) * 10 ** 0.25, 3);
      expect(after.figures).not.toBe(before.figures);
      expect(after.values).not.toBe(before.values);
      expect(errors).toEqual([]);
      const folder = pathToFileURL(REPORTS).href;
      expect(requests.filter((u) => !u.startsWith(`${folder}/`) && !u.startsWith('blob:'))).toEqual([]);
    });
  }, 300_000);

  it('Example 1 at K_c = 10 shows the numbers of the CLI’s JSON (errors at the window’s end, thresholds) to 1e-8', async () => {
    const json = JSON.parse(readFileSync(join(REPORTS, 'example-1.json'), 'utf8')) as {
      simulation: { curves: { metric: string; Kc: number; t: number[]; values: number[] }[] };
      checks: { theorem: string; KcStar: number; KcEmpirical: number | null }[];
    };
    const at10 = json.simulation.curves.filter((c) => c.Kc === 10 && !('qubit' in c));
    expect(at10.length).toBeGreaterThanOrEqual(3);
    const tEnd = at10[0]!.t.at(-1)!;
    await withChromiumPage(async (page, errors) => {
      await open(page, []);
      await page.fill('#tend-input', String(tEnd));
      await page.fill('#kc-input', '10');
      await page.dispatchEvent('#kc-input', 'change');
      await page.waitForFunction(() => Number((globalThis as unknown as PageGlobals).document.getElementById('kc-input')!.value) === 10);
      await settled(page, EX1);
      const shown = await page.$$eval('#values tr[data-metric]', (rows) => rows.map((r) => ({ metric: r.getAttribute('data-metric'), atEnd: Number(r.querySelector('td[data-value]')!.getAttribute('data-value')) })));
      expect(shown.map((s) => s.metric).sort()).toEqual(at10.map((c) => c.metric).sort());
      for (const s of shown) {
        const c = at10.find((x) => x.metric === s.metric)!;
        expect({ metric: s.metric, close: relClose(s.atEnd, c.values.at(-1)!) }).toEqual({ metric: s.metric, close: true });
      }
      const thresholds = await page.$$eval('#thresholds tr[data-theorem]', (rows) => rows.map((r) => ({ theorem: r.getAttribute('data-theorem'), cells: [...r.querySelectorAll('td')].map((td) => td.getAttribute('data-value')) })));
      expect(thresholds.map((t) => t.theorem)).toEqual(json.checks.map((c) => c.theorem));
      for (const c of json.checks) {
        const row = thresholds.find((t) => t.theorem === c.theorem)!;
        expect(relClose(Number(row.cells[0]), c.KcStar)).toBe(true);
        expect(relClose(Number(row.cells[2]), c.KcEmpirical!)).toBe(true);
      }
      expect(errors).toEqual([]);
    });
  }, 300_000);

  it('a malformed pasted model shows the CLI’s line, marks its place, and keeps the previous state', async () => {
    await ensureDist();
    const text = readFileSync(join(ROOT, EX1), 'utf8');
    const broken = text.replace(/^qubits: 3$/m, 'qubits: [3');
    const dir = mkdtempSync(join(tmpdir(), 'qblend-explorer-'));
    let cliLine: string;
    try {
      mkdirSync(join(dir, 'derivations'));
      writeFileSync(join(dir, EX1), broken);
      const cli = spawnSync(process.execPath, [join(ROOT, 'bin/qblend.js'), 'check', EX1], { cwd: dir, encoding: 'utf8' });
      expect(cli.status).toBe(2);
      cliLine = cli.stderr.trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await withChromiumPage(async (page) => {
      await open(page, []);
      const before = { figures: await page.innerHTML('#figures'), exact: await page.innerHTML('#exact') };
      await page.click('#editor-box summary');
      await page.fill('#model-text', broken);
      await page.click('#derive-button');
      await page.waitForFunction(() => {
        const h = (globalThis as unknown as PageGlobals).qblendExplorer!;
        return h.error !== '' && !h.busy;
      });
      expect(await page.textContent('#error')).toBe(cliLine);
      expect((await state(page)).model).toBe(EX1);
      expect(await page.innerHTML('#figures')).toBe(before.figures);
      expect(await page.innerHTML('#exact')).toBe(before.exact);
      const [, line] = /:(\d+):\d+:/.exec(cliLine)!;
      expect(await page.textContent('#error-excerpt')).toContain(`${line} | `);
    });
  }, 300_000);

  it('a slow derive is abandoned when another model is chosen, and the controls keep working', async () => {
    await withChromiumPage(async (page, errors) => {
      await open(page, []);
      // path-6 (n = 6) takes far longer to derive than Example 2; choosing Example 2 must not wait for it.
      await page.click('#editor-box summary');
      await page.fill('#model-text', readFileSync(join(ROOT, 'derivations/path-6-dephasing.yaml'), 'utf8'));
      await page.click('#derive-button');
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).qblendExplorer!.busy);
      await page.selectOption('#model-select', 'derivations/example-2.yaml');
      await settled(page, 'derivations/example-2.yaml');
      await page.fill('#kc-input', '100');
      await page.dispatchEvent('#kc-input', 'change');
      await settled(page, 'derivations/example-2.yaml');
      expect((await state(page)).theoremsKc).toBe(100);
      expect(errors).toEqual([]);
    });
  }, 300_000);

  it('labelled controls, a large-font mode, and no sideways overflow at 1280×800', async () => {
    await withChromiumPage(async (page) => {
      await open(page, []);
      const unlabelled = await page.$$eval('input, select, textarea', (els) => els.filter((e) => (e as unknown as { labels: { length: number } | null }).labels?.length === 0).map((e) => (e as unknown as { id: string }).id));
      expect(unlabelled).toEqual([]);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const small = await page.evaluate(() => { const g = globalThis as unknown as PageGlobals; return parseFloat(g.getComputedStyle(g.document.body).fontSize); });
      await page.check('#large-font');
      const large = await page.evaluate(() => { const g = globalThis as unknown as PageGlobals; return parseFloat(g.getComputedStyle(g.document.body).fontSize); });
      expect(large / small).toBeGreaterThanOrEqual(1.4);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    });
  }, 300_000);
});
