/** The words of the errata, written from the facts of src/coherent/errata.ts and src/reduced/derive.ts. */
import { describe, expect, it } from 'vitest';
import type { CoherentErratum } from '../../../src/coherent/errata.ts';
import { coherentErratumText, reducedResidualText } from '../../../src/report/sections/errata-text.ts';

describe('errata text', () => {
  it('states the eq. 14 sign erratum without a residual for n > 6', () => {
    expect(coherentErratumText({ id: 'eq14-sign', residual: null, couplingResiduals: null }).residualNote).toBe('for n > 6 not evaluated on the model');
  });

  it('writes ℂ^{4ⁿ} with an ellipsis beyond n = 30', () => {
    expect(coherentErratumText({ id: 'yd-dimension', residual: null, n: 2 }).derived).toBe('$\\tilde{\\mathbf y}_d \\in \\mathbb C^{4^n}$ (8 vs 16 for n = 2)');
    expect(coherentErratumText({ id: 'yd-dimension', residual: null, n: 31 }).derived).toContain('…');
  });

  it('says whether this model’s graph is disconnected', () => {
    const fact = (connected: boolean): CoherentErratum => ({ id: 'eq13-connected', residual: null, disconnectedComponents: 200, connectedComponents: 20, connected });
    expect(coherentErratumText(fact(true)).derived).toContain('(e.g. 200 ≠ 20 for 3 qubits with one edge)');
    expect(coherentErratumText(fact(false)).derived).toMatch(/ — this model's graph is disconnected$/);
  });

  it('writes the literal Definition 1 residual and passes plain residuals through', () => {
    expect(reducedResidualText({ kind: 'literal-dissipators', n: 3 })).toMatch(/: every dissipator is 3 times too weak$/);
    expect(reducedResidualText('‖stated − derived‖_F = 1')).toBe('‖stated − derived‖_F = 1');
  });
});
