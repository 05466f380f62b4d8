import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocumentLatex } from '../../src/report/latex.ts';
import { compileLatex, pdfPageToPng, pdfText, type LatexCompilation } from '../support/report-latex.ts';
import { TEST_OUTPUT_DIR } from '../support/report-browser.ts';
import { HOSTILE_MODEL, HOSTILE_TITLE, hostileDocument } from './fixtures/hostile-document.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

/** pdftotext lays text out in columns and may hyphenate; compare with all whitespace removed. */
const squash = (text: string): string => text.replace(/\s+/g, '');

describe('renderDocumentLatex', () => {
  const tex = renderDocumentLatex(sampleDocument());

  it('is deterministic and uses only the standard packages', () => {
    expect(renderDocumentLatex(sampleDocument())).toBe(tex);
    const packages = [...tex.matchAll(/\\usepackage(?:\[[^\]]*\])?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(','));
    expect(packages.sort()).toEqual(['amsmath', 'amssymb', 'array', 'booktabs', 'fontenc', 'geometry', 'graphicx', 'hyperref', 'lmodern', 'longtable', 'pgfplots', 'xcolor']);
    expect(tex).not.toMatch(/\\(input|include|write|immediate|openout|includegraphics)\b/);
  });

  it('draws figures natively: pgfplots axes with log mode and legends, groupplots for panels, TikZ for the graph', () => {
    expect(tex).toContain('ymode=log');
    expect(tex).toContain('\\addlegendentry{Kc = 0.25}');
    expect(tex).toContain('\\begin{groupplot}');
    expect(tex).toContain('\\pgfplotslegendfromname{qblegendfigure3}');
    expect(tex.match(/\\filldraw\[fill=qbcomponent/g)!.length).toBe(64);
  });

  describe('compiled with pdflatex', () => {
    let sample: LatexCompilation;
    let hostile: LatexCompilation;
    const pwned = '/tmp/qblend-pwned';

    beforeAll(async () => {
      rmSync(pwned, { force: true });
      [sample, hostile] = await Promise.all([compileLatex(tex), compileLatex(renderDocumentLatex(hostileDocument()))]);
      const out = join(TEST_OUTPUT_DIR, 'latex');
      mkdirSync(out, { recursive: true });
      // For a person to look at: pages of the sample PDF as PNG.
      for (const page of [1, 2, 3, 4]) pdfPageToPng(sample.pdfPath, page, join(out, 'sample-document'));
    });

    it('produces a PDF with the same numbering as the HTML and no undefined references', () => {
      expect(readFileSync(sample.pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
      const text = squash(pdfText(sample.pdfPath));
      for (const phrase of ['Figure4:', 'Table2:', '2.1TheinducedgraphG', 'PASS', 'FAIL', 'INFO', 'NUMERIC,to1e-12', '[2]J.R.Johansson']) {
        expect(text).toContain(phrase);
      }
      expect(sample.log).not.toMatch(/undefined references|Reference .* undefined|Citation .* undefined/);
      expect(sample.log).not.toMatch(/Unicode character/);
    });

    it('prints hostile text literally and never executes it', () => {
      const text = squash(pdfText(hostile.pdfPath));
      expect(text).toContain(squash(HOSTILE_TITLE));
      expect(text).toContain(squash(HOSTILE_MODEL));
      expect(text).toContain(squash('\\end{itemize}\\end{document}'));
      expect(text).toContain(squash('$x^2$ 100% #1 a_b'));
      // \input{/etc/passwd} would have put the password file's first line into the PDF.
      const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
      expect(text).not.toContain(squash(passwdFirstLine));
      expect(existsSync(pwned)).toBe(false);
      // Every mapped Unicode character compiled (pdflatex halts on one it cannot typeset).
      expect(text).toContain('[U+6F22]');
    });
  });
});
