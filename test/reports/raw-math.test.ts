/**
 * Every formula typeset: the committed reports show no mathematics as raw text. Each HTML report is
 * scanned outside KaTeX output, MathML and free text from the derivation file (`class="user-text"`),
 * SVG `<text>` included; each .tex outside math mode and `\qbusertext{…}`. The scanner itself is
 * checked first on strings whose raw math is known.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawMathInHtml, rawMathInLatex } from '../support/raw-math.ts';

const REPORTS = 'reports';

describe('the raw-math scanner', () => {
  it('finds LaTeX syntax, calculator syntax, Unicode stand-ins and underscored subscripts in HTML text and SVG text', () => {
    const hits = (html: string) => rawMathInHtml(html).map((h) => h.match);
    expect(hits('<p>K_c = 1 and ρ_j</p>')).toEqual(['K_c', 'ρ_j']);
    expect(hits('<p>e^{−μt}, x_{1}, \\frac</p>')).toEqual(['_{', '^{', '\\frac']);
    expect(hits('<p>sqrt(2) √2 ‖x‖ C₀ 10⁻³</p>')).toEqual(['sqrt(', '√', '‖', '‖', '₀', '⁻', '³']);
    expect(hits('<svg><text>λ_m</text></svg>')).toEqual(['λ_m']);
  });

  it('skips KaTeX output, MathML, user text, and words with underscores in names', () => {
    expect(rawMathInHtml('<p><span class="katex">K_c</span><math><mi>ρ_j</mi></math><span class="user-text">ρ_j √2</span></p>')).toEqual([]);
    expect(rawMathInHtml('<p>see derivations/example_1.yaml and gamma_m</p>')).toEqual([]);
  });

  it('in LaTeX, finds what escaping made of raw math outside math mode and user text', () => {
    const tex = '\\begin{document}$K_c$ and K\\_c, \\ensuremath{\\rho}\\_j, C\\textsubscript{0}, \\ensuremath{\\Vert}x\\ensuremath{\\Vert} \\qbusertext{K\\_c}\\end{document}';
    expect(rawMathInLatex(tex).map((h) => h.match)).toEqual(['K\\_c', '\\ensuremath{\\rho}\\_j', '\\textsubscript', '\\ensuremath{\\Vert}', '\\ensuremath{\\Vert}']);
  });
});

describe('reports/', () => {
  const files = readdirSync(REPORTS).filter((f) => /\.(html|tex)$/.test(f)).sort();

  it('has HTML and LaTeX reports to scan', () => {
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.endsWith('.tex')).length).toBeGreaterThan(5);
  });

  it('shows no raw math: every formula of every report is typeset (HTML text and SVG text; .tex outside math mode)', () => {
    const found: string[] = [];
    for (const f of files) {
      const source = readFileSync(join(REPORTS, f), 'utf8');
      const hits = f.endsWith('.html') ? rawMathInHtml(source) : rawMathInLatex(source);
      for (const h of hits.slice(0, 5)) found.push(`${f}: ${JSON.stringify(h.match)} in …${h.context}…`);
    }
    expect(found).toEqual([]);
  });
});
