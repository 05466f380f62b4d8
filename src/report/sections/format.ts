/**
 * Shared helpers of the derivation document's sections: numbers (numeric values labelled as such,
 * fixed significant digits so reports are byte-for-byte reproducible) and engine prose with `$…$`
 * math turned into inline pieces.
 */
import { findUnsafeMath } from '../math-sanitizer.ts';
import { math, text, type Block, type DerivationDocument, type Inline, type Section } from '../document.ts';
import { renderMathHtml } from '../katex.ts';
import { splitPlainMath } from '../plain-math.ts';

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
  return `${String(Number(m))}×10^{${Number(e)}}`;
}

/** A short number for legends, e.g. K_c values: at most 4 significant digits, no trailing zeros. */
export function shortNum(x: number): string {
  return numText(x, 4);
}

/** Inline math if the LaTeX passes the report's math policy, else its source as text (never dropped). */
export function safeMath(latex: string): Inline {
  return findUnsafeMath(latex).length === 0 ? math(latex) : text(latex);
}

/**
 * Engine-written plain text with its mathematics (‖ρ_j − ρ̄‖_F, C₀ = √(…), λ_m, K_c*, e^{−μt})
 * turned into inline math (`splitPlainMath`), the rest left as text. A run that KaTeX cannot
 * typeset stays visible as written rather than failing the report. For engine text only: user text
 * stays text.
 * @example richText('λ_m(Q) = 3').map((p) => p.kind) // => ['math']
 */
export function richText(s: string): Inline[] {
  return splitPlainMath(s).map((piece) => {
    if (piece.kind === 'text') return text(piece.text);
    if (findUnsafeMath(piece.latex).length > 0) return text(piece.source);
    try {
      renderMathHtml(piece.latex, { displayMode: false });
      return math(piece.latex);
    } catch {
      return text(piece.source);
    }
  });
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

/**
 * The document with the mathematics of every engine text piece typeset (`richText`): paragraphs,
 * titles, table cells, captions, claims, errata, lists, the summary. Free text from the derivation
 * file is a `userText` piece (or the title and metadata) and is left as written.
 */
export function typesetPlainMath(doc: DerivationDocument): DerivationDocument {
  const run = (pieces: readonly Inline[]): Inline[] =>
    pieces.flatMap((p): Inline[] => {
      switch (p.kind) {
        case 'text':
          return richText(p.text);
        case 'emphasis':
        case 'strong':
        case 'link':
          return [{ ...p, content: run(p.content) }];
        default:
          return [p];
      }
    });
  const optional = (pieces: readonly Inline[] | undefined): Inline[] | undefined => (pieces === undefined ? undefined : run(pieces));
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'paragraph':
        return { ...b, content: run(b.content) };
      case 'table':
        return { ...b, header: b.header.map(run), rows: b.rows.map((r) => r.map(run)), ...(b.caption ? { caption: run(b.caption) } : {}) };
      case 'figure':
        return { ...b, caption: run(b.caption) };
      case 'claim':
        return { ...b, statement: run(b.statement), ...(b.value ? { value: run(b.value) } : {}), ...(b.detail ? { detail: run(b.detail) } : {}) };
      case 'errata':
        return {
          ...b,
          rows: b.rows.map((r) => ({ where: run(r.where), stated: run(r.stated), derived: run(r.derived), residual: run(r.residual), likelyCause: run(r.likelyCause) })),
          ...(b.caption ? { caption: run(b.caption) } : {}),
        };
      case 'list':
        return { ...b, items: b.items.map(run) };
      default:
        return b;
    }
  };
  const section = (s: Section): Section => ({
    ...s,
    title: run(s.title),
    blocks: s.blocks.map(block),
    ...(s.subsections ? { subsections: s.subsections.map(section) } : {}),
  });
  return {
    ...doc,
    metadata: { ...doc.metadata, conventions: doc.metadata.conventions.map(run) },
    ...(doc.abstract ? { abstract: optional(doc.abstract) } : {}),
    sections: doc.sections.map(section),
  };
}
