/**
 * The only entry point of KaTeX (STYLE.md §2: one adapter per third-party library). Math is
 * rendered at build time, so a report needs no script to show its formulas.
 */
import katex from 'katex';
import { KATEX_STYLESHEET_WITH_EMBEDDED_FONTS } from './katex-assets.ts';
import { collectMath, type DerivationDocument } from './document.ts';
import { assertSafeMath } from './math-sanitizer.ts';

/**
 * KaTeX settings of every report: errors throw (a report never shows a red error box), strict
 * LaTeX only (what KaTeX accepts, pdflatex accepts), no trusted commands (`\href`, `\includegraphics`,
 * `\htmlClass` are refused), and a bounded macro expansion.
 */
const KATEX_OPTIONS = {
  throwOnError: true,
  strict: 'error',
  trust: false,
  output: 'htmlAndMathml',
  maxExpand: 1000,
  maxSize: 20,
} as const;

/**
 * KaTeX HTML (with MathML for screen readers) of a math string, after `assertSafeMath`. Throws on
 * unsafe math or on anything KaTeX cannot render.
 * @example renderMathHtml('\\frac{2}{3}', { displayMode: false }).startsWith('<span class="katex">') // => true
 */
export function renderMathHtml(latex: string, options: { displayMode: boolean }): string {
  // KaTeX is a pure function of (latex, options): a report repeats many formulas (K_c, η, the
  // constants' symbols in every table and walkthrough), so each is rendered once per process.
  const key = `${options.displayMode ? 'D' : 'I'}${latex}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(assertSafeMath(latex), { ...KATEX_OPTIONS, displayMode: options.displayMode });
  if (rendered.size >= MAX_RENDERED) rendered.clear();
  rendered.set(key, html);
  return html;
}

/** Rendered formulas kept for reuse (bounded: a long run over many models does not grow without end). */
const MAX_RENDERED = 20_000;
const rendered = new Map<string, string>();

export interface MathRenderFailure {
  latex: string;
  where: string;
  message: string;
}

/**
 * Renders every math string of a document (inline, display and matrices) with the report
 * settings and returns the ones that fail, with where they sit and why. Empty when all render.
 * @example for (const f of findMathRenderFailures(doc)) console.error(`${f.where}: ${f.message}`);
 */
export function findMathRenderFailures(doc: DerivationDocument): MathRenderFailure[] {
  const failures: MathRenderFailure[] = [];
  for (const { latex, displayMode, where } of collectMath(doc)) {
    try {
      renderMathHtml(latex, { displayMode });
    } catch (e) {
      failures.push({ latex, where, message: (e as Error).message });
    }
  }
  return failures;
}

/**
 * KaTeX's stylesheet with every font embedded as a base64 woff2 data URI (woff and ttf sources
 * dropped), so a page using it needs no network and no files beside it. Same bytes on every call.
 * Built from the installed KaTeX by scripts/build-katex-assets.ts into katex-assets.ts, so that
 * nothing here reads files (the report layer runs in a browser).
 */
export function katexStylesheetWithEmbeddedFonts(): string {
  return KATEX_STYLESHEET_WITH_EMBEDDED_FONTS;
}

/** The KaTeX version the report was rendered with, for the document's colophon. */
export const KATEX_VERSION: string = katex.version;
