/**
 * A derivation document as one standalone `.tex` file for pdflatex, with the same content and the
 * same numbers as the HTML page. Only standard packages from Debian's texlive-latex-base,
 * -latex-recommended, -pictures and lmodern are used; figures are pgfplots/TikZ drawn from the
 * figure data, so no converter or external file is needed. Deterministic: no dates, and the PDF
 * itself is made reproducible too (`\pdfinfoomitdate`, `\pdftrailerid`).
 *
 * Cross-references print the numbers computed by `numberDocument` (identical to the HTML) and link
 * through `\label`s derived from those numbers; links resolve from the second pdflatex run on.
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
  type MatrixBlock,
  type Section,
  type TableBlock,
} from './document.ts';
import { escapeLatexText, escapeLatexUrl } from './escape.ts';
import { figureColourDefinitions, figureToPgfplots } from './figures-pgfplots.ts';
import { assertSafeMath } from './math-sanitizer.ts';

/** The `\label` of a numbered thing: derived from its number, so user labels never reach LaTeX. */
function anchorOf(target: LabelTarget): string {
  switch (target.kind) {
    case 'section':
      return `qb:sec-${target.number}`;
    case 'equation':
      return `qb:eq-${target.number}`;
    case 'table':
      return `qb:table-${target.number}`;
    case 'figure':
      return `qb:figure-${target.number}`;
  }
}

/**
 * LaTeX of a run of inline pieces: text escaped, math checked and set in `$…$`, references and
 * citations as hyperlinks printing the shared numbers.
 * @example renderInlineLatex([text('50% of '), math('\\rho')], numberDocument(doc)) // '50\\% of $\\rho$'
 */
export function renderInlineLatex(pieces: readonly Inline[], numbering: DocumentNumbering): string {
  return pieces
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return escapeLatexText(piece.text);
        case 'math':
          return `$${assertSafeMath(piece.latex)}$`;
        case 'emphasis':
          return `\\emph{${renderInlineLatex(piece.content, numbering)}}`;
        case 'strong':
          return `\\textbf{${renderInlineLatex(piece.content, numbering)}}`;
        case 'code':
          return `\\texttt{${escapeLatexText(piece.text)}}`;
        case 'userText':
          return userTextLatex(piece.text);
        case 'link':
          return `\\href{${escapeLatexUrl(piece.href)}}{${renderInlineLatex(piece.content, numbering)}}`;
        case 'ref': {
          const target = numbering.labels.get(piece.label);
          if (!target) throw new Error(`unresolved reference ${piece.label}`);
          // A tie keeps "Figure" and its number on one line.
          return `\\hyperref[${anchorOf(target)}]{${referenceText(target).replace(' ', '~')}}`;
        }
        case 'cite': {
          const n = numbering.citations.get(piece.key);
          if (n === undefined) throw new Error(`unresolved citation ${piece.key}`);
          return `\\hyperlink{cite-${n}}{[${n}]}`;
        }
      }
    })
    .join('');
}

/**
 * Free text from the derivation file, escaped and wrapped in `\qbusertext` (which prints its
 * argument unchanged) so that readers of the source, and the raw-math test, can tell it apart.
 */
function userTextLatex(text: string): string {
  return `\\qbusertext{${escapeLatexText(text)}}`;
}

/** Plain text for PDF bookmarks: math reduced to its letters, digits and simple symbols. */
function bookmarkText(pieces: readonly Inline[]): string {
  return pieces
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
        case 'code':
        case 'userText':
          return escapeLatexText(piece.text);
        case 'math':
          return piece.latex.replace(/\\[A-Za-z]+/g, '').replace(/[^A-Za-z0-9=+(), .-]/g, '');
        case 'emphasis':
        case 'strong':
        case 'link':
          return bookmarkText(piece.content);
        case 'ref':
        case 'cite':
          return '';
      }
    })
    .join('');
}

