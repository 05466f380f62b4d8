/**
 * The only door to nerdamer (1.1.13), used for *display* only: it proposes a factored form of a
 * rational function, and qblend keeps it only after checking it. Why so guarded: measured on node 20,
 * nerdamer gets complex-rational arithmetic wrong (`expand((1+i)*(1-i)*3)` gives 2, not 6), leaves
 * complex determinants unsimplified, has no eigen/null-space/kron, and mutates global state when add-ons
 * load. The fork nerdamer-prime 1.5.0 was measured too: it returns the same 2 and the same
 * unsimplified determinant, so it buys nothing here and is not a dependency.
 * (See test/algebra/nerdamer-adapter.test.ts, which records these.)
 *
 * Contract: every factored form returned here was (1) re-evaluated exactly in qblend's own field and
 * found *structurally equal* to the input, and (2) compared numerically at ≥ 20 seeded random parameter
 * points. Anything else returns null and callers fall back to `Scalar.toLatex()`.
 */
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import { Polynomial } from './polynomial.ts';
import { Scalar } from './scalar.ts';
import { seededRandom as mulberry32 } from '../core/random.ts';

/**
 * Runs a raw nerdamer expression and returns its text. For tests that document nerdamer's behaviour
 * only; nothing in qblend may rely on its value.
 * @example nerdamerText('expand((1+i)*(1-i)*3)') // => "2"
 */
export function nerdamerText(expression: string): string {
  return nerdamer(expression).toString();
}

export interface FactorOptions {
  /** Random parameter points for the numeric cross-check (default 20, at least 20). */
  samples?: number;
  /** Seed of the random points (default 1). */
  seed?: number;
}

/**
 * A factored LaTeX form of a rational function with real rational coefficients, or null when the
 * input is not of that kind or nerdamer's answer fails either check.
 * @example factorForDisplay(Scalar.param('a').pow(2).sub(Scalar.param('b').pow(2))) // => "\\left(a + b\\right) \\left(a - b\\right)"
 */
export function factorForDisplay(s: Scalar, options: FactorOptions = {}): string | null {
  if (s.isConstant()) return null;
  const num = s.numerator();
  const den = s.denominator();
  if (!hasRationalCoefficients(num) || !hasRationalCoefficients(den)) return null;
  const names = s.freeParams();
  const alias = new Map(names.map((name, k) => [name, `x${k}`] as const));
  const back = new Map(names.map((name, k) => [`x${k}`, name] as const));
  let numF: Factored;
  let denF: Factored;
  try {
    numF = factorPolynomial(num, alias, back);
    denF = den.isConstant() ? { coef: Scalar.fromSurd(den.constantValue()), factors: [] } : factorPolynomial(den, alias, back);
  } catch {
    return null;
  }
  const coef = numF.coef.div(denF.coef);
  const factors = [...numF.factors, ...denF.factors.map(([b, e]) => [b, -e] as [Scalar, number])];
  // (1) exact re-evaluation in qblend's field
  let value = coef;
  for (const [b, e] of factors) value = value.mul(b.pow(e));
  if (!value.equals(s)) return null;
  // (2) numeric cross-check at seeded random points
  const samples = Math.max(20, options.samples ?? 20);
  const rand = mulberry32(options.seed ?? 1);
  for (let k = 0; k < samples; k++) {
    const point: Record<string, number> = {};
    for (const name of names) point[name] = 0.25 + 2 * rand();
    const [ar, ai] = s.toComplex(point);
    let [br, bi] = coef.toComplex(point);
    for (const [b, e] of factors) {
      let [fr, fi] = b.toComplex(point);
      let [pr, pi] = [1, 0];
      const m = Math.abs(e);
      for (let j = 0; j < m; j++) [pr, pi] = [pr * fr - pi * fi, pr * fi + pi * fr];
      if (e < 0) {
        const d = pr * pr + pi * pi;
        [pr, pi] = [pr / d, -pi / d];
      }
      [fr, fi] = [br * pr - bi * pi, br * pi + bi * pr];
      [br, bi] = [fr, fi];
    }
    if (Math.hypot(ar - br, ai - bi) > 1e-9 * (1 + Math.hypot(ar, ai))) return null;
  }
  return factoredLatex(coef, factors);
}

function hasRationalCoefficients(p: Polynomial): boolean {
  return p.monomials().every((t) => t.coef.isRational());
}

interface Factored {
  coef: Scalar;
  factors: [Scalar, number][];
}

function polynomialText(p: Polynomial, alias: ReadonlyMap<string, string>): string {
  return p
    .monomials()
    .map((t) => {
      const c = t.coef.toRational();
      const mono = t.mono.map(([v, e]) => `${alias.get(v)}${e === 1 ? '' : `^${e}`}`);
      return [`(${c.toString()})`, ...mono].join('*');
    })
    .join('+');
}

function factorPolynomial(p: Polynomial, alias: ReadonlyMap<string, string>, back: ReadonlyMap<string, string>): Factored {
  const text = nerdamer(`factor(${polynomialText(p, alias)})`).toString();
  const ast = new Parser(text).parse();
  const out: Factored = { coef: Scalar.ONE, factors: [] };
  collect(ast, 1, out, back);
  return out;
}

type Node =
  | { kind: 'num'; value: Scalar }
  | { kind: 'sym'; name: string }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node };

