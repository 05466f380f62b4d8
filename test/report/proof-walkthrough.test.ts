/**
 * The proof walkthroughs teach the appendices line by line: lines in the appendix's order, every
 * symbol defined (with a link target) before the proof uses it, and each substituted line's value
 * equal to the bound recomputed here, in closed form, from the theorems' typed constants (not from
 * the check that produced the walkthrough's numbers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derive, type DerivationResult } from '../../src/api/derive.ts';
import { parseModel } from '../../src/model/parse.ts';
import type { Block, DerivationDocument, DisplayMathBlock, Inline, Section } from '../../src/report/document.ts';
import { numLatex } from '../../src/report/sections/format.ts';
import { renderDocumentHtml } from '../../src/report/html.ts';
import { renderDocumentLatex } from '../../src/report/latex.ts';
import { validateDocument } from '../../src/report/document.ts';
import { PROOF_OUTLINE } from '../../src/theorems/proof-outline.ts';
import type { ProofStepId, TheoremCheck } from '../../src/theorems/checks.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SQRT2 = Math.SQRT2;

let d: DerivationResult;
beforeAll(() => {
  d = derive(parseModel(readFileSync(join(ROOT, 'derivations/example-1.yaml'), 'utf8'), 'derivations/example-1.yaml'));
});

function walk(sections: readonly Section[], f: (s: Section) => void): void {
  for (const s of sections) {
    f(s);
    walk(s.subsections ?? [], f);
  }
}

function displays(doc: DerivationDocument): Map<string, DisplayMathBlock> {
  const out = new Map<string, DisplayMathBlock>();
  walk(doc.sections, (s) => s.blocks.forEach((b) => { if (b.kind === 'displayMath' && b.label) out.set(b.label, b); }));
  return out;
}

function refsIn(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const inline = (xs: readonly Inline[]) => xs.forEach((x) => { if (x.kind === 'ref') out.push(x.label); });
  for (const b of blocks) if (b.kind === 'paragraph') inline(b.content);
  return out;
}

/** A typed constant of a theorem, as a double. */
function constant(t: 'T1' | 'T2' | 'T3' | 'T4', key: string): number {
  const c = (d.theorems[t].constants.values as Record<string, { value: number | null } | undefined>)[key];
  if (!c || c.value === null) throw new Error(`${t}.${key} missing`);
  return c.value;
}

/** f(t) = M Σ_{j≤m} t^j. */
const growth = (M: number, m: number, t: number) => M * Array.from({ length: m + 1 }, (_, j) => t ** j).reduce((a, b) => a + b, 0);

/**
 * The right-hand side of each checked line at time t, from the paper's formulas (Appendices A–D) and
 * the theorems' typed constants, and the corrected one where the errata change it.
 */
function expectedRhs(check: TheoremCheck, step: ProofStepId, t: number, lhsOf: (s: ProofStepId) => number): { paper: number; corrected?: number } {
  const th = check.theorem;
  const K = check.KcStar;
  const n = d.reduced.n;
  if (th === 'T1') {
    const [C0, lam, L, mu, Lc] = ['C0', 'lambdaMin', 'normL', 'mu', 'Lc'].map((k) => constant('T1', k)) as [number, number, number, number, number];
    const C1 = C0 + Lc;
    switch (step) {
      case 'consensus': return { paper: C0 * Math.exp(-K * lam * t) + (n * L) / (K * lam) };
      case 'mean-on-subspace': return { paper: Lc * Math.exp(-mu * t) + ((Lc * L) / (K * lam)) * (C0 / n + L / mu), corrected: Lc * Math.exp(-mu * t) + ((Lc * L) / (K * lam)) * (2 * C0 + (n * L) / mu) };
      case 'combined-error': return { paper: C1 * Math.exp(-Math.min(mu, K * lam) * t) + constant('T1', 'D') / K, corrected: C1 * Math.exp(-Math.min(mu, K * lam) * t) + constant('T1', 'DPrime') / K };
      case 'reduced-to-steady': return { paper: (1 + SQRT2) * lhsOf('combined-error') };
    }
  }
  if (th === 'T2') {
    const [C0, lam, L, M, m] = ['C', 'lambdaMin', 'normL', 'M', 'm'].map((k) => constant('T2', k)) as [number, number, number, number, number];
    const f = growth(M, m, t);
    switch (step) {
      case 'consensus': return { paper: C0 * Math.exp(-K * lam * t) + (n * L) / (K * lam) };
      case 'mean-to-blended': return { paper: ((f * L) / (K * lam)) * (C0 / n + t * L), corrected: ((f * L) / (K * lam)) * (C0 + n * t * L) };
      case 'reduced-to-blended': return {
        paper: C0 * Math.exp(-K * lam * t) + ((n * L) / lam + (f * L * C0) / (n * lam)) / K,
        corrected: C0 * Math.exp(-K * lam * t) + ((n * L) / lam + ((f * L) / lam) * (C0 + n * t * L)) / K,
      };
    }
  }
  const [C, A, lam] = ['C', 'normA', 'lambdaMin'].map((k) => constant(th, k)) as [number, number, number];
  switch (step) {
    case 'symmetrization': return { paper: C * Math.exp(-K * lam * t) + A / (K * lam) };
    case 'orbit-coordinates': {
      const f = growth(constant('T3', 'Md'), constant('T3', 'md'), t);
      return { paper: ((f * A) / (K * lam)) * (C + t * A) };
    }
    case 'triangle': return { paper: lhsOf('symmetrization') + lhsOf('orbit-coordinates') };
    case 'coherent-combined': {
      const f = growth(constant('T3', 'Md'), constant('T3', 'md'), t);
      return { paper: C * Math.exp(-K * lam * t) + (A / lam + ((f * A) / lam) * (C + t * A)) / K };
    }
  }
  throw new Error(`no formula for ${th} ${step}`);
}