/** Inline content for a moving argument (section titles, captions) with a PDF-bookmark fallback. */
function titleLatex(pieces: readonly Inline[], numbering: DocumentNumbering): string {
  const rich = renderInlineLatex(pieces, numbering);
  const plain = bookmarkText(pieces);
  return rich === plain ? rich : `\\texorpdfstring{${rich}}{${plain}}`;
}

const PREAMBLE = [
  '\\documentclass[11pt,a4paper]{article}',
  '\\pdfinfoomitdate=1',
  '\\pdftrailerid{}',
  '\\usepackage[T1]{fontenc}',
  '\\usepackage{lmodern}',
  '\\usepackage[margin=2.4cm]{geometry}',
  '\\usepackage{amsmath,amssymb}',
  '\\usepackage{array,booktabs,longtable}',
  '\\usepackage{graphicx}',
  '\\usepackage{xcolor}',
  '\\usepackage{pgfplots}',
  '\\usepgfplotslibrary{groupplots}',
  '\\pgfplotsset{compat=1.18}',
  '\\usepackage[colorlinks=true, linkcolor=qblink, urlcolor=qblink, citecolor=qblink, bookmarksnumbered=true]{hyperref}',
  // Matrices of a 3-qubit network have 8 or 64 columns; amsmath allows 10 by default.
  '\\setcounter{MaxMatrixCols}{64}',
  '\\setcounter{secnumdepth}{4}',
  '\\setcounter{tocdepth}{4}',
  '\\setlength{\\parindent}{0pt}',
  '\\setlength{\\parskip}{0.55em plus 0.2em}',
  '\\definecolor{qblink}{HTML}{24508F}',
  '\\definecolor{qbpass}{HTML}{1D7A3A}',
  '\\definecolor{qbfail}{HTML}{B3261E}',
  '\\definecolor{qbinfo}{HTML}{3B5B8C}',
  '\\definecolor{qbmuted}{HTML}{5B5F66}',
  '\\definecolor{qbnumeric}{HTML}{7A5B00}',
  // Figures stay in their section: before each section, floats still waiting are set (on a page of
  // their own if need be), so none drifts past the References. placeins's \\FloatBarrier, which
  // Debian's base TeX Live lacks, reduced to its rule.
  '\\makeatletter',
  '\\newcommand{\\qbfloatbarrier}{\\par\\begingroup\\let\\@elt\\relax\\edef\\@tempa{\\@botlist\\@deferlist\\@dbldeferlist}\\ifx\\@tempa\\@empty\\else\\clearpage\\fi\\endgroup}',
  '\\makeatother',
  // Free text from the derivation file, printed as written.
  '\\newcommand{\\qbusertext}[1]{#1}',
  // A verdict badge: white small caps on the verdict's colour, fixed width so statements align.
  '\\newcommand{\\qbverdict}[2]{\\colorbox{#1}{\\makebox[2.7em]{\\textcolor{white}{\\sffamily\\bfseries\\scriptsize #2}}}}',
  // "exact"/"numeric" tag after a matrix, in text mode inside math.
  '\\newcommand{\\qbvaluekind}[2]{\\text{\\textcolor{#1}{\\sffamily\\scriptsize #2}}}',
  // Wide matrices shrink to the line width instead of running into the margin.
  '\\newcommand{\\qbfitwidth}[1]{\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{#1}}',
  // A display wider than the line less room for its tag shrinks to fit (it never runs into the margin).
  '\\newcommand{\\qbfitdisplay}[1]{\\sbox0{$\\displaystyle #1$}\\ifdim\\wd0>\\dimexpr\\linewidth-3.5em\\relax\\resizebox{\\dimexpr\\linewidth-3.5em\\relax}{!}{\\usebox0}\\else\\usebox0\\fi}',
  // Lines of prose with long unbreakable pieces (code, formulas) stretch their spaces rather than overflow.
  '\\setlength{\\emergencystretch}{3em}',
  '\\tolerance=2000',
];

