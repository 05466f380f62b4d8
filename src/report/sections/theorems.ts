/** Section 5: Theorems 1–4 — hypotheses checked, every constant with its value and source, K_c*. */
import type { ReducedDerivation } from '../../theorems/reduced-derivation.ts';
import type { CoherentDerivation } from '../../theorems/theorem4.ts';
import type { NamedConstant } from '../../theorems/common.ts';
import type { ApplicabilityCheck } from '../../theorems/theorem1.ts';
import { cite, math, strong, text, type Block, type Inline, type Section } from '../document.ts';
import { prose, richText, safeMath } from './format.ts';

export const THEOREM_STATEMENTS: Record<'T1' | 'T2' | 'T3' | 'T4', { title: string; statement: Inline[]; appendix: string }> = {
  T1: {
    title: 'Theorem 1 (relaxing blended dynamics)',
    appendix: 'Appendix A',
    statement: [text('For a separable network whose blended generator is relaxing, with '), math('K_c \\ge K_c^*'), text(', every reduced state enters and stays in the '), math('\\eta'), text('-ball around '), math('\\rho_r'), text(': '), math('\\max_j \\|\\rho_j(t) - \\rho_r\\|_F \\le \\eta'), text(' for '), math('t \\ge t^* = \\tfrac{2}{\\mu}\\ln(C/\\eta)'), text('.')],
  },
  T2: {
    title: 'Theorem 2 (tracking the blended trajectory on a window)',
    appendix: 'Appendix B',
    statement: [text('For a separable network and a window '), math('[T_1, T_2]'), text(', with '), math('K_c \\ge K_c^*'), text(', '), math('\\max_j \\|\\rho_j(t) - \\rho_b(t)\\|_F \\le \\eta'), text(' for '), math('t \\in [T_1, T_2]'), text('.')],
  },
  T3: {
    title: 'Theorem 3 (blended coherent dynamics on a window)',
    appendix: 'Appendix C',
    statement: [text('For any network on a connected graph, with '), math('K_c \\ge K_c^*'), text(', '), math('\\|\\rho(t) - \\mathrm{vec}^{-1}(P_d y_d(t))\\|_F \\le \\eta'), text(' for '), math('t \\in [T_1, T_2]'), text('.')],
  },
  T4: {
    title: 'Theorem 4 (approach to the permutation-invariant subspace)',
    appendix: 'Appendix D',
    statement: [text('For any network on a connected graph, with '), math('K_c \\ge K_c^*'), text(', '), math('\\|\\rho(t) - \\mathcal{P}_*\\rho(t)\\|_F \\le \\eta'), text(' for '), math('t \\ge T_1'), text('.')],
  },
};

