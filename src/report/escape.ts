/**
 * Escaping of untrusted text (model names, titles, notes from a derivation file) for each output
 * format. Every renderer passes every piece of user text through one of these; nothing else in
 * `src/report` writes user text into markup.
 */

/** Untrusted content that cannot be made safe by escaping (a `javascript:` link, an unsafe math string). */
export class UnsafeContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeContentError';
  }
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text safe inside HTML element content and inside double- or single-quoted attribute values.
 * C0 control characters other than tab and newline are dropped (they are invalid in HTML).
 * @example escapeHtml('<script>alert("x")</script>') // => '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
export function escapeHtml(text: string): string {
  return stripControlCharacters(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

function stripControlCharacters(text: string): string {
  // Tab and newline are kept; everything else below U+0020, DEL and the C1 range is invisible
  // noise at best and a parser hazard at worst.
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

/** Characters with a meaning in LaTeX text mode, each with a command that prints it literally (T1 encoding). */
const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '"': '\\textquotedbl{}',
  // Keep `--` and `---` literal instead of becoming dashes, and `'`/`` ` `` as typed.
  '-': '-{}',
  "'": '\\textquotesingle{}',
  '`': '\\textasciigrave{}',
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
};

/**
 * Non-ASCII characters that pdflatex (utf8 input, T1 fonts, no extra packages) cannot typeset
 * directly, mapped to commands that it can. Physics notes are full of these.
 */
export const LATEX_UNICODE_COMMANDS: Readonly<Record<string, string>> = {
  // Greek
  'α': '\\ensuremath{\\alpha}', 'β': '\\ensuremath{\\beta}', 'γ': '\\ensuremath{\\gamma}',
  'δ': '\\ensuremath{\\delta}', 'ε': '\\ensuremath{\\varepsilon}', 'ϵ': '\\ensuremath{\\epsilon}',
  'ζ': '\\ensuremath{\\zeta}', 'η': '\\ensuremath{\\eta}', 'θ': '\\ensuremath{\\theta}',
  'ϑ': '\\ensuremath{\\vartheta}', 'ι': '\\ensuremath{\\iota}', 'κ': '\\ensuremath{\\kappa}',
  'λ': '\\ensuremath{\\lambda}', 'μ': '\\ensuremath{\\mu}', 'µ': '\\ensuremath{\\mu}',
  'ν': '\\ensuremath{\\nu}', 'ξ': '\\ensuremath{\\xi}', 'π': '\\ensuremath{\\pi}',
  'ρ': '\\ensuremath{\\rho}', 'ϱ': '\\ensuremath{\\varrho}', 'σ': '\\ensuremath{\\sigma}',
  'ς': '\\ensuremath{\\varsigma}', 'τ': '\\ensuremath{\\tau}', 'υ': '\\ensuremath{\\upsilon}',
  'φ': '\\ensuremath{\\varphi}', 'ϕ': '\\ensuremath{\\phi}', 'χ': '\\ensuremath{\\chi}',
  'ψ': '\\ensuremath{\\psi}', 'ω': '\\ensuremath{\\omega}',
  'Γ': '\\ensuremath{\\Gamma}', 'Δ': '\\ensuremath{\\Delta}', 'Θ': '\\ensuremath{\\Theta}',
  'Λ': '\\ensuremath{\\Lambda}', 'Ξ': '\\ensuremath{\\Xi}', 'Π': '\\ensuremath{\\Pi}',
  'Σ': '\\ensuremath{\\Sigma}', 'Υ': '\\ensuremath{\\Upsilon}', 'Φ': '\\ensuremath{\\Phi}',
  'Ψ': '\\ensuremath{\\Psi}', 'Ω': '\\ensuremath{\\Omega}',
  // Mathematical symbols
  '−': '\\ensuremath{-}', '±': '\\ensuremath{\\pm}', '∓': '\\ensuremath{\\mp}',
  '×': '\\ensuremath{\\times}', '÷': '\\ensuremath{\\div}', '·': '\\ensuremath{\\cdot}',
  '⋅': '\\ensuremath{\\cdot}', '∘': '\\ensuremath{\\circ}', '⊗': '\\ensuremath{\\otimes}',
  '⊕': '\\ensuremath{\\oplus}', '†': '\\ensuremath{\\dagger}', '‡': '\\ensuremath{\\ddagger}',
  '≤': '\\ensuremath{\\le}', '≥': '\\ensuremath{\\ge}', '≠': '\\ensuremath{\\ne}',
  '≈': '\\ensuremath{\\approx}', '≃': '\\ensuremath{\\simeq}', '≡': '\\ensuremath{\\equiv}',
  '∼': '\\ensuremath{\\sim}', '∝': '\\ensuremath{\\propto}', '⪰': '\\ensuremath{\\succeq}',
  '⪯': '\\ensuremath{\\preceq}', '≪': '\\ensuremath{\\ll}', '≫': '\\ensuremath{\\gg}',
  '∈': '\\ensuremath{\\in}', '∉': '\\ensuremath{\\notin}', '⊂': '\\ensuremath{\\subset}',
  '⊆': '\\ensuremath{\\subseteq}', '∪': '\\ensuremath{\\cup}', '∩': '\\ensuremath{\\cap}',
  '∅': '\\ensuremath{\\emptyset}', '∀': '\\ensuremath{\\forall}', '∃': '\\ensuremath{\\exists}',
  '∞': '\\ensuremath{\\infty}', '∂': '\\ensuremath{\\partial}', '∇': '\\ensuremath{\\nabla}',
  '∑': '\\ensuremath{\\sum}', '∏': '\\ensuremath{\\prod}', '∫': '\\ensuremath{\\int}',
  '√': '\\ensuremath{\\surd}', '→': '\\ensuremath{\\to}', '←': '\\ensuremath{\\leftarrow}',
  '↔': '\\ensuremath{\\leftrightarrow}', '⇒': '\\ensuremath{\\Rightarrow}',
  '⇔': '\\ensuremath{\\Leftrightarrow}', '↦': '\\ensuremath{\\mapsto}',
  '⟨': '\\ensuremath{\\langle}', '⟩': '\\ensuremath{\\rangle}', '‖': '\\ensuremath{\\Vert}',
  '∥': '\\ensuremath{\\parallel}', '⊥': '\\ensuremath{\\perp}', 'ħ': '\\ensuremath{\\hbar}',
  'ℏ': '\\ensuremath{\\hbar}', 'ℓ': '\\ensuremath{\\ell}', '′': '\\ensuremath{{}^\\prime}',
  '°': '\\ensuremath{{}^\\circ}', '∗': '\\ensuremath{\\ast}', '⋆': '\\ensuremath{\\star}',
  '…': '\\ldots{}', '⋯': '\\ensuremath{\\cdots}',
  // Superscripts and subscripts common in plain-text physics
  '⁰': '\\textsuperscript{0}', '¹': '\\textsuperscript{1}', '²': '\\textsuperscript{2}',
  '³': '\\textsuperscript{3}', '⁴': '\\textsuperscript{4}', '⁵': '\\textsuperscript{5}',
  '⁶': '\\textsuperscript{6}', '⁷': '\\textsuperscript{7}', '⁸': '\\textsuperscript{8}',
  '⁹': '\\textsuperscript{9}', '⁺': '\\textsuperscript{+}', '⁻': '\\textsuperscript{\\ensuremath{-}}',
  'ⁿ': '\\textsuperscript{n}', 'ᵀ': '\\textsuperscript{T}',
  '₀': '\\textsubscript{0}', '₁': '\\textsubscript{1}', '₂': '\\textsubscript{2}',
  '₃': '\\textsubscript{3}', '₄': '\\textsubscript{4}', '₅': '\\textsubscript{5}',
  '₆': '\\textsubscript{6}', '₇': '\\textsubscript{7}', '₈': '\\textsubscript{8}',
  '₉': '\\textsubscript{9}', '₊': '\\textsubscript{+}', '₋': '\\textsubscript{\\ensuremath{-}}',
  'ₘ': '\\textsubscript{m}', 'ₙ': '\\textsubscript{n}', 'ⱼ': '\\textsubscript{j}',
  'ₖ': '\\textsubscript{k}', 'ₗ': '\\textsubscript{l}', 'ₚ': '\\textsubscript{p}',
  'ᵢ': '\\textsubscript{i}', 'ₓ': '\\textsubscript{x}',
  // Typography
  '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '•': '\\textbullet{}',
  '\u00A0': '~', '§': '\\S{}', '¶': '\\P{}', '©': '\\textcopyright{}', '®': '\\textregistered{}',
  '€': '\\texteuro{}', '£': '\\pounds{}', '½': '\\textonehalf{}', '¼': '\\textonequarter{}',
  '¾': '\\textthreequarters{}',
};

/**
 * Combining accents (ρ̄, x̂, ṗ) with the math accent used when the base is a math symbol and the
 * text accent used when it is a letter.
 */
const LATEX_COMBINING: Record<string, { math: string; text: string }> = {
  '\u0300': { math: 'grave', text: '`' },
  '\u0301': { math: 'acute', text: "'" },
  '\u0302': { math: 'hat', text: '^' },
  '\u0303': { math: 'tilde', text: '~' },
  '\u0304': { math: 'bar', text: '=' },
  '\u0305': { math: 'bar', text: '=' },
  '\u0307': { math: 'dot', text: '.' },
  '\u0308': { math: 'ddot', text: '"' },
  '\u20D7': { math: 'vec', text: '=' },
};

/** Latin Extended-A letters without a T1 glyph (ħ, ĸ, ŀ, ŉ, ŧ, ſ and capitals): read from LaTeX's t1enc.dfu. */
const LATIN_WITHOUT_T1_GLYPH = new Set([0x126, 0x127, 0x138, 0x13f, 0x140, 0x149, 0x166, 0x167, 0x17f]);

/**
 * True for characters the LaTeX kernel's utf8 input typesets itself with T1/TS1 fonts: all of
 * Latin-1 Supplement and the letters of Latin Extended-A (accented Latin, as in author names),
 * as declared in t1enc.dfu and ts1enc.dfu.
 */
function isKernelSupportedLatin(codePoint: number): boolean {
  if (codePoint >= 0xa0 && codePoint <= 0xff) return true;
  return codePoint >= 0x100 && codePoint <= 0x17f && !LATIN_WITHOUT_T1_GLYPH.has(codePoint);
}

/**
 * Text that pdflatex prints literally: every LaTeX special character becomes a command printing it,
 * common Unicode (Greek, math symbols, sub/superscripts) becomes its LaTeX command, and any other
 * character pdflatex could not typeset becomes a visible `[U+XXXX]` so a document always compiles.
 * The result contains no unescaped `\`, `{`, `}`, `%`, `#`, `$`, `&`, `^` or `_`, so untrusted text
 * can never run a command such as `\input`.
 * @example escapeLatexText('\\input{/etc/passwd} & 50%') // => '\\textbackslash{}input\\{/etc/passwd\\} \\& 50\\%'
 */
export function escapeLatexText(text: string): string {
  // One entry per source character, so a combining accent can wrap what its base became.
  const pieces: string[] = [];
  for (const ch of stripControlCharacters(text)) {
    const special = LATEX_SPECIALS[ch];
    if (special !== undefined) {
      pieces.push(special);
      continue;
    }
    const cp = ch.codePointAt(0)!;
    const accent = LATEX_COMBINING[ch];
    if (accent !== undefined) {
      const base = pieces.pop();
      const mathBase = base === undefined ? undefined : /^\\ensuremath\{(.*)\}$/.exec(base)?.[1];
      if (mathBase !== undefined) pieces.push(`\\ensuremath{\\${accent.math}{${mathBase}}}`);
      else if (base !== undefined && /^[A-Za-z]$/.test(base)) pieces.push(`\\${accent.text}{${base}}`);
      else pieces.push(...(base === undefined ? [] : [base]), `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`);
      continue;
    }
    if (cp >= 0x20 && cp < 0x7f) pieces.push(ch);
    else if (LATEX_UNICODE_COMMANDS[ch] !== undefined) pieces.push(LATEX_UNICODE_COMMANDS[ch]);
    else if (isKernelSupportedLatin(cp)) pieces.push(ch);
    else pieces.push(`[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`);
  }
  return pieces.join('');
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target if it is safe to put in an `href`: an `http:`, `https:` or `mailto:` URL, or a
 * relative reference (`#eq-3`, `reports/a.html`). Characters outside printable ASCII and those
 * with a meaning in HTML or LaTeX are percent-encoded (UTF-8). Anything else (`javascript:`, `data:`,
 * `file:`) throws `UnsafeContentError`.
 * @example safeHref('https://doi.org/10.1000/x y') // => 'https://doi.org/10.1000/x%20y'
 */
export function safeHref(href: string): string {
  const trimmed = href.trim();
  if (trimmed.length === 0) throw new UnsafeContentError('empty link target');
  // A scheme is letters/digits/+-. before the first ':' that comes before any '/', '?' or '#'.
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed);
  if (scheme && !SAFE_SCHEMES.has(scheme[1]!.toLowerCase() + ':')) {
    throw new UnsafeContentError(`link scheme not allowed: ${scheme[1]}:`);
  }
  if (!scheme && /^[^/?#]*:/.test(trimmed)) throw new UnsafeContentError(`ambiguous link target: ${trimmed}`);
  if (trimmed.startsWith('//')) throw new UnsafeContentError(`scheme-relative link not allowed: ${trimmed}`);
  let out = '';
  for (const ch of trimmed) {
    // `~`, `$`, `'`, `[`, `]` are encoded too: they are special in LaTeX and encoding an unreserved
    // character does not change what a URL means (RFC 3986 §2.3).
    if (/^[A-Za-z0-9\-._:/?#@!&()*+,;=%]$/.test(ch)) out += ch;
    else out += [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  // A stray '%' not followed by two hex digits is a literal percent sign.
  return out.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

/**
 * A safe link target (see `safeHref`) escaped for the first argument of hyperref's `\href`, which
 * may sit in a moving argument (caption, section title): `%`, `#` and `&` are escaped.
 * @example escapeLatexUrl('https://a.org/p?x=1&y=2#s%20t') // => 'https://a.org/p?x=1\\&y=2\\#s\\%20t'
 */
export function escapeLatexUrl(href: string): string {
  return safeHref(href).replace(/[%#&]/g, (c) => `\\${c}`);
}
