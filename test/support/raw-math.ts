/**
 * Finds mathematics written as raw text in a rendered report: LaTeX syntax (`_{`, `^{`, `\`-commands),
 * calculator syntax (`sqrt(`), Unicode stand-ins for typesetting (`√`, `‖`, sub- and superscript
 * digits and letters) and subscripted symbols spelt with an underscore (`K_c`, `ρ_j`, `λ_m`).
 * HTML: every text node outside KaTeX output, `<math>`, `<style>` and elements marked
 * `class="user-text"` (free text from the derivation file, which stays as the user wrote it);
 * every SVG `<text>` is text too. LaTeX: the source outside math mode, comments and the preamble.
 */
import { parseHTML } from 'linkedom';

/** One piece of raw math: what matched and the text around it. */
export interface RawMathHit {
  match: string;
  context: string;
}

/** Unicode sub- and superscript characters (digits, signs, letters). */
const SCRIPT_CHARACTERS = '\u00B2\u00B3\u00B9\u2070-\u209F\u1D62-\u1D6A\u2C7C';

const RAW_MATH_PATTERNS: readonly RegExp[] = [
  /_\{/g,
  /\^\{/g,
  /\\[A-Za-z]+/g,
  /sqrt\(/g,
  /[√‖]/g,
  new RegExp(`[${SCRIPT_CHARACTERS}]`, 'g'),
  // A letter (Latin or Greek) subscripted with `_`: K_c, ρ_j, λ_m, y_d.
  /(?<![A-Za-z0-9_\-./])[A-Za-z\u0370-\u03FF]_[A-Za-z0-9*]/g,
];

function hitsIn(text: string): RawMathHit[] {
  const hits: RawMathHit[] = [];
  for (const pattern of RAW_MATH_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      hits.push({ match: m[0], context: text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ') });
    }
  }
  return hits;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: Iterable<DomNode>;
  getAttribute?(name: string): string | null;
}

/** Elements whose text is not prose to scan. */
function skipped(node: DomNode): boolean {
  const name = node.nodeName.toLowerCase();
  if (name === 'style' || name === 'math' || name === 'script' || name === 'title') return true;
  const classes = (node.getAttribute?.('class') ?? '').split(/\s+/);
  return classes.includes('katex') || classes.includes('katex-display') || classes.includes('user-text');
}

/**
 * Raw math in an HTML report's text (and its SVG `<text>`), skipping math and user text.
 * @example rawMathInHtml('<p>K_c = 1</p>').length // => 1
 */
export function rawMathInHtml(html: string): RawMathHit[] {
  const { document } = parseHTML(html);
  const hits: RawMathHit[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      hits.push(...hitsIn(node.textContent ?? ''));
      return;
    }
    if (node.nodeType === 1 && skipped(node)) return;
    for (const child of node.childNodes) walk(child);
  };
  walk(document as unknown as DomNode);
  return hits;
}

/**
 * Raw math in a .tex report's text: math mode (`$…$`, `equation*`), comments and the preamble are
 * removed first; LaTeX's escapes of raw-math characters (`\_`, `\textasciicircum{}`) count as raw math.
 * @example rawMathInLatex('\\begin{document}K\\_c and $K_c$\\end{document}').length // => 1
 */
export function rawMathInLatex(tex: string): RawMathHit[] {
  const body = withoutUserText(tex.slice(Math.max(0, tex.indexOf('\\begin{document}'))));
  const text = body
    .replace(/(?<!\\)%.*$/gm, '')
    .replace(/\\begin\{equation\*\}[\s\S]*?\\end\{equation\*\}/g, ' ')
    .replace(/(?<!\\)\$(?:[^$\\]|\\.)*\$/g, ' ');
  const hits: RawMathHit[] = [];
  // What escapeLatexText makes of raw math: `\_`, `\textasciicircum{}`, `\textsubscript`, `\Vert`, `\surd`.
  const patterns = [
    /(?:(?<![A-Za-z0-9])[A-Za-z]|\\ensuremath\{\\[A-Za-z]+\})\\_[A-Za-z0-9*]/g,
    /\\textasciicircum\{\}/g,
    /\\text(?:sub|super)script/g,
    /\\ensuremath\{\\(?:Vert|surd)\}/g,
    /sqrt\(/g,
    /[√‖]/g,
    new RegExp(`[${SCRIPT_CHARACTERS}]`, 'g'),
  ];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      hits.push({ match: m[0], context: text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ') });
    }
  }
  return hits;
}

/** The .tex without the arguments of `\qbusertext{…}` (free text from the derivation file). */
function withoutUserText(tex: string): string {
  let out = '';
  let at = 0;
  for (let start = tex.indexOf('\\qbusertext{', at); start >= 0; start = tex.indexOf('\\qbusertext{', at)) {
    out += tex.slice(at, start);
    let depth = 0;
    let i = start + '\\qbusertext'.length;
    for (; i < tex.length; i++) {
      if (tex[i] === '\\') i++;
      else if (tex[i] === '{') depth++;
      else if (tex[i] === '}' && --depth === 0) break;
    }
    at = i + 1;
  }
  return out + tex.slice(at);
}
