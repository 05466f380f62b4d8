/** Section 5: Theorems 1–4 — hypotheses checked, every constant with its value and source, K_c*. */
import type { TheoremKey, TheoremResults } from '../../theorems/derive-theorems.ts';
import type { ConstantPresentation, NamedConstant, TheoremConstants } from '../../theorems/common.ts';
import type { ApplicabilityCheck } from '../../theorems/theorem1.ts';
import { cite, math, strong, text, type Block, type Inline, type Section } from '../document.ts';
import { prose, richText, safeMath } from './format.ts';
import { checkDetail, checkName, constantSourceText, theoremReason } from './theorem-text.ts';

export const THEOREM_STATEMENTS: Record<TheoremKey, { title: string; statement: Inline[]; appendix: string }> = {
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

export function constantsTable(constants: readonly WrittenConstant[], caption: Inline[]): Block {
  return {
    kind: 'table',
    header: [[text('Constant')], [text('Meaning')], [text('Value')], [text('Where it comes from')]],
    rows: constants.map((c) => [[safeMath(c.symbol)], richText(c.name), constantValue(c), prose(c.source)]),
    caption,
    widths: [0.1, 0.2, 0.24, 0.38],
  };
}

function checkClaim(key: TheoremKey, c: ApplicabilityCheck): Block {
  return {
    kind: 'claim',
    statement: richText(checkName(key, c)),
    value: prose(checkDetail(key, c)),
    verdict: c.holds === true ? 'pass' : c.holds === false ? 'fail' : 'info',
  };
}

type AnyTheorem = TheoremResults['T1'] | TheoremResults['T2'] | TheoremResults['T3'] | TheoremResults['T4'];

/** A theorem constant with its provenance in words (`constantSourceText`). */
export type WrittenConstant = Omit<NamedConstant, 'source'> & { readonly source: string };

/**
 * The named constant of field `key` of a theorem's table (value and presentation joined, the
 * provenance written), or null.
 */
export function constantOf<K extends string>(t: TheoremConstants<K>, key: K): WrittenConstant | null {
  const p = t.presentation.find((x: ConstantPresentation<K>) => x.key === key);
  const v = t.values[key];
  return p && v ? { symbol: p.symbol, name: p.name, ...v, source: constantSourceText(p.source) } : null;
}

/** Every constant of a theorem in presentation order. */
export function constantsOf<K extends string>(t: TheoremConstants<K>): WrittenConstant[] {
  return t.presentation.map((p) => constantOf(t, p.key)!);
}

function theoremSubsection(key: TheoremKey, t: AnyTheorem): Section {
  const s = THEOREM_STATEMENTS[key];
  const blocks: Block[] = [para(strong(text('Statement. ')), ...s.statement, text(' Proof: '), cite('paper'), text(`, ${s.appendix}.`))];
  blocks.push(para(strong(text('Hypotheses. ')), text(t.applies ? 'All hold; the theorem applies.' : 'Not all hold; the theorem does not apply to this model.')));
  for (const c of t.checks) blocks.push(checkClaim(key, c));
  blocks.push(para(...prose(theoremReason(key, t))));
  const constants = constantsOf<string>(t.constants);
  if (constants.length > 0) {
    blocks.push(constantsTable(constants, [text(`Constants of ${s.title.split(' (')[0]}, each with its value and source.`)]));
  }
  const KcStar = constantOf<string>(t.constants, 'KcStar');
  if (KcStar) {
    blocks.push(para(strong(text('Threshold gain (as the paper states it): '))));
    blocks.push({ kind: 'displayMath', latex: `K_c^* = ${KcStar.latex}`, label: `eq:kcstar-${key}` });
    blocks.push(para(...constantValue(KcStar).slice(1), text('. '), ...prose(KcStar.source)));
  }
  const KcStarPrime = constantOf<string>(t.constants, 'KcStarPrime');
  if (KcStarPrime) {
    blocks.push(para(strong(text('With the proof errata corrected: ')), safeMath(`K_c^{*\\prime} = ${KcStarPrime.latex}`), ...constantValue(KcStarPrime).slice(1), text('. '), ...prose(KcStarPrime.source)));
  }
  const time = constantOf<string>(t.constants, 'Teta');
  if (time) {
    blocks.push(para(text('Entry time: '), safeMath(`${time.symbol} = ${time.latex}`), ...constantValue(time).slice(1), text('. '), ...prose(time.source)));
  }
  if ('growth' in t && t.growth) {
    const f = key === 'T3' ? '\\|e^{\\mathrm{Proj}(A_d)t}\\| \\le f_d(t) = M_d\\sum_{j=0}^{m_d} t^j' : '\\|e^{\\bar{\\mathcal{L}}t}\\| \\le f(t) = M\\sum_{j=0}^{m} t^j';
    blocks.push(para(text('Growth bound '), math(f), text(' (Jordan form, '), cite('hornjohnson'), text('): '), safeMath(`M = ${t.growth.M}`), text(', '), safeMath(`m = ${t.growth.m}`), text(' (numeric; '), ...prose(t.growth.source), text(').')));
  }
  return { title: [text(s.title)], label: `sec:${key}`, blocks };
}

export function theoremsSection(t: TheoremResults): Section {
  const subsections: Section[] = [theoremSubsection('T1', t.T1), theoremSubsection('T2', t.T2), theoremSubsection('T3', t.T3), theoremSubsection('T4', t.T4)];
  return {
    title: [text('Theorems 1–4')],
    label: 'sec:theorems',
    blocks: [para(text('Each theorem promises that a large enough coupling gain '), math('K_c'), text(' makes the network track its blended dynamics to within '), math('\\eta'), text('. For each: the hypotheses as checked on this model, every constant of the bound with its value and where it comes from, and the threshold '), math('K_c^*'), text('.'))],
    subsections,
  };
}
