/**
 * A derivation document as one self-contained HTML page: math rendered by KaTeX at build time,
 * KaTeX's CSS and fonts inlined (fonts as data URIs), figures inlined as SVG, and a
 * Content-Security-Policy that allows no script, no network and no external resource at all, so
 * even an escaping mistake could not run code. The same document always gives the same bytes.
 */
import {
  assertValidDocument,
  doiUrl,
  ERRATA_COLUMNS,
  matrixLatex,
  referenceText,
  type BibliographyEntry,
  type Block,
  type DerivationDocument,
  type DocumentNumbering,
  type ErrataBlock,
  type Inline,
  type LabelTarget,
  type Section,
  type TableBlock,
} from './document.ts';
import { escapeHtml, safeHref } from './escape.ts';
import { katexStylesheetWithEmbeddedFonts, KATEX_VERSION, renderMathHtml } from './katex.ts';
import { figureToSvg } from './observable-plot-adapter.ts';

/** No scripts, no network: styles and fonts are inline, images are data URIs. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The policy of a page that links KaTeX's stylesheet beside it (`assets/katex.css`): the same, plus
 * stylesheets from the page's own origin (the fonts inside that stylesheet are data URIs).
 */
export const LINKED_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Where the KaTeX stylesheet (with its fonts) that several pages share sits, relative to them; its
 * bytes are `katexStylesheetWithEmbeddedFonts()`.
 */
export const SHARED_KATEX_STYLESHEET = 'assets/katex.css';

/**
 * How a page gets KaTeX's stylesheet: inlined (`'embedded'`, the default: one self-contained file,
 * about 370 KB of fonts) or linked to `SHARED_KATEX_STYLESHEET` written once beside the pages.
 */
export type KatexStylesheet = 'embedded' | 'linked';

export interface HtmlPageOptions {
  /** Default `'embedded'`. */
  katexStylesheet?: KatexStylesheet;
}

/** Anchor id of whatever a label names; shared by references and the table of contents. */
function anchorOf(target: LabelTarget): string {
  switch (target.kind) {
    case 'section':
      return `sec-${target.number}`;
    case 'equation':
      return `eq-${target.number}`;
    case 'table':
      return `table-${target.number}`;
    case 'figure':
      return `figure-${target.number}`;
  }
}

/**
 * HTML of a run of inline pieces: text escaped, math through KaTeX, references and citations as
 * links to their anchors. `numbering` resolves references (from `numberDocument`);
 * `anchorBase` prefixes those links when the HTML goes into another page (the index).
 * @example renderInlineHtml([text('a < b'), math('x')], numberDocument(doc))
 */
export function renderInlineHtml(pieces: readonly Inline[], numbering: DocumentNumbering, anchorBase = ''): string {
  const base = anchorBase === '' ? '' : escapeHtml(safeHref(anchorBase));
  return pieces
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return escapeHtml(piece.text);
        case 'math':
          return renderMathHtml(piece.latex, { displayMode: false });
        case 'emphasis':
          return `<em>${renderInlineHtml(piece.content, numbering, anchorBase)}</em>`;
        case 'strong':
          return `<strong>${renderInlineHtml(piece.content, numbering, anchorBase)}</strong>`;
        case 'code':
          return `<code>${escapeHtml(piece.text)}</code>`;
        case 'userText':
          return `<span class="user-text">${escapeHtml(piece.text)}</span>`;
        case 'link': {
          const href = safeHref(piece.href);
          const external = /^[a-z]+:/i.test(href) ? ' rel="noopener noreferrer"' : '';
          return `<a href="${escapeHtml(href)}"${external}>${renderInlineHtml(piece.content, numbering, anchorBase)}</a>`;
        }
        case 'ref': {
          const target = numbering.labels.get(piece.label);
          if (!target) throw new Error(`unresolved reference ${piece.label}`);
          return `<a class="ref" href="${base}#${anchorOf(target)}">${escapeHtml(referenceText(target))}</a>`;
        }
        case 'cite': {
          const n = numbering.citations.get(piece.key);
          if (n === undefined) throw new Error(`unresolved citation ${piece.key}`);
          return `<a class="cite" href="${base}#cite-${n}">[${n}]</a>`;
        }
      }
    })
    .join('');
}