/** 4 significant digits without trailing zeros, as the walkthrough prints its numbers. */
const digits4 = (x: number): string => numLatex(x, 4).replace(/^(-?\d+)\.(\d*?)0+(?=$| )/, (_, i: string, f: string) => (f ? `${i}.${f}` : i));

/** The value a substituted display ends with (`… = value \end{aligned}`). */
function printedValue(latex: string): string {
  const m = /&= ([^&]+) \\end\{aligned\}$/.exec(latex);
  if (!m) throw new Error(`not a substituted line: ${latex}`);
  return m[1]!;
}

describe('proof walkthroughs (Example 1: Theorems 1–4)', () => {
  it('each walkthrough has its appendix’s lines in order: equation numbers increase down the proof', () => {
    for (const t of ['T1', 'T2', 'T3', 'T4'] as const) {
      const eqs = PROOF_OUTLINE[t].flatMap((s) => s.equations);
      expect(eqs, t).toEqual([...eqs].sort((a, b) => a - b));
      expect(new Set(eqs).size, t).toBe(eqs.length);
      // The walkthrough's subsections are the outline's lines, in that order.
      const doc = d.proofWalkthrough(t)!;
      const steps = doc.sections.find((s) => s.label === 'sec:steps')!.subsections!.map((s) => s.label);
      expect(steps).toEqual(PROOF_OUTLINE[t].map((s) => `sec:step-${s.id}`));
    }
    // Appendix C bounds the error by the triangle inequality before it derives eqs. 35 and 36.
    const t3 = PROOF_OUTLINE.T3.map((s) => s.id);
    expect(t3.indexOf('triangle')).toBeLessThan(t3.indexOf('symmetrization'));
    expect(t3.indexOf('symmetrization')).toBeLessThan(t3.indexOf('orbit-coordinates'));
  });

  it('every symbol a line links to is defined in the Symbols section, which comes before the proof', () => {
    for (const t of d.checkedTheorems) {
      const doc = d.proofWalkthrough(t)!;
      const order = doc.sections.map((s) => s.label);
      expect(order.indexOf('sec:symbols')).toBeLessThan(order.indexOf('sec:steps'));
      const defined = new Set(doc.sections.find((s) => s.label === 'sec:symbols')!.blocks.flatMap((b) => (b.kind === 'displayMath' && b.label ? [b.label] : [])));
      const steps = doc.sections.find((s) => s.label === 'sec:steps')!.subsections!;
      for (const s of steps) {
        const links = refsIn(s.blocks).filter((l) => l.startsWith('sym:'));
        expect(links.length, `${t} ${s.label}`).toBeGreaterThan(0);
        for (const l of links) expect(defined.has(l), `${t} ${s.label} links ${l}`).toBe(true);
      }
      // C₀ (and not the undefined S₀) names the initial consensus defect.
      expect(JSON.stringify(doc)).not.toMatch(/S_0|S₀/);
    }
  });

  it('each substituted line equals the bound recomputed from the typed constants at the start of the time set', () => {
    let lines = 0;
    for (const check of d.checks) {
      const doc = d.proofWalkthrough(check.theorem)!;
      const eq = displays(doc);
      const lhsOf = (s: ProofStepId) => check.intermediate.find((i) => i.step === s)!.at.lhs;
      for (const ineq of check.intermediate) {
        const t = ineq.at.t;
        expect(t, `${check.theorem} ${ineq.step}`).toBeCloseTo(check.timeSet.from, 12);
        const want = expectedRhs(check, ineq.step, t, lhsOf);
        expect(ineq.at.rhs / want.paper, `${check.theorem} ${ineq.step}`).toBeCloseTo(1, 9);
        expect(printedValue(eq.get(`eq:${ineq.step}-numbers`)!.latex)).toBe(digits4(want.paper));
        expect(eq.get(`eq:${ineq.step}-numbers`)!.latex).toContain(`= ${digits4(ineq.at.lhs)}`);
        if (want.corrected !== undefined) {
          expect(ineq.at.rhsCorrected! / want.corrected).toBeCloseTo(1, 9);
          expect(printedValue(eq.get(`eq:${ineq.step}-numbers-corrected`)!.latex)).toBe(digits4(want.corrected));
          expect(eq.has(`eq:${ineq.step}-corrected`)).toBe(true);
        } else {
          expect(ineq.rhsCorrected).toBeUndefined();
        }
        lines++;
      }
    }
    expect(lines).toBe(4 + 3 + 4 + 1);
  });

  it('the proofs’ numbers agree with the theorems’ constants, computed independently (C₀ exact in §4, numeric from the trajectory’s initial state)', () => {
    for (const check of d.checks) {
      const p = check.proofNumbers;
      const C0 = check.theorem === 'T1' ? constant('T1', 'C0') : constant(check.theorem, 'C');
      expect(p.C0).toBeCloseTo(C0, 12);
      expect(p.lambdaMin).toBeCloseTo(constant(check.theorem, 'lambdaMin'), 12);
    }
    // Theorem 1's transient constant C = (1 + √2)(C₀ + L_c), defined with its value before the proof.
    const C = (1 + SQRT2) * (constant('T1', 'C0') + constant('T1', 'Lc'));
    expect(constant('T1', 'C') / C).toBeCloseTo(1, 12);
    expect(displays(d.proofWalkthrough('T1')!).get('sym:Ct')!.latex.endsWith(`= ${digits4(C)}`)).toBe(true);
  });

  it('the threshold line substitutes the terms of K_c* and of K_c*′ and prints the theorems’ own values', () => {
    for (const check of d.checks) {
      const t = check.theorem;
      const eq = displays(d.proofWalkthrough(t)!);
      expect(eq.get('eq:threshold-numbers')!.latex.endsWith(`= ${digits4(constant(t, 'KcStar'))}`)).toBe(true);
      if (t === 'T1' || t === 'T2') {
        expect(eq.get('eq:threshold-numbers-corrected')!.latex.endsWith(`= ${digits4(constant(t, 'KcStarPrime'))}`)).toBe(true);
      } else {
        expect(eq.has('eq:threshold-numbers-corrected')).toBe(false);
      }
    }
    // Theorem 1's terms from their definitions: μ/λ_m and 2(1+√2)D/η.
    const t1 = d.checks.find((c) => c.theorem === 'T1')!;
    expect(t1.proofNumbers.thresholds.paper[0]).toBeCloseTo(constant('T1', 'mu') / constant('T1', 'lambdaMin'), 12);
    expect(t1.proofNumbers.thresholds.paper[1]! / ((2 * (1 + SQRT2) * constant('T1', 'D')) / t1.eta)).toBeCloseTo(1, 12);
  });

  it('every walkthrough (also Theorems 2 and 4, which the committed reports do not feature) is a valid document that renders, with no KaTeX error', () => {
    for (const t of ['T1', 'T2', 'T3', 'T4'] as const) {
      const doc = d.proofWalkthrough(t)!;
      expect(validateDocument(doc), t).toEqual([]);
      expect(renderDocumentHtml(doc), t).not.toContain('katex-error');
      expect(renderDocumentLatex(doc), t).toContain('\\begin{aligned}');
    }
  });

  it('where the paper errs the walkthrough shows both lines, the paper’s and the corrected one', () => {
    const doc = d.proofWalkthrough('T2')!;
    const eq = displays(doc);
    expect(eq.get('eq:mean-to-blended-paper')!.latex).toContain('\\frac{C_0}{n} + t\\|\\mathcal{L}\\|');
    expect(eq.get('eq:mean-to-blended-corrected')!.latex).toContain('C_0 + n t\\|\\mathcal{L}\\|');
  });
});