function displayMathLatex(latex: string, number: number | undefined, suffix = ''): string {
  const tag = number !== undefined ? ` \\tag{${number}}\\label{${anchorOf({ kind: 'equation', number })}}` : '';
  return `\\begin{equation*}\n\\qbfitdisplay{${latex}${suffix}}${tag}\n\\end{equation*}`;
}

function matrixBlockLatex(block: MatrixBlock, number: number | undefined): string {
  const latex = assertSafeMath(matrixLatex(block));
  const columns = block.entries[0]?.length ?? 0;
  const tagColour = block.valueKind === 'numeric' ? 'qbnumeric' : 'qbmuted';
  const tagText = `${block.valueKind.toUpperCase()}${block.accuracy ? `, ${escapeLatexText(block.accuracy)}` : ''}`;
  const suffix = `\\qquad\\qbvaluekind{${tagColour}}{${tagText}}`;
  // Beyond 8 columns a matrix is set in a box scaled down to the line width if it is wider.
  const body = columns > 8 ? `\\qbfitwidth{$\\displaystyle ${latex}$}` : latex;
  return displayMathLatex(body, number, suffix);
}

function alignmentColumn(align: 'left' | 'center' | 'right' | undefined): string {
  return align === 'right' ? 'r' : align === 'center' ? 'c' : 'l';
}

function tableCaption(number: number | undefined, caption: readonly Inline[] | undefined, numbering: DocumentNumbering): string {
  if (caption === undefined || number === undefined) return '';
  return `\\caption{${titleLatex(caption, numbering)}}\\label{${anchorOf({ kind: 'table', number })}}\\\\\n`;
}

function tableLatex(block: TableBlock, numbering: DocumentNumbering): string {
  const number = numbering.tables.get(block);
  const wrapped = block.widths && block.widths.length === block.header.length ? { widths: fitWidths(block.widths), small: false } : wrappedWidths(block);
  const widths = wrapped?.widths ?? null;
  const columns = widths
    ? widths.map((w) => `>{\\raggedright\\arraybackslash}p{${Number(w.toFixed(3))}\\linewidth}`).join('')
    : block.header.map((_, i) => alignmentColumn(block.align?.[i])).join('');
  // In fixed-width columns a cell that is one formula cannot break: shrink it to the column if wider.
  const cell = (c: readonly Inline[]): string => {
    const latex = renderInlineLatex(c, numbering);
    return widths && c.length === 1 && c[0]!.kind === 'math' ? `\\qbfitwidth{${latex}}` : latex;
  };
  const row = (cells: readonly Inline[][]): string => `${cells.map(cell).join(' & ')} \\\\`;
  return [
    // No float may wait while a longtable breaks pages: longtable's output routine then overfills them.
    '\\qbfloatbarrier',
    // Columns whose unbreakable pieces do not fit the line at the text size are set in \footnotesize.
    ...(wrapped?.small ? ['\\begingroup\\footnotesize'] : []),
    `\\begin{longtable}{@{}${columns}@{}}`,
    `${tableCaption(number, block.caption, numbering)}\\toprule`,
    row(block.header),
    '\\midrule',
    ...block.rows.map(row),
    '\\bottomrule',
    '\\end{longtable}',
    ...(wrapped?.small ? ['\\endgroup'] : []),
  ].join('\n');
}

/** Characters a line of table text holds at the report's size, about (11 pt Latin Modern, 2.4 cm margins). */
const LINE_CHARACTERS = 80;

/** Roughly how many characters wide a piece of math is set (its visible symbols; commands count one). */
function mathWidth(latex: string): number {
  // Operator names are set as words (\dim, \ker, \max, \ln …); other commands are one symbol.
  return latex
    .replace(/\\(dim|ker|max|min|ln|log|exp|det|sup|inf|lim|Re|Im|sin|cos|tan|arg)(?![A-Za-z])/g, (_, name: string) => name)
    .replace(/\\[A-Za-z]+/g, 'x').replace(/[_^{}\s]/g, '').length;
}

/**
 * Roughly how many characters wide inline content is set in one line (`natural`), and its longest
 * piece that cannot break (`unbreakable`: a word, or a formula — inline math breaks only at
 * relations, so a whole formula is counted).
 */
