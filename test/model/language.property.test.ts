import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/core/errors.ts';
import { parseExpr, type Expr } from '../../src/model/expr.ts';
import { exprToText } from '../../src/model/expr-text.ts';
import { evaluateOperator } from '../../src/model/evaluate.ts';
import { parseModel } from '../../src/model/parse.ts';
import { substituteParameters, type NetworkModel } from '../../src/model/network.ts';
import { add, embed, maxAbsDiff, mul, scale, SX, SY, type CM } from '../support/model-oracle.ts';

/**
 * Property tests of the model language (issue 24). Each property compares the new forms with an
 * independent truth: the same model written out by hand (without indices, for: or edge sums), the
 * float Kronecker oracle, or arithmetic on fractions done here with bigints. Runs are seeded and
 * bounded, so the tests take the same time on every run.
 */
const SEED = 2024;

// ---------- small exact rationals, written as text and known here as [numerator, denominator] ----------
type Q = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function q(n: bigint, d: bigint): Q {
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
}
const qAdd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const qMul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const qText = (a: Q): string => (a[1] === 1n ? `${a[0]}` : `${a[0]}/${a[1]}`);
const rational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 7 })).map(([n, d]) => q(BigInt(n), BigInt(d)));
const positive = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 })).map(([n, d]) => q(BigInt(n), BigInt(d)));

function head(n: number, extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = { name: 'p', qubits: String(n), graph: n >= 2 ? 'path' : 'complete', hamiltonian: 'sz(1)', initial: JSON.stringify({ product: Array(n).fill('|0><0|') }), ...extra };
  return Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}

/** The exact model at its parameter values. */
const bound = (text: string): NetworkModel => substituteParameters(parseModel(text, 'p.yaml'));

describe('printing and parsing', () => {
  // Random expressions in the input syntax, juxtaposition, powers, signs, divisions and sums included.
  const N = 3;
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fc.constantFrom('sx', 'sy', 'sz', 'sp', 'sm', 'P0', 'P1', 'σx'), fc.integer({ min: 1, max: N })).map(([o, j]) => `${o}(${j})`),
      fc.constantFrom('I', 'i', '1/2', '0.25', 'sqrt(2)', '1e-1', '|01+><1-0|', 'sum(j, sz(j))', 'sum(j<k, sx(j) sx(k))', 'sum(j=2..n, j*sy(j-1))'),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} + ${b}`),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} - ${b}`),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})(${b})`),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})*${b}`),
      tie('e').map((a) => `-(${a})`),
      tie('e').map((a) => `(${a})/3`),
      tie('e').map((a) => `(${a})^2`),
      tie('e').map((a) => `dag(${a})`),
    ),
  })).e;
  it('parse(print(parse(text))) is the same exact operator as parse(text)', () => {
    fc.assert(fc.property(expr, (text) => {
      const once = parseExpr(text);
      const printed = exprToText(once);
      const a = evaluateOperator(once, N, new Set());
      const b = evaluateOperator(parseExpr(printed), N, new Set());
      expect(a.sub(b).isZero(), `${text} printed as ${printed}`).toBe(true);
      // Printing is a fixed point after one round.
      expect(exprToText(parseExpr(printed))).toBe(printed);
    }), { numRuns: 200, seed: SEED });
  });
});

