/**
 * Operator and scalar expressions of derivation files: the abstract syntax tree and its parser.
 *
 * Grammar (whitespace is free; juxtaposition multiplies, e.g. `sqrt(3) sp(3)` or `(1/6)(|0><0| + …)`):
 *
 *   expr    := ['+'|'-'] term (('+'|'-') term)*
 *   term    := factor (('*' | '/' | juxtaposition) factor)*
 *   factor  := '-' factor | primary ('^' ['-'] integer)?
 *   primary := number | 'i' | 'I' | 'n' | name | name '[' index ']' | ketbra | ket | '(' expr ')'
 *            | op '(' index ')' | 'a(' index ',' index ')' | 'sqrt(' expr ')' | 'dag(' expr ')'
 *            | 'sum(' binder ',' expr ')'
 *   binder  := var '=' index '..' index | var ('<'|'>'|'!='|'<='|'>=') var | var
 *            | '{' var ',' var '}' 'in' 'edges'
 *   index   := iatom (('+'|'-') iatom)*,   iatom := integer | var | 'n' | '(' index ')'
 *   ketbra  := '|' bits '><' bits '|'      bits over {0, 1, +, -}, qubit 1 first
 *   ket     := '|' bits '>'
 *
 * `name[index]` is entry `index` of an indexed parameter (`parameters: {delta: [1, 1/2]}`), and
 * `a(j, k)` the weight a_jk of the declared graph (0 when {j, k} is not an edge). The binder
 * `{j,k} in edges` runs over the graph's edges, each once, with j < k.
 *
 * `op` is one of the single-qubit operators of CONVENTIONS.md in any of several spellings (table
 * `OPERATOR_NAMES`): σx σy σz, σ₊ = |1⟩⟨0|, σ₋ = |0⟩⟨1|, and the projectors |0⟩⟨0|, |1⟩⟨1|.
 * Numbers are exact: `0.05` is 1/20, `1e-3` is 1/1000.
 *
 * Limits (docs/derivation-format.md, "Limits"): every input is bounded before any work grows with it,
 * so no expression can exhaust the stack, the memory or the time. Each is a located `ExprError`.
 */

/** Deepest nesting of parentheses, function calls and unary signs. */
export const MAX_NESTING = 100;
/** Deepest expression tree: a chain `a + b + c …` or `a b c …` counts one level per term. */
export const MAX_EXPR_DEPTH = 1000;
/** Largest |exponent| of `x^k`. */
export const MAX_POWER = 64;
/** Largest |decimal exponent| of a number literal such as `1e-12`. */
export const MAX_DECIMAL_EXPONENT = 100;
/** Longest name (parameter, operator, function or index variable). */
export const MAX_NAME_LENGTH = 64;
/** Most digits of a number literal. */
export const MAX_NUMBER_DIGITS = 100;

/** Single-qubit operator letters as in `core/lowered-model.ts` (identity excluded). */
export type LocalOp = 'x' | 'y' | 'z' | '+' | '-' | '0' | '1';

/** Accepted spellings of the single-qubit operators. */
export const OPERATOR_NAMES: Readonly<Record<string, LocalOp>> = {
  sx: 'x', sy: 'y', sz: 'z', sp: '+', sm: '-',
  sigma_x: 'x', sigma_y: 'y', sigma_z: 'z', sigma_p: '+', sigma_m: '-', sigma_plus: '+', sigma_minus: '-',
  sigmax: 'x', sigmay: 'y', sigmaz: 'z', sigmap: '+', sigmam: '-',
  'σx': 'x', 'σy': 'y', 'σz': 'z', 'σ+': '+', 'σ-': '-',
  X: 'x', Y: 'y', Z: 'z',
  P0: '0', P1: '1',
};

/** Function names other than operators. */
export const FUNCTION_NAMES = ['sqrt', 'dag', 'sum'] as const;