function inlineWidths(pieces: readonly Inline[]): { natural: number; unbreakable: number } {
  let natural = 0;
  let unbreakable = 0;
  for (const p of pieces) {
    if (p.kind === 'text' || p.kind === 'code' || p.kind === 'userText') {
      natural += p.text.length;
      unbreakable = Math.max(unbreakable, ...p.text.split(/\s+/).map((w) => w.length));
    } else if (p.kind === 'math') {
      const w = mathWidth(p.latex);
      natural += w;
      // Inline math breaks after relations and binary operators.
      const pieces = p.latex.split(/=|\\le|\\ge|\\approx|\\in|[+-]|\\otimes|\\cdot/).map(mathWidth);
      unbreakable = Math.max(unbreakable, Math.min(w, Math.max(4, ...pieces)));
    } else if (p.kind === 'emphasis' || p.kind === 'strong' || p.kind === 'link') {
      const inner = inlineWidths(p.content);
      natural += inner.natural;
      unbreakable = Math.max(unbreakable, inner.unbreakable);
    } else {
      natural += 10;
      unbreakable = Math.max(unbreakable, 10);
    }
  }
  return { natural, unbreakable };
}

/**
 * Given column widths (fractions of the line) scaled down, if need be, so that with the gaps
 * between columns the table fits the line.
 */
function fitWidths(widths: readonly number[]): number[] {
  const room = 1 - ((widths.length - 1) * COLUMN_GAP_CHARACTERS) / LINE_CHARACTERS;
  const sum = widths.reduce((a, b) => a + b, 0);
  return sum <= room ? [...widths] : widths.map((w) => Math.floor((w * room * 1000) / sum) / 1000);
}

/** Characters taken by the gap between two columns (2 × 6 pt). */
const COLUMN_GAP_CHARACTERS = 2.4;

/**
 * Column widths (fractions of the line) for a table whose natural width would run past the margin,
 * or null when it fits as it is. Each column first gets its longest unbreakable piece, then the
 * room left is shared in proportion to how much more each column's widest cell needs.
 */
function wrappedWidths(block: TableBlock): { widths: number[]; small: boolean } | null {
  const cells = block.header.map((h, i) => [h, ...block.rows.map((r) => r[i] ?? [])].map(inlineWidths));
  const natural = cells.map((column) => Math.max(...column.map((c) => c.natural)));
  const least = cells.map((column) => Math.max(3, ...column.map((c) => c.unbreakable)));
  const normal = LINE_CHARACTERS - COLUMN_GAP_CHARACTERS * (natural.length - 1);
  if (natural.reduce((a, b) => a + b, 0) <= normal) return null;
  // \footnotesize (9 pt against 11 pt) holds about 11/9 as many characters on the line.
  const small = least.reduce((a, b) => a + b, 0) > normal;
  const available = small ? (LINE_CHARACTERS * 11) / 9 - COLUMN_GAP_CHARACTERS * (natural.length - 1) : normal;
  const leastSum = least.reduce((a, b) => a + b, 0);
  const extra = natural.map((n, i) => Math.max(0, n - least[i]!));
  const extraSum = extra.reduce((a, b) => a + b, 0);
  const chars = leastSum >= available
    ? least.map((w) => (w * available) / leastSum)
    : least.map((w, i) => w + (extraSum === 0 ? 0 : ((available - leastSum) * extra[i]!) / extraSum));
  const line = small ? (LINE_CHARACTERS * 11) / 9 : LINE_CHARACTERS;
  return { widths: chars.map((c) => Math.floor((c / line) * 1000) / 1000), small };
}

/**
 * The errata as a two-column longtable: each erratum a block of rows (where, then stated, derived,
 * residual and likely cause beside their names), so long formulas get most of the line instead of
 * a fifth of it.
 */
