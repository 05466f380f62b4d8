import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexEntryForDocument, renderIndexPage } from '../../src/report/index-page.ts';
import { pathToFileURL } from 'node:url';
import { checkHtmlInBrowser, TEST_OUTPUT_DIR, withChromiumPage } from '../support/report-browser.ts';
import { HOSTILE_TITLE, hostileDocument } from './fixtures/hostile-document.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

describe('index page', () => {
  const entries = [
    indexEntryForDocument(sampleDocument(), { basename: 'example-1', keyFigureIds: ['fig:bloch', 'fig:induced'] }),
    indexEntryForDocument(hostileDocument(), { basename: 'hostile', keyFigureIds: ['fig:decay'] }),
  ];
  const html = renderIndexPage(entries, { generator: 'qblend 0.1.0' });

  it('links every report and its other formats, with key figures as inline SVG thumbnails', () => {
    expect(html).toContain('<a href="example-1.html">HTML</a><a href="example-1.tex">LaTeX</a><a href="example-1.json">JSON</a>');
    expect(html).toMatch(/<a class="thumbnail-link" href="example-1\.html#figure-3"[^>]*><svg/);
    expect(html).toMatch(/<a class="thumbnail-link" href="example-1\.html#figure-1"[^>]*><svg/);
    // References in summaries and captions point into their report.
    expect(html).toContain('<a class="ref" href="example-1.html#eq-3">(3)</a>');
    expect(renderIndexPage(entries, { generator: 'qblend 0.1.0' })).toBe(html);
  });

  it('refuses an unknown key figure', () => {
    expect(() => indexEntryForDocument(sampleDocument(), { basename: 'x', keyFigureIds: ['fig:none'] })).toThrow(/no figure with id "fig:none"/);
  });

  it('renders in Chromium with every thumbnail present and hostile titles inert', async () => {
    const dir = join(TEST_OUTPUT_DIR, 'html');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'index.html');
    writeFileSync(path, html);
    const check = await checkHtmlInBrowser(path, { screenshotName: 'index' });
    expect(check.figureCount).toBe(3);
    expect(check.figuresWithoutSvg).toEqual([]);
    expect(check.katexErrors).toEqual([]);
    expect(check.consoleErrors).toEqual([]);
    expect(check.requests).toEqual([]);
    expect(check.scriptElements).toBe(0);
    expect(check.activeElements).toEqual([]);
    expect(check.bodyText).toContain(HOSTILE_TITLE);
    // A click on a thumbnail opens its figure in the report (a stand-in report beside the index).
    writeFileSync(join(dir, 'example-1.html'), '<!doctype html><title>report</title><p id="figure-1">Figure 1</p><p id="figure-3">Figure 3</p>');
    const opened = await withChromiumPage(async (page) => {
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const box = (await page.locator('.thumbnails svg').first().boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForURL(/example-1\.html#figure-\d+$/, { timeout: 10_000 });
      return page.url();
    });
    // The first thumbnail is the first key figure, Figure 3 of the sample report.
    expect(opened).toMatch(/\/example-1\.html#figure-3$/);
  });
});
