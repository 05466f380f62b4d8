/**
 * `reports/index.html`: one card per report with its title, model, links to its HTML, LaTeX and
 * JSON forms, and its key figures as inline SVG thumbnails linking to the figure in the report.
 * Self-contained and deterministic like the reports themselves.
 */
import { assertValidDocument, type DerivationDocument, type FigureBlock } from './document.ts';
import { escapeHtml, safeHref, UnsafeContentError } from './escape.ts';
import { htmlHead, renderInlineHtml, type HtmlPageOptions } from './html.ts';
import { figureToSvg } from './observable-plot-adapter.ts';

export interface IndexFigure {
  /** Number of the figure in its report (its anchor there is `#figure-<number>`). */
  number: number;
  /** The caption as HTML, references already resolved against the report. */
  captionHtml: string;
  figure: FigureBlock;
}

export interface ReportIndexEntry {
  /** Untrusted plain text. */
  title: string;
  /** Untrusted plain text. */
  modelName: string;
  /** Relative link to the HTML report, e.g. `example-1.html`. */
  href: string;
  /** Other forms of the same report, e.g. `{ label: 'LaTeX', href: 'example-1.tex' }`. */
  otherFormats: Array<{ label: string; href: string }>;
  /** The report's summary as HTML, references already linking into the report. */
  summaryHtml?: string;
  figures: IndexFigure[];
}

/**
 * The index entry of a document: its title, model and summary, and the figures named in
 * `keyFigureIds` (in that order) with their numbers. Throws if an id names no figure.
 * @example indexEntryForDocument(doc, { basename: 'example-1', keyFigureIds: ['fig:bloch'] }) // entry linking example-1.html, .tex and .json
 */
export function indexEntryForDocument(doc: DerivationDocument, options: { basename: string; keyFigureIds: string[] }): ReportIndexEntry {
  const numbering = assertValidDocument(doc);
  const href = `${options.basename}.html`;
  const figures = options.keyFigureIds.map((id) => {
    const found = [...numbering.figures.entries()].find(([block]) => block.id === id);
    if (!found) throw new UnsafeContentError(`no figure with id ${JSON.stringify(id)} in ${JSON.stringify(doc.title)}`);
    return { number: found[1], captionHtml: renderInlineHtml(found[0].caption, numbering, href), figure: found[0] };
  });
  return {
    title: doc.title,
    modelName: doc.metadata.modelName,
    href,
    otherFormats: [
      { label: 'LaTeX', href: `${options.basename}.tex` },
      { label: 'JSON', href: `${options.basename}.json` },
    ],
    summaryHtml: doc.abstract ? renderInlineHtml(doc.abstract, numbering, href) : undefined,
    figures,
  };
}

const INDEX_CSS = `
body { max-width: 68rem; }
.report-card { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem 1.3rem 1.2rem; margin: 1.4rem 0; break-inside: avoid; }
.report-card h2 { border: 0; margin: 0 0 .2rem; font-size: 1.3rem; }
.report-card .model { color: var(--muted); font-size: .92rem; margin: 0 0 .6rem; }
.report-card .formats { font-size: .9rem; margin: .4rem 0 .8rem; }
.report-card .formats a { margin-right: .9rem; }
.thumbnails { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
.thumbnails figure { margin: 0; }
.thumbnails a { display: block; color: inherit; cursor: pointer; }
.thumbnails a:hover svg, .thumbnails a:focus svg { border-color: var(--accent); }
.thumbnails svg { border: 1px solid var(--rule); border-radius: 4px; height: 13rem; width: 100%; }
.thumbnails figcaption { font-size: .8rem; }
`;

/**
 * The index page linking every report, entries in the order given. Deterministic.
 * @example writeFileSync('reports/index.html', renderIndexPage(entries, { generator: 'qblend 0.1.0' }));
 */
export function renderIndexPage(entries: readonly ReportIndexEntry[], options: { title?: string; generator: string; explorerHref?: string } & HtmlPageOptions): string {
  const title = options.title ?? 'qblend derivation reports';
  const cards = entries.map((entry, e) => {
    const href = safeHref(entry.href);
    const formats = [`<a href="${escapeHtml(href)}">HTML</a>`, ...entry.otherFormats.map((f) => `<a href="${escapeHtml(safeHref(f.href))}">${escapeHtml(f.label)}</a>`)];
    const thumbnails = entry.figures.map((f) => {
      const svg = figureToSvg(f.figure.spec, { idPrefix: `index-${e + 1}-figure-${f.number}` });
      return `<figure><a class="thumbnail-link" href="${escapeHtml(href)}#figure-${f.number}" title="Open Figure ${f.number} in the report" aria-label="Figure ${f.number} in the report">${svg}</a><figcaption><span class="caption-label">Figure ${f.number}.</span>${f.captionHtml}</figcaption></figure>`;
    });
    return [
      '<article class="report-card">',
      `<h2><a href="${escapeHtml(href)}">${escapeHtml(entry.title)}</a></h2>`,
      `<p class="model">Model: ${escapeHtml(entry.modelName)}</p>`,
      entry.summaryHtml !== undefined ? `<p>${entry.summaryHtml}</p>` : '',
      `<p class="formats">${formats.join('')}</p>`,
      thumbnails.length > 0 ? `<div class="thumbnails">${thumbnails.join('')}</div>` : '',
      '</article>',
    ]
      .filter((line) => line !== '')
      .join('\n');
  });
  return [
    '<!doctype html>',
    '<html lang="en">',
    htmlHead(title, INDEX_CSS, options),
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${entries.length} report${entries.length === 1 ? '' : 's'}. ${options.katexStylesheet === 'linked' ? 'Each opens in any browser, offline, with the folder assets/ beside it.' : 'Each is self-contained: open it in any browser, offline.'}</p>`,
    ...(options.explorerHref !== undefined
      ? [`<p class="explorer-link"><a href="${escapeHtml(safeHref(options.explorerHref))}"><strong>Interactive explorer</strong></a>: the same models computed in the browser, offline, with a live slider for the coupling gain, the theorems’ thresholds and their proofs at the chosen gain.</p>`]
      : []),
    '<main>',
    ...cards,
    '</main>',
    `<footer class="colophon">${escapeHtml(options.generator)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