function errataLatex(block: ErrataBlock, numbering: DocumentNumbering): string {
  const number = numbering.tables.get(block);
  const [where, ...fields] = ERRATA_COLUMNS;
  const rows = block.rows.map((r, k) => {
    const cells = [r.stated, r.derived, r.residual, r.likelyCause];
    return [
      ...(k > 0 ? ['\\midrule'] : []),
      `\\multicolumn{2}{@{}>{\\raggedright\\arraybackslash}p{0.97\\linewidth}@{}}{\\textbf{${where}:} ${renderInlineLatex(r.where, numbering)}} \\\\*`,
      ...fields.map((f, i) => `\\textcolor{qbmuted}{${f}} & ${renderInlineLatex(cells[i]!, numbering)} \\\\${i < fields.length - 1 ? '*' : ''}`),
    ];
  });
  return [
    '\\qbfloatbarrier',
    '{\\small',
    '\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.15\\linewidth}>{\\raggedright\\arraybackslash}p{0.8\\linewidth}@{}}',
    `${tableCaption(number, block.caption, numbering)}\\toprule`,
    ...rows.flat(),
    '\\bottomrule',
    '\\end{longtable}}',
  ].join('\n');
}

function bibliographyEntryLatex(entry: BibliographyEntry, numbering: DocumentNumbering): string {
  const n = numbering.citations.get(entry.key)!;
  const parts = [`${escapeLatexText(entry.authors)}.`, `\\emph{${escapeLatexText(entry.title)}}.`];
  const venue = [entry.venue, entry.year].filter((p): p is string => p !== undefined).map(escapeLatexText).join(', ');
  if (venue) parts.push(`${venue}.`);
  if (entry.doi !== undefined) parts.push(`\\href{${escapeLatexUrl(doiUrl(entry.doi))}}{doi:${escapeLatexText(entry.doi)}}`);
  else if (entry.url !== undefined) parts.push(`\\href{${escapeLatexUrl(entry.url)}}{\\texttt{${escapeLatexText(entry.url)}}}`);
  return `\\item[\\hypertarget{cite-${n}}{[${n}]}] ${parts.join(' ')}`;
}

const VERDICT_COLOURS = { pass: 'qbpass', fail: 'qbfail', info: 'qbinfo' } as const;

function blockLatex(block: Block, numbering: DocumentNumbering): string {
  const inline = (pieces: readonly Inline[]): string => renderInlineLatex(pieces, numbering);
  switch (block.kind) {
    case 'paragraph':
      return `${inline(block.content)}\n`;
    case 'displayMath':
      return displayMathLatex(assertSafeMath(block.latex), numbering.equations.get(block));
    case 'matrix':
      return matrixBlockLatex(block, numbering.equations.get(block));
    case 'table':
      return tableLatex(block, numbering);
    case 'errata':
      return errataLatex(block, numbering);
    case 'figure': {
      const number = numbering.figures.get(block)!;
      // Never 'here': a float set right after a longtable is mismeasured and runs off the page.
      return [
        '\\begin{figure}[tbp]',
        '\\centering',
        figureToPgfplots(block.spec, `figure${number}`),
        `\\caption{${titleLatex(block.caption, numbering)}}\\label{${anchorOf({ kind: 'figure', number })}}`,
        '\\end{figure}',
      ].join('\n');
    }
    case 'claim': {
      const lines = [
        '\\begin{list}{}{\\setlength{\\leftmargin}{4.3em}\\setlength{\\labelwidth}{3.7em}\\setlength{\\labelsep}{0.6em}\\setlength{\\itemsep}{0pt}\\setlength{\\parsep}{0.2em}}',
        `\\item[\\qbverdict{${VERDICT_COLOURS[block.verdict]}}{${block.verdict.toUpperCase()}}] ${inline(block.statement)}`,
      ];
      if (block.value) lines.push(`\\par ${inline(block.value)}`);
      if (block.detail) lines.push(`\\par{\\footnotesize\\color{qbmuted} ${inline(block.detail)}\\par}`);
      lines.push('\\end{list}');
      return lines.join('\n');
    }
    case 'bibliography':
      return [
        // Ragged right: DOIs and URLs do not hyphenate.
        '\\begin{list}{}{\\setlength{\\leftmargin}{2.4em}\\setlength{\\labelwidth}{2em}\\setlength{\\labelsep}{0.4em}}\\raggedright',
        ...block.entries.map((e) => bibliographyEntryLatex(e, numbering)),
        '\\end{list}',
      ].join('\n');
    case 'list': {
      const env = block.ordered ? 'enumerate' : 'itemize';
      return [`\\begin{${env}}`, ...block.items.map((item) => `\\item ${inline(item)}`), `\\end{${env}}`].join('\n');
    }
  }
}

