import type { Polynomial } from '../algebra/polynomial.ts';
import type { Scalar } from '../algebra/scalar.ts';

/**
 * Sign of a real rational function of real parameters, decided only when its form makes it evident:
 * every monomial of the numerator (and of the denominator) has a real coefficient of one sign and is a
 * product of parameters assumed positive and of even powers of the others. Then the numerator is
 * ≥ 0 or ≤ 0 everywhere, and strictly so when some monomial involves only positive parameters (or is
 * a constant). Anything else is "unknown" (null) — never a guess.
 */
export type EvidentSign = 'positive' | 'negative' | 'nonnegative' | 'nonpositive' | 'zero' | null;

function polySign(p: Polynomial, positive: ReadonlySet<string>): { sign: 1 | -1; strict: boolean } | null {
  let sign: 1 | -1 | 0 = 0;
  let strict = false;
  for (const t of p.monomials()) {
    if (!t.coef.isReal()) return null;
    const s = t.coef.sign();
    if (s === 0) continue;
    if (sign !== 0 && s !== sign) return null;
    sign = s;
    let allPositive = true;
    for (const [v, e] of t.mono) {
      if (positive.has(v)) continue;
      if (e % 2 !== 0) return null;
      allPositive = false;
    }
    if (allPositive) strict = true;
  }
  if (sign === 0) return null;
  return { sign, strict };
}

/**
 * @example evidentSign(Scalar.param('g').add(Scalar.ONE), new Set(['g'])) // => "positive"
 */
export function evidentSign(x: Scalar, positive: ReadonlySet<string>): EvidentSign {
  if (x.isZero()) return 'zero';
  if (x.isConstant()) {
    if (!x.isReal()) return null;
    return x.sign() > 0 ? 'positive' : 'negative';
  }
  if (!x.isReal()) return null;
  const n = polySign(x.numerator(), positive);
  const d = polySign(x.denominator(), positive);
  if (!n || !d || !d.strict) return null;
  const s = n.sign * d.sign;
  if (n.strict) return s > 0 ? 'positive' : 'negative';
  return s > 0 ? 'nonnegative' : 'nonpositive';
}
