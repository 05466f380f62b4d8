import type { Binder, Expr, IndexExpr } from './expr.ts';

/**
 * An expression printed back in the input syntax: `parseExpr(exprToText(e))` has the value of `e`
 * (test/model/language.property.test.ts). Products are written with `*`, and parentheses only where
 * the grammar of `expr.ts` needs them. `bindIndices` substitutes bound index variables, so that one
 * channel of a `for:` expansion is stated as `sm(2)` with rate `gamma[2]`.
 * @example exprToText(parseExpr('(1/2)(sx(1) sx(2) + sy(1) sy(2))')) // => "(1/2)*(sx(1)*sx(2) + sy(1)*sy(2))"
 */
export function exprToText(e: Expr): string {
  switch (e.type) {
    case 'number': return e.text;
    case 'imag': return 'i';
    case 'identity': return 'I';
    case 'name': return e.name;
    case 'local': return `${e.spelled}(${indexText(e.index)})`;
    case 'ketbra': return `|${e.ket}><${e.bra}|`;
    case 'ket': return `|${e.bits}>`;
    case 'indexed': return `${e.name}[${indexText(e.index)}]`;
    case 'weight': return `a(${indexText(e.j)}, ${indexText(e.k)})`;
    case 'sqrt': return `sqrt(${exprToText(e.arg)})`;
    case 'dag': return `dag(${exprToText(e.arg)})`;
    case 'neg': return `-${wrapIf(e.arg, SUMS)}`;
    case 'add': return `${exprToText(e.left)} + ${wrapIf(e.right, ['neg'])}`;
    case 'sub': return `${exprToText(e.left)} - ${wrapIf(e.right, [...SUMS, 'neg'])}`;
    case 'mul': return `${wrapIf(e.left, SUMS)}*${wrapIf(e.right, [...SUMS, 'neg'])}`;
    case 'div': return `${wrapIf(e.left, SUMS)}/${wrapIf(e.right, [...SUMS, 'neg', 'mul', 'div'])}`;
    case 'pow': return `${wrapIf(e.base, [...SUMS, 'neg', 'mul', 'div', 'pow'])}^${e.exponent}`;
    case 'paren': return `(${exprToText(e.inner)})`;
    case 'sum': return `sum(${binderText(e.binder)}, ${exprToText(e.body)})`;
  }
}

const SUMS: readonly Expr['type'][] = ['add', 'sub'];

function wrapIf(e: Expr, types: readonly Expr['type'][]): string {
  return types.includes(e.type) ? `(${exprToText(e)})` : exprToText(e);
}

function indexText(ix: IndexExpr): string {
  switch (ix.type) {
    case 'iint': return String(ix.value);
    case 'ivar': return ix.name;
    case 'ibin': return `${indexText(ix.left)}${ix.op}${ix.right.type === 'ibin' ? `(${indexText(ix.right)})` : indexText(ix.right)}`;
    case 'iparen': return `(${indexText(ix.inner)})`;
  }
}

/**
 * A binder in the input syntax (`j=1..n`, `j<k`, `{j,k} in edges`).
 * @example binderText({ kind: 'edges', left: 'j', right: 'k', pos: 0 }) // => "{j,k} in edges"
 */
export function binderText(b: Binder): string {
  switch (b.kind) {
    case 'range': return `${b.variable}=${indexText(b.from)}..${indexText(b.to)}`;
    case 'all': return b.variable;
    case 'pair': return `${b.left}${b.relation}${b.right}`;
    case 'edges': return `{${b.left},${b.right}} in edges`;
  }
}

/**
 * `e` with the index variables of `env` replaced by their values (free occurrences only: a sum may
 * not rebind an enclosing variable, evaluate.ts).
 * @example exprToText(bindIndices(parseExpr('gamma[j]*sm(j+1)'), new Map([['j', 2]]))) // => "gamma[2]*sm(2+1)"
 */
export function bindIndices(e: Expr, env: ReadonlyMap<string, number>): Expr {
  const ix = (i: IndexExpr): IndexExpr => {
    switch (i.type) {
      case 'iint': return i;
      case 'ivar': { const v = env.get(i.name); return v === undefined ? i : { type: 'iint', value: v, pos: i.pos }; }
      case 'ibin': return { ...i, left: ix(i.left), right: ix(i.right) };
      case 'iparen': return { ...i, inner: ix(i.inner) };
    }
  };
  const go = (x: Expr): Expr => {
    switch (x.type) {
      case 'name': { const v = env.get(x.name); return v === undefined ? x : { type: 'number', text: String(v), pos: x.pos }; }
      case 'local': return { ...x, index: ix(x.index) };
      case 'indexed': return { ...x, index: ix(x.index) };
      case 'weight': return { ...x, j: ix(x.j), k: ix(x.k) };
      case 'sqrt': case 'dag': case 'neg': return { ...x, arg: go(x.arg) };
      case 'add': case 'sub': case 'mul': case 'div': return { ...x, left: go(x.left), right: go(x.right) };
      case 'pow': return { ...x, base: go(x.base) };
      case 'paren': return { ...x, inner: go(x.inner) };
      case 'sum': {
        const b = x.binder;
        const binder: Binder = b.kind === 'range' ? { ...b, from: ix(b.from), to: ix(b.to) } : b;
        return { ...x, binder, body: go(x.body) };
      }
      default: return x;
    }
  };
  return go(e);
}
