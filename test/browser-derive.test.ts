/**
 * The library runs in a browser, not only bundles for one: src/index.ts is bundled by esbuild for
 * the browser (every dependency inside, no Node built-in), loaded from the file system into headless
 * Chromium with no server and no network, and `derive(parseModel(…)).toJSON()` of Example 1 is
 * computed in the page, with no console error and no request beyond the page and its bundle.
 *
 * It equals the same derivation run under Node (what the CLI writes) in every key, string and boolean,
 * and in every number to 1e-8 relative or 1e-12 absolute — not bit for bit: the engines' elementary
 * functions differ in the last bit (Chromium 156's Math.exp, log, sin, cos, atan2 disagree with Node
 * 20's on about 1 in 10 arguments), the eq. 4 trajectories at K_c* ~ 10⁴ amplify that to the
 * double-precision floor u·‖𝓛‖·T (≈ 1e-11 here), and a number printed to 10 significant digits may
 * then round the other way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withChromiumPage } from './support/report-browser.ts';
import { derive } from '../src/api/derive.ts';
import { parseModel } from '../src/model/parse.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Differences between two JSON values: anything but a number must be equal, numbers to 1e-8 relative or 1e-12. */
function compareJson(a: unknown, b: unknown, path: string, out: string[]): string[] {
  if (out.length >= 10) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-8 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12) out.push(`${path}: ${a} ≠ ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => compareJson(x, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    if (ka.join('\u0000') !== Object.keys(b).join('\u0000')) out.push(`${path}: keys differ`);
    else for (const k of ka) compareJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)?.slice(0, 60)} ≠ ${JSON.stringify(b)?.slice(0, 60)}`);
  }
  return out;
}

describe('derive in a browser', () => {
  it('Example 1 in headless Chromium gives the JSON of the same derivation under Node (numbers to 1e-8)', async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'qblend-browser-'));
    try {
      await build({
        entryPoints: [join(ROOT, 'src/index.ts')],
        bundle: true,
        platform: 'browser',
        format: 'iife',
        globalName: 'qblend',
        outfile: join(dir, 'qblend.js'),
        logLevel: 'silent',
      });
      const file = 'derivations/example-1.yaml';
      const text = readFileSync(join(ROOT, file), 'utf8');
      writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="qblend.js"></script>');
      const page = pathToFileURL(join(dir, 'index.html')).href;
      const { json, errors, requests } = await withChromiumPage(async (p, errors) => {
        const requests: string[] = [];
        p.on('request', (r) => requests.push(r.url()));
        await p.goto(page, { waitUntil: 'load', timeout: 60_000 });
        const json = await p.evaluate(([t, f]) => {
          const q = (globalThis as unknown as { qblend: typeof import('../src/index.ts') }).qblend;
          return q.derive(q.parseModel(t, f)).toJSON();
        }, [text, file] as const);
        return { json, errors, requests };
      });
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(pathToFileURL(dir).href))).toEqual([]);
      const inNode = derive(parseModel(text, file)).toJSON();
      const mismatches = compareJson(JSON.parse(json), JSON.parse(inNode), '', []);
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
