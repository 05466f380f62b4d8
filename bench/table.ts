import type { BenchCell, BenchTable } from './section.ts';

/** Fixed significant digits for floats; integers and strings as they are. */
export function formatCell(v: BenchCell): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return v.toPrecision(4);
}

/**
 * A plain-text table: header, rule, right-aligned cells.
 * @example formatTable({ title: 't', rows: [{ a: 1, b: 'x' }] }).split('\n').length // => 5
 */
export function formatTable(table: BenchTable): string {
  const cols: string[] = [];
  for (const row of table.rows) for (const k of Object.keys(row)) if (!cols.includes(k)) cols.push(k);
  const cells = table.rows.map((row) => cols.map((c) => (row[c] === undefined ? '' : formatCell(row[c]))));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(width[i])).join('  ');
  const out = [`## ${table.title}`, line(cols), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  for (const n of table.notes ?? []) out.push(`  ${n}`);
  return out.join('\n');
}
