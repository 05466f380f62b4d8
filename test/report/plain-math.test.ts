/**
 * The engine's plain-text mathematics turned into LaTeX: each conversion below is written out by
 * hand from the notation (what a physicist would type), every result renders with KaTeX under the
 * report settings, prose stays prose, and the pieces always put the sentence back together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainMathToLatex, splitPlainMath } from '../../src/report/plain-math.ts';
import { renderMathHtml } from '../../src/report/katex.ts';
import { richText } from '../../src/report/sections/format.ts';

/** The sentence with each math run shown as `$latex$`. */
function shown(s: string): string {
  return splitPlainMath(s).map((p) => (p.kind === 'text' ? p.text : `$${p.latex}$`)).join('');
}

describe('plainMathToLatex', () => {
  it('writes subscripts, superscripts, accents, norms, roots and operators as LaTeX', () => {
    expect(plainMathToLatex('‖ρ_j − ρ̄‖²_F')).toBe('\\|\\rho_{j} - \\bar{\\rho}\\|_{F}^{2}');
    expect(plainMathToLatex('C₀ = √(Σ_j x_j)')).toBe('C_{0} = \\sqrt{\\sum_{j} x_{j}}');
    expect(plainMathToLatex('e^{−μt}')).toBe('e^{-\\mu t}');
    expect(plainMathToLatex('V_dec')).toBe('V_{\\mathrm{dec}}');
    expect(plainMathToLatex('ρ_stated')).toBe('\\rho_{\\mathrm{stated}}');
    expect(plainMathToLatex('λ_mT₁')).toBe('\\lambda_{m}T_{1}');
    expect(plainMathToLatex('1/√|V_m|')).toBe('1/\\sqrt{|V_{m}|}');
    expect(plainMathToLatex('H_j^(j)')).toBe('H_{j}^{(j)}');
    expect(plainMathToLatex('1/2*sqrt(11)')).toBe('1/2\\cdot \\sqrt{11}');
  });

  it('merges the scripts of one symbol, so a double superscript cannot arise', () => {
    expect(plainMathToLatex('V⁻¹†')).toBe('V^{-1\\dagger}');
    expect(plainMathToLatex("K_c*'")).toBe('K_{c}^{*\\prime}');
    expect(plainMathToLatex('η₁²')).toBe('\\eta_{1}^{2}');
  });

  it('keeps set braces as braces and script braces as groups', () => {
    expect(plainMathToLatex('max{a, b}')).toBe('\\max\\{a,\\allowbreak b\\}');
    expect(plainMathToLatex('2^{n/2}')).toBe('2^{n/2}');
  });
});

describe('splitPlainMath', () => {
  it('finds the formulas in a sentence and leaves the words', () => {
    expect(shown('C = (1+√2)(C₀ + L_c): the proof bounds E(t)')).toBe('$C = (1+\\sqrt{2})(C_{0} + L_{c})$: the proof bounds $E(t)$');
    expect(shown('‖ρ_j(t) − ρ_b(t)‖_F, max over j')).toBe('$\\|\\rho_{j}(t) - \\rho_{b}(t)\\|_{F}$, max over j');
    expect(shown('Time set: [T₁, T₂] = [1, 10]; η = 0.05.')).toBe('Time set: $[T_{1},\\allowbreak T_{2}] = [1,\\allowbreak 10]$; $\\eta = 0.05$.');
    expect(shown("eq. 30's second line")).toBe("eq. 30's second line");
    expect(shown('a mean of n terms, e.g. two')).toBe('a mean of n terms, e.g. two');
    expect(shown('|tr X| ≤ √2‖X‖_F on 2×2')).toBe('$|\\operatorname{tr} X| \\le \\sqrt{2}\\|X\\|_{F}$ on $2\\times2$');
  });

  it('every run it finds renders with KaTeX', () => {
    const sentences = [
      "K_c*' = max{2μ/λ_m(Q), 2(1+√2)D'/η} = max{1.5, 2.5}",
      'G = VΛV⁻¹ with unit eigenvectors: ‖e^{Gt}‖ ≤ ‖V‖‖e^{Λt}‖‖V⁻¹‖ ≤ κ(V) since Re λ ≤ 0',
      'with the correct kernel ∫₀ᵗe^{−μ(t−τ)}e^{−K_cλ_mτ}dτ ≤ 1/(K_cλ_m − μ)',
      '−i(I ⊗ H − Hᵀ ⊗ I) + Σ γ_l (L̄_l ⊗ L_l − ½ I ⊗ L_l†L_l)',
      'symmetry defect ‖ρ(0) − 𝒫_*(ρ(0))‖_F',
    ];
    for (const s of sentences) {
      for (const p of splitPlainMath(s)) if (p.kind === 'math') expect(() => renderMathHtml(p.latex, { displayMode: false }), p.latex).not.toThrow();
    }
  });

  it('property: the pieces put the sentence back together (text as written, math by its source)', () => {
    const alphabet = fc.constantFrom(...'abcxyzKLρλμη_^{}()[]‖√²₀−+=≤*,. :;\'0123456789'.split(''), ' the ', ' max ', 'sqrt(', 'e.g.');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(splitPlainMath(s).map((p) => (p.kind === 'text' ? p.text : p.source)).join('')).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('property: prose without mathematical symbols is one text piece, unchanged', () => {
    const word = fc.stringMatching(/^[a-z]{2,9}$/).filter((w) => !['ln', 'log', 'exp', 'max', 'min', 'sup', 'inf', 'det', 'tr', 'vec', 'diag', 'ker', 'sqrt'].includes(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.constantFrom('.', ',', ';', ':', ''), (words, end) => {
        const s = `${words.join(' ')}${end}`;
        expect(splitPlainMath(s)).toEqual([{ kind: 'text', text: s }]);
      }),
    );
  });

  it('richText gives inline pieces: the words as text, the formula as math', () => {
    expect(richText('so ‖x‖ ≤ 1 holds')).toEqual([
      { kind: 'text', text: 'so ' },
      { kind: 'math', latex: '\\|x\\| \\le 1' },
      { kind: 'text', text: ' holds' },
    ]);
  });
});
