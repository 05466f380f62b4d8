/**
 * Screenshot of one element of a rendered report, for the docs (e.g. docs/walkthrough-step.png):
 *   npx tsx scripts/screenshot-element.ts reports/example-1.proof-T1.html '#sec\:step-consensus' docs/walkthrough-step.png
 * Debian's headless Chromium through playwright-core, offline, 1280 px wide (as test/support/report-browser.ts).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [file, selector, out] = process.argv.slice(2);
if (!file || !selector || !out) {
  console.error('usage: screenshot-element.ts <report.html> <css selector> <out.png>');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(resolve(file)).href);
  const el = page.locator(selector).first();
  await el.screenshot({ path: out });
  console.log(`${out}: ${selector} of ${file}`);
} finally {
  await browser.close();
}
