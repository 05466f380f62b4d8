import { UnsafeContentError } from './escape.ts';

/**
 * The math policy of every report. Math strings are LaTeX produced by our engine; user text never
 * enters math (it goes through `escapeLatexText`/`escapeHtml` as a text piece). As a second line of
 * defence, each renderer passes every math string through `assertSafeMath`, which accepts only an
 * allow-list of control sequences that both KaTeX and pdflatex (amsmath, amssymb) understand and
 * that cannot read files, write files, run programs, define macros or leave math mode. An engine
 * that needs a new command adds it here, in review.
 */

/** Control words allowed in math. Each one typesets; none reads, writes, defines or links. */
export const ALLOWED_MATH_COMMANDS: ReadonlySet<string> = new Set([
  // Greek
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta',
  'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma',
  'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda',
  'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  // Structure
  'frac', 'dfrac', 'tfrac', 'sqrt', 'binom', 'tbinom', 'dbinom', 'left', 'right', 'middle',
  'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr',
  'begin', 'end', 'overset', 'underset', 'stackrel', 'overbrace', 'underbrace', 'substack',
  'xrightarrow', 'xleftarrow', 'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits',
  'phantom', 'hphantom', 'vphantom', 'hline',
  // Fonts and text
  'mathrm', 'mathit', 'mathbf', 'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathfrak', 'boldsymbol',
  'text', 'textrm', 'textit', 'textbf', 'operatorname',
  // Accents
  'hat', 'widehat', 'tilde', 'widetilde', 'bar', 'overline', 'underline', 'vec', 'dot', 'ddot',
  'breve', 'check',
  // Operators
  'sum', 'prod', 'int', 'oint', 'lim', 'limsup', 'liminf', 'max', 'min', 'sup', 'inf', 'det',
  'dim', 'ker', 'exp', 'log', 'ln', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arg', 'gcd', 'Pr',
  // Relations and arrows
  'le', 'leq', 'ge', 'geq', 'ne', 'neq', 'approx', 'sim', 'simeq', 'cong', 'equiv', 'propto',
  'succeq', 'preceq', 'succ', 'prec', 'll', 'gg', 'subset', 'subseteq', 'supset', 'supseteq',
  'in', 'notin', 'ni', 'to', 'mapsto', 'rightarrow', 'leftarrow', 'Rightarrow', 'Leftarrow',
  'Leftrightarrow', 'leftrightarrow', 'implies', 'iff', 'longrightarrow', 'longmapsto',
  'parallel', 'perp', 'mid', 'nmid', 'not',
  // Binary operators and dots
  'pm', 'mp', 'times', 'div', 'cdot', 'cdots', 'ldots', 'dots', 'vdots', 'ddots', 'otimes',
  'oplus', 'circ', 'bullet', 'star', 'ast', 'wedge', 'vee', 'cap', 'cup', 'setminus', 'dagger',
  'ddagger',
  // Delimiters
  'langle', 'rangle', 'lvert', 'rvert', 'lVert', 'rVert', 'vert', 'Vert', 'lfloor', 'rfloor',
  'lceil', 'rceil', 'lbrace', 'rbrace',
  // Symbols
  'infty', 'partial', 'nabla', 'forall', 'exists', 'emptyset', 'varnothing', 'hbar', 'ell', 'Re',
  'Im', 'prime', 'neg', 'lnot', 'top', 'bot', 'angle', 'triangle', 'Box',
  // Spacing and line breaks
  'quad', 'qquad', 'enspace', 'thinspace', 'allowbreak',
]);

/** Control symbols (a backslash and one non-letter) allowed in math. */
const ALLOWED_CONTROL_SYMBOLS = new Set([',', ';', ':', '!', ' ', '\\', '{', '}', '|', '%', '&', '_', '#', '$']);

/** Environments allowed in math; all are amsmath's and KaTeX's. */
export const ALLOWED_MATH_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'matrix', 'pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix', 'smallmatrix', 'cases',
  'aligned', 'gathered', 'array',
]);

