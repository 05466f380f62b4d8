/**
 * Section "How loose is K_c*?": each checked theorem's sufficient K_c* and re-derived K_c*′ beside the
 * certified empirical K_c and, for Theorem 1 (t → ∞), the exact threshold K_c,∞(η) of §4 and the
 * first-order K_c,asym(η) = c/η, with their ratios. `thresholdRows` is also what the JSON writes.
 */
import type { Derivation } from '../../derivation/derive.ts';
import type { RealAlgebraic, SteadyThresholdResult } from '../../reduced/exact-threshold.ts';
import type { TheoremCheck } from '../../theorems/checks.ts';
import { math, ref, text, type Block, type Inline, type Section } from '../document.ts';
import { numLatex, richText } from './format.ts';
import { constantOf } from './theorems.ts';
import { proofStepEquation, proofStepName } from './check-text.ts';

/** A real algebraic threshold as written: its double, its exact form when there is one, else its polynomial and interval. */
export interface WrittenAlgebraic {
  readonly value: number;
  readonly exactLatex: string | null;
  readonly exactText: string | null;
  readonly polynomialLatex: string;
  readonly polynomialText: string;
  readonly interval: readonly [string, string];
}

/** One row of the side-by-side table: one theorem at one η. */
export interface ThresholdRow {
  readonly theorem: TheoremCheck['theorem'];
  readonly eta: number;
  readonly KcStar: number;
  /** K_c*′ (Theorems 1–2, primary η only), else null. */
  readonly KcStarPrime: number | null;
  readonly KcEmpirical: number | null;
  /** K_c,∞(η) (Theorem 1 only); `null` with `everyGain` when every K_c > 0 meets η at t → ∞. */
  readonly KcInfinity: WrittenAlgebraic | null;
  readonly everyGain: boolean;
  /** K_c,asym(η) = c/η (Theorem 1 only). */
  readonly KcAsymptotic: { readonly value: number; readonly latex: string | null } | null;
}

export function writtenAlgebraic(r: RealAlgebraic): WrittenAlgebraic {
  return {
    value: r.value,
    exactLatex: r.exact ? r.exact.toLatex() : null,
    exactText: r.exact ? r.exact.toString() : null,
    polynomialLatex: r.polynomial.toLatex('K_c'),
    polynomialText: r.polynomial.toString().replace(/λ/g, 'K_c'),
    interval: [r.interval[0].toString(), r.interval[1].toString()],
  };
}

function steadyAt(s: SteadyThresholdResult, eta: number) {
  if (s.kind !== 'derived') return null;
  return s.byEta.find((e) => Math.abs(e.eta.toComplex()[0] - eta) <= 1e-12 * eta) ?? null;
}

/** The side-by-side rows of a derivation: every checked theorem at every η of its sweep. */
export function thresholdRows(d: Pick<Derivation, 'checks' | 'theorems' | 'steadyThreshold'>): ThresholdRow[] {
  const rows: ThresholdRow[] = [];
  for (const c of d.checks) {
    const entries = c.etaSweep ?? [{ eta: c.eta, KcStar: c.KcStar, KcEmpirical: c.KcEmpirical }];
    const t = c.theorem === 'T1' ? d.theorems.T1 : c.theorem === 'T2' ? d.theorems.T2 : null;
    const prime = t ? constantOf<string>(t.constants, 'KcStarPrime')?.value ?? null : null;
    entries.forEach((e, i) => {
      const steady = c.theorem === 'T1' ? steadyAt(d.steadyThreshold, e.eta) : null;
      rows.push({
        theorem: c.theorem, eta: e.eta, KcStar: e.KcStar, KcStarPrime: i === 0 ? prime : null, KcEmpirical: e.KcEmpirical,
        KcInfinity: steady?.KcInfinity ? writtenAlgebraic(steady.KcInfinity) : null,
        everyGain: steady !== null && steady.KcInfinity === null,
        KcAsymptotic: steady ? { value: steady.KcAsymptoticValue, latex: steady.KcAsymptotic ? steady.KcAsymptotic.toLatex() : null } : null,
      });
    });
  }
  return rows;
}

