/**
 * The committed src/report/katex-assets.ts against a fresh build from the installed KaTeX (a stale
 * module, e.g. after a KaTeX upgrade, fails).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KATEX_ASSETS_TS, katexAssetsModuleSource } from '../../scripts/build-katex-assets.ts';

describe('katex-assets.ts', () => {
  it('is built from the installed KaTeX (run `npx tsx scripts/build-katex-assets.ts` after upgrading KaTeX)', () => {
    expect(readFileSync(KATEX_ASSETS_TS, 'utf8')).toBe(katexAssetsModuleSource());
  });
});
