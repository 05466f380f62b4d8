import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeLatexText, escapeLatexUrl, safeHref, UnsafeContentError } from '../../src/report/escape.ts';

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });
  it('drops control characters but keeps tabs, newlines and Unicode', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne ρ‖')).toBe('abc\td\ne ρ‖');
  });
});

describe('escapeLatexText', () => {
  it('turns every LaTeX special character into a command printing it', () => {
    expect(escapeLatexText('\\input{/etc/passwd}')).toBe('\\textbackslash{}input\\{/etc/passwd\\}');
    expect(escapeLatexText('$x$ & 50% #1 a_b ^ ~')).toBe('\\$x\\$ \\& 50\\% \\#1 a\\_b \\textasciicircum{} \\textasciitilde{}');
    expect(escapeLatexText('<b>|"')).toBe('\\textless{}b\\textgreater{}\\textbar{}\\textquotedbl{}');
  });
  it('leaves no unescaped special character, whatever the input', () => {
    const hostile = '\\write18{rm -rf /}\\immediate\\openout % # $ & ^^5cinput {} \\catcode`\\@=11 \\def\\x{}';
    const out = escapeLatexText(hostile);
    // Every backslash in the output starts one of our own escape commands.
    const commands = out.match(/\\[A-Za-z]+|\\./g) ?? [];
    expect(new Set(commands)).toEqual(new Set(['\\textbackslash', '\\{', '\\}', '\\%', '\\#', '\\$', '\\&', '\\textasciicircum', '\\textasciigrave']));
    expect(out).not.toMatch(/(^|[^\\])[%#$&]/);
  });
  it('maps physics Unicode to LaTeX and marks what pdflatex cannot typeset', () => {
    expect(escapeLatexText('ρ ≤ ‖x‖ γ₁ é')).toBe('\\ensuremath{\\rho} \\ensuremath{\\le} \\ensuremath{\\Vert}x\\ensuremath{\\Vert} \\ensuremath{\\gamma}\\textsubscript{1} é');
    expect(escapeLatexText('ρ̄ x̂')).toBe('\\ensuremath{\\bar{\\rho}} \\^{x}');
    expect(escapeLatexText('漢')).toBe('[U+6F22]');
  });
  it('keeps dashes and quotes literal', () => {
    expect(escapeLatexText("a--b 'c'")).toBe("a-{}-{}b \\textquotesingle{}c\\textquotesingle{}");
  });
});

describe('safeHref', () => {
  it('accepts http(s), mailto and relative links, percent-encoding what LaTeX or HTML would misread', () => {
    expect(safeHref('https://doi.org/10.1000/x y')).toBe('https://doi.org/10.1000/x%20y');
    expect(safeHref('mailto:a@b.org')).toBe('mailto:a@b.org');
    expect(safeHref('#eq-3')).toBe('#eq-3');
    expect(safeHref('example-1.html#figure-2')).toBe('example-1.html#figure-2');
    expect(safeHref('https://a.org/~u/"x"')).toBe('https://a.org/%7Eu/%22x%22');
    expect(safeHref('https://a.org/100%')).toBe('https://a.org/100%25');
  });
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vbscript:x', '//evil.org/x', ''])(
    'rejects %j',
    (href) => {
      expect(() => safeHref(href)).toThrow(UnsafeContentError);
    },
  );
  it('escapes URLs for hyperref', () => {
    expect(escapeLatexUrl('https://a.org/p?x=1&y=2#s%20t')).toBe('https://a.org/p?x=1\\&y=2\\#s\\%20t');
  });
});
