/**
 * Mathematics that the engine writes in plain text (‖ρ_j − ρ̄‖_F, C₀ = √(Σ_j …), e^{−μt},
 * max{2μ/λ_m, 3}) found and turned into LaTeX, so every report typesets it. A sentence is split
 * into runs: a run is a maximal stretch of mathematical tokens (symbols, Greek letters, sub- and
 * superscripts, single letters, numbers, function names attached to their argument) that holds at
 * least one unmistakably mathematical token; everything else (English words, colons, dashes) stays
 * text. For engine text only: free text from a derivation file is never passed through here.
 */
import { LATEX_UNICODE_COMMANDS } from './escape.ts';

/** A piece of a sentence: prose, or LaTeX of a math run. */
export type PlainMathPiece = { kind: 'text'; text: string } | { kind: 'math'; latex: string; source: string };

/** Unicode letters and symbols with their LaTeX, from the LaTeX text escaper's table and a few more. */
const SYMBOLS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [ch, command] of Object.entries(LATEX_UNICODE_COMMANDS)) {
    const inner = /^\\ensuremath\{(.*)\}$/.exec(command)?.[1];
    if (inner !== undefined && !inner.startsWith('{}')) map.set(ch, inner);
  }
  const more: Array<[string, string]> = [
    ['−', '-'], ['Σ', '\\sum'], ['∑', '\\sum'], ['‖', '\\|'], ['𝓛', '\\mathcal{L}'], ['𝒫', '\\mathcal{P}'],
    ['𝒟', '\\mathcal{D}'], ['𝕊', '\\mathbb{S}'], ['ℝ', '\\mathbb{R}'], ['ℂ', '\\mathbb{C}'], ['⪰', '\\succeq'],
    ['½', '\\tfrac12'], ['…', '\\ldots'], ['ỹ', '\\tilde{y}'], ['ẽ', '\\tilde{e}'], ['ξ', '\\xi'], ['Λ', '\\Lambda'],
  ];
  for (const [ch, latex] of more) map.set(ch, latex);
  return map;
})();

/** Unicode superscript and subscript characters with what they raise or lower. */
const SUPERSCRIPTS: ReadonlyMap<string, string> = new Map([
  ...[...'⁰¹²³⁴⁵⁶⁷⁸⁹'].map((c, i) => [c, String(i)] as [string, string]),
  ['⁺', '+'], ['⁻', '-'], ['⁼', '='], ['⁽', '('], ['⁾', ')'], ['ⁿ', 'n'], ['ⁱ', 'i'], ['ᵀ', 'T'], ['ᵗ', 't'], ['ᴴ', 'H'],
]);
const SUBSCRIPTS: ReadonlyMap<string, string> = new Map([
  ...[...'₀₁₂₃₄₅₆₇₈₉'].map((c, i) => [c, String(i)] as [string, string]),
  ['₊', '+'], ['₋', '-'], ['₌', '='], ['₍', '('], ['₎', ')'], ['ₐ', 'a'], ['ₑ', 'e'], ['ₒ', 'o'], ['ₓ', 'x'],
  ['ₕ', 'h'], ['ₖ', 'k'], ['ₗ', 'l'], ['ₘ', 'm'], ['ₙ', 'n'], ['ₚ', 'p'], ['ₛ', 's'], ['ₜ', 't'], ['ᵢ', 'i'], ['ⱼ', 'j'],
]);

/** Combining accents and their math accent: ρ̄, ν̃, ρ̂. */
const ACCENTS: ReadonlyMap<string, string> = new Map([
  ['\u0304', 'bar'], ['\u0305', 'bar'], ['\u0303', 'tilde'], ['\u0302', 'hat'], ['\u0307', 'dot'], ['\u0308', 'ddot'], ['\u20D7', 'vec'],
]);

