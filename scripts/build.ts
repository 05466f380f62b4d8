/**
 * Builds the compiled package into dist/ (`npm run build`; `npm ci` runs it through `prepare`):
 * - dist/cli.js: the `qblend` command (src/cli.ts), ESM for Node 20, split into chunks so that the
 *   commands load their modules through `import()`: `--help` parses the command line without
 *   loading the derivation, KaTeX or the plots.
 * - dist/index.js: the library (src/index.ts), one platform-neutral ESM file, dependencies external.
 * - dist/explorer/explorer.js: the interactive explorer's page script with the engine inside (`buildExplorer`).
 * - dist/types/: its declarations (tsc, `.ts` import specifiers rewritten to `.js`).
 * The single adapter for `esbuild` (a development dependency). `--if-stale` skips the build when
 * every output is newer than every file under src/ and this script (`pretest` uses it).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Files whose presence means a build happened; their age decides staleness. */
const OUTPUTS = ['cli.js', 'index.js', 'types/index.d.ts', 'explorer/explorer.js'].map((f) => join(DIST, f));

/** Newest modification time (ms) of the files under `dir`. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing an output or older than a source file. */
export function distIsStale(): boolean {
  if (!OUTPUTS.every((f) => existsSync(f))) return true;
  const built = Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(newestUnder(join(ROOT, 'src')), statSync(fileURLToPath(import.meta.url)).mtimeMs, statSync(join(ROOT, 'package.json')).mtimeMs);
  return built < sources;
}

async function buildCli(): Promise<void> {
  await build({
    entryPoints: { cli: join(ROOT, 'src/cli.ts') },
    outdir: DIST,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * The library stays platform-neutral (it is meant to run in browsers): a `node:` import that remains
 * in its modules stays an external import instead of being bundled, for a consumer's bundler to report.
 */
async function buildLibrary(): Promise<void> {
  await build({
    entryPoints: { index: join(ROOT, 'src/index.ts') },
    outdir: DIST,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    external: ['node:*'],
    logLevel: 'warning',
  });
}

/**
 * The explorer's page script (dist/explorer/explorer.js, copied beside the reports by `derive
 * --explorer`): the engine (src/explorer/worker.ts: parse, derive, render) bundled for the browser as
 * a classic script, carried as the string `QBLEND_EXPLORER_WORKER` (a page opened from `file:` can
 * start a worker only from a `blob:` URL), followed by the page's own script (src/explorer/ui.ts).
 * Minified and deterministic: the same sources give the same bytes.
 */
async function buildExplorer(): Promise<void> {
  const bundle = async (entry: string): Promise<string> => {
    const r = await build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      absWorkingDir: ROOT,
      logLevel: 'warning',
    });
    return r.outputFiles[0]!.text;
  };
  const [engine, page] = await Promise.all([bundle('src/explorer/worker.ts'), bundle('src/explorer/ui.ts')]);
  mkdirSync(join(DIST, 'explorer'), { recursive: true });
  writeFileSync(join(DIST, 'explorer', 'explorer.js'), `globalThis.QBLEND_EXPLORER_WORKER=${JSON.stringify(engine)};\n${page}`);
}

/**
 * Declarations of the public API (src/index.ts and what it reaches), checked by tsc as it emits.
 * tsc keeps the sources' `./x.ts` specifiers in declarations; they become `./x.js`, which a consumer's
 * TypeScript resolves to `./x.d.ts` under every module resolution mode.
 */
function buildTypes(): void {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const args = [
    tsc, join(ROOT, 'src/index.ts'), '--declaration', '--emitDeclarationOnly', '--rewriteRelativeImportExtensions',
    '--allowImportingTsExtensions', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    '--lib', 'es2022', '--types', 'node', '--strict', '--skipLibCheck', '--isolatedModules', '--esModuleInterop',
    '--resolveJsonModule', '--rootDir', join(ROOT, 'src'), '--outDir', join(DIST, 'types'),
  ];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc (declarations) failed:\n${r.stdout}${r.stderr}`);
  for (const e of readdirSync(join(DIST, 'types'), { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.d.ts')) continue;
    const file = join(e.parentPath, e.name);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/((?:from |import\()(['"])\.{1,2}\/[^'"]*)\.ts\2/g, '$1.js$2'));
  }
}

/** Builds every output into a fresh dist/. */
export async function buildAll(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  await Promise.all([buildCli(), buildLibrary(), buildExplorer()]);
  buildTypes();
}

/** Blocks this thread for `ms` milliseconds (a lock wait in a synchronous test hook). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when it is stale, for tests that run the built CLI or pack the library. Test files
 * run in parallel processes, so one builds under a lock file while the others wait for it; a lock
 * older than two minutes is the leftover of a killed build and is taken over.
 */
export async function ensureDist(): Promise<void> {
  const lock = join(ROOT, '.dist.lock');
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { force: true });
      else sleep(200);
    }
  }
  try {
    if (distIsStale()) await buildAll();
  } finally {
    rmSync(lock, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !distIsStale()) {
    console.log('dist/ is up to date');
  } else {
    const t0 = performance.now();
    await buildAll();
    console.log(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