/** Names a parameter may not take. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'i', 'I', 'n', ...FUNCTION_NAMES, ...Object.keys(OPERATOR_NAMES),
]);

export type IndexExpr =
  | { type: 'iint'; value: number; pos: number }
  | { type: 'ivar'; name: string; pos: number }
  | { type: 'ibin'; op: '+' | '-'; left: IndexExpr; right: IndexExpr; pos: number }
  | { type: 'iparen'; inner: IndexExpr; pos: number };

export type Relation = '<' | '>' | '!=' | '<=' | '>=';

export type Binder =
  | { kind: 'range'; variable: string; from: IndexExpr; to: IndexExpr; pos: number }
  | { kind: 'pair'; left: string; relation: Relation; right: string; pos: number }
  | { kind: 'all'; variable: string; pos: number }
  | { kind: 'edges'; left: string; right: string; pos: number };

export type Expr =
  | { type: 'number'; text: string; pos: number }
  | { type: 'imag'; pos: number }
  | { type: 'identity'; pos: number }
  | { type: 'name'; name: string; pos: number }
  | { type: 'local'; op: LocalOp; spelled: string; index: IndexExpr; pos: number }
  | { type: 'ketbra'; ket: string; bra: string; pos: number }
  | { type: 'ket'; bits: string; pos: number }
  | { type: 'indexed'; name: string; index: IndexExpr; pos: number }
  | { type: 'weight'; j: IndexExpr; k: IndexExpr; pos: number }
  | { type: 'sqrt'; arg: Expr; pos: number }
  | { type: 'dag'; arg: Expr; pos: number }
  | { type: 'neg'; arg: Expr; pos: number }
  | { type: 'add' | 'sub'; left: Expr; right: Expr; pos: number }
  | { type: 'mul'; left: Expr; right: Expr; implicit: boolean; pos: number }
  | { type: 'div'; left: Expr; right: Expr; pos: number }
  | { type: 'pow'; base: Expr; exponent: number; pos: number }
  | { type: 'paren'; inner: Expr; pos: number }
  | { type: 'sum'; binder: Binder; body: Expr; pos: number };

/** A problem inside an expression string; `offset` indexes the string. */
export class ExprError extends Error {
  readonly offset: number;
  readonly hint?: string;
  constructor(message: string, offset: number, hint?: string) {
    super(message);
    this.name = 'ExprError';
    this.offset = offset;
    this.hint = hint;
  }
}

type TokenKind = 'num' | 'ident' | 'ketbra' | 'ket' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  ket?: string;
  bra?: string;
}

const PUNCT = ['..', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', ',', '+', '-', '*', '/', '^', '=', '<', '>'];
const UNICODE_PUNCT: Record<string, string> = { '≠': '!=', '≤': '<=', '≥': '>=', '·': '*', '−': '-', '×': '*' };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let p = 0;
  while (p < s.length) {
    const c = s[p];
    if (/\s/.test(c)) { p++; continue; }
    const num = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
    num.lastIndex = p;
    let m = num.exec(s);
    if (m) { checkNumberLiteral(m[0], p); out.push({ kind: 'num', text: m[0], pos: p }); p += m[0].length; continue; }
    const kb = /\|\s*([01+-]+)\s*(?:>|⟩)\s*(?:<|⟨)\s*([01+-]+)\s*\|/y;
    kb.lastIndex = p;
    m = kb.exec(s);
    if (m) { out.push({ kind: 'ketbra', text: m[0], pos: p, ket: m[1], bra: m[2] }); p += m[0].length; continue; }
    const ket = /\|\s*([01+-]+)\s*(?:>|⟩)/y;
    ket.lastIndex = p;
    m = ket.exec(s);
    if (m) { out.push({ kind: 'ket', text: m[0], pos: p, ket: m[1] }); p += m[0].length; continue; }
    if (c === '|') {
      throw new ExprError('a ket must look like |01> and a ket-bra like |01><10| (labels 0, 1, + or -, qubit 1 first)', p,
        'write projectors and transition operators as ket-bras |a><b|, states as kets |a>');
    }
    if (c === 'σ') {
      const sm = /σ_?([xyz+\-₊₋])/y;
      sm.lastIndex = p;
      m = sm.exec(s);
      if (m) {
        const letter = m[1] === '₊' ? '+' : m[1] === '₋' ? '-' : m[1];
        out.push({ kind: 'ident', text: `σ${letter}`, pos: p });
        p += m[0].length;
        continue;
      }
    }
    const id = /[A-Za-z_][A-Za-z0-9_]*/y;
    id.lastIndex = p;
    m = id.exec(s);
    if (m) {
      if (m[0].length > MAX_NAME_LENGTH) {
        throw new ExprError(`a name of ${m[0].length.toLocaleString('en-US')} characters (${m[0].slice(0, 20)}…), more than the limit of ${MAX_NAME_LENGTH}`, p, 'use a shorter name');
      }
      out.push({ kind: 'ident', text: m[0], pos: p }); p += m[0].length; continue;
    }
    if (UNICODE_PUNCT[c]) { out.push({ kind: 'punct', text: UNICODE_PUNCT[c], pos: p }); p++; continue; }
    const punct = PUNCT.find((t) => s.startsWith(t, p));
    if (punct) { out.push({ kind: 'punct', text: punct, pos: p }); p += punct.length; continue; }
    throw new ExprError(`unexpected character '${c}'`, p);
  }
  out.push({ kind: 'end', text: '', pos: s.length });
  return out;
}

