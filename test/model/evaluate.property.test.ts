import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExpr } from '../../src/model/expr.ts';
import { evaluateOperator } from '../../src/model/evaluate.ts';
import { exprToLatex } from '../../src/model/expr-latex.ts';
import { add, c, embed, eye, maxAbsDiff, mul, P0, P1, scale, SM, SP, SX, SY, SZ, type C, type CM } from '../support/model-oracle.ts';

/**
 * Random operator expressions, generated together with their value computed by the float oracle
 * (explicit Kronecker products of the paper's 2×2 matrices): the parser and the exact evaluator
 * must agree with the oracle on every one, and the LaTeX printer must accept every one.
 */
const N = 3;
const TOL = 1e-9;
const LOCALS: [string, CM][] = [['sx', SX], ['sy', SY], ['sz', SZ], ['sp', SP], ['sm', SM], ['P0', P0], ['P1', P1], ['sigma_x', SX], ['σ-', SM]];
const COEFS: [string, C][] = [['1/2', c(0.5)], ['3', c(3)], ['i', c(0, 1)], ['sqrt(2)', c(Math.SQRT2)], ['0.25', c(0.25)], ['(1-i)/2', c(0.5, -0.5)]];

interface Sample { text: string; m: CM }

function dagger(m: CM): CM {
  return m[0].map((_, j) => m.map((row) => [row[j][0], -row[j][1]] as C));
}

const sample: fc.Arbitrary<Sample> = fc.letrec<{ e: Sample }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...LOCALS), fc.integer({ min: 1, max: N })).map(([[name, op], q]) => ({ text: `${name}(${q})`, m: embed(op, q, N) })),
    fc.tuple(fc.constantFrom(...COEFS), tie('e')).map(([[t, z], s]) => ({ text: `${t}*(${s.text})`, m: scale(z, s.m) })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({ text: `${a.text} + ${b.text}`, m: add(a.m, b.m) })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({ text: `(${a.text}) - (${b.text})`, m: add(a.m, scale(-1, b.m)) })),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({ text: `(${a.text})*(${b.text})`, m: mul(a.m, b.m) })),
    tie('e').map((a) => ({ text: `dag(${a.text})`, m: dagger(a.m) })),
    fc.constant({ text: 'I', m: eye(2 ** N) }),
    fc.constant({ text: 'sum(j<k, sz(j)*sx(k))', m: add(mul(embed(SZ, 1, N), embed(SX, 2, N)), mul(embed(SZ, 1, N), embed(SX, 3, N)), mul(embed(SZ, 2, N), embed(SX, 3, N))) }),
  ),
})).e;

describe('random operator expressions agree with the float oracle', () => {
  it('evaluate(parse(text)) = oracle', () => {
    fc.assert(
      fc.property(sample, (s) => {
        const exact = evaluateOperator(parseExpr(s.text), N, new Set()).toMatrix().toComplexRows();
        expect(maxAbsDiff(exact, s.m)).toBeLessThan(TOL);
        expect(exprToLatex(parseExpr(s.text)).length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 424242 },
    );
  });
});
