/**
 * The "where does it live" table of docs/ARCHITECTURE.md: every equation, theorem and figure of the
 * paper the issue names (eqs. 4, 5, 6, 13, 14, 17, Theorems 1–4, Figs. 1–7) and the errata map to
 * exactly one source file, the file exists, and its comments cite the entry (`eq. 17`, `eqs. 4, 5`,
 * `Theorem 3`, `Figs. 1–3`, `errata`; case-insensitive). Comments are read through the TypeScript
 * parser, so a string literal that mentions an equation does not count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The entries the table must have, in order. */
const REQUIRED = [
  ...[4, 5, 6, 13, 14, 17].map((k) => `eq. ${k}`),
  ...[1, 2, 3, 4].map((k) => `Theorem ${k}`),
  ...[1, 2, 3, 4, 5, 6, 7].map((k) => `Fig. ${k}`),
  'Errata §4',
  'Errata §5',
];

interface Row {
  entry: string;
  file: string;
}

/** Rows `| entry | what | \`file\` |` of the table under the heading "## Where does it live". */
export function parseWhereTable(markdown: string): Row[] {
  const start = markdown.indexOf('## Where does it live');
  if (start < 0) throw new Error('no "## Where does it live" section');
  const rest = markdown.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  const rows: Row[] = [];
  for (const line of end < 0 ? rest : rest.slice(0, end)) {
    const m = /^\|\s*([^|]+?)\s*\|.*\|\s*`([^`]+)`\s*\|\s*$/.exec(line);
    if (m) rows.push({ entry: m[1], file: m[2] });
  }
  return rows;
}

/** The text of every comment of a TypeScript source (leading and trailing trivia of every node). */
export function commentText(file: string, text: string): string {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const seen = new Set<number>();
  const out: string[] = [];
  const take = (ranges: ts.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      out.push(text.slice(r.pos, r.end));
    }
  };
  const visit = (n: ts.Node): void => {
    take(ts.getLeadingCommentRanges(text, n.pos));
    take(ts.getTrailingCommentRanges(text, n.end));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  take(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  return out.join('\n');
}

/** "1–3" → 1, 2, 3; "4, 5 and 17" → 4, 5, 17. */
function numbersOf(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*(?:,|\band\b|\bor\b)\s*/)) {
    const range = /^(\d+)\s*(?:[–-]|\bto\b)\s*(\d+)$/.exec(part.trim());
    if (range) for (let k = Number(range[1]); k <= Number(range[2]); k++) out.push(k);
    else if (/^\d+$/.test(part.trim())) out.push(Number(part.trim()));
  }
  return out;
}

const LIST = String.raw`(\d+(?:\s*(?:,|\band\b|\bor\b|[–-]|\bto\b)\s*\d+)*)`;
const KINDS: Record<string, RegExp> = {
  eq: new RegExp(String.raw`\b(?:eqs?\.|equations?)\s*\(?${LIST}`, 'gi'),
  theorem: new RegExp(String.raw`\btheorems?\s+${LIST}`, 'gi'),
  fig: new RegExp(String.raw`\b(?:figs?\.|figures?)\s*${LIST}`, 'gi'),
};

/** Whether a comment text cites a table entry ("eq. 17", "Theorem 3", "Fig. 6", "Errata §5"). */
export function cites(comments: string, entry: string): boolean {
  if (/^errata\b/i.test(entry)) return /\berrat(?:a|um)\b/i.test(comments);
  const m = /^(eq\.|Theorem|Fig\.)\s*(\d+)$/.exec(entry);
  if (!m) throw new Error(`unknown entry ${entry}`);
  const re = KINDS[m[1] === 'eq.' ? 'eq' : m[1] === 'Theorem' ? 'theorem' : 'fig'];
  const k = Number(m[2]);
  for (const hit of comments.matchAll(re)) if (numbersOf(hit[1]).includes(k)) return true;
  return false;
}

describe('docs/ARCHITECTURE.md: where does it live', () => {
  const rows = parseWhereTable(readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8'));

  it('has one row for each equation, theorem, figure and the errata, in order', () => {
    expect(rows.map((r) => r.entry)).toEqual(REQUIRED);
  });

  it.each(rows.map((r) => [r.entry, r.file]))('%s → %s: the file exists and its comments cite it', (entry, file) => {
    const path = join(ROOT, file);
    expect(existsSync(path), `${file} does not exist`).toBe(true);
    expect(cites(commentText(file, readFileSync(path, 'utf8')), entry), `${file} does not cite ${entry} in a comment`).toBe(true);
  });

  it('reads citation lists and ranges, and ignores strings', () => {
    const text = [
      '/** Trajectories of eqs. 4, 5 and 17; figures 1–3; Theorems 1-2. */',
      "const s = 'eq. 13 and Fig. 6';",
      '// the errata of §5',
    ].join('\n');
    const c = commentText('x.ts', text);
    for (const e of ['eq. 4', 'eq. 5', 'eq. 17', 'Fig. 1', 'Fig. 2', 'Fig. 3', 'Theorem 1', 'Theorem 2', 'Errata §5']) expect(cites(c, e), e).toBe(true);
    for (const e of ['eq. 6', 'eq. 13', 'Fig. 6', 'Theorem 3', 'eq. 1']) expect(cites(c, e), e).toBe(false);
  });
});
