import { describe, expect, it } from 'vitest';
import { text, math, type DerivationDocument } from '../../src/report/document.ts';
import { findMathRenderFailures, katexStylesheetWithEmbeddedFonts, renderMathHtml } from '../../src/report/katex.ts';
import { assertAllMathRenders } from '../support/report-math.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

function docWithMath(...latex: string[]): DerivationDocument {
  return {
    title: 't',
    metadata: { modelName: 'm', sourceFile: 'f', conventions: [], generator: 'g' },
    sections: [{ title: [text('S')], blocks: [{ kind: 'paragraph', content: latex.map(math) }] }],
  };
}

describe('KaTeX adapter', () => {
  it('renders every math string of the sample document with throwOnError', () => {
    expect(() => assertAllMathRenders(sampleDocument())).not.toThrow();
  });

  it('names each failure: KaTeX parse errors, strict-mode violations and unsafe math', () => {
    const failures = findMathRenderFailures(docWithMath('\\frac{1}{2}', '\\frac{1}', '\\unknowncommand', '\\href{javascript:alert(1)}{x}'));
    expect(failures.map((f) => f.latex)).toEqual(['\\frac{1}', '\\unknowncommand', '\\href{javascript:alert(1)}{x}']);
    expect(failures[0]!.where).toBe('Section 1 > paragraph');
    expect(() => assertAllMathRenders(docWithMath('\\frac{1}'))).toThrow(/1 math string\(s\) do not render/);
  });

  it('renders display math in display mode, with MathML for screen readers', () => {
    const html = renderMathHtml('\\rho', { displayMode: true });
    expect(html).toContain('katex-display');
    expect(html).toContain('<math');
  });

  it('inlines KaTeX CSS with every font as a woff2 data URI and no other source', () => {
    const css = katexStylesheetWithEmbeddedFonts();
    expect(css).not.toMatch(/url\((?!data:font\/woff2;base64,)/);
    const faces = css.match(/@font-face/g)!.length;
    expect(faces).toBeGreaterThan(15);
    expect(css.match(/url\(data:font\/woff2;base64,/g)!.length).toBe(faces);
    expect(katexStylesheetWithEmbeddedFonts()).toBe(css);
  });
});