const num = (x: number | null, digits = 4): Inline[] => (x === null ? [text('—')] : [math(numLatex(x, digits))]);
const ratio = (a: number | null, b: number | null, digits = 3): Inline[] => (a === null || b === null || !(b > 0) ? [text('—')] : [math(numLatex(a / b, digits))]);

function steadyParagraphs(s: SteadyThresholdResult): Block[] {
  if (s.kind !== 'derived') {
    const why = {
      'not-separable': 'the model is not separable (Assumption 1), so eq. 5 does not hold',
      'not-relaxing': 'the blended dynamics is not relaxing with a unique ρ_r, so Theorem 1 and its t → ∞ limit do not apply',
      'no-eta': 'the study gives no η',
      symbolic: 'a parameter has no value',
      'too-large': 'the network is too large for the exact solve (more than 6 qubits)',
      singular: 'the steady state of eq. 5 is not unique for generic K_c',
      'limit-not-rho-r': 'the K_c → ∞ limit of the steady state of eq. 5 is not ρ_r',
    }[s.reason];
    return [{ kind: 'paragraph', content: [text(`The exact t → ∞ threshold is not derived: ${why}.`)] }];
  }
  const worst = s.cQubits[0];
  const e = s.squaredErrors[worst - 1];
  const out: Block[] = [{
    kind: 'paragraph',
    content: [
      text('Eq. 5 is linear and time-invariant, so as t → ∞ each ρ_j(t) tends to the steady state of '),
      math('(\\oplus_j \\mathcal{L}_j - K_c\\, Q \\otimes I)\\,x = 0'),
      text(' with unit traces, solved exactly with '), math('K_c'),
      text(' a symbol (Bloch coordinates, Cramer\'s rule interpolated at rational gains). The squared error of each qubit is a rational function of '),
      math('K_c'), text(`; for qubit ${worst}, the one farthest from ρ_r at large gain, `),
      math(`\\|\\rho_{${worst}}(\\infty) - \\rho_r\\|_F^2 = ${e.toLatex()}`),
      text('. Its expansion at '), math('K_c \\to \\infty'), text(' gives the first-order constant '),
      math(`c = \\lim_{K_c\\to\\infty} K_c \\max_j \\|\\rho_j(\\infty) - \\rho_r\\|_F = ${s.c ? `${s.c.toLatex()} \\approx ` : ''}${numLatex(s.cValue, 12)}`),
      text(', so '), math('K_{c,\\mathrm{asym}}(\\eta) = c/\\eta'), text('. The exact threshold '), math('K_{c,\\infty}(\\eta)'),
      text(', the largest gain at which '), math('\\max_j \\|\\rho_j(\\infty) - \\rho_r\\|_F = \\eta'),
      text(', is a real algebraic number, isolated by Sturm sequences with exact arithmetic:'),
    ],
  }];
  const items: Inline[][] = s.byEta.map((b) => {
    const head: Inline[] = [math(`\\eta = ${b.eta.toLatex()}`), text(': ')];
    if (!b.KcInfinity) return [...head, text('every '), math('K_c > 0'), text(' meets η as t → ∞.')];
    const w = writtenAlgebraic(b.KcInfinity);
    const value = numLatex(w.value, 12);
    if (w.exactLatex) return [...head, math(`K_{c,\\infty} = ${w.exactLatex} \\approx ${value}`), text(' (exact), '), math(`K_{c,\\mathrm{asym}} = ${b.KcAsymptotic ? `${b.KcAsymptotic.toLatex()} \\approx ` : ''}${numLatex(b.KcAsymptoticValue, 12)}`), text('.')];
    return [
      ...head, math(`K_{c,\\infty} \\approx ${value}`), text(', the root of '), math(`${w.polynomialLatex} = 0`),
      text(` in (${w.interval[0]}, ${w.interval[1]}] (no exact form of degree ≤ 2), `),
      math(`K_{c,\\mathrm{asym}} \\approx ${numLatex(b.KcAsymptoticValue, 12)}`), text('.'),
    ];
  });
  out.push({ kind: 'list', ordered: false, items });
  return out;
}