/** Print-friendly page style; KaTeX's own stylesheet comes before it. */
const PAGE_CSS = `
:root { --ink: #1d1d1f; --muted: #5b5f66; --rule: #d5d8dc; --accent: #24508f; --pass: #1d7a3a; --fail: #b3261e; --info: #3b5b8c; }
* { box-sizing: border-box; }
html { font-size: 17px; }
body { margin: 0 auto; max-width: 52rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font-family: "Latin Modern Roman", "Computer Modern Serif", Georgia, "DejaVu Serif", serif; line-height: 1.55;
  overflow-wrap: break-word; }
h1, h2, h3, h4, h5 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; line-height: 1.25; color: #111; }
h1 { font-size: 1.9rem; margin: 0 0 .6rem; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; }
h4, h5 { font-size: 1rem; margin: 1.4rem 0 .5rem; }
.section-number { color: var(--muted); margin-right: .55em; font-variant-numeric: tabular-nums; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em; background: #f3f4f6; padding: .05em .3em; border-radius: 3px; }
.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; font-size: .92rem; }
.metadata dt { color: var(--muted); }
.metadata dd { margin: 0; overflow-wrap: anywhere; }
.abstract { margin: 1.4rem 0; padding: .8rem 1.1rem; background: #f7f8fa; border-left: 3px solid var(--accent); }
.abstract h2, .conventions h2, .notes h2, .toc h2 { font-size: 1rem; border: 0; margin: 0 0 .4rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.conventions, .notes { margin: 1.2rem 0; font-size: .95rem; }
.toc { margin: 1.6rem 0 2rem; padding: .9rem 1.1rem; border: 1px solid var(--rule); border-radius: 4px; font-size: .95rem; }
.toc ol { list-style: none; margin: 0; padding-left: 1.2rem; }
.toc > ol { padding-left: 0; }
.toc .section-number { display: inline-block; min-width: 2.2em; }
.equation { display: flex; align-items: center; gap: 1rem; margin: 1rem 0; }
.equation-body { flex: 1; overflow-x: auto; overflow-y: hidden; }
.equation-number { color: var(--muted); font-variant-numeric: tabular-nums; }
.value-kind { display: inline-block; font: .72rem "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; letter-spacing: .03em;
  padding: .1rem .45rem; border-radius: 3px; border: 1px solid var(--rule); color: var(--muted); white-space: nowrap; }
.value-kind-name { text-transform: uppercase; letter-spacing: .05em; }
.value-kind.numeric { border-color: #d8a200; color: #7a5b00; background: #fff8e1; }
.katex-display { margin: 0; }
.table-block { margin: 1.4rem 0; overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: auto; min-width: 50%; max-width: 100%; margin: 0 auto; font-size: .95rem; }
td, th { overflow-wrap: anywhere; }
td .katex, th .katex { white-space: normal; }
.errata table { table-layout: fixed; width: 100%; }
.errata col.where { width: 13%; } .errata col.stated, .errata col.derived { width: 22%; } .errata col.residual { width: 17%; } .errata col.cause { width: 26%; }
caption { caption-side: top; text-align: left; padding-bottom: .5rem; font-size: .92rem; }
thead th { border-top: 2px solid #333; border-bottom: 1px solid #333; padding: .35rem .7rem; text-align: left; font-weight: 600; }
tbody td { padding: .3rem .7rem; vertical-align: top; }
tbody tr:last-child td { border-bottom: 2px solid #333; }
.align-center { text-align: center !important; }
.align-right { text-align: right !important; font-variant-numeric: tabular-nums; }
.errata td { font-size: .9rem; }
.caption-label { font-weight: 600; margin-right: .3em; }
figure { margin: 1.8rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-width: 100%; margin: 0 auto; }
.figure-label { font: 11px "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; line-height: 18px; white-space: nowrap; }
.figure-label-center { text-align: center; }
.figure-label-bold { font-weight: bold; font-size: 12px; }
.figure-label .katex { font-size: 1.15em; }
figcaption { font-size: .92rem; margin-top: .5rem; color: #333; }
.claim { display: flex; gap: .9rem; align-items: flex-start; margin: .8rem 0; padding: .6rem .9rem; border: 1px solid var(--rule); border-left-width: 4px; border-radius: 3px; break-inside: avoid; }
.claim-pass { border-left-color: var(--pass); }
.claim-fail { border-left-color: var(--fail); background: #fdf3f2; }
.claim-info { border-left-color: var(--info); }
.verdict { flex: none; font: 700 .75rem "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; letter-spacing: .06em; padding: .2rem .5rem; border-radius: 3px; color: #fff; margin-top: .15rem; }
.claim-pass .verdict { background: var(--pass); }
.claim-fail .verdict { background: var(--fail); }
.claim-info .verdict { background: var(--info); }
.claim p { margin: 0; }
.claim .claim-value { margin-top: .25rem; }
.claim .claim-detail { margin-top: .25rem; font-size: .85rem; color: var(--muted); }
.bibliography { padding-left: 2.2rem; font-size: .95rem; }
.bibliography li { margin: .3rem 0; }
.colophon { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--rule); font-size: .8rem; color: var(--muted); }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .toc { break-after: page; }
  .claim, .equation, table { break-inside: avoid; }
}
@page { size: A4; margin: 2cm; }
`;

