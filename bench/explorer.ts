/**
 * The explorer's responsiveness in a real browser (headless Chromium via playwright-core), on a fresh
 * `derive --explorer` of Examples 1–3 and star-4 (n = 4) in a temporary folder:
 * - first derive: the engine's time in the page for the whole derivation (parse to theorem checks),
 *   beside the same `derive` in this Node process (the baseline; ratio = browser ÷ Node);
 * - slider: for K_c = 10^{−0.5}, 10^{0.5}, …, 10^{3.5}, the time from the slider's input event to the
 *   curves on screen and to the theorems (verdicts, K_c axis, proof step) on screen, beside
 *   `DerivationResult.at(K_c)` in Node for the same frame (curves, then theorems).
 * Targets (issue 23): first derive < 2 s (Example 1); slider → curves < 150 ms at n ≤ 3, < 1 s at n = 4.
 * `--screenshots` also writes docs/explorer-<model>-Kc<k>.png for Examples 1 and 3 at K_c = 1 and 100.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ensureDist } from '../scripts/build.ts';
import { derive } from '../src/api/derive.ts';
import { parseModel } from '../src/model/parse.ts';
import { frameTimes } from '../src/explorer/render.ts';
import type { ExplorerHandle } from '../src/explorer/protocol.ts';
import type { BenchSection } from './section.ts';

const ROOT = resolve(import.meta.dirname, '..');
const MODELS = ['derivations/example-1.yaml', 'derivations/example-2.yaml', 'derivations/example-3.yaml', 'derivations/star-4.yaml'];
const SLIDER = [-0.5, 0.5, 1.5, 2.5, 3.5];

interface PageGlobals {
  qblendExplorer: ExplorerHandle;
  document: { getElementById(id: string): { value: string; dispatchEvent(e: unknown): void } | null };
  Event: new (type: string) => unknown;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function settle(page: Page, model: string): Promise<void> {
  await page.waitForFunction((m) => {
    const g = globalThis as unknown as PageGlobals;
    const h = g.qblendExplorer;
    const k = Number(g.document.getElementById('kc-input')!.value);
    return !!h && !h.busy && h.model === m && h.theoremsKc === k && h.curvesKc === k;
  }, model, { timeout: 300_000, polling: 20 });
}

async function setSlider(page: Page, v: number): Promise<void> {
  await page.evaluate((x) => {
    const g = globalThis as unknown as PageGlobals;
    const s = g.document.getElementById('kc-slider')!;
    s.value = String(x);
    s.dispatchEvent(new g.Event('input'));
  }, v);
}

export const explorerSection: BenchSection = {
  name: 'explorer',
  tags: ['browser'],
  description: 'the explorer in headless Chromium: first derive and slider → redrawn curves/theorems, against the same work in Node',
  async run(args, report) {
    await ensureDist();
    const dir = mkdtempSync(join(tmpdir(), 'qblend-bench-explorer-'));
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'], viewport: { width: 1280, height: 800 },
    });
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/qblend.js'), 'derive', ...MODELS, '--explorer', '--format', 'json', '--no-index', '--out', join(dir, 'out')], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`derive --explorer failed: ${r.stderr}`);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(pathToFileURL(join(dir, 'out', 'explorer.html')).href, { waitUntil: 'load' });
      const rows: Record<string, string | number>[] = [];
      // The page derived its first model on opening (its engine is warm); warm this process alike.
      derive(parseModel(readFileSync(join(ROOT, MODELS[0]!), 'utf8'), MODELS[0]!));
      for (const model of MODELS) {
        await page.selectOption('#model-select', model);
        await settle(page, model);
        const deriveMs = (await page.evaluate(() => (globalThis as unknown as PageGlobals).qblendExplorer.deriveMs))!;
        // Baseline: the same derive and the same frames in this Node process.
        const text = readFileSync(join(ROOT, model), 'utf8');
        const t0 = performance.now();
        const d = derive(parseModel(text, model));
        const nodeDeriveMs = performance.now() - t0;
        const tEnd = Number(await page.inputValue('#tend-input'));
        const theorem = (await page.inputValue('#theorem-select')) || null;
        const nodeCurves: number[] = [];
        const nodeTheorems: number[] = [];
        const before = (await page.evaluate(() => (globalThis as unknown as PageGlobals).qblendExplorer.timings.length));
        for (const v of SLIDER) {
          await setSlider(page, v);
          await settle(page, model);
          const Kc = Number(await page.inputValue('#kc-input'));
          const a = performance.now();
          d.at(Kc, { times: frameTimes(tEnd), theorems: false });
          const b = performance.now();
          d.at(Kc, { curves: false, steps: theorem ? [theorem as 'T1'] : [] });
          nodeCurves.push(b - a);
          nodeTheorems.push(performance.now() - b);
        }
        const timings = (await page.evaluate(() => (globalThis as unknown as PageGlobals).qblendExplorer.timings)).slice(before);
        const curves = timings.map((t) => t.curvesMs);
        const theorems = timings.map((t) => t.theoremsMs ?? NaN);
        rows.push({
          model: model.replace('derivations/', ''),
          n: d.model.qubits,
          'derive ms (page)': Math.round(deriveMs),
          'derive ms (Node)': Math.round(nodeDeriveMs),
          'derive ×Node': deriveMs / nodeDeriveMs,
          'curves ms median': Math.round(median(curves)),
          'curves ms max': Math.round(Math.max(...curves)),
          'curves ×Node': median(curves) / median(nodeCurves),
          'theorems ms median': Math.round(median(theorems)),
          'theorems ms max': Math.round(Math.max(...theorems)),
        });
        if (args.flags.has('screenshots') && (model.endsWith('example-1.yaml') || model.endsWith('example-3.yaml'))) {
          for (const v of [0, 2]) {
            await setSlider(page, v);
            await settle(page, model);
            const name = model.replace('derivations/', '').replace('.yaml', '');
            await page.screenshot({ path: join(ROOT, 'docs', `explorer-${name}-Kc${10 ** v}.png`), fullPage: true });
          }
        }
      }
      report({
        title: `Explorer in headless Chromium (1280×800): first derive and slider → redrawn curves / theorems, K_c = 10^{${SLIDER.join(', ')}}`,
        rows,
        notes: [
          'page times: from the slider input event to the curves (figures, values table) and to the theorems (verdicts, K_c axis, proof step) in the DOM; derive: the engine in the worker, parse to theorem checks',
          'Node: the same derive and DerivationResult.at(K_c) in this process (the baseline); curves ×Node compares the page\'s whole path (worker, SVG, DOM) with the propagation alone',
          'targets (issue 23): first derive < 2 s (Example 1); curves < 150 ms at n ≤ 3, < 1 s at n = 4',
        ],
      });
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