/** Refuses a number literal whose exact value would be gigantic (1e999999 is 10^999999 exactly). */
function checkNumberLiteral(text: string, pos: number): void {
  const [mantissa, exponent] = text.split(/[eE]/);
  const digits = mantissa.replace('.', '').replace(/^0+/, '').length;
  if (digits > MAX_NUMBER_DIGITS) {
    throw new ExprError(`the number has ${digits} digits, more than the limit of ${MAX_NUMBER_DIGITS}`, pos, 'write it with fewer digits or with a decimal exponent');
  }
  if (exponent !== undefined && Math.abs(Number(exponent)) > MAX_DECIMAL_EXPONENT) {
    throw new ExprError(`the decimal exponent ${exponent} of ${text.length > 30 ? `${text.slice(0, 30)}…` : text} is beyond the limit of ±${MAX_DECIMAL_EXPONENT}`, pos,
      `write a number between 1e-${MAX_DECIMAL_EXPONENT} and 1e${MAX_DECIMAL_EXPONENT}`);
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** The closest of `candidates` to `name`, if close enough to be a plausible typo. */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = distance(name.toLowerCase(), c.toLowerCase());
    if (dd < bestD) { bestD = dd; best = c; }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

const KNOWN_FUNCTIONS = ['sx', 'sy', 'sz', 'sp', 'sm', 'P0', 'P1', 'sqrt', 'dag', 'sum', 'a',
  'sigma_x', 'sigma_y', 'sigma_z', 'sigma_p', 'sigma_m'];

class Parser {
  private readonly toks: Token[];
  private k = 0;
  private nesting = 0;
  constructor(private readonly s: string) {
    this.toks = tokenize(s);
  }

  private peek(offset = 0): Token { return this.toks[Math.min(this.k + offset, this.toks.length - 1)]; }
  private next(): Token { return this.toks[this.k++]; }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }
  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === text) return this.next();
    throw new ExprError(`expected '${text}' ${what}, found ${t.kind === 'end' ? 'the end of the expression' : `'${t.text}'`}`, t.pos);
  }

  /** Enters one nesting level (parenthesis, call, unary sign) at `pos`; refuses one too many. */
  private enter(pos: number): void {
    if (++this.nesting > MAX_NESTING) {
      throw new ExprError(`the expression is nested more than ${MAX_NESTING} levels deep (parentheses, function calls, signs)`, pos,
        'simplify the expression or split it into parameters');
    }
  }

  parseAll(): Expr {
    if (this.peek().kind === 'end') throw new ExprError('the expression is empty', 0, 'write 0 for a zero operator');
    const e = this.expr();
    const t = this.peek();
    if (t.kind !== 'end') throw new ExprError(`unexpected '${t.text}'`, t.pos);
    return e;
  }

  private expr(): Expr {
    let left: Expr;
    const t = this.peek();
    if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) {
      this.next();
      this.enter(t.pos);
      const arg = this.term();
      this.nesting--;
      left = t.text === '-' ? { type: 'neg', arg, pos: t.pos } : arg;
    } else left = this.term();
    for (;;) {
      const op = this.peek();
      if (op.kind === 'punct' && (op.text === '+' || op.text === '-')) {
        this.next();
        const right = this.term();
        left = { type: op.text === '+' ? 'add' : 'sub', left, right, pos: left.pos };
      } else return left;
    }
  }

  private startsPrimary(t: Token): boolean {
    return t.kind === 'num' || t.kind === 'ident' || t.kind === 'ketbra' || t.kind === 'ket' || (t.kind === 'punct' && t.text === '(');
  }

  private term(): Expr {
    let left = this.factor();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && (t.text === '*' || t.text === '/')) {
        this.next();
        const right = this.factor();
        left = t.text === '*'
          ? { type: 'mul', left, right, implicit: false, pos: left.pos }
          : { type: 'div', left, right, pos: left.pos };
      } else if (this.startsPrimary(t)) {
        const right = this.factor();
        left = { type: 'mul', left, right, implicit: true, pos: left.pos };
      } else return left;
    }
  }

  private factor(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '-') {
      this.next();
      this.enter(t.pos);
      const arg = this.factor();
      this.nesting--;
      return { type: 'neg', arg, pos: t.pos };
    }
    const base = this.primary();
    if (this.isPunct('^')) {
      this.next();
      let sign = 1;
      if (this.isPunct('-')) { this.next(); sign = -1; }
      const e = this.peek();
      if (e.kind !== 'num' || !/^\d+$/.test(e.text)) throw new ExprError('an exponent must be an integer', e.pos);
      if (Number(e.text) > MAX_POWER) {
        throw new ExprError(`the exponent ${e.text.length > 30 ? `${e.text.slice(0, 30)}…` : e.text} is larger than the limit of ${MAX_POWER}`, e.pos,
          'reduce it by hand (e.g. sz(1)^2 = I)');
      }
      this.next();
      return { type: 'pow', base, exponent: sign * Number(e.text), pos: base.pos };
    }
    return base;
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return { type: 'number', text: t.text, pos: t.pos };
    if (t.kind === 'ketbra') return { type: 'ketbra', ket: t.ket as string, bra: t.bra as string, pos: t.pos };
    if (t.kind === 'ket') return { type: 'ket', bits: t.ket as string, pos: t.pos };
    if (t.kind === 'punct' && t.text === '(') {
      this.enter(t.pos);
      const inner = this.expr();
      this.expect(')', 'to close the parenthesis');
      this.nesting--;
      return { type: 'paren', inner, pos: t.pos };
    }
    if (t.kind === 'ident') return this.named(t);
    if (t.kind === 'end') throw new ExprError('the expression ends too early', t.pos);
    throw new ExprError(`unexpected '${t.text}'`, t.pos);
  }

  private named(t: Token): Expr {
    const name = t.text;
    const call = this.isPunct('(');
    const op = OPERATOR_NAMES[name];
    if (call) this.enter(t.pos);
    const e = this.namedBody(t, call, op);
    if (call) this.nesting--;
    return e;
  }

  private namedBody(t: Token, call: boolean, op: LocalOp | undefined): Expr {
    const name = t.text;
    if (op !== undefined) {
      if (!call) throw new ExprError(`operator '${name}' needs a qubit index, e.g. ${name}(1)`, t.pos);
      this.next();
      const index = this.index();
      this.expect(')', `to close ${name}(`);
      return { type: 'local', op, spelled: name, index, pos: t.pos };
    }
    if (name === 'sqrt' || name === 'dag') {
      if (!call) throw new ExprError(`function '${name}' needs an argument, e.g. ${name}(2)`, t.pos);
      this.next();
      const arg = this.expr();
      this.expect(')', `to close ${name}(`);
      return { type: name, arg, pos: t.pos };
    }
    if (name === 'a' && call) {
      this.next();
      const j = this.index();
      this.expect(',', 'between the two qubits of the edge weight a(j, k)');
      const k = this.index();
      this.expect(')', 'to close a(');
      return { type: 'weight', j, k, pos: t.pos };
    }
    if (name === 'sum') {
      if (!call) throw new ExprError("'sum' needs a binder and a body, e.g. sum(j=1..3, sz(j))", t.pos);
      this.next();
      const binder = this.binder();
      this.expect(',', "after the index of sum(…) (e.g. sum(j<k, sx(j)*sy(k)))");
      const body = this.expr();
      this.expect(')', 'to close sum(');
      return { type: 'sum', binder, body, pos: t.pos };
    }
    if (call) {
      const near = suggest(name, KNOWN_FUNCTIONS);
      throw new ExprError(`unknown operator or function '${name}'`, t.pos,
        near ? `did you mean '${near}'?` : 'operators are sx sy sz sp sm P0 P1 (qubit index in parentheses); functions are sqrt, dag, sum');
    }
    if (name === 'i') return { type: 'imag', pos: t.pos };
    if (name === 'I') return { type: 'identity', pos: t.pos };
    if (this.isPunct('[')) {
      this.next();
      this.enter(t.pos);
      const index = this.index();
      this.expect(']', `to close ${name}[`);
      this.nesting--;
      return { type: 'indexed', name, index, pos: t.pos };
    }
    return { type: 'name', name, pos: t.pos };
  }

  /** A binder alone (the `for:` field of a Lindblad entry), with nothing after it. */
  binderOnly(): Binder {
    if (this.peek().kind === 'end') throw new ExprError('the index is empty', 0, 'write e.g. j, j=2..n or {j,k} in edges');
    const b = this.binder();
    const t = this.peek();
    if (t.kind !== 'end') throw new ExprError(`unexpected '${t.text}' after the index`, t.pos, 'write e.g. j, j=2..n, j<k or {j,k} in edges');
    return b;
  }

  private binder(): Binder {
    const open = this.peek();
    if (open.kind === 'punct' && open.text === '{') {
      this.next();
      const v = this.next();
      if (v.kind !== 'ident') throw new ExprError('expected an index variable such as j in {j,k}', v.pos);
      checkIndexVariable(v.text, v.pos);
      this.expect(',', 'between the two index variables of {j,k}');
      const w = this.next();
      if (w.kind !== 'ident') throw new ExprError('expected a second index variable such as k in {j,k}', w.pos);
      checkIndexVariable(w.text, w.pos);
      if (w.text === v.text) throw new ExprError(`the two index variables must differ (got ${v.text} and ${w.text})`, w.pos);
      this.expect('}', 'to close {j,k}');
      const kw = this.next();
      const set = this.next();
      if (kw.kind !== 'ident' || kw.text !== 'in' || set.kind !== 'ident' || set.text !== 'edges') {
        throw new ExprError("{j,k} runs over the graph's edges: write {j,k} in edges", kw.pos);
      }
      return { kind: 'edges', left: v.text, right: w.text, pos: open.pos };
    }
    const v = this.next();
    if (v.kind !== 'ident') throw new ExprError('expected an index variable such as j', v.pos);
    checkIndexVariable(v.text, v.pos);
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '=') {
      this.next();
      const from = this.index();
      this.expect('..', 'in the index range (write j=1..3)');
      const to = this.index();
      return { kind: 'range', variable: v.text, from, to, pos: v.pos };
    }
    if (t.kind === 'punct' && ['<', '>', '!=', '<=', '>='].includes(t.text)) {
      this.next();
      const w = this.next();
      if (w.kind !== 'ident') throw new ExprError('expected a second index variable, e.g. j<k', w.pos);
      checkIndexVariable(w.text, w.pos);
      if (w.text === v.text) throw new ExprError(`the two index variables must differ (got ${v.text} and ${w.text})`, w.pos);
      return { kind: 'pair', left: v.text, relation: t.text as Relation, right: w.text, pos: v.pos };
    }
    return { kind: 'all', variable: v.text, pos: v.pos };
  }

  private index(): IndexExpr {
    let left = this.indexAtom();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      const right = this.indexAtom();
      left = { type: 'ibin', op, left, right, pos: left.pos };
    }
    return left;
  }

  private indexAtom(): IndexExpr {
    const t = this.next();
    if (t.kind === 'num') {
      if (!/^\d+$/.test(t.text)) throw new ExprError(`a qubit index must be a whole number, not ${t.text}`, t.pos);
      return { type: 'iint', value: Number(t.text), pos: t.pos };
    }
    if (t.kind === 'ident') return { type: 'ivar', name: t.text, pos: t.pos };
    if (t.kind === 'punct' && t.text === '(') {
      this.enter(t.pos);
      const inner = this.index();
      this.expect(')', 'to close the parenthesis');
      this.nesting--;
      return { type: 'iparen', inner, pos: t.pos };
    }
    throw new ExprError(`expected a qubit index (a number such as 2, or an index variable such as j), found ${t.kind === 'end' ? 'the end' : `'${t.text}'`}`, t.pos);
  }
}

