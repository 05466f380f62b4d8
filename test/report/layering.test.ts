import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The report layer renders and never computes (STYLE.md §2): for now it imports only `src/core`
 * and itself, and each third-party library enters through its one adapter file.
 */
const reportDir = fileURLToPath(new URL('../../src/report/', import.meta.url));

const THIRD_PARTY_ADAPTERS: Record<string, string> = {
  katex: 'katex.ts',
  '@observablehq/plot': 'observable-plot-adapter.ts',
  linkedom: 'observable-plot-adapter.ts',
};

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('src/report layering', () => {
  const files = readdirSync(reportDir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only src/core, src/report, node: builtins and its own adapter library', (file) => {
    for (const specifier of importsOf(readFileSync(join(reportDir, file), 'utf8'))) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[a-z0-9-]+\.ts$|^\.\.\/core\/[a-z0-9-]+\.ts$/);
        continue;
      }
      expect(THIRD_PARTY_ADAPTERS[specifier], `${file} imports ${specifier}`).toBe(file);
    }
  });
});