/** Top-level product structure → coefficient and (base, exponent) pairs. */
function collect(node: Node, sign: 1 | -1, out: Factored, back: ReadonlyMap<string, string>): void {
  if (node.kind === 'bin' && (node.op === '*' || node.op === '/')) {
    collect(node.left, sign, out, back);
    collect(node.right, node.op === '*' ? sign : ((-sign) as 1 | -1), out, back);
    return;
  }
  if (node.kind === 'neg') {
    out.coef = out.coef.neg();
    collect(node.arg, sign, out, back);
    return;
  }
  let base: Node = node;
  let exponent = 1;
  if (node.kind === 'bin' && node.op === '^') {
    const e = evaluate(node.right, back);
    if (!e.isConstant() || !e.constantValue().isRational() || !e.constantValue().toRational().isInteger()) {
      throw new Error(`non-integer exponent in ${JSON.stringify(node)}`);
    }
    exponent = Number(e.constantValue().toRational().num);
    base = node.left;
  }
  const value = evaluate(base, back);
  if (value.isConstant()) {
    out.coef = out.coef.mul(value.pow(sign * exponent));
    return;
  }
  out.factors.push([value, sign * exponent]);
}

function evaluate(node: Node, back: ReadonlyMap<string, string>): Scalar {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'sym': {
      const name = back.get(node.name);
      if (name === undefined) throw new Error(`unexpected symbol ${node.name} from nerdamer`);
      return Scalar.param(name);
    }
    case 'neg':
      return evaluate(node.arg, back).neg();
    case 'bin': {
      const a = evaluate(node.left, back);
      if (node.op === '^') {
        const e = evaluate(node.right, back);
        if (!e.isConstant() || !e.constantValue().isRational() || !e.constantValue().toRational().isInteger()) {
          throw new Error('non-integer exponent from nerdamer');
        }
        return a.pow(Number(e.constantValue().toRational().num));
      }
      const b = evaluate(node.right, back);
      return node.op === '+' ? a.add(b) : node.op === '-' ? a.sub(b) : node.op === '*' ? a.mul(b) : a.div(b);
    }
  }
}

/** Recursive-descent parser for nerdamer's plain output: numbers, symbols, + − * / ^, parentheses. */
class Parser {
  private pos = 0;
  private readonly tokens: string[];
  constructor(text: string) {
    this.tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/^()]/g) ?? [];
    if (this.tokens.join('') !== text.replace(/\s+/g, '')) throw new Error(`cannot tokenise nerdamer output ${text}`);
  }
  parse(): Node {
    const n = this.sum();
    if (this.pos !== this.tokens.length) throw new Error('trailing tokens in nerdamer output');
    return n;
  }
  private peek(): string | undefined {
    return this.tokens[this.pos];
  }
  private sum(): Node {
    let left = this.product();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.tokens[this.pos++] as '+' | '-';
      left = { kind: 'bin', op, left, right: this.product() };
    }
    return left;
  }
  private product(): Node {
    let left = this.unary();
    while (this.peek() === '*' || this.peek() === '/') {
      const op = this.tokens[this.pos++] as '*' | '/';
      left = { kind: 'bin', op, left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.peek() === '-') {
      this.pos++;
      return { kind: 'neg', arg: this.unary() };
    }
    if (this.peek() === '+') {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }
  private power(): Node {
    const base = this.atom();
    if (this.peek() === '^') {
      this.pos++;
      return { kind: 'bin', op: '^', left: base, right: this.unary() };
    }
    return base;
  }
  private atom(): Node {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new Error('unexpected end of nerdamer output');
    if (t === '(') {
      const n = this.sum();
      if (this.tokens[this.pos++] !== ')') throw new Error('unbalanced parentheses in nerdamer output');
      return n;
    }
    if (/^\d/.test(t)) return { kind: 'num', value: Scalar.decimal(t) };
    if (/^[A-Za-z_]/.test(t)) return { kind: 'sym', name: t };
    throw new Error(`unexpected token ${t} in nerdamer output`);
  }
}

function factorLatex(b: Scalar, e: number): string {
  const single = b.denominator().isConstant() && b.numerator().monomials().length === 1;
  const body = single && !b.isNegativeLooking() ? b.toLatex() : `\\left(${b.toLatex()}\\right)`;
  return e === 1 ? body : `${body}^{${e}}`;
}

/** c · Π b^e, negative exponents in a \frac denominator; sums in \left(\right). */
function factoredLatex(coef: Scalar, factors: [Scalar, number][]): string {
  const ordered = [...factors].sort((x, y) => x[0].toLatex().length - y[0].toLatex().length || (x[0].toLatex() < y[0].toLatex() ? -1 : 1));
  const top = ordered.filter(([, e]) => e > 0).map(([b, e]) => factorLatex(b, e));
  const bottom = ordered.filter(([, e]) => e < 0).map(([b, e]) => factorLatex(b, -e));
  const negative = coef.isNegativeLooking();
  const c = negative ? coef.neg() : coef;
  // A rational coefficient p/q goes into the fraction: p on top, q below.
  const q = c.constantValue().toRational();
  const numC = Scalar.fromRational(q).mul(Scalar.int(q.den));
  const denC = Scalar.int(q.den);
  const numParts = [...(numC.isOne() ? [] : [numC.toLatex()]), ...top];
  const denParts = [...(denC.isOne() ? [] : [denC.toLatex()]), ...bottom];
  // Inside a \frac a lone factor needs no parentheses.
  const bare = (parts: string[], raw: [Scalar, number][]): string =>
    parts.length === 1 && raw.length === 1 && Math.abs(raw[0][1]) === 1 ? raw[0][0].toLatex() : parts.join(' ');
  const numText = numParts.length === 0 ? '1' : denParts.length === 0 ? numParts.join(' ') : bare(numParts, ordered.filter(([, e]) => e > 0));
  const body = denParts.length === 0 ? numText : `\\frac{${numText}}{${bare(denParts, ordered.filter(([, e]) => e < 0))}}`;
  return negative ? `-${body}` : body;
}