describe('printing a syntax tree', () => {
  // Trees built directly (no parenthesis nodes), so the printer alone must place the parentheses
  // that precedence and associativity need: a − (b − c), a/(b·c), (−a)^2, (a + b)·c, …
  const N = 3;
  const at = { pos: 0 };
  const num = fc.constantFrom('2', '1/2', '0.5', '3').map((text): Expr => (text.includes('/')
    ? { type: 'div', left: { type: 'number', text: '1', ...at }, right: { type: 'number', text: '2', ...at }, ...at }
    : { type: 'number', text, ...at }));
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.tuple(fc.constantFrom('x', 'y', 'z', '+', '-', '0', '1'), fc.integer({ min: 1, max: N }))
      .map(([op, j]): Expr => ({ type: 'local', op: op as 'x', spelled: { x: 'sx', y: 'sy', z: 'sz', '+': 'sp', '-': 'sm', '0': 'P0', '1': 'P1' }[op] as string, index: { type: 'iint', value: j, ...at }, ...at })),
    num,
    fc.constant<Expr>({ type: 'imag', ...at }),
    fc.constant<Expr>({ type: 'identity', ...at }),
    fc.constantFrom('x', 'z').map((op): Expr => ({ type: 'sum', binder: { kind: 'all', variable: 'j', ...at }, body: { type: 'local', op: op as 'x', spelled: `s${op}`, index: { type: 'ivar', name: 'j', ...at }, ...at }, ...at })),
  );
  const tree: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom('add', 'sub') as fc.Arbitrary<'add' | 'sub'>, tie('e'), tie('e')).map(([type, left, right]): Expr => ({ type, left, right, ...at })),
      fc.tuple(tie('e'), tie('e')).map(([left, right]): Expr => ({ type: 'mul', left, right, implicit: false, ...at })),
      fc.tuple(tie('e'), fc.oneof(num, fc.tuple(num, num).map(([a, b]): Expr => ({ type: 'mul', left: a, right: b, implicit: false, ...at })))).map(([left, right]): Expr => ({ type: 'div', left, right, ...at })),
      tie('e').map((arg): Expr => ({ type: 'neg', arg, ...at })),
      fc.tuple(tie('e'), fc.integer({ min: 0, max: 2 })).map(([base, exponent]): Expr => ({ type: 'pow', base, exponent, ...at })),
      tie('e').map((arg): Expr => ({ type: 'dag', arg, ...at })),
    ),
  })).e;
  it('parse(print(tree)) is the same exact operator as the tree', () => {
    fc.assert(fc.property(tree, (e) => {
      const printed = exprToText(e);
      const a = evaluateOperator(e, N, new Set());
      const b = evaluateOperator(parseExpr(printed), N, new Set());
      expect(a.sub(b).isZero(), printed).toBe(true);
    }), { numRuns: 300, seed: SEED });
  });
});

