/**
 * The document model: plain data describing a derivation document, independent of any output
 * format. The derivation layers build one; `renderDocumentHtml`, `renderDocumentLatex` and
 * `renderDocumentJson` turn it into files.
 *
 * Trust: every `string` typed as text (titles, names, notes, captions, labels of plots) is
 * untrusted and escaped by each renderer. Fields named `latex` hold math produced by our engine and
 * are checked by `assertSafeMath` (src/report/math-sanitizer.ts) before they are emitted; user text
 * never goes into a `latex` field. Labels (`label`, figure `id`, bibliography `key`) become HTML ids
 * and LaTeX labels, so they must match `LABEL_PATTERN`.
 */
import type { FigureSpec } from './figures.ts';
import { safeHref, UnsafeContentError } from './escape.ts';
import { findUnsafeMath } from './math-sanitizer.ts';

/** A piece of running text. */
export type Inline =
  | { kind: 'text'; text: string }
  /** Inline math, LaTeX source from our engine. */
  | { kind: 'math'; latex: string }
  | { kind: 'emphasis'; content: Inline[] }
  | { kind: 'strong'; content: Inline[] }
  | { kind: 'code'; text: string }
  /**
   * Free text from the derivation file (a label, a note): untrusted, escaped, and shown as the user
   * wrote it, never read as mathematics (`class="user-text"` in HTML).
   */
  | { kind: 'userText'; text: string }
  /** A link: `http(s):`, `mailto:` or relative only (`safeHref`). */
  | { kind: 'link'; href: string; content: Inline[] }
  /** Reference to a labelled section, equation, matrix, table or figure: prints "Section 2.1", "(3)", "Table 1", "Figure 2". */
  | { kind: 'ref'; label: string }
  /** Citation of a bibliography entry by key: prints "[1]". */
  | { kind: 'cite'; key: string };

/** Display math; numbered when it has a label or `numbered` is set. */
export interface DisplayMathBlock {
  kind: 'displayMath';
  latex: string;
  label?: string;
  numbered?: boolean;
}

/** Whether values are exact (symbolic) or numerically computed; numeric values are labelled so. */
export type ValueKind = 'exact' | 'numeric';

/** A matrix shown as `lhs = [entries]`, e.g. a steady state ρ∞. */
export interface MatrixBlock {
  kind: 'matrix';
  /** LaTeX of the left-hand side, e.g. `\rho_\infty`; omitted: the bare matrix. */
  lhs?: string;
  /** Row-major LaTeX entries; every row has the same length. */
  entries: string[][];
  /** Bracket style. Default `'bracket'` (`bmatrix`). */
  delimiter?: 'bracket' | 'paren' | 'vert';
  valueKind: ValueKind;
  /** For numeric matrices: how accurate the entries are, e.g. `entries to 1e-12`. */
  accuracy?: string;
  label?: string;
  numbered?: boolean;
}

export interface TableBlock {
  kind: 'table';
  header: Inline[][];
  rows: Inline[][][];
  /** Per-column alignment. Default left. */
  align?: Array<'left' | 'center' | 'right'>;
  /** Column widths as fractions of the line width (LaTeX wraps text in such columns; HTML ignores them). Default: natural widths. */
  widths?: number[];
  /** A captioned table is numbered ("Table 2") and may be referenced through its label. */
  caption?: Inline[];
  label?: string;
}

export interface FigureBlock {
  kind: 'figure';
  /** Unique figure id, e.g. `fig-bloch`; also its label for `ref`. */
  id: string;
  caption: Inline[];
  spec: FigureSpec;
}

export type Verdict = 'pass' | 'fail' | 'info';

/** A checked claim: a statement, the value found, and the verdict of its check. */
export interface ClaimBlock {
  kind: 'claim';
  statement: Inline[];
  /** The value found, e.g. a residual or a constant. */
  value?: Inline[];
  verdict: Verdict;
  /** How it was checked (tolerance, method), shown in small print. */
  detail?: Inline[];
}