/** Words that name a function or operator, with their LaTeX. */
const FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['ln', '\\ln'], ['log', '\\log'], ['exp', '\\exp'], ['max', '\\max'], ['min', '\\min'], ['sup', '\\sup'], ['inf', '\\inf'],
  ['det', '\\det'], ['tr', '\\operatorname{tr}'], ['Re', '\\operatorname{Re}'], ['Im', '\\operatorname{Im}'],
  ['sqrt', '\\sqrt'], ['Proj', '\\mathrm{Proj}'], ['vec', '\\mathrm{vec}'], ['diag', '\\mathrm{diag}'], ['NaN', '\\mathrm{NaN}'], ['ker', '\\ker'],
]);

/** Subscripts that are words, set upright: V_dec, K_c,empirical (and any lowercase word of four letters or more: ρ_stated). */
const WORD_SUBSCRIPTS = ['empirical', 'dec', 'max', 'min', 'emp'];

/** Two-index subscripts written without braces: a_jk, U_jk. */
const INDEX_PAIRS = ['jk', 'kl', 'ij'];

const isLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && /^[0-9]$/.test(c);
const isGreekOrSymbolLetter = (c: string | undefined): boolean => c !== undefined && /^[\u0370-\u03FF𝓛𝒫𝒟𝕊ℝℂỹẽ]$/u.test(c);