function para(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

export function constantValue(c: NamedConstant): Inline[] {
  if (c.kind === 'undefined') return [text('undefined')];
  return [safeMath(c.latex), text(c.kind === 'numeric' ? ' (numeric, 12 significant digits)' : ' (exact)')];
}

export function constantsTable(constants: readonly NamedConstant[], caption: Inline[]): Block {
  return {
    kind: 'table',
    header: [[text('Constant')], [text('Meaning')], [text('Value')], [text('Where it comes from')]],
    rows: constants.map((c) => [[safeMath(c.symbol)], richText(c.name), constantValue(c), prose(c.source)]),
    caption,
    widths: [0.1, 0.2, 0.24, 0.38],
  };
}

function checkClaim(c: ApplicabilityCheck): Block {
  return {
    kind: 'claim',
    statement: richText(c.name),
    value: prose(c.detail),
    verdict: c.holds === true ? 'pass' : c.holds === false ? 'fail' : 'info',
  };
}

type AnyTheorem = ReducedDerivation['theorem1'] | ReducedDerivation['theorem2'] | CoherentDerivation['T3'] | CoherentDerivation['T4'];

function theoremSubsection(key: 'T1' | 'T2' | 'T3' | 'T4', t: AnyTheorem): Section {
  const s = THEOREM_STATEMENTS[key];
  const blocks: Block[] = [para(strong(text('Statement. ')), ...s.statement, text(' Proof: '), cite('paper'), text(`, ${s.appendix}.`))];
  blocks.push(para(strong(text('Hypotheses. ')), text(t.applies ? 'All hold; the theorem applies.' : 'Not all hold; the theorem does not apply to this model.')));
  for (const c of t.checks) blocks.push(checkClaim(c));
  blocks.push(para(...prose(t.reason)));
  if (t.constants.length > 0) {
    blocks.push(constantsTable(t.constants, [text(`Constants of ${s.title.split(' (')[0]}, each with its value and source.`)]));
  }
  if (t.KcStar) {
    blocks.push(para(strong(text('Threshold gain (as the paper states it): '))));
    blocks.push({ kind: 'displayMath', latex: `K_c^* = ${t.KcStar.latex}`, label: `eq:kcstar-${key}` });
    blocks.push(para(...constantValue(t.KcStar).slice(1), text('. '), ...prose(t.KcStar.source)));
  }
  if ('KcStarCorrected' in t && t.KcStarCorrected) {
    blocks.push(para(strong(text('With the proof errata corrected: ')), safeMath(`K_c^{*\\prime} = ${t.KcStarCorrected.latex}`), ...constantValue(t.KcStarCorrected).slice(1), text('. '), ...prose(t.KcStarCorrected.source)));
  }
  if ('time' in t && t.time) {
    blocks.push(para(text('Entry time: '), safeMath(`${t.time.symbol} = ${t.time.latex}`), ...constantValue(t.time).slice(1), text('. '), ...prose(t.time.source)));
  }
  if ('growth' in t && t.growth) {
    const f = key === 'T3' ? '\\|e^{\\mathrm{Proj}(A_d)t}\\| \\le f_d(t) = M_d\\sum_{j=0}^{m_d} t^j' : '\\|e^{\\bar{\\mathcal{L}}t}\\| \\le f(t) = M\\sum_{j=0}^{m} t^j';
    blocks.push(para(text('Growth bound '), math(f), text(' (Jordan form, '), cite('hornjohnson'), text('): '), safeMath(`M = ${t.growth.M}`), text(', '), safeMath(`m = ${t.growth.m}`), text(' (numeric; '), ...prose(t.growth.source), text(').')));
  }
  return { title: [text(s.title)], label: `sec:${key}`, blocks };
}

export function theoremsSection(r: ReducedDerivation, c: CoherentDerivation | null): Section {
  const subsections: Section[] = [theoremSubsection('T1', r.theorem1), theoremSubsection('T2', r.theorem2)];
  if (c) subsections.push(theoremSubsection('T3', c.T3), theoremSubsection('T4', c.T4));
  for (const key of c ? [] : (['T3', 'T4'] as const)) {
    const s = THEOREM_STATEMENTS[key];
    subsections.push({
      title: [text(s.title)],
      label: `sec:${key}`,
      blocks: [
        para(strong(text('Statement. ')), ...s.statement, text(' Proof: '), cite('paper'), text(`, ${s.appendix}.`)),
        { kind: 'claim', statement: [text('Constants and '), math('K_c^*'), text(' of this theorem')], value: [text('not derived in this version of the report; the numerical evidence below shows the quantity the theorem bounds.')], verdict: 'info' },
      ],
    });
  }
  return {
    title: [text('Theorems 1–4')],
    label: 'sec:theorems',
    blocks: [para(text('Each theorem promises that a large enough coupling gain '), math('K_c'), text(' makes the network track its blended dynamics to within '), math('\\eta'), text('. For each: the hypotheses as checked on this model, every constant of the bound with its value and where it comes from, and the threshold '), math('K_c^*'), text('.'))],
    subsections,
  };
}