/** Longest math string accepted; far beyond any formula a report shows, short of a denial of service. */
const MAX_MATH_LENGTH = 100_000;

/**
 * The problems that make a math string unsafe or unportable; an empty list means it is accepted.
 * Rejected: control sequences outside `ALLOWED_MATH_COMMANDS` (e.g. `\input`, `\write`, `\def`,
 * `\href`, `\catcode`), TeX's `^^` character notation (which can spell any command), raw `%`
 * (comments hide closing braces), raw `$` and `#`, non-ASCII or control characters, unbalanced
 * braces, and `\begin`/`\end` of an environment outside `ALLOWED_MATH_ENVIRONMENTS` or unbalanced.
 * @example findUnsafeMath('\\input{/etc/passwd}') // => ['control sequence \\input is not allowed in math']
 */
export function findUnsafeMath(latex: string): string[] {
  const problems: string[] = [];
  if (latex.length > MAX_MATH_LENGTH) return [`math string longer than ${MAX_MATH_LENGTH} characters`];
  if (latex.trim().length === 0) problems.push('empty math string');
  if (latex.includes('^^')) problems.push("TeX's ^^ character notation is not allowed in math");
  let braceDepth = 0;
  const environments: string[] = [];
  for (let i = 0; i < latex.length; i++) {
    const ch = latex[i]!;
    const code = ch.charCodeAt(0);
    if (code > 0x7e || (code < 0x20 && ch !== '\n' && ch !== '\t')) {
      problems.push(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in math (write its LaTeX command)`);
      continue;
    }
    if (ch === '%' || ch === '$' || ch === '#') {
      problems.push(`raw ${ch} is not allowed in math`);
      continue;
    }
    if (ch === '{') braceDepth++;
    if (ch === '}') {
      braceDepth--;
      if (braceDepth < 0) {
        problems.push('unbalanced braces: } without {');
        braceDepth = 0;
      }
    }
    if (ch !== '\\') continue;
    const next = latex[i + 1];
    if (next === undefined) {
      problems.push('math ends with a lone backslash');
      break;
    }
    if (!/[A-Za-z]/.test(next)) {
      if (!ALLOWED_CONTROL_SYMBOLS.has(next)) problems.push(`control symbol \\${next} is not allowed in math`);
      i++;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(latex.slice(i + 1))![0];
    i += word.length;
    if (!ALLOWED_MATH_COMMANDS.has(word)) {
      problems.push(`control sequence \\${word} is not allowed in math`);
      continue;
    }
    if (word === 'begin' || word === 'end') {
      const env = /^\s*\{([A-Za-z*]+)\}/.exec(latex.slice(i + 1));
      if (!env) {
        problems.push(`\\${word} must be followed by {environment}`);
        continue;
      }
      const name = env[1]!;
      if (!ALLOWED_MATH_ENVIRONMENTS.has(name)) problems.push(`environment ${name} is not allowed in math`);
      if (word === 'begin') environments.push(name);
      else if (environments.pop() !== name) problems.push(`\\end{${name}} does not match its \\begin`);
    }
  }
  if (braceDepth !== 0) problems.push('unbalanced braces: { without }');
  if (environments.length > 0) problems.push(`\\begin{${environments[environments.length - 1]}} is never ended`);
  return problems;
}

/**
 * The math string itself when `findUnsafeMath` accepts it; otherwise throws `UnsafeContentError`
 * naming every problem. Renderers call this on each math string before emitting it.
 * @example assertSafeMath('\\frac{2}{3}') // => '\\frac{2}{3}'
 */
export function assertSafeMath(latex: string): string {
  const problems = findUnsafeMath(latex);
  if (problems.length > 0) {
    const shown = latex.length > 80 ? `${latex.slice(0, 77)}...` : latex;
    throw new UnsafeContentError(`unsafe math ${JSON.stringify(shown)}: ${problems.join('; ')}`);
  }
  return latex;
}
