import { parameterLatex } from '../algebra/scalar.ts';
import type { Binder, Expr, IndexExpr, LocalOp } from './expr.ts';

/**
 * LaTeX of an expression *as stated* in the derivation file: sums stay sums, decimals stay the
 * decimals the user wrote, parentheses stay where they were. (The canonical exact form is the Pauli
 * expansion; this printer shows what the user wrote, for "the model as stated".)
 * @example exprToLatex(parseExpr('sum(j=1..3, sz(j))')) // => "\\sum_{j=1}^{3}\\sigma_z^{(j)}"
 */
export function exprToLatex(e: Expr): string {
  switch (e.type) {
    case 'number':
      return numberLatex(e.text);
    case 'imag':
      return '\\mathrm{i}';
    case 'identity':
      return '\\mathbf{I}';
    case 'name':
      return e.name === 'n' ? 'n' : parameterLatex(e.name);
    case 'local':
      return `${localLatex(e.op)}^{(${indexLatex(e.index)})}`;
    case 'ketbra':
      return `|${e.ket}\\rangle\\langle ${e.bra}|`;
    case 'ket':
      return `|${e.bits}\\rangle`;
    case 'indexed':
      return indexedLatex(e.name, indexLatex(e.index));
    case 'weight':
      return `a_{${indexLatex(e.j)}${/^\w$/.test(indexLatex(e.j)) && /^\w$/.test(indexLatex(e.k)) ? '' : ','}${indexLatex(e.k)}}`;
    case 'sqrt':
      return `\\sqrt{${exprToLatex(strip(e.arg))}}`;
    case 'dag':
      return `${wrapAtom(e.arg)}^{\\dagger}`;
    case 'neg':
      return `-${e.arg.type === 'add' || e.arg.type === 'sub' ? `\\left(${exprToLatex(e.arg)}\\right)` : exprToLatex(e.arg)}`;
    case 'add':
      return `${exprToLatex(e.left)} + ${exprToLatex(e.right)}`;
    case 'sub': {
      const r = e.right.type === 'add' || e.right.type === 'sub' || e.right.type === 'neg' ? `\\left(${exprToLatex(e.right)}\\right)` : exprToLatex(e.right);
      return `${exprToLatex(e.left)} - ${r}`;
    }
    case 'mul': {
      const l = e.left.type === 'sum' || e.left.type === 'add' || e.left.type === 'sub' ? `\\left(${exprToLatex(e.left)}\\right)` : exprToLatex(e.left);
      const r = e.right.type === 'neg' || e.right.type === 'add' || e.right.type === 'sub' ? `\\left(${exprToLatex(e.right)}\\right)` : exprToLatex(e.right);
      return `${l}${mulSeparator(e.left, e.right)}${r}`;
    }
    case 'div':
      return `\\frac{${exprToLatex(strip(e.left))}}{${exprToLatex(strip(e.right))}}`;
    case 'pow':
      return `${wrapAtom(e.base)}^{${e.exponent}}`;
    case 'paren':
      // A fraction or a single symbol is already grouped on the page: (1/6)(…) prints as \frac{1}{6}(…).
      if (['div', 'number', 'name', 'imag', 'identity', 'sqrt', 'ketbra', 'ket', 'local', 'indexed', 'weight'].includes(e.inner.type)) return exprToLatex(e.inner);
      return `\\left(${exprToLatex(e.inner)}\\right)`;
    case 'sum': {
      const body = e.body.type === 'add' || e.body.type === 'sub' ? `\\left(${exprToLatex(e.body)}\\right)` : exprToLatex(e.body);
      return `${binderLatex(e.binder)}${body}`;
    }
  }
}

function localLatex(op: LocalOp): string {
  switch (op) {
    case 'x': return '\\sigma_x';
    case 'y': return '\\sigma_y';
    case 'z': return '\\sigma_z';
    case '+': return '\\sigma_+';
    case '-': return '\\sigma_-';
    case '0': return '\\left(|0\\rangle\\langle 0|\\right)';
    case '1': return '\\left(|1\\rangle\\langle 1|\\right)';
  }
}

function numberLatex(text: string): string {
  const m = /^([^eE]*)[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  return `${m[1]}\\times 10^{${Number(m[2])}}`;
}

function indexLatex(ix: IndexExpr): string {
  switch (ix.type) {
    case 'iint': return String(ix.value);
    case 'ivar': return ix.name;
    case 'ibin': return `${indexLatex(ix.left)}${ix.op}${indexLatex(ix.right)}`;
    case 'iparen': return `(${indexLatex(ix.inner)})`;
  }
}

function binderLatex(b: Binder): string {
  if (b.kind === 'range') return `\\sum_{${b.variable}=${indexLatex(b.from)}}^{${indexLatex(b.to)}}`;
  if (b.kind === 'all') return `\\sum_{${b.variable}}`;
  if (b.kind === 'edges') return `\\sum_{\\{${b.left},${b.right}\\}\\in E}`;
  const rel = { '<': '<', '>': '>', '!=': '\\neq ', '<=': '\\le ', '>=': '\\ge ' }[b.relation];
  return `\\sum_{${b.left}${rel}${b.right}}`;
}

/** Entry `index` of an indexed parameter: δ_j for `delta[j]`, as the parameter `delta_j` prints. */
function indexedLatex(name: string, index: string): string {
  const head = parameterLatex(name);
  return `${head}_{${index}}`;
}

/** Drops one outer pair of parentheses (inside \frac and \sqrt they are redundant). */
function strip(e: Expr): Expr {
  return e.type === 'paren' ? e.inner : e;
}

function wrapAtom(e: Expr): string {
  const atomic = ['number', 'imag', 'identity', 'name', 'paren', 'sqrt', 'indexed', 'weight'].includes(e.type) && !(e.type === 'number' && /[eE]/.test(e.text));
  return atomic ? exprToLatex(e) : `\\left(${exprToLatex(e)}\\right)`;
}

function isNumeric(e: Expr): boolean {
  switch (e.type) {
    case 'number': case 'imag': case 'name': case 'indexed': case 'weight': return true;
    case 'sqrt': return true;
    case 'paren': return isNumeric(e.inner);
    case 'neg': return isNumeric(e.arg);
    case 'add': case 'sub': case 'mul': case 'div': return isNumeric(e.left) && isNumeric(e.right);
    case 'pow': return isNumeric(e.base);
    default: return false;
  }
}

/** `\cdot` between two written numbers, a thin space after a coefficient, nothing between operators. */
function mulSeparator(left: Expr, right: Expr): string {
  const firstOfRight = leftmost(right);
  if (firstOfRight.type === 'number') return ' \\cdot ';
  if (isNumeric(left)) return '\\,';
  return '';
}

function leftmost(e: Expr): Expr {
  switch (e.type) {
    case 'add': case 'sub': case 'mul': case 'div': return leftmost(e.left);
    case 'pow': return leftmost(e.base);
    default: return e;
  }
}