/** One place where the paper's stated formula or value disagrees with the derivation. */
export interface ErratumRow {
  /** Where in the paper, e.g. "eq. 14" or "Example 1". */
  where: Inline[];
  stated: Inline[];
  derived: Inline[];
  residual: Inline[];
  likelyCause: Inline[];
}

/** Column titles of an errata table, in every format. */
export const ERRATA_COLUMNS = ['Where', 'Stated', 'Derived', 'Residual', 'Likely cause'] as const;

export interface ErrataBlock {
  kind: 'errata';
  rows: ErratumRow[];
  caption?: Inline[];
  label?: string;
}

export interface BibliographyEntry {
  /** Citation key for `cite`, e.g. `paper`. */
  key: string;
  authors: string;
  title: string;
  /** Journal, publisher or repository. */
  venue?: string;
  year?: string;
  doi?: string;
  url?: string;
}

export interface BibliographyBlock {
  kind: 'bibliography';
  entries: BibliographyEntry[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: Inline[][];
}

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | DisplayMathBlock
  | MatrixBlock
  | TableBlock
  | FigureBlock
  | ClaimBlock
  | ErrataBlock
  | BibliographyBlock
  | ListBlock;

export interface Section {
  title: Inline[];
  label?: string;
  blocks: Block[];
  subsections?: Section[];
}

export interface DocumentMetadata {
  /** Model name from the derivation file (untrusted). */
  modelName: string;
  /** Path of the derivation file, as given (untrusted). */
  sourceFile: string;
  /** Conventions the derivation follows (CONVENTIONS.md), one statement each. */
  conventions: Inline[][];
  /** The program that produced the document, e.g. `qblend 0.1.0`; no timestamps (outputs are reproducible). */
  generator: string;
  /** Free-form notes from the derivation file (untrusted). */
  notes?: string[];
}

export interface DerivationDocument {
  /** Untrusted plain text. */
  title: string;
  metadata: DocumentMetadata;
  abstract?: Inline[];
  sections: Section[];
}

/** Labels become HTML ids and LaTeX `\label`s; this keeps them safe in both. */
export const LABEL_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;

/** Deepest section nesting (section, subsection, subsubsection, paragraph). */
export const MAX_SECTION_DEPTH = 4;

export type LabelTarget =
  | { kind: 'section'; number: string }
  | { kind: 'equation'; number: number }
  | { kind: 'table'; number: number }
  | { kind: 'figure'; number: number };

/**
 * Numbers of everything numbered, shared by all renderers so that HTML and LaTeX print the same
 * numbers: sections "1", "1.2"; equations (display math and matrices), captioned tables and errata,
 * and figures, each counted from 1 in document order.
 */
export interface DocumentNumbering {
  /** Section number by section object. */
  sections: Map<Section, string>;
  /** Equation number by numbered display-math or matrix block. */
  equations: Map<Block, number>;
  /** Table number by captioned table or errata block. */
  tables: Map<Block, number>;
  figures: Map<FigureBlock, number>;
  /** Every label (section, equation, table, figure id) and what it names. */
  labels: Map<string, LabelTarget>;
  /** Bibliography entry number by key, in order of appearance. */
  citations: Map<string, number>;
}

/** True when a display-math or matrix block carries an equation number. */
export function isNumberedEquation(block: DisplayMathBlock | MatrixBlock): boolean {
  return block.numbered === true || block.label !== undefined;
}

/** True when a table or errata block is numbered (it has a caption). */
export function isNumberedTable(block: TableBlock | ErrataBlock): boolean {
  return block.caption !== undefined;
}

/**
 * Walks the document in order and numbers sections, equations, tables and figures; throws
 * `UnsafeContentError` on a duplicate label.
 * @example numberDocument({ title: 't', metadata: { modelName: 'm', sourceFile: 'f', conventions: [], generator: 'g' }, sections: [{ title: [], blocks: [{ kind: 'displayMath', latex: 'x', label: 'eq:x' }] }] }).labels.get('eq:x') // => { kind: 'equation', number: 1 }
 */
export function numberDocument(doc: DerivationDocument): DocumentNumbering {
  const numbering: DocumentNumbering = {
    sections: new Map(),
    equations: new Map(),
    tables: new Map(),
    figures: new Map(),
    labels: new Map(),
    citations: new Map(),
  };
  let equation = 0;
  let table = 0;
  let figure = 0;
  const addLabel = (label: string, target: LabelTarget): void => {
    if (numbering.labels.has(label)) throw new UnsafeContentError(`duplicate label ${JSON.stringify(label)}`);
    numbering.labels.set(label, target);
  };
  const walk = (sections: Section[], prefix: string): void => {
    sections.forEach((section, i) => {
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      numbering.sections.set(section, number);
      if (section.label !== undefined) addLabel(section.label, { kind: 'section', number });
      for (const block of section.blocks) {
        if ((block.kind === 'displayMath' || block.kind === 'matrix') && isNumberedEquation(block)) {
          numbering.equations.set(block, ++equation);
          if (block.label !== undefined) addLabel(block.label, { kind: 'equation', number: equation });
        } else if ((block.kind === 'table' || block.kind === 'errata') && isNumberedTable(block)) {
          numbering.tables.set(block, ++table);
          if (block.label !== undefined) addLabel(block.label, { kind: 'table', number: table });
        } else if (block.kind === 'figure') {
          numbering.figures.set(block, ++figure);
          addLabel(block.id, { kind: 'figure', number: figure });
        } else if (block.kind === 'bibliography') {
          for (const entry of block.entries) {
            if (numbering.citations.has(entry.key)) {
              throw new UnsafeContentError(`duplicate bibliography key ${JSON.stringify(entry.key)}`);
            }
            numbering.citations.set(entry.key, numbering.citations.size + 1);
          }
        }
      }
      walk(section.subsections ?? [], number);
    });
  };
  walk(doc.sections, '');
  return numbering;
}

/**
 * How a reference prints, the same in every format.
 * @example referenceText({ kind: 'equation', number: 3 }) // => '(3)'
 */
export function referenceText(target: LabelTarget): string {
  switch (target.kind) {
    case 'section':
      return `Section ${target.number}`;
    case 'equation':
      return `(${target.number})`;
    case 'table':
      return `Table ${target.number}`;
    case 'figure':
      return `Figure ${target.number}`;
  }
}

/** Every math string of a document with where it sits, in document order. */
export interface MathOccurrence {
  latex: string;
  displayMode: boolean;
  /** Human-readable location, e.g. `Section 2.1 > matrix`. */
  where: string;
}

/**
 * All math of a document (inline math, display math, matrices as rendered), in document order;
 * used to check that each one renders.
 * @example for (const { latex, where } of collectMath(doc)) check(latex, where);
 */
export function collectMath(doc: DerivationDocument): MathOccurrence[] {
  const found: MathOccurrence[] = [];
  const numbering = numberDocument(doc);
  const inline = (pieces: Inline[] | undefined, where: string): void => {
    for (const piece of pieces ?? []) {
      if (piece.kind === 'math') found.push({ latex: piece.latex, displayMode: false, where });
      else if (piece.kind === 'emphasis' || piece.kind === 'strong' || piece.kind === 'link') inline(piece.content, where);
    }
  };
  inline(doc.abstract, 'abstract');
  doc.metadata.conventions.forEach((c, i) => inline(c, `convention ${i + 1}`));
  const walk = (sections: Section[]): void => {
    for (const section of sections) {
      const at = `Section ${numbering.sections.get(section)}`;
      inline(section.title, `${at} title`);
      for (const block of section.blocks) {
        const where = `${at} > ${block.kind}`;
        switch (block.kind) {
          case 'paragraph':
            inline(block.content, where);
            break;
          case 'displayMath':
            found.push({ latex: block.latex, displayMode: true, where });
            break;
          case 'matrix':
            found.push({ latex: matrixLatex(block), displayMode: true, where });
            break;
          case 'table':
            block.header.forEach((cell) => inline(cell, where));
            block.rows.forEach((row) => row.forEach((cell) => inline(cell, where)));
            inline(block.caption, where);
            break;
          case 'figure':
            inline(block.caption, where);
            break;
          case 'claim':
            inline(block.statement, where);
            inline(block.value, where);
            inline(block.detail, where);
            break;
          case 'errata':
            for (const row of block.rows) {
              for (const cell of [row.where, row.stated, row.derived, row.residual, row.likelyCause]) inline(cell, where);
            }
            inline(block.caption, where);
            break;
          case 'list':
            block.items.forEach((item) => inline(item, where));
            break;
          case 'bibliography':
            break;
        }
      }
      walk(section.subsections ?? []);
    }
  };
  walk(doc.sections);
  return found;
}

const MATRIX_ENVIRONMENT = { bracket: 'bmatrix', paren: 'pmatrix', vert: 'vmatrix' } as const;

/**
 * The LaTeX of a matrix block, as both KaTeX and pdflatex typeset it.
 * @example matrixLatex({ kind: 'matrix', lhs: 'A', entries: [['1', '0'], ['0', '1']], valueKind: 'exact' }) // => 'A = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}'
 */
export function matrixLatex(block: MatrixBlock): string {
  const env = MATRIX_ENVIRONMENT[block.delimiter ?? 'bracket'];
  const body = block.entries.map((row) => row.join(' & ')).join(' \\\\ ');
  const matrix = `\\begin{${env}} ${body} \\end{${env}}`;
  return block.lhs !== undefined ? `${block.lhs} = ${matrix}` : matrix;
}

/**
 * Every problem that stops a document from being rendered safely and consistently: unsafe math,
 * unsafe links, malformed labels, references to unknown labels or citation keys, ragged matrices or
 * tables, sections nested too deep. Empty when the document is fine.
 * @example validateDocument({ title: 't', metadata: { modelName: 'm', sourceFile: 'f', conventions: [], generator: 'g' }, sections: [{ title: [], blocks: [{ kind: 'paragraph', content: [{ kind: 'ref', label: 'nowhere' }] }] }] }) // => ['Section 1 > paragraph: reference to unknown label "nowhere"']
 */
export function validateDocument(doc: DerivationDocument): string[] {
  const problems: string[] = [];
  let numbering: DocumentNumbering;
  try {
    numbering = numberDocument(doc);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const { latex, where } of collectMath(doc)) {
    for (const p of findUnsafeMath(latex)) problems.push(`${where}: ${p}`);
  }
  const checkLabel = (label: string | undefined, where: string): void => {
    if (label !== undefined && !LABEL_PATTERN.test(label)) {
      problems.push(`${where}: label ${JSON.stringify(label)} must match ${LABEL_PATTERN}`);
    }
  };
  const inline = (pieces: Inline[] | undefined, where: string): void => {
    for (const piece of pieces ?? []) {
      if (piece.kind === 'link') {
        try {
          safeHref(piece.href);
        } catch (e) {
          problems.push(`${where}: ${(e as Error).message}`);
        }
        inline(piece.content, where);
      } else if (piece.kind === 'emphasis' || piece.kind === 'strong') {
        inline(piece.content, where);
      } else if (piece.kind === 'ref' && !numbering.labels.has(piece.label)) {
        problems.push(`${where}: reference to unknown label ${JSON.stringify(piece.label)}`);
      } else if (piece.kind === 'cite' && !numbering.citations.has(piece.key)) {
        problems.push(`${where}: citation of unknown key ${JSON.stringify(piece.key)}`);
      }
    }
  };
  inline(doc.abstract, 'abstract');
  doc.metadata.conventions.forEach((c, i) => inline(c, `convention ${i + 1}`));
  const walk = (sections: Section[], depth: number): void => {
    for (const section of sections) {
      const at = `Section ${numbering.sections.get(section)}`;
      if (depth > MAX_SECTION_DEPTH) problems.push(`${at}: sections nest deeper than ${MAX_SECTION_DEPTH}`);
      checkLabel(section.label, at);
      inline(section.title, at);
      for (const block of section.blocks) {
        const where = `${at} > ${block.kind}`;
        switch (block.kind) {
          case 'paragraph':
            inline(block.content, where);
            break;
          case 'displayMath':
            checkLabel(block.label, where);
            break;
          case 'matrix':
            checkLabel(block.label, where);
            if (block.entries.length === 0 || block.entries.some((r) => r.length !== block.entries[0]!.length || r.length === 0)) {
              problems.push(`${where}: matrix rows must be non-empty and of equal length`);
            }
            break;
          case 'table':
            checkLabel(block.label, where);
            if (block.label !== undefined && block.caption === undefined) problems.push(`${where}: a labelled table needs a caption`);
            if (block.rows.some((r) => r.length !== block.header.length)) {
              problems.push(`${where}: every row needs ${block.header.length} cells, like the header`);
            }
            if (block.align && block.align.length !== block.header.length) {
              problems.push(`${where}: align needs one entry per column`);
            }
            block.header.forEach((c) => inline(c, where));
            block.rows.forEach((r) => r.forEach((c) => inline(c, where)));
            inline(block.caption, where);
            break;
          case 'figure':
            checkLabel(block.id, where);
            inline(block.caption, where);
            break;
          case 'claim':
            inline(block.statement, where);
            inline(block.value, where);
            inline(block.detail, where);
            break;
          case 'errata':
            checkLabel(block.label, where);
            if (block.label !== undefined && block.caption === undefined) problems.push(`${where}: labelled errata need a caption`);
            for (const row of block.rows) {
              for (const cell of [row.where, row.stated, row.derived, row.residual, row.likelyCause]) inline(cell, where);
            }
            inline(block.caption, where);
            break;
          case 'bibliography':
            for (const entry of block.entries) {
              checkLabel(entry.key, where);
              for (const href of [entry.url, entry.doi === undefined ? undefined : doiUrl(entry.doi)]) {
                if (href === undefined) continue;
                try {
                  safeHref(href);
                } catch (e) {
                  problems.push(`${where}: ${(e as Error).message}`);
                }
              }
            }
            break;
          case 'list':
            block.items.forEach((item) => inline(item, where));
            break;
        }
      }
      walk(section.subsections ?? [], depth + 1);
    }
  };
  walk(doc.sections, 1);
  return problems;
}

/**
 * Throws `UnsafeContentError` listing every problem `validateDocument` finds. Renderers call this
 * first, so a bad document never produces a half-written file.
 */
export function assertValidDocument(doc: DerivationDocument): DocumentNumbering {
  const problems = validateDocument(doc);
  if (problems.length > 0) throw new UnsafeContentError(`invalid document:\n  ${problems.join('\n  ')}`);
  return numberDocument(doc);
}

/**
 * The resolver URL of a DOI.
 * @example doiUrl('10.1103/PhysRevA.1') // => 'https://doi.org/10.1103/PhysRevA.1'
 */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}

/** Shorthand constructors for inline pieces, so content code reads like prose. */
export const text = (value: string): Inline => ({ kind: 'text', text: value });
export const math = (latex: string): Inline => ({ kind: 'math', latex });
export const emphasis = (...content: Inline[]): Inline => ({ kind: 'emphasis', content });
export const strong = (...content: Inline[]): Inline => ({ kind: 'strong', content });
export const code = (value: string): Inline => ({ kind: 'code', text: value });
export const userText = (value: string): Inline => ({ kind: 'userText', text: value });
export const link = (href: string, ...content: Inline[]): Inline => ({ kind: 'link', href, content });
export const ref = (label: string): Inline => ({ kind: 'ref', label });
export const cite = (key: string): Inline => ({ kind: 'cite', key });
