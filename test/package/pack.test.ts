/**
 * The library as a user gets it: `npm pack`, the tarball installed into an empty folder, and a short
 * ESM script (and a TypeScript consumer) importing `qblend` there. `derive(model).toJSON()` must be
 * byte-identical to the JSON the CLI wrote into reports/ for the same file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDist } from '../../scripts/build.ts';
import { REPO } from '../support/model-cli.ts';

const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

let work: string;
let consumer: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(async () => {
  await ensureDist();
  work = mkdtempSync(join(tmpdir(), 'qblend-pack-'));
  // dist/ is fresh (ensureDist), so `prepare` need not run again inside npm pack.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: REPO, encoding: 'utf8' });
  packed = JSON.parse(out)[0];
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', join(work, packed.filename), ...NPM_QUIET], { cwd: consumer, encoding: 'utf8' });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The first line where two texts differ (1-based, both versions), or null when they are identical. */
function firstDifference(got: string, want: string): string | null {
  if (got === want) return null;
  const a = got.split('\n');
  const b = want.split('\n');
  const k = a.findIndex((line, i) => line !== b[i]);
  const at = k === -1 ? a.length : k;
  return `line ${at + 1}: library ${JSON.stringify(a[at])}, CLI ${JSON.stringify(b[at])}`;
}

describe('npm pack → npm install → import', () => {
  it('the tarball carries the build, the bin and the package metadata only', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/qblend.js', 'dist/cli.js', 'dist/index.js', 'dist/types/index.d.ts']));
    for (const p of paths) expect(p).toMatch(/^(package\.json|README\.md|LICENSE|bin\/qblend\.js|dist\/.+\.(js|d\.ts))$/);
  });

  it("an ESM script's derive(…).toJSON() equals the CLI's JSON of Example 1 byte for byte", () => {
    const script = [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "import { parseModel, derive } from 'qblend';",
      '',
      'const [source, out] = process.argv.slice(2);',
      "const model = parseModel(readFileSync(source, 'utf8'), 'derivations/example-1.yaml');",
      'const derivation = derive(model);',
      'writeFileSync(out, derivation.toJSON());',
    ].join('\n');
    writeFileSync(join(consumer, 'example.mjs'), script);
    const out = join(work, 'example-1.json');
    execFileSync(process.execPath, ['example.mjs', join(REPO, 'derivations/example-1.yaml'), out], { cwd: consumer, encoding: 'utf8' });
    expect(firstDifference(readFileSync(out, 'utf8'), readFileSync(join(REPO, 'reports/example-1.json'), 'utf8'))).toBeNull();
  });

  it('the installed qblend bin runs the compiled CLI', () => {
    const out = execFileSync(join(consumer, 'node_modules/.bin/qblend'), ['check', join(REPO, 'derivations/example-1.yaml')], { cwd: consumer, encoding: 'utf8' });
    expect(out).toMatch(/^OK .*example-1\.yaml: example-1 — 3 qubits/);
  });

  it('a TypeScript consumer type-checks against the shipped declarations', () => {
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        "import { parseModel, derive, type NetworkModel } from 'qblend';",
        "const model: NetworkModel = parseModel('qubits: 1\\ngraph: complete\\nhamiltonian: sz(1)\\ninitial: {product: [\"|0><0|\"]}\\n');",
        'const json: string = derive(model).toJSON();',
        'export const qubits: number = model.qubits + json.length;',
      ].join('\n'),
    );
    // No @types/node and no skipLibCheck: the declarations must stand on their own.
    const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [] };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const run = (): string => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: consumer, encoding: 'utf8' });
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? e);
      }
    };
    expect(run()).toBe('');
  });
});
