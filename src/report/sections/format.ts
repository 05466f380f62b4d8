/**
 * Shared helpers of the derivation document's sections: numbers (numeric values labelled as such,
 * fixed significant digits so reports are byte-for-byte reproducible) and engine prose with `$…$`
 * math turned into inline pieces.
 */
import { findUnsafeMath } from '../math-sanitizer.ts';
import { math, text, type Inline } from '../document.ts';

/** Significant digits of numeric values printed in reports. */
export const REPORT_DIGITS = 6;

/**
 * A double as LaTeX with `digits` significant digits: `0.0123`, `1.43230 \times 10^{3}` is printed
 * `1432.3`; very small or large magnitudes use `\times 10^{k}`.
 * @example numLatex(1432.303933) // => '1432.30'
 */
export function numLatex(x: number, digits = REPORT_DIGITS): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) {
    const s = x.toPrecision(digits);
    return s.includes('e') ? String(Number(s)) : s;
  }
  const [m, e] = x.toExponential(digits - 1).split('e');
  return `${m} \\times 10^{${Number(e)}}`;
}

/** The same number as plain text (for figure legends and prose): `1.2e-5` style exponent. */
export function numText(x: number, digits = REPORT_DIGITS): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(digits)));
  const [m, e] = x.toExponential(digits - 1).split('e');
  return `${String(Number(m))}×10^${Number(e)}`;
}

/** A short number for legends, e.g. K_c values: at most 4 significant digits, no trailing zeros. */
export function shortNum(x: number): string {
  return numText(x, 4);
}

/** Inline math if the LaTeX passes the report's math policy, else its source as text (never dropped). */
export function safeMath(latex: string): Inline {
  return findUnsafeMath(latex).length === 0 ? math(latex) : text(latex);
}

const GREEK: Readonly<Record<string, string>> = {
  'α': '\\alpha', 'β': '\\beta', 'γ': '\\gamma', 'δ': '\\delta', 'ε': '\\varepsilon', 'η': '\\eta', 'κ': '\\kappa',
  'λ': '\\lambda', 'μ': '\\mu', 'ν': '\\nu', 'ρ': '\\rho', 'σ': '\\sigma', 'τ': '\\tau', 'ω': '\\omega', 'Σ': '\\sum',
};

/** Unicode math the engine writes in plain text, and its LaTeX. */
const SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['𝓛̄', '\\bar{\\mathcal{L}}'],
  ['𝓛_j', '\\mathcal{L}_j'],
  ['𝓛', '\\mathcal{L}'],
  ['ᵗ', '{}^{t}'],
  ['ᴴ', '{}^{H}'],
  ['ℝ', '\\mathbb{R}'],
  ['ỹ', '\\tilde y'],
  ['ẽ', '\\tilde e'],
  ['𝒫_*', '\\mathcal{P}_*'],
  ['𝒫', '\\mathcal{P}'],
  ['𝕊', '\\mathbb{S}'],
  ['ρ̄', '\\bar\\rho'],
  ['ρ̂', '\\hat\\rho'],
  ['L̄', '\\bar L'],
];

const SYMBOL_PATTERN = SYMBOLS.map(([u]) => u.replace(/[*]/g, '\\$&')).join('|');
/** A single letter (Latin or Greek) with a subscript `_x`, `_{…}` or `_abc`, optionally starred: λ_m, K_c*, ρ_j, V_dec. */
const SUBSCRIPT_PATTERN = `(?<![A-Za-z0-9_])([A-Za-z${Object.keys(GREEK).join('')}])_(\\{[A-Za-z0-9,+\\- ]{1,12}\\}|[A-Za-z0-9]{1,4}|[${Object.keys(GREEK).join('')}])(?![A-Za-z0-9_])(\\*?)`;
const RICH = new RegExp(`${SYMBOL_PATTERN}|${SUBSCRIPT_PATTERN}`, 'gu');

/**
 * Engine-written plain text with its Unicode math (𝓛̄, ρ̄, 𝕊, 𝒫_*) and letter subscripts (λ_m, K_c*,
 * ρ_j) turned into inline math, the rest left as text. For engine text only: user text stays text.
 * @example richText('λ_m(Q) = 3').map((p) => p.kind) // => ['math', 'text']
 */
export function richText(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(RICH)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text(s.slice(last, at)));
    const symbol = SYMBOLS.find(([u]) => u === m[0]);
    if (symbol) {
      out.push(math(symbol[1]));
    } else {
      const base = GREEK[m[1]!] ?? m[1]!;
      const sub = m[2]!.startsWith('{') ? m[2]!.slice(1, -1) : m[2]!;
      const subLatex = GREEK[sub] ?? (/^[A-Za-z]{3,}$/.test(sub) ? `\\mathrm{${sub}}` : sub);
      out.push(safeMath(`${base}_{${subLatex}}${m[3] ? '^*' : ''}`));
    }
    last = at + m[0].length;
  }
  if (last < s.length) out.push(text(s.slice(last)));
  return out;
}

/**
 * Engine prose (explanations, reasons) with `$…$` inline math → inline pieces, and its Unicode math
 * and subscripts through `richText`. Math that the policy rejects stays visible as text.
 * @example prose('a $x$ b').length // => 3
 */
export function prose(s: string): Inline[] {
  const out: Inline[] = [];
  const parts = s.split('$');
  parts.forEach((part, i) => {
    if (part.length === 0) return;
    if (i % 2 === 1 && i < parts.length - 1) out.push(safeMath(part));
    else out.push(...richText(i % 2 === 1 ? `$${part}` : part));
  });
  return out;
}

/** A numeric value with its label: `1432.30` (numeric, 6 significant digits). */
export function numericValue(x: number | null, digits = REPORT_DIGITS): Inline[] {
  if (x === null) return [text('—')];
  return [math(numLatex(x, digits)), text(' (numeric)')];
}