describe('indexed parameters, for: and edge sums equal the model written out by hand', () => {
  it('sum(j, delta[j]*sz(j)) = δ₁ sz(1) + … + δₙ sz(n) with the numbers written in', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(rational, { minLength: n, maxLength: n })), (delta) => {
      const n = delta.length;
      const indexed = bound(head(n, { parameters: `{delta: [${delta.map(qText).join(', ')}]}`, hamiltonian: "'sum(j, delta[j]*sz(j))'" }));
      const byHand = bound(head(n, { hamiltonian: `'${delta.map((d, j) => `(${qText(d)})*sz(${j + 1})`).join(' + ')}'` }));
      expect(indexed.hamiltonian.equals(byHand.hamiltonian)).toBe(true);
    }), { numRuns: 60, seed: SEED });
  });

  it('{operator: sm(j), rate: gamma[j], for: j} = the n entries written out, zero rates left out', () => {
    const rates = fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.oneof(positive, fc.constant(q(0n, 1n))), { minLength: n, maxLength: n }));
    const op = fc.constantFrom('sm(j)', 'sp(j) + sz(j)/2', 'sx(j)*sz(n+1-j)');
    fc.assert(fc.property(rates, op, (gamma, operator) => {
      const n = gamma.length;
      const expanded = bound(head(n, { parameters: `{gamma: [${gamma.map(qText).join(', ')}]}`, lindblad: `[{operator: '${operator}', rate: 'gamma[j]', for: j}]` }));
      const entries = gamma.flatMap((g, j) => (g[0] === 0n ? [] : [`{operator: '${operator.replace(/n\+1-j/g, String(n - j)).replace(/\bj\b/g, String(j + 1))}', rate: '${qText(g)}'}`]));
      const byHand = bound(head(n, { lindblad: `[${entries.join(', ')}]` }));
      expect(expanded.lindblad).toHaveLength(byHand.lindblad.length);
      expanded.lindblad.forEach((l, k) => {
        expect(l.operator.equals(byHand.lindblad[k].operator)).toBe(true);
        expect(l.rate.equals(byHand.lindblad[k].rate)).toBe(true);
      });
    }), { numRuns: 60, seed: SEED });
  });

  it('sum({j,k} in edges, a(j,k)*(sx(j) sx(k) + sy(j) sy(k))) = the edge list written out, and the Kronecker oracle', () => {
    const graph = fc.integer({ min: 2, max: 5 }).chain((n) => {
      const pairs: [number, number][] = [];
      for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) pairs.push([j, k]);
      return fc.tuple(fc.constant(n), fc.subarray(pairs, { minLength: 1 }).chain((es) => fc.array(positive, { minLength: es.length, maxLength: es.length }).map((ws) => es.map(([j, k], i) => [j, k, ws[i]] as const))));
    });
    fc.assert(fc.property(graph, fc.boolean(), ([n, edges], flip) => {
      // Edges may be listed either way round: a(j, k) is symmetric and edge sums have j < k.
      const list = edges.map(([j, k, w]) => (flip ? `[${k}, ${j}, ${qText(w)}]` : `[${j}, ${k}, ${qText(w)}]`)).join(', ');
      const sum = bound(head(n, { graph: `{edges: [${list}]}`, hamiltonian: "'sum({j,k} in edges, a(j,k) * (sx(j) sx(k) + sy(j) sy(k)))'" }));
      const byHand = bound(head(n, { graph: `{edges: [${list}]}`, hamiltonian: `'${edges.map(([j, k, w]) => `(${qText(w)})*(sx(${j}) sx(${k}) + sy(${j}) sy(${k}))`).join(' + ')}'` }));
      expect(sum.hamiltonian.equals(byHand.hamiltonian)).toBe(true);
      const oracle: CM = add(...edges.map(([j, k, w]) => scale(Number(w[0]) / Number(w[1]), add(mul(embed(SX, j, n), embed(SX, k, n)), mul(embed(SY, j, n), embed(SY, k, n))))));
      expect(maxAbsDiff(sum.hamiltonian.toMatrix().toComplexRows(), oracle)).toBeLessThan(1e-12);
    }), { numRuns: 50, seed: SEED });
  });
});

describe('ket normalisation is decided exactly', () => {
  it('accepted exactly when Σ|c_b|² = 1 (computed here in fractions), else the error states Σ|c_b|²', () => {
    // Amplitudes s·√r·(1 or i) on distinct basis states: |c|² = s²·r, a rational computed with bigints.
    const amp = fc.record({ s: positive, r: fc.constantFrom(1n, 2n, 3n, 5n), phase: fc.constantFrom('1', 'i', '-1', '-i') });
    const ket = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 0, max: 2 ** n - 1 }), { minLength: 1, maxLength: 4 }), fc.array(amp, { minLength: 4, maxLength: 4 })));
    // Half the cases are normalised by construction: weights w_b summing to 1, amplitude √w_b.
    fc.assert(fc.property(ket, fc.boolean(), ([n, states, amps], normalised) => {
      const bits = states.map((b) => b.toString(2).padStart(n, '0'));
      let terms: string[];
      let norm: Q;
      if (normalised) {
        const w = q(1n, BigInt(bits.length));
        terms = bits.map((b, i) => `${amps[i].phase}*sqrt(${qText(w)})|${b}>`);
        norm = q(1n, 1n);
      } else {
        terms = bits.map((b, i) => `${amps[i].phase}*(${qText(amps[i].s)})*sqrt(${amps[i].r})|${b}>`);
        norm = bits.reduce<Q>((acc, _, i) => qAdd(acc, qMul(qMul(amps[i].s, amps[i].s), q(amps[i].r, 1n))), q(0n, 1n));
      }
      const text = head(n, { initial: JSON.stringify({ ket: terms.join(' + ') }) });
      if (norm[0] === norm[1]) {
        const m = parseModel(text, 'k.yaml');
        expect(m.initial.kind).toBe('sparse');
      } else {
        let message = '';
        try { parseModel(text, 'k.yaml'); } catch (e) { message = (e as UserError).message; }
        expect(message).toBe(`the initial ket is not normalised: ⟨ψ|ψ⟩ = ${qText(norm)}, not 1`);
      }
    }), { numRuns: 150, seed: SEED });
  });
});