/** The characters of a string by code point, each combining accent kept with its base. */
function characters(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    if (ACCENTS.has(ch) && out.length > 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Index of the character closing the bracket opened at `open` (nesting counted), or -1. */
function closing(chars: readonly string[], open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < chars.length; i++) {
    if (chars[i] === left) depth++;
    else if (chars[i] === right && --depth === 0) return i;
  }
  return -1;
}

interface Atom {
  base: string;
  sub: string[];
  sup: string[];
}

/**
 * LaTeX of a string that is all mathematics, e.g. `‖ρ_j − ρ̄‖²_F` → `\|\rho_{j} - \bar{\rho}\|^{2}_{F}`.
 * Scripts on one base are merged (`V⁻¹†` → `V^{-1\dagger}`), so the result never has a double script.
 * @example plainMathToLatex('C₀ = √(Σ_j x_j)') // => 'C_{0} = \\sqrt{\\sum_{j} x_{j}}'
 */
export function plainMathToLatex(s: string): string {
  const chars = characters(s);
  const atoms: Atom[] = [];
  const last = (): Atom => {
    const a = atoms[atoms.length - 1];
    if (a && a.base !== ' ') return a;
    const empty = { base: '{}', sub: [], sup: [] };
    atoms.push(empty);
    return empty;
  };
  const push = (base: string): void => void atoms.push({ base, sub: [], sup: [] });
  /** The argument of `_`, `^` or `√` at `i`: a braced group, a bracketed group or one token; returns [latex, next index]. */
  const argument = (i: number, wordSubscripts: boolean): [string, number] => {
    const c = chars[i];
    if (c === '{') {
      const end = closing(chars, i, '{', '}');
      if (end > 0) return [plainMathToLatex(chars.slice(i + 1, end).join('')), end + 1];
    }
    if (c === '(' || c === '|') {
      const end = c === '(' ? closing(chars, i, '(', ')') : chars.indexOf('|', i + 1);
      if (end > 0) return [plainMathToLatex(chars.slice(i, end + 1).join('')), end + 1];
    }
    if (wordSubscripts) {
      const rest = chars.slice(i).join('');
      const word = WORD_SUBSCRIPTS.find((w) => rest.startsWith(w) && !isLetter(rest[w.length])) ?? /^[a-z]{4,}(?![A-Za-z])/.exec(rest)?.[0];
      if (word) return [`\\mathrm{${word}}`, i + word.length];
      const pair = INDEX_PAIRS.find((w) => rest.startsWith(w) && !isLetter(rest[w.length]));
      if (pair) return [pair, i + pair.length];
    }
    if (isDigit(c)) {
      let j = i;
      while (isDigit(chars[j])) j++;
      return [chars.slice(i, j).join(''), j];
    }
    if (c === undefined) return ['{}', i];
    return [plainMathToLatex(c), i + 1];
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const [base, ...marks] = [...c];
    const accent = marks.length > 0 ? ACCENTS.get(marks.join('')) : undefined;
    if (accent !== undefined) {
      push(`\\${accent}{${plainMathToLatex(base!)}}`);
      i++;
    } else if (/\s/.test(c)) {
      push(' ');
      i++;
    } else if (c === '_' || c === '^') {
      const [arg, next] = argument(i + 1, c === '_');
      (c === '_' ? last().sub : last().sup).push(arg);
      i = next;
    } else if (SUPERSCRIPTS.has(c)) {
      last().sup.push(SUPERSCRIPTS.get(c)!);
      i++;
    } else if (SUBSCRIPTS.has(c)) {
      last().sub.push(SUBSCRIPTS.get(c)!);
      i++;
    } else if (c === '†' || c === '*' || c === "'" || c === '′') {
      const prev = atoms[atoms.length - 1];
      const raised = c === '†' ? '\\dagger' : c === '*' ? '*' : '\\prime';
      // A star between factors (2*sqrt(3), as Scalar.toString writes a product) multiplies.
      if (c === '*' && /^[0-9)]$/.test(chars[i - 1] ?? '') && /^[A-Za-z0-9(√]/.test(chars[i + 1] ?? '')) push('\\cdot ');
      else if (c === '*' && (prev === undefined || prev.base === ' ')) push('\\ast');
      else last().sup.push(raised);
      i++;
    } else if (c === '√') {
      const [arg, next] = argument(i + 1, false);
      const inner = chars[i + 1] === '(' ? arg.replace(/^\(/, '').replace(/\)$/, '') : arg;
      push(`\\sqrt{${inner}}`);
      i = next;
    } else if (c === '{' || c === '}') {
      push(`\\${c}`);
      i++;
    } else if (isLetter(c)) {
      let j = i;
      while (isLetter(chars[j])) j++;
      const word = chars.slice(i, j).join('');
      const fn = FUNCTIONS.get(word);
      if (word === 'sqrt' && chars[j] === '(') {
        // sqrt(x), as Scalar.toString writes a surd.
        const [arg, next] = argument(j, false);
        push(`\\sqrt{${arg.replace(/^\(/, '').replace(/\)$/, '')}}`);
        i = next;
        continue;
      }
      if (fn) push(fn);
      else if (word.length >= 3 && /^[a-z]+$/.test(word)) push(`\\mathrm{${word}}`);
      else for (const letter of word) push(letter);
      i = j;
    } else if (isDigit(c)) {
      let j = i;
      while (isDigit(chars[j]) || (chars[j] === '.' && isDigit(chars[j + 1]))) j++;
      push(chars.slice(i, j).join(''));
      i = j;
    } else if (c === ',' && chars[i + 1] === ' ') {
      // A list (max{a, b}) may break after its commas, as prose does.
      push(',\\allowbreak');
      i++;
    } else {
      const symbol = SYMBOLS.get(c);
      push(symbol ?? (/^[()[\],.=+\-/<>!|:;?]$/.test(c) ? c : ''));
      i++;
    }
  }
  let out = '';
  for (const a of atoms) {
    let piece = a.base;
    if (a.sub.length > 0) piece += `_{${a.sub.join('')}}`;
    if (a.sup.length > 0) piece += `^{${a.sup.join('')}}`;
    // A control word followed by a letter needs a space: \mu t, not \mut.
    if (/\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(piece)) out += ' ';
    out += piece;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

type TokenClass = 'strong' | 'weak' | 'neutral' | 'space' | 'text';
interface Token {
  text: string;
  cls: TokenClass;
}

/** Characters that make a stretch unmistakably mathematical. */
const STRONG_SYMBOLS = new Set([...'‖√≤≥=+−·×⊕⊗†∞∈→Σ∑∫⟨⟩⪰≈≠±<>|{}⁻¹²³⁰⁴⁵⁶⁷⁸⁹ⁿᵀᵗᴴ₀₁₂₃₄₅₆₇₈₉ₘₙⱼₖₗₚᵢₓ𝓛𝒫𝒟𝕊ℝℂ½ỹẽ∘⊥≪≫∝∼≃≡∂∇⋯']);

/** Splits a sentence into classified tokens; `_x`, `^{…}` and combining accents stay with what they follow. */
function tokenize(s: string): Token[] {
  const chars = characters(s);
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/.test(c)) {
      let j = i;
      while (j < chars.length && /\s/.test(chars[j]!)) j++;
      tokens.push({ text: chars.slice(i, j).join(''), cls: 'space' });
      i = j;
    } else if (c === '_' || c === '^') {
      // The script and its argument: a braced group, a parenthesised group, or a word/character.
      let j = i + 1;
      const open = chars[j];
      if (open === '{' || open === '(') {
        const end = closing(chars, j, open, open === '{' ? '}' : ')');
        j = end > 0 ? end + 1 : j + 1;
      } else {
        const rest = chars.slice(j).join('');
        const word = WORD_SUBSCRIPTS.find((w) => rest.startsWith(w) && !isLetter(rest[w.length])) ?? /^[a-z]{4,}(?![A-Za-z])/.exec(rest)?.[0];
        const pair = INDEX_PAIRS.find((w) => rest.startsWith(w) && !isLetter(rest[w.length]));
        if (word && c === '_') j += word.length;
        else if (pair && c === '_') j += pair.length;
        else if (isDigit(open)) while (isDigit(chars[j])) j++;
        else j++;
      }
      tokens.push({ text: chars.slice(i, j).join(''), cls: 'strong' });
      i = j;
    } else if (/^(?:e\.g\.|i\.e\.)/.test(chars.slice(i, i + 4).join(''))) {
      tokens.push({ text: chars.slice(i, i + 4).join(''), cls: 'text' });
      i += 4;
    } else if (isLetter(c[0]) && c.length === 1) {
      let j = i;
      while (isLetter(chars[j])) j++;
      // Hyphenated and possessive words are prose: single-qubit, proof's.
      while ((chars[j] === '-' || chars[j] === "'" || chars[j] === '’') && isLetter(chars[j + 1]) && j - i > 1) {
        j++;
        while (isLetter(chars[j])) j++;
      }
      const word = chars.slice(i, j).join('');
      const next = chars[j];
      let cls: TokenClass;
      if (FUNCTIONS.has(word)) {
        // A function name is math when attached to its argument (max_j, ln(…), tr X), prose otherwise (max over j).
        const after = chars.slice(j).join('');
        const attached = next !== undefined && !/[\s,.;:]/.test(next);
        const spacedArgument = /^ (?:[A-Za-z](?![A-Za-z])|[\u0370-\u03FF(|‖√0-9])/u.test(after);
        cls = attached || spacedArgument ? 'strong' : 'text';
      } else if (word.length === 1) {
        // A letter applied to an argument (E(t), D(T₂)) or carrying a script is a symbol; the article a is prose.
        const scripted = next === '_' || next === '^' || SUBSCRIPTS.has(next ?? '') || SUPERSCRIPTS.has(next ?? '');
        cls = next === '(' || (scripted && word !== 'a') ? 'strong' : word === 'a' && !scripted ? 'text' : 'weak';
      } else if (/^[A-Z]{2,3}$/.test(word) && (next === '†' || next === '(' || SUPERSCRIPTS.has(next ?? ''))) {
        cls = 'strong'; // products of matrices: GG†, VΛV⁻¹
      } else {
        cls = 'text';
      }
      tokens.push({ text: word, cls });
      i = j;
    } else if (isDigit(c)) {
      let j = i;
      while (isDigit(chars[j]) || (chars[j] === '.' && isDigit(chars[j + 1]))) j++;
      tokens.push({ text: chars.slice(i, j).join(''), cls: 'weak' });
      i = j;
    } else if (c.length > 1 || isGreekOrSymbolLetter(c) || STRONG_SYMBOLS.has(c) || SUPERSCRIPTS.has(c) || SUBSCRIPTS.has(c)) {
      tokens.push({ text: c, cls: 'strong' });
      i++;
    } else if (c === '*' || c === "'" || c === '′') {
      // A star or prime on a symbol (K_c*, D') is math; elsewhere (a footnote star, a quote) prose.
      // A prime before a letter is a possessive (eq. 30's), and digits take no prime.
      const prev = tokens[tokens.length - 1];
      const onSymbol = prev !== undefined && (prev.cls === 'strong' || prev.cls === 'weak') && !/^[0-9.]+$/.test(prev.text);
      const multiplies = c === '*' && /^[0-9)]$/.test(chars[i - 1] ?? '') && /^[A-Za-z0-9(√]/.test(chars[i + 1] ?? '');
      tokens.push({ text: c, cls: multiplies ? 'neutral' : onSymbol && !isLetter(chars[i + 1]) ? 'strong' : 'text' });
      i++;
    } else if (/^[()[\],./!-]$/.test(c)) {
      tokens.push({ text: c, cls: 'neutral' });
      i++;
    } else {
      tokens.push({ text: c, cls: 'text' });
      i++;
    }
  }
  return tokens;
}

/** Brackets a stretch leaves open (`open`) and closes without opening (`unopened`). */
function balance(text: string, left: string, right: string): { open: number; unopened: number } {
  let open = 0;
  let unopened = 0;
  for (const ch of text) {
    if (ch === left) open++;
    else if (ch === right) {
      if (open > 0) open--;
      else unopened++;
    }
  }
  return { open, unopened };
}

/**
 * A sentence of engine text split into prose and math runs (LaTeX), in order. Text without
 * mathematics comes back as one text piece.
 * @example splitPlainMath('so ‖ρ_j‖ ≤ 1 here').map((p) => p.kind) // => ['text', 'math', 'text']
 */
export function splitPlainMath(s: string): PlainMathPiece[] {
  const tokens = tokenize(s);
  const isMath = (t: Token | undefined): boolean => t !== undefined && (t.cls === 'strong' || t.cls === 'weak');
  const inRun = (t: Token | undefined): boolean => t !== undefined && t.cls !== 'text';
  const runs: Array<[number, number]> = [];
  let k = 0;
  while (k < tokens.length) {
    if (!isMath(tokens[k])) {
      k++;
      continue;
    }
    let end = k;
    for (let j = k; j < tokens.length && inRun(tokens[j]); j++) if (isMath(tokens[j])) end = j;
    let start = k;
    let stop = end;
    // Keep brackets whole: a run that closes a bracket it did not open takes the opener, and so on.
    for (const [left, right] of [['(', ')'], ['[', ']']] as const) {
      let text = tokens.slice(start, stop + 1).map((t) => t.text).join('');
      while (balance(text, left, right).unopened > 0 && tokens[start - 1]?.text === left) {
        start--;
        text = left + text;
      }
      while (balance(text, left, right).open > 0 && tokens[stop + 1]?.text === right) {
        stop++;
        text += right;
      }
    }
    if (tokens.slice(start, stop + 1).some((t) => t.cls === 'strong')) runs.push([start, stop]);
    k = stop + 1;
  }
  const pieces: PlainMathPiece[] = [];
  let at = 0;
  const pushText = (text: string): void => {
    if (text.length === 0) return;
    const prev = pieces[pieces.length - 1];
    if (prev?.kind === 'text') prev.text += text;
    else pieces.push({ kind: 'text', text });
  };
  for (const [start, stop] of runs) {
    pushText(tokens.slice(at, start).map((t) => t.text).join(''));
    const source = tokens.slice(start, stop + 1).map((t) => t.text).join('');
    const latex = plainMathToLatex(source);
    if (latex.length > 0) pieces.push({ kind: 'math', latex, source });
    else pushText(source);
    at = stop + 1;
  }
  pushText(tokens.slice(at).map((t) => t.text).join(''));
  return pieces;
}
