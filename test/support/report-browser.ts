/**
 * Opens a rendered HTML report in Debian's headless Chromium (driven by playwright-core) and
 * reports what a reader would see go wrong: KaTeX error nodes, console errors, failed requests,
 * figures without an SVG, and any script element in the DOM. Saves a full-page screenshot.
 * Chromium must be installed (`scripts/setup-system.sh`, run by `npm test`); this fails loudly
 * rather than skip when it is not.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go (gitignored). */
export const TEST_OUTPUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.out');

/** Flags for a machine without network: nothing may phone home, nothing may wait on a socket. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserCheck {
  /** Text of every `.katex-error` node. */
  katexErrors: string[];
  /** Console messages of type `error`, and uncaught page errors. */
  consoleErrors: string[];
  /** URLs the page tried to load (a self-contained report loads none besides itself). */
  requests: string[];
  figureCount: number;
  /** Ids (or indices) of `<figure>` elements with no `<svg>` inside. */
  figuresWithoutSvg: string[];
  /** Number of `<script>` elements in the DOM (a report has none). */
  scriptElements: number;
  /** Elements that could run code or load content if injected: img, iframe, object, embed, and any `on…` attribute. */
  activeElements: string[];
  /** Messages of alert/confirm/prompt dialogs the page opened. */
  dialogs: string[];
  /** Computed font family of the first KaTeX formula ('' when there is none): KaTeX's stylesheet applied. */
  katexFontFamily: string;
  /** Tables and figures wider than the page's text column (they must wrap or scroll inside their box). */
  overflowingBlocks: string[];
  /** `document.title` as the browser sees it. */
  title: string;
  /** The page's visible text (`document.body.innerText`). */
  bodyText: string;
  screenshotPath: string;
}

function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run \`bash scripts/setup-system.sh\` as root (npm test does)`);
  }
}

/** Chromium with a fresh profile in `userDataDir` (playwright passes it as `--user-data-dir`). */
async function launchChromium(userDataDir: string): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    viewport: { width: 1100, height: 900 },
  });
}

/**
 * Runs `fn` on a fresh page of headless Chromium (a throwaway profile), collecting the page's console
 * errors and uncaught exceptions.
 */
export async function withChromiumPage<T>(fn: (page: import('playwright-core').Page, errors: string[]) => Promise<T>): Promise<T> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'qblend-chromium-'));
  const context = await launchChromium(userDataDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    return await fn(page, errors);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Loads `htmlPath` from disk in headless Chromium and collects what went wrong; writes a
 * full-page PNG to `test/.out/<name>.png` (or `options.screenshotName`).
 * @example expect((await checkHtmlInBrowser('reports/example-1.html')).katexErrors).toEqual([]);
 */
export async function checkHtmlInBrowser(htmlPath: string, options: { screenshotName?: string } = {}): Promise<BrowserCheck> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'qblend-chromium-'));
  const context = await launchChromium(userDataDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const pageUrl = pathToFileURL(resolve(htmlPath)).href;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== pageUrl) requests.push(request.url());
    });
    await page.goto(pageUrl, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(async () => {
      await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
    });
    const facts = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: any }).document;
      const figures = [...doc.querySelectorAll('figure')] as any[];
      return {
        katexErrors: ([...doc.querySelectorAll('.katex-error')] as any[]).map((e) => String(e.textContent)),
        figureCount: figures.length,
        figuresWithoutSvg: figures.filter((f) => !f.querySelector('svg')).map((f, i) => String(f.id || i)),
        scriptElements: doc.querySelectorAll('script').length as number,
        activeElements: ([...doc.querySelectorAll('img, iframe, object, embed, *')] as any[])
          .filter((e) => ['IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName) || [...e.attributes].some((a: any) => /^on/i.test(a.name)))
          .map((e) => String(e.outerHTML).slice(0, 120)),
        title: String(doc.title),
        bodyText: String(doc.body.innerText),
        katexFontFamily: doc.querySelector('.katex') ? String((globalThis as any).getComputedStyle(doc.querySelector('.katex')).fontFamily) : '',
        // A block is cut off when it is wider than the body's text column and does not scroll.
        overflowingBlocks: ([...doc.querySelectorAll('.table-block, figure')] as any[])
          .filter((e) => e.getBoundingClientRect().right > doc.body.getBoundingClientRect().right + 1)
          .map((e) => String(e.id || e.className)),
      };
    });
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const screenshotPath = join(TEST_OUTPUT_DIR, `${options.screenshotName ?? basename(htmlPath, '.html')}.png`);
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { ...facts, consoleErrors, requests, dialogs, screenshotPath };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