describe('random bytes and random YAML never crash the parser', () => {
  /** Only a UserError (exit 2, located in the file) or a model; never another exception. */
  function onlyUserErrors(text: string): void {
    try {
      parseModel(text, 'r.yaml');
    } catch (e) {
      if (!(e instanceof UserError)) throw new Error(`not a user error for ${JSON.stringify(text.slice(0, 200))}: ${String(e)}`);
      expect(e.location.file).toBe('r.yaml');
      expect(e.location.line, e.format()).toBeGreaterThanOrEqual(1);
    }
  }
  it('random strings and byte sequences', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder().decode(b))), onlyUserErrors), { numRuns: 300, seed: SEED });
  });
  it('random models built from the language\'s own pieces', () => {
    const token = fc.constantFrom('sz(', 'sm(', 'sx(', 'a(', 'sum(', 'j', 'k', ',', ')', '(', '[', ']', '{j,k} in edges', 'delta', 'delta[', 'gamma[j]', 'd_j',
      '|01>', '|0>', '|+->', '><', '|', '*', '+', '-', '/', '^', '2', '1/2', 'sqrt(2)', 'i', 'I', 'n', '..', '=', '<', ' ', '\u001b', '\u0000');
    const soup = fc.array(token, { maxLength: 20 }).map((ts) => ts.join(''));
    const wellFormed = fc.constantFrom('sum(j, delta[j]*sz(j))', 'sum({j,k} in edges, a(j,k)*(sx(j) sx(k) + sy(j) sy(k)))', 'sm(j)', 'gamma[j]*sz(1)',
      '(|01> + |10>)/sqrt(2)', '|0>', '|+>', 'sum(j, d_j*sz(j))', 'sz(1)', '|000><000|', 'I/2');
    const expression = fc.oneof(soup, wellFormed);
    const scalarText = fc.oneof(expression, fc.constantFrom('1', '0', '-1', 'symbolic', '1/3'));
    const model = fc.record({
      qubits: fc.integer({ min: 0, max: 5 }),
      graph: fc.constantFrom('complete', 'path', 'ring', '{edges: [[1, 2, 1/2], [2, 3]]}', '{edges: [[1, 1]]}'),
      parameters: fc.array(fc.tuple(fc.constantFrom('delta', 'gamma', 'd_j', 'g'), fc.oneof(scalarText.map((s) => JSON.stringify(s)), fc.array(scalarText, { maxLength: 5 }).map((a) => JSON.stringify(a)))), { maxLength: 3 }),
      hamiltonian: expression,
      lindblad: fc.array(fc.record({ operator: expression, rate: scalarText, for: fc.constantFrom(undefined, 'j', 'j=2..n', 'j<k', '{j,k} in edges', 'j=0..9', 'j, k') }), { maxLength: 3 }),
      initial: fc.oneof(expression.map((e) => ({ ket: e })), expression.map((e) => ({ state: e })), fc.array(expression, { maxLength: 5 }).map((p) => ({ product: p }))),
    });
    fc.assert(fc.property(model, (m) => {
      const params = Object.fromEntries(m.parameters);
      const text = [
        `qubits: ${m.qubits}`, `graph: ${m.graph}`,
        ...(m.parameters.length > 0 ? [`parameters: {${Object.entries(params).map(([k, v]) => `${k}: ${v}`).join(', ')}}`] : []),
        `hamiltonian: ${JSON.stringify(m.hamiltonian)}`,
        `lindblad: ${JSON.stringify(m.lindblad.map((l) => (l.for === undefined ? { operator: l.operator, rate: l.rate } : l)))}`,
        `initial: ${JSON.stringify(m.initial)}`,
      ].join('\n');
      onlyUserErrors(text);
    }), { numRuns: 400, seed: SEED });
  });
});

