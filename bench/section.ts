/** A benchmark section: registered in run.ts, selected by name or tag on the command line. */
export interface BenchArgs {
  /** Bare flags such as `--n10` (without the dashes). */
  flags: Set<string>;
  /** `--key=value` options. */
  options: Map<string, string>;
}

export type BenchCell = string | number;
export type BenchRow = Record<string, BenchCell>;

export interface BenchTable {
  title: string;
  rows: BenchRow[];
  /** Free-text lines printed under the table (conventions, caveats). */
  notes?: string[];
}

export interface BenchSection {
  /** Short name used by the CLI filter, e.g. `eq4`. */
  name: string;
  tags?: string[];
  description: string;
  run(args: BenchArgs, report: (table: BenchTable) => void): Promise<void>;
}

/** Numeric option with a default. */
export function numberOption(args: BenchArgs, key: string, fallback: number): number {
  const v = args.options.get(key);
  return v === undefined ? fallback : Number(v);
}