/** The section, or null when no theorem was checked and no exact threshold exists. */
export function thresholdsSection(d: Pick<Derivation, 'checks' | 'theorems' | 'steadyThreshold'>): Section | null {
  const rows = thresholdRows(d);
  if (rows.length === 0 && d.steadyThreshold.kind !== 'derived') return null;
  const blocks: Block[] = [...steadyParagraphs(d.steadyThreshold)];
  if (rows.length > 0) {
    blocks.push({
      kind: 'paragraph',
      content: [
        text('Side by side, for each checked theorem and η: the paper\'s sufficient '), math('K_c^*'), text(', the re-derived '), math('K_c^{*\\prime}'),
        text(', the empirical '), math('K_{c,\\mathrm{emp}}'),
        text(' (bisection to 1 %; at every gain tried the supremum of the error over the time set is certified between grid points by a bound on how fast the error can grow, which does not depend on '),
        math('K_c'), text(', so no peak between grid points is missed; '), ref('sec:kc'), text('), and for Theorem 1 the exact '),
        math('K_{c,\\infty}'), text(' and first-order '), math('K_{c,\\mathrm{asym}}'), text('.'),
      ],
    });
    blocks.push({
      kind: 'table',
      header: [[text('Theorem')], [math('\\eta')], [math('K_c^*')], [math('K_c^{*\\prime}')], [math('K_{c,\\mathrm{emp}}')], [math('K_{c,\\infty}')], [math('K_{c,\\mathrm{asym}}')], [math('K_c^*/K_{c,\\mathrm{emp}}')], [math('K_{c,\\mathrm{emp}}/K_{c,\\infty}')]],
      rows: rows.map((r) => [
        [text(r.theorem)], num(r.eta, 3), num(r.KcStar), num(r.KcStarPrime), num(r.KcEmpirical),
        r.everyGain ? [text('every K_c')] : num(r.KcInfinity?.value ?? null, 6), num(r.KcAsymptotic?.value ?? null, 6),
        ratio(r.KcStar, r.KcEmpirical), ratio(r.KcEmpirical, r.KcInfinity?.value ?? null, 4),
      ]),
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      caption: [text('How loose each sufficient threshold is: the theorems\' constants against the certified empirical threshold and, for Theorem 1, the exact t → ∞ threshold of eq. 5.')],
      label: 'tab:thresholds',
    });
  }
  const loosest = loosestSteps(d.checks);
  if (loosest.length > 0) {
    blocks.push({ kind: 'paragraph', content: [text('Where each proof loses most, at '), math('K_c^*'), text(' on the theorem\'s time set (the step whose bound exceeds what it bounds by the largest factor):')] });
    blocks.push({
      kind: 'list', ordered: false,
      items: loosest.map((l) => [text(`${l.theorem}: `), ...richText(proofStepName(l.step)), text(` (${proofStepEquation(l.step)}), bound/actual ≥ `), math(numLatex(1 / l.ratio, 3)), text('.')]),
    });
  }
  return { title: [text('How loose is '), math('K_c^*'), text('? Exact and certified thresholds')], label: 'sec:thresholds', blocks };
}

/**
 * For each check, the intermediate inequality with the smallest max lhs/rhs on the time set (the
 * loosest step of its proof at K_c*), when that ratio is positive.
 */
export function loosestSteps(checks: readonly TheoremCheck[]): { theorem: TheoremCheck['theorem']; step: TheoremCheck['intermediate'][number]['step']; ratio: number }[] {
  return checks.flatMap((c) => {
    const steps = c.intermediate.filter((s) => s.maxRatioOnTimeSet > 0 && Number.isFinite(s.maxRatioOnTimeSet));
    if (steps.length === 0) return [];
    const worst = steps.reduce((a, b) => (b.maxRatioOnTimeSet < a.maxRatioOnTimeSet ? b : a));
    return [{ theorem: c.theorem, step: worst.step, ratio: worst.maxRatioOnTimeSet }];
  });
}
