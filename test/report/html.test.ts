import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocumentHtml, CONTENT_SECURITY_POLICY } from '../../src/report/html.ts';
import { renderDocumentLatex } from '../../src/report/latex.ts';
import { UnsafeContentError } from '../../src/report/escape.ts';
import { checkHtmlInBrowser, TEST_OUTPUT_DIR, type BrowserCheck } from '../support/report-browser.ts';
import { HOSTILE_MODEL, HOSTILE_NOTES, HOSTILE_TITLE, hostileDocument } from './fixtures/hostile-document.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('renderDocumentHtml', () => {
  const html = renderDocumentHtml(sampleDocument());

  it('is deterministic, also across processes', () => {
    expect(renderDocumentHtml(sampleDocument())).toBe(html);
    const script = fileURLToPath(new URL('./fixtures/render-sample.ts', import.meta.url));
    const hashes = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' }).trim().split('\n');
    const doc = sampleDocument();
    expect(hashes).toEqual([sha256(html), sha256(renderDocumentLatex(doc))]);
  });

  it('is self-contained: no external URL is loaded, fonts are data URIs, a CSP forbids scripts and network', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).not.toMatch(/\bsrc=/);
    // The only absolute URLs are the reader-followed links of the bibliography and text.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual(['https://doi.org/10.1016/j.cpc.2012.11.019', 'https://example.org/qblend?tab=readme&amp;lang=en#usage']);
  });

  it('has a table of contents linking every section, and numbered anchors for references', () => {
    for (const id of ['sec-1', 'sec-2', 'sec-2.1', 'sec-6', 'eq-1', 'eq-3', 'table-1', 'table-2', 'figure-1', 'figure-4', 'cite-2']) {
      expect(html).toContain(` id="${id}"`);
    }
    expect(html).toContain('<a href="#sec-2.1"><span class="section-number">2.1</span>');
    expect(html).toContain('<a class="ref" href="#eq-3">(3)</a>');
  });

  it('refuses documents with unsafe links or math instead of writing them', () => {
    const withLink = sampleDocument();
    withLink.sections[0]!.blocks.push({ kind: 'paragraph', content: [{ kind: 'link', href: 'javascript:alert(1)', content: [] }] });
    expect(() => renderDocumentHtml(withLink)).toThrow(UnsafeContentError);
    const withMath = sampleDocument();
    withMath.sections[0]!.blocks.push({ kind: 'displayMath', latex: '\\input{/etc/passwd}' });
    expect(() => renderDocumentHtml(withMath)).toThrow(/\\input is not allowed/);
  });

  it('escapes hostile text from the derivation file', () => {
    const hostile = renderDocumentHtml(hostileDocument());
    expect(hostile).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; \\input{/etc/passwd}</title>');
    expect(hostile).not.toMatch(/<script|<img|<i>|<b>/);
  });
});

describe('HTML reports in headless Chromium', () => {
  let sample: BrowserCheck;
  let hostile: BrowserCheck;

  beforeAll(async () => {
    const dir = join(TEST_OUTPUT_DIR, 'html');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sample-document.html'), renderDocumentHtml(sampleDocument()));
    writeFileSync(join(dir, 'hostile-document.html'), renderDocumentHtml(hostileDocument()));
    [sample, hostile] = await Promise.all([
      checkHtmlInBrowser(join(dir, 'sample-document.html')),
      checkHtmlInBrowser(join(dir, 'hostile-document.html')),
    ]);
  });

  it('shows the sample with no KaTeX errors, no console errors, no requests, an SVG in every figure', () => {
    expect(sample.katexErrors).toEqual([]);
    expect(sample.consoleErrors).toEqual([]);
    expect(sample.requests).toEqual([]);
    expect(sample.figureCount).toBe(4);
    expect(sample.figuresWithoutSvg).toEqual([]);
    expect(sample.scriptElements).toBe(0);
    expect(sample.bodyText).toContain('Figure 4.');
  });

  it('shows hostile text literally and runs none of it', () => {
    expect(hostile.scriptElements).toBe(0);
    expect(hostile.activeElements).toEqual([]);
    expect(hostile.dialogs).toEqual([]);
    expect(hostile.consoleErrors).toEqual([]);
    expect(hostile.title).toBe(HOSTILE_TITLE);
    for (const literal of [HOSTILE_TITLE, HOSTILE_MODEL, ...HOSTILE_NOTES.map((n) => n.trim())]) {
      expect(hostile.bodyText).toContain(literal);
    }
    expect(hostile.bodyText).toContain('Model <i>as</i> \\section{stated} & more');
  });
});