const SECTION_COMMANDS = ['section', 'subsection', 'subsubsection', 'paragraph'];

function sectionLatex(section: Section, depth: number, numbering: DocumentNumbering): string {
  const number = numbering.sections.get(section)!;
  const command = SECTION_COMMANDS[depth - 1]!;
  const heading = `\\${command}{${titleLatex(section.title, numbering)}}\\label{${anchorOf({ kind: 'section', number })}}`;
  const parts = [depth === 1 ? `\\qbfloatbarrier\n${heading}` : heading];
  parts.push(...section.blocks.map((b) => blockLatex(b, numbering)));
  parts.push(...(section.subsections ?? []).map((s) => sectionLatex(s, depth + 1, numbering)));
  return parts.join('\n\n');
}

/**
 * The complete `.tex` source of a document, compiling with `pdflatex` (run it twice for the table of
 * contents and longtable widths). Validates the document first and throws on unsafe content.
 * Deterministic: the same document gives the same bytes.
 * @example writeFileSync('reports/example-1.tex', renderDocumentLatex(doc));
 */
export function renderDocumentLatex(doc: DerivationDocument): string {
  const numbering = assertValidDocument(doc);
  const m = doc.metadata;
  const inline = (pieces: readonly Inline[]): string => renderInlineLatex(pieces, numbering);
  const title = escapeLatexText(doc.title);
  const userTitle = userTextLatex(doc.title);
  const parts = [
    ...PREAMBLE,
    ...figureColourDefinitions(),
    `\\hypersetup{pdftitle={${title}}, pdfcreator={${escapeLatexText(m.generator)}}}`,
    '',
    '\\begin{document}',
    '\\begin{center}',
    `{\\LARGE\\bfseries ${userTitle}\\par}`,
    '\\vspace{1.2em}',
    '{\\small\\begin{tabular}{@{}>{\\color{qbmuted}}l>{\\raggedright\\arraybackslash}p{0.68\\linewidth}@{}}',
    `Model & ${userTextLatex(m.modelName)} \\\\`,
    `Source file & \\texttt{${userTextLatex(m.sourceFile)}} \\\\`,
    `Generated by & ${escapeLatexText(m.generator)} \\\\`,
    '\\end{tabular}\\par}',
    '\\end{center}',
    '',
  ];
  if (doc.abstract) parts.push('\\begin{quote}\\small', `\\textbf{Summary.} ${inline(doc.abstract)}`, '\\end{quote}', '');
  if (m.conventions.length > 0) {
    parts.push('\\textbf{Conventions.}', '\\begin{itemize}\\small', ...m.conventions.map((c) => `\\item ${inline(c)}`), '\\end{itemize}', '');
  }
  if (m.notes && m.notes.length > 0) {
    parts.push('\\textbf{Notes from the derivation file.}', '\\begin{itemize}\\small', ...m.notes.map((n) => `\\item ${userTextLatex(n)}`), '\\end{itemize}', '');
  }
  parts.push('\\tableofcontents', '');
  parts.push(...doc.sections.map((s) => sectionLatex(s, 1, numbering)));
  parts.push('', '\\vfill', `{\\footnotesize\\color{qbmuted} ${escapeLatexText(m.generator)}; figures drawn with pgfplots.\\par}`, '\\end{document}', '');
  return parts.join('\n');
}