/** The `<head>` every qblend page shares: charset, CSP, title, KaTeX and page styles. */
export function htmlHead(title: string, extraCss = '', options: HtmlPageOptions = {}): string {
  const linked = options.katexStylesheet === 'linked';
  return [
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(linked ? LINKED_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    linked ? `<link rel="stylesheet" href="${SHARED_KATEX_STYLESHEET}">` : `<style>${katexStylesheetWithEmbeddedFonts()}</style>`,
    `<style>${PAGE_CSS}${extraCss}</style>`,
    '</head>',
  ].join('\n');
}

function renderBlockHtml(block: Block, numbering: DocumentNumbering): string {
  const inline = (pieces: readonly Inline[]): string => renderInlineHtml(pieces, numbering);
  switch (block.kind) {
    case 'paragraph':
      return `<p>${inline(block.content)}</p>`;
    case 'displayMath':
    case 'matrix': {
      const latex = block.kind === 'matrix' ? matrixLatex(block) : block.latex;
      const number = numbering.equations.get(block);
      const id = number !== undefined ? ` id="eq-${number}"` : '';
      const kind =
        block.kind === 'matrix'
          ? `<span class="value-kind ${block.valueKind}"><span class="value-kind-name">${block.valueKind}</span>${block.accuracy ? ` · ${escapeHtml(block.accuracy)}` : ''}</span>`
          : '';
      const numberHtml = number !== undefined ? `<span class="equation-number">(${number})</span>` : '';
      return `<div class="equation"${id}><div class="equation-body">${renderMathHtml(latex, { displayMode: true })}</div>${kind}${numberHtml}</div>`;
    }
    case 'table':
      return renderTableHtml(block, numbering);
    case 'errata':
      return renderErrataHtml(block, numbering);
    case 'figure': {
      const number = numbering.figures.get(block)!;
      const svg = figureToSvg(block.spec, { idPrefix: `figure-${number}-svg` });
      return `<figure id="figure-${number}">${svg}<figcaption><span class="caption-label">Figure ${number}.</span>${inline(block.caption)}</figcaption></figure>`;
    }
    case 'claim': {
      const value = block.value ? `<p class="claim-value">${inline(block.value)}</p>` : '';
      const detail = block.detail ? `<p class="claim-detail">${inline(block.detail)}</p>` : '';
      return `<div class="claim claim-${block.verdict}"><span class="verdict">${block.verdict.toUpperCase()}</span><div class="claim-body"><p class="claim-statement">${inline(block.statement)}</p>${value}${detail}</div></div>`;
    }
    case 'bibliography':
      return `<ol class="bibliography">${block.entries.map((e) => renderBibliographyEntryHtml(e, numbering)).join('')}</ol>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`;
    }
  }
}

function captionHtml(label: string, number: number | undefined, caption: readonly Inline[] | undefined, numbering: DocumentNumbering): string {
  if (!caption) return '';
  return `<caption><span class="caption-label">${label} ${number}.</span>${renderInlineHtml(caption, numbering)}</caption>`;
}

