/**
 * The JSON of Theorems 1–4 (the `theorems` blocks under `reduced` and `coherent`): hypotheses, every
 * constant (value joined with its presentation, in presentation order) and K_c*.
 */
import type { TheoremKey, TheoremResults } from '../../theorems/derive-theorems.ts';
import type { Theorem1Result } from '../../theorems/theorem1.ts';
import type { Theorem2Result } from '../../theorems/theorem2.ts';
import type { Theorem3Result } from '../../theorems/theorem3.ts';
import type { Theorem4Result } from '../../theorems/theorem4.ts';
import { checkJson, theoremReason } from '../sections/theorem-text.ts';
import { type WrittenConstant, constantOf, constantsOf } from '../sections/theorems.ts';
import type { Json } from './reduced.ts';

function reducedConstantJson(c: WrittenConstant | null): Json {
  if (!c) return null;
  return {
    symbol: c.symbol, name: c.name, kind: c.kind, exact: c.exact ? c.exact.toString() : null, value: c.value, latex: c.latex, source: c.source,
    accuracy: c.accuracy ?? null,
  };
}

function reducedTheoremJson(key: TheoremKey, t: Theorem1Result | Theorem2Result, extra: Record<string, Json>): Json {
  return {
    applies: t.applies,
    reason: theoremReason(key, t),
    checks: t.checks.map((c) => checkJson(key, c)),
    KcStar: reducedConstantJson(constantOf<string>(t.constants, 'KcStar')),
    KcStarCorrected: reducedConstantJson(constantOf<string>(t.constants, 'KcStarPrime')),
    constants: constantsOf<string>(t.constants).map(reducedConstantJson),
    ...extra,
  };
}

/** `reduced.theorems`: Theorems 1 and 2 (paper §4). */
export function reducedTheoremsJson(t: TheoremResults): Json {
  const t1 = t.T1;
  const t2 = t.T2;
  return {
    T1: reducedTheoremJson('T1', t1, {
      time: reducedConstantJson(constantOf<string>(t1.constants, 'Teta')),
      lipschitz: t1.lipschitz
        ? { Lc: t1.lipschitz.Lc, kappaV: t1.lipschitz.kappaV, note: t1.lipschitz.note, gridMaxRatio: t1.lipschitz.check.maxRatio, holds: t1.lipschitz.check.holds }
        : null,
    }),
    T2: reducedTheoremJson('T2', t2, {
      growth: t2.growth
        ? {
            M: t2.growth.M, m: t2.growth.m, source: t2.growth.source, jordanM: t2.growth.jordanM, jordanSource: t2.growth.jordanSource,
            gridMaxRatio: t2.growth.check.maxRatio, holds: t2.growth.check.holds,
            candidates: t2.growth.candidates.map((c) => ({ M: c.M, m: c.m, source: c.source })),
          }
        : null,
    }),
  };
}

/** The sentence for one constant in `reduced.explanations`. */
function constantExplanation(c: WrittenConstant): string {
  return `$${c.symbol} = ${c.latex}$${c.kind === 'numeric' ? ' (numeric)' : ''}: ${c.source}.`;
}

/** The explanations of Theorems 1–2 appended to §4's in the JSON: each reason, then each constant. */
export function reducedTheoremExplanations(t: TheoremResults): string[] {
  const out: string[] = [];
  out.push(`Theorem 1: ${theoremReason('T1', t.T1)}`);
  for (const c of constantsOf<string>(t.T1.constants)) out.push(constantExplanation(c));
  out.push(`Theorem 2: ${theoremReason('T2', t.T2)}`);
  for (const c of constantsOf<string>(t.T2.constants)) out.push(constantExplanation(c));
  return out;
}

function coherentConstantJson(c: WrittenConstant): Record<string, unknown> {
  return { symbol: c.symbol, name: c.name, kind: c.kind, value: c.value, latex: c.latex, exact: c.exact ? c.exact.toString() : null, source: c.source };
}

function coherentTheoremJson(key: TheoremKey, t: Theorem3Result | Theorem4Result): Record<string, unknown> {
  const KcStar = constantOf<string>(t.constants, 'KcStar');
  return {
    applies: t.applies,
    reason: theoremReason(key, t),
    checks: t.checks.map((c) => checkJson(key, c)),
    KcStar: KcStar ? coherentConstantJson(KcStar) : null,
    constants: constantsOf<string>(t.constants).map(coherentConstantJson),
    ...('fd' in t ? { fd: t.fd } : {}),
  };
}

/** `coherent.theorems`: Theorems 3 and 4 (paper §5). */
export function coherentTheoremsJson(t: TheoremResults): Record<string, unknown> {
  return { T3: coherentTheoremJson('T3', t.T3), T4: coherentTheoremJson('T4', t.T4) };
}
