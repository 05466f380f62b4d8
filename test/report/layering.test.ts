import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The report layer renders and never computes (STYLE.md §2): it imports values only from
 * `src/core` and itself; from the derivation layers below it (model, reduced, coherent, simulate,
 * theorems, algebra) it may import *types* only (`import type`), so it can read what a derivation
 * produced but cannot run one. Each third-party library enters through its one adapter file.
 */
const reportDir = fileURLToPath(new URL('../../src/report/', import.meta.url));

const THIRD_PARTY_ADAPTERS: Record<string, string> = {
  katex: 'katex.ts',
  '@observablehq/plot': 'observable-plot-adapter.ts',
  linkedom: 'observable-plot-adapter.ts',
};

interface ImportLine {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(source: string): ImportLine[] {
  return [...source.matchAll(/^\s*(import|export)\s+(type\s)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    specifier: m[3]!,
    typeOnly: m[2] !== undefined,
  }));
}

const TYPE_ONLY_LAYERS = /^\.\.\/(model|reduced|coherent|simulate|theorems|algebra)\/[a-z0-9-]+\.ts$/;

describe('src/report layering', () => {
  const files = readdirSync(reportDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports values only from src/core and src/report, types from the layers below', (file) => {
    const depth = file.split('/').length - 1;
    for (const { specifier: raw, typeOnly } of importsOf(readFileSync(join(reportDir, file), 'utf8'))) {
      if (raw.startsWith('node:')) continue;
      // Normalise a path from a subfolder of src/report to one relative to src/report itself.
      const specifier = depth > 0 && raw.startsWith('../'.repeat(depth)) ? `./${raw.slice(3 * depth)}`.replace(/^\.\/\.\.\//, '../') : raw;
      if (specifier.startsWith('.')) {
        if (typeOnly && TYPE_ONLY_LAYERS.test(specifier)) continue;
        expect(specifier, `${file} imports ${raw}${typeOnly ? ' (type)' : ''}`).toMatch(/^\.\/[a-z0-9-/]+\.ts$|^\.\.\/core\/[a-z0-9-]+\.ts$/);
        continue;
      }
      expect(THIRD_PARTY_ADAPTERS[raw], `${file} imports ${raw}`).toBe(file);
    }
  });
});
