import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The TypeScript sources below `dir` (no `.d.ts`), as absolute paths in a stable, sorted order. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