function checkIndexVariable(name: string, pos: number): void {
  if (name === 'i' || name === 'I') {
    throw new ExprError(`'${name}' cannot be an index variable: i is the imaginary unit and I the identity`, pos, 'use j, k, l or m');
  }
  if (name === 'n') throw new ExprError("'n' is the number of qubits and cannot be an index variable", pos, 'use j, k, l or m');
  if (RESERVED_NAMES.has(name)) throw new ExprError(`'${name}' is an operator or function name and cannot be an index variable`, pos);
}

/**
 * Parses an operator, state or scalar expression.
 * @example parseExpr('sum(j=1..3, sz(j))').type // => "sum"
 */
export function parseExpr(text: string): Expr {
  const e = new Parser(text).parseAll();
  checkDepth(e);
  return e;
}

/**
 * Parses a binder alone, as in the `for:` field of a Lindblad entry (`j`, `j=2..n`, `j<k`,
 * `{j,k} in edges`).
 * @example parseBinder('j=2..n').kind // => "range"
 */
export function parseBinder(text: string): Binder {
  return new Parser(text).binderOnly();
}

/**
 * Refuses a tree deeper than `MAX_EXPR_DEPTH`, measured without recursion, so that every recursive
 * walker (evaluation, LaTeX, checks) stays far from the stack limit whatever ran before it.
 */
