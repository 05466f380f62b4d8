/**
 * The sentences written from §4's and §5's facts. The reports pin most of them byte for byte
 * (reports/ is regenerated and diffed in CI); these pin the branches no shipped model reaches.
 */
import { describe, expect, it } from 'vitest';
import { deriveReduced } from '../../../src/reduced/derive.ts';
import { EQUATION_5_STEPS } from '../../../src/reduced/reduced-system.ts';
import { parseModel } from '../../../src/model/parse.ts';
import { coherentExplanationText, conditionText, realPartRuleText, reducedExplanationText } from '../../../src/report/sections/explanations.ts';
import { EXAMPLE_1 } from '../../reduced/fixtures.ts';

describe('parameter conditions and real-part rules', () => {
  it('write each condition kind with its inline math', () => {
    expect(conditionText({ kind: 'nonzero', latex: 'a + b' })).toBe('$a + b \\neq 0$');
    expect(conditionText({ kind: 'negative', latex: '-a' })).toBe('$-a < 0$');
    expect(conditionText({ kind: 'positive', latex: 'a' })).toBe('$a > 0$');
    expect(conditionText({ kind: 'psd-determinant', latex: 'x' })).toBe('$\\det\\rho_r = x \\ge 0$ (PSD for a Hermitian trace-one $2\\times 2$ matrix)');
    expect(conditionText({ kind: 'positive-parameters', params: ['g', 'k'] })).toBe('g, k > 0');
  });

  it('write each real-part rule, the discriminant sign as LaTeX', () => {
    expect(realPartRuleText({ kind: 'discriminant-sign', discriminantLatex: 'D', sign: 'nonpositive' })).toBe('$\\Delta = D \\le 0$, so $\\mathrm{Re}\\,\\lambda = s/2$');
    expect(realPartRuleText({ kind: 'discriminant-sign', discriminantLatex: 'D', sign: 'negative' })).toBe('$\\Delta = D < 0$, so $\\mathrm{Re}\\,\\lambda = s/2$');
    expect(realPartRuleText({ kind: 'discriminant-sign', discriminantLatex: 'D', sign: 'zero' })).toBe('$\\Delta = D = 0$, so $\\mathrm{Re}\\,\\lambda = s/2$');
    expect(realPartRuleText({ kind: 'discriminant-cases', discriminantLatex: 'D', halfTraceLatex: 'h', rootLatex: 'r' }))
      .toBe('if $\\Delta = D < 0$: $\\mathrm{Re}\\,\\lambda = h$; if $\\Delta \\ge 0$: $\\lambda = r$ is real');
    expect(realPartRuleText({ kind: 'numeric-root' })).toBe('numeric root (certified radius)');
  });
});

describe('§4 explanations', () => {
  it('come as facts in the order the report tells them (Example 1)', () => {
    const kinds = deriveReduced(parseModel(EXAMPLE_1)).explanations.map((e) => e.kind);
    expect(kinds).toEqual(['separability', ...EQUATION_5_STEPS.map(() => 'equation-5'), 'blended-average', 'relaxing', 'mu', 'definition-1-literal']);
  });

  it('write a sentence for every step of eq. 5', () => {
    const sentences = EQUATION_5_STEPS.map((step) => reducedExplanationText({ kind: 'equation-5', step }));
    expect(new Set(sentences).size).toBe(EQUATION_5_STEPS.length);
    expect(sentences[0]).toMatch(/^Take the partial trace/);
  });

  it('leave out what a fact does not have (no unique ρ_r)', () => {
    expect(reducedExplanationText({ kind: 'relaxing', rhoLatex: null, decayingLatex: ['-1', '-2'], muLatex: '1' }))
      .toBe('Relaxing: $\\ker\\bar{\\mathcal{L}}$ is one-dimensional, and every other eigenvalue has negative real part ($-1$, $-2$), so $\\rho_b(t) \\to \\rho_r$ from every $\\rho_b(0)$ at the rate $\\mu = 1$.');
    expect(reducedExplanationText({ kind: 'definition-1-literal', literalActionLatex: 'A', literalMuLatex: 'a', muLatex: 'b', literalRhoLatex: null }))
      .toBe('Definition 1 read literally ($\\mathcal{D}(\\bar L_l)$ with $\\bar L_l = \\frac1n\\sum_j L_{l,j}$) scales each dissipator by $1/n^2$ instead of $1/n$: $A$, giving $\\mu = a$ instead of $b$. This report uses the average of generators, as eq. 9 and the proofs do.');
    expect(reducedExplanationText({ kind: 'separability-violation', violation: { kind: 'hamiltonian-coupling', term: 'σx^(1)σx^(2)', termLatex: 'X_1X_2', qubits: [1, 2] } }))
      .toBe('σx^(1)σx^(2) couples qubits 1 and 2: H is not a sum of single-qubit terms H_j^(j), so the partial trace of −i[H, ρ] over the other qubits involves their joint state (term $X_1X_2$).');
  });
});

describe('§5 explanations', () => {
  it('leave out the value and the check of λ_m(Q_d) when there are none', () => {
    expect(coherentExplanationText({ kind: 'spectral-gap', gapLatex: null, verificationDifference: null })).toBe(
      "$\\lambda_m(Q_d) = \\lambda_m(Q)$: $Q_d$ generates the interchange process with four colours on $G$, whose spectral gap equals that of the random walk on $G$ (Aldous' conjecture, proved by Caputo, Liggett and Richthammer 2010); the component with counts $(n-1,1,0,0)$ carries $Q$ itself.",
    );
  });

  it('name the kind of ‖A_d‖ and round it to 6 digits', () => {
    expect(coherentExplanationText({ kind: 'norm', normKind: 'upper-bound', value: 2 / 3 })).toBe('$\\|A_d\\|$: rigorous upper bound from the operator terms, 0.666667.');
  });
});