function renderTableHtml(block: TableBlock, numbering: DocumentNumbering): string {
  const number = numbering.tables.get(block);
  const alignClass = (i: number): string => {
    const a = block.align?.[i] ?? 'left';
    return a === 'left' ? '' : ` class="align-${a}"`;
  };
  const head = `<thead><tr>${block.header.map((h, i) => `<th${alignClass(i)}>${renderInlineHtml(h, numbering)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${block.rows.map((row) => `<tr>${row.map((c, i) => `<td${alignClass(i)}>${renderInlineHtml(c, numbering)}</td>`).join('')}</tr>`).join('')}</tbody>`;
  const id = number !== undefined ? ` id="table-${number}"` : '';
  return `<div class="table-block"${id}><table>${captionHtml('Table', number, block.caption, numbering)}${head}${body}</table></div>`;
}

function renderErrataHtml(block: ErrataBlock, numbering: DocumentNumbering): string {
  const number = numbering.tables.get(block);
  const columns = `<colgroup>${['where', 'stated', 'derived', 'residual', 'cause'].map((c) => `<col class="${c}">`).join('')}</colgroup>`;
  const head = `${columns}<thead><tr>${ERRATA_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead>`;
  const body = block.rows
    .map((r) => `<tr>${[r.where, r.stated, r.derived, r.residual, r.likelyCause].map((c) => `<td>${renderInlineHtml(c, numbering)}</td>`).join('')}</tr>`)
    .join('');
  const id = number !== undefined ? ` id="table-${number}"` : '';
  return `<div class="table-block errata"${id}><table>${captionHtml('Table', number, block.caption, numbering)}${head}<tbody>${body}</tbody></table></div>`;
}

function renderBibliographyEntryHtml(entry: BibliographyEntry, numbering: DocumentNumbering): string {
  const n = numbering.citations.get(entry.key)!;
  const parts = [`${escapeHtml(entry.authors)}.`, `<em>${escapeHtml(entry.title)}</em>.`];
  const venue = [entry.venue, entry.year].filter((p): p is string => p !== undefined).map(escapeHtml).join(', ');
  if (venue) parts.push(`${venue}.`);
  if (entry.doi !== undefined) {
    parts.push(`<a href="${escapeHtml(safeHref(doiUrl(entry.doi)))}" rel="noopener noreferrer">doi:${escapeHtml(entry.doi)}</a>`);
  } else if (entry.url !== undefined) {
    parts.push(`<a href="${escapeHtml(safeHref(entry.url))}" rel="noopener noreferrer">${escapeHtml(entry.url)}</a>`);
  }
  return `<li id="cite-${n}">${parts.join(' ')}</li>`;
}

function renderSectionHtml(section: Section, depth: number, numbering: DocumentNumbering): string {
  const number = numbering.sections.get(section)!;
  const level = Math.min(depth + 1, 6);
  const heading = `<h${level} id="sec-${number}"><span class="section-number">${number}</span>${renderInlineHtml(section.title, numbering)}</h${level}>`;
  const blocks = section.blocks.map((b) => renderBlockHtml(b, numbering));
  const subsections = (section.subsections ?? []).map((s) => renderSectionHtml(s, depth + 1, numbering));
  return `<section>\n${heading}\n${[...blocks, ...subsections].join('\n')}\n</section>`;
}

function renderTocHtml(sections: readonly Section[], numbering: DocumentNumbering): string {
  if (sections.length === 0) return '';
  const items = sections.map((s) => {
    const number = numbering.sections.get(s)!;
    const sub = renderTocHtml(s.subsections ?? [], numbering);
    return `<li><a href="#sec-${number}"><span class="section-number">${number}</span>${renderInlineHtml(s.title, numbering)}</a>${sub}</li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

/**
 * Sections as an HTML fragment for a page that has its own head and KaTeX stylesheet (the explorer):
 * numbered and validated as the document of these sections alone, so their references resolve among
 * them. Deterministic like `renderDocumentHtml`.
 */
export function renderSectionsHtml(sections: readonly Section[]): string {
  const numbering = assertValidDocument({ title: 'fragment', metadata: { modelName: '', sourceFile: '', conventions: [], generator: '' }, sections: [...sections] });
  return sections.map((s) => renderSectionHtml(s, 1, numbering)).join('\n');
}

/**
 * The complete HTML page of a document, self-contained unless `options.katexStylesheet` is
 * `'linked'`. Validates the document first (`assertValidDocument`) and throws on unsafe or
 * inconsistent content. Deterministic: the same document gives the same bytes.
 * @example writeFileSync('reports/example-1.html', renderDocumentHtml(doc));
 */
export function renderDocumentHtml(doc: DerivationDocument, options: HtmlPageOptions = {}): string {
  const numbering = assertValidDocument(doc);
  const m = doc.metadata;
  const inline = (pieces: readonly Inline[]): string => renderInlineHtml(pieces, numbering);
  const metadata = [
    ['Model', `<span class="user-text">${escapeHtml(m.modelName)}</span>`],
    ['Source file', `<code class="user-text">${escapeHtml(m.sourceFile)}</code>`],
    ['Generated by', escapeHtml(m.generator)],
  ]
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
    .join('');
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    htmlHead(doc.title, '', options),
    '<body>',
    '<header>',
    `<h1 class="user-text">${escapeHtml(doc.title)}</h1>`,
    `<dl class="metadata">${metadata}</dl>`,
    '</header>',
  ];
  if (doc.abstract) parts.push(`<div class="abstract"><h2>Summary</h2><p>${inline(doc.abstract)}</p></div>`);
  if (m.conventions.length > 0) {
    parts.push(`<div class="conventions"><h2>Conventions</h2><ul>${m.conventions.map((c) => `<li>${inline(c)}</li>`).join('')}</ul></div>`);
  }
  if (m.notes && m.notes.length > 0) {
    parts.push(`<div class="notes"><h2>Notes from the derivation file</h2><ul>${m.notes.map((n) => `<li class="user-text">${escapeHtml(n)}</li>`).join('')}</ul></div>`);
  }
  parts.push(`<nav class="toc" aria-label="Contents"><h2>Contents</h2>${renderTocHtml(doc.sections, numbering)}</nav>`);
  parts.push('<main>');
  parts.push(...doc.sections.map((s) => renderSectionHtml(s, 1, numbering)));
  parts.push('</main>');
  parts.push(`<footer class="colophon">${escapeHtml(m.generator)} · math typeset with KaTeX ${escapeHtml(KATEX_VERSION)} · figures drawn with Observable Plot</footer>`);
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