function checkDepth(root: Expr): void {
  const stack: [object, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [object, number];
    if (depth > MAX_EXPR_DEPTH) {
      throw new ExprError(`the expression is too long or too deeply nested: more than ${MAX_EXPR_DEPTH} levels (a chain a + b + … or a*b*… counts one level per term)`,
        (node as { pos: number }).pos, `split it, e.g. into sums sum(j=…, …), or write at most ${MAX_EXPR_DEPTH} terms`);
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push([v as object, depth + 1]);
  }
}

/** A parameter name such as `d_j` used where `j` is a bound index variable (likely meant `d[j]`). */
export interface SubscriptedName {
  readonly name: string;
  /** `d` of `d_j`. */
  readonly base: string;
  /** `j` of `d_j`. */
  readonly variable: string;
  readonly pos: number;
}

/**
 * The names `base_v` in `e` whose subscript `v` is an index variable bound where they stand (by an
 * enclosing sum, or by `outer`, the `for:` index of a Lindblad entry). Such a name is one parameter,
 * the same for every v, which is rarely what the writer meant.
 * @example subscriptedByIndex(parseExpr('sum(j, d_j*sz(j)) + d_k*sz(1)'), new Set()).map((s) => s.name) // => ["d_j"]
 */
export function subscriptedByIndex(e: Expr, outer: ReadonlySet<string>): SubscriptedName[] {
  const found: SubscriptedName[] = [];
  const walk = (x: Expr, bound: ReadonlySet<string>): void => {
    if (x.type === 'name') {
      const m = /^([A-Za-z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9]*)$/.exec(x.name);
      if (m && bound.has(m[2])) found.push({ name: x.name, base: m[1], variable: m[2], pos: x.pos });
      return;
    }
    if (x.type === 'sum') {
      const b = x.binder;
      const vars = b.kind === 'range' || b.kind === 'all' ? [b.variable] : [b.left, b.right];
      walk(x.body, new Set([...bound, ...vars]));
      return;
    }
    for (const v of Object.values(x)) {
      if (v !== null && typeof v === 'object' && 'type' in v && 'pos' in v && !('kind' in v)) walk(v as Expr, bound);
    }
  };
  walk(e, outer);
  return found;
}

/**
 * Number of nodes of an expression tree, index expressions included (counted without recursion):
 * the work of evaluating or printing it once.
 * @example exprSize(parseExpr('2*sz(1)')) // => 4
 */
export function exprSize(root: Expr): number {
  let count = 0;
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    if ('type' in node) count++;
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v as object);
  }
  return count;
}
