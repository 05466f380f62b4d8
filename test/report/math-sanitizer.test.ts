import { describe, expect, it } from 'vitest';
import { assertSafeMath, findUnsafeMath } from '../../src/report/math-sanitizer.ts';
import { UnsafeContentError } from '../../src/report/escape.ts';

describe('math sanitiser', () => {
  it.each([
    '\\frac{2}{3}',
    '\\begin{bmatrix} \\frac{2}{3} & -\\frac{1}{6}\\mathrm{i} \\\\ \\frac{1}{6}\\mathrm{i} & \\frac{1}{3}\\end{bmatrix}',
    '\\lVert \\rho_j - \\bar\\rho \\rVert \\le e^{-K_c \\lambda_m t}',
    '\\operatorname{vec}(AXB) = (B^{\\mathsf{T}} \\otimes A)\\operatorname{vec}(X)',
    '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}',
    '50\\% \\text{ of } \\{1, 2\\}',
  ])('accepts engine math %j', (latex) => {
    expect(findUnsafeMath(latex)).toEqual([]);
    expect(assertSafeMath(latex)).toBe(latex);
  });

  it.each([
    ['\\input{/etc/passwd}', '\\input'],
    ['x \\write18{rm -rf /}', '\\write'],
    ['\\immediate\\openout1=x', '\\immediate'],
    ['\\href{javascript:alert(1)}{x}', '\\href'],
    ['\\def\\x{y}', '\\def'],
    ['\\catcode`\\^=7', '\\catcode'],
    ['\\csname input\\endcsname', '\\csname'],
    ['^^5cinput{/etc/passwd}', '^^'],
    ['x % }', 'raw %'],
    ['x $ \\text{out of math} $', 'raw $'],
    ['\\begin{document}', 'environment document'],
    ['\\end{bmatrix}', 'does not match'],
    ['\\frac{1}{2', 'unbalanced'],
    ['}{', 'unbalanced'],
    ['ρ', 'U+03C1'],
    ['\\includegraphics{x}', '\\includegraphics'],
    ['\\] \\input{x} \\[', 'control symbol \\]'],
  ])('rejects %j', (latex, reason) => {
    const problems = findUnsafeMath(latex);
    expect(problems.join('; ')).toContain(reason);
    expect(() => assertSafeMath(latex)).toThrow(UnsafeContentError);
  });
});
