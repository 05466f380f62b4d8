/**
 * The layering of docs/ARCHITECTURE.md (STYLE.md §2), enforced on the import lines of src/**.ts:
 *
 *   core <- algebra, numeric (peers: never import each other) <- model <- reduced, coherent
 *        <- simulate <- theorems <- derivation <- report <- api <- cli;   src/index.ts re-exports api and below.
 *
 * - ALLOWED below is the machine-readable `layers` block of docs/ARCHITECTURE.md; a test fails when
 *   the two differ, so the document and this test cannot drift.
 * - report renders: its *value* imports come only from core and report itself; `import type` from
 *   any layer in REPORT_TYPE_SOURCES is allowed (plain data types, erased at run time).
 * - no import cycle between source files (type-only imports excluded: they vanish at run time).
 * - each third-party library is imported from exactly one file (katex → report/katex.ts, any other
 *   runtime package: one file of its choosing), and only runtime `dependencies` of package.json may
 *   be imported at all (a devDependency such as mathjs is for tests and benches).
 * - relative imports name their `.ts` file.
 * Node built-ins are the subject of test/browser-safety.test.ts (none below cli).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const LAYERS = ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation', 'report', 'api', 'explorer', 'cli', 'index'] as const;
type Layer = (typeof LAYERS)[number];

/** Layers each layer may value-import (its own layer is always allowed). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: [],
  algebra: ['core'],
  numeric: ['core'],
  model: ['core', 'algebra'],
  reduced: ['core', 'algebra', 'numeric', 'model'],
  coherent: ['core', 'algebra', 'numeric', 'model'],
  simulate: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent'],
  theorems: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate'],
  derivation: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems'],
  report: ['core'],
  api: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation', 'report'],
  explorer: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation', 'report', 'api'],
  cli: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation', 'report', 'api', 'explorer'],
  index: ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation', 'report', 'api'],
};

/** Layers whose types (only) report may import. */
const REPORT_TYPE_SOURCES: readonly Layer[] = ['core', 'algebra', 'numeric', 'model', 'reduced', 'coherent', 'simulate', 'theorems', 'derivation'];

/** Libraries with a prescribed adapter file. */
const ADAPTERS: Record<string, string> = {
  katex: 'src/report/katex.ts',
};

/**
 * The `layers` fenced block of a markdown text: `layer: a b c` lines (`#` comments), returned as the
 * allowed table plus the `report-types` line.
 * @example parseLayerBlock('```layers\ncore:\nalgebra: core\n```').allowed.algebra // => ['core']
 */
export function parseLayerBlock(markdown: string): { allowed: Record<string, string[]>; reportTypes: string[] } {
  const m = /^```layers\n([\s\S]*?)^```/m.exec(markdown);
  if (!m) throw new Error('no ```layers block');
  const allowed: Record<string, string[]> = {};
  let reportTypes: string[] = [];
  for (const raw of m[1].split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const [name, rest] = line.split(':');
    const list = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
    if (name.trim() === 'report-types') reportTypes = list;
    else allowed[name.trim()] = list;
  }
  return { allowed, reportTypes };
}

export interface ImportEdge {
  from: string;
  specifier: string;
  typeOnly: boolean;
}

/** Import/export-from/dynamic-import specifiers of one source text (comments stripped first). */
export function scanImports(file: string, text: string): ImportEdge[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: ImportEdge[] = [];
  const fromRe = /\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?)\s+from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(fromRe)) out.push({ from: file, specifier: m[3], typeOnly: m[2] !== undefined });
  for (const m of code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) out.push({ from: file, specifier: m[1], typeOnly: false });
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ from: file, specifier: m[1], typeOnly: false });
  return out;
}

export function layerOf(file: string): Layer | null {
  if (file === 'src/index.ts') return 'index';
  if (file === 'src/cli.ts') return 'cli';
  const m = /^src\/([^/]+)\//.exec(file);
  if (!m) return null;
  return (LAYERS as readonly string[]).includes(m[1]) && m[1] !== 'index' ? (m[1] as Layer) : null;
}

const BUILTINS = new Set(builtinModules);

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * All violations for a set of source files (paths relative to the repository, e.g. `src/model/x.ts`);
 * with `runtimePackages`, also every imported package that is not among them. Pure, so a unit test
 * can feed it a synthetic bad tree.
 */
export function checkArchitecture(files: ReadonlyMap<string, string>, runtimePackages?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  const thirdParty = new Map<string, Set<string>>();
  for (const [file, text] of files) {
    const layer = layerOf(file);
    if (layer === null) problems.push(`${file}: not in a known layer directory`);
    graph.set(file, []);
    for (const edge of scanImports(file, text)) {
      const spec = edge.specifier;
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec));
        if (!target.startsWith('src/')) continue;
        if (!/\.(ts|json)$/.test(target)) problems.push(`${file}: relative import '${spec}' must name its .ts file`);
        const to = layerOf(target);
        if (layer !== null && to !== null && to !== layer) {
          const ok = ALLOWED[layer].includes(to) || (layer === 'report' && edge.typeOnly && REPORT_TYPE_SOURCES.includes(to));
          if (!ok) problems.push(`${file}: forbidden edge ${layer} -> ${to} (imports ${spec})`);
        }
        if (!edge.typeOnly) graph.get(file)?.push(target);
      } else if (!spec.startsWith('node:') && !BUILTINS.has(packageName(spec))) {
        const pkg = packageName(spec);
        if (!thirdParty.has(pkg)) thirdParty.set(pkg, new Set());
        thirdParty.get(pkg)?.add(file);
      }
    }
  }
  for (const [pkg, users] of thirdParty) {
    if (runtimePackages !== undefined && !runtimePackages.has(pkg)) {
      problems.push(`${pkg} is imported from ${[...users].sort().join(', ')} but is not a runtime dependency in package.json`);
    }
    const adapter = ADAPTERS[pkg];
    if (adapter !== undefined) {
      for (const u of users) if (u !== adapter) problems.push(`${u}: imports ${pkg}, which only ${adapter} may import`);
    } else if (users.size > 1) {
      problems.push(`${pkg} is imported from ${users.size} files (${[...users].sort().join(', ')}); use one adapter file`);
    }
  }
  problems.push(...findCycles(graph));
  return problems;
}

/** Import cycles among files (Tarjan's strongly connected components; each SCC > 1 file reported). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      for (;;) {
        const w = stack.pop() as string;
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (comp.length > 1 || selfLoop) out.push(`import cycle: ${comp.sort().join(' <-> ')}`);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function runtimeDependencies(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.dependencies ?? {}));
}

describe('architecture', () => {
  it('src/** respects the layering, adapters and runtime dependencies, and has no import cycle', () => {
    const files = new Map<string, string>();
    for (const p of sourceFiles(join(ROOT, 'src'))) files.set(relative(ROOT, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    expect(files.size).toBeGreaterThan(10);
    expect(checkArchitecture(files, runtimeDependencies())).toEqual([]);
  });

  it('the layer table is the `layers` block of docs/ARCHITECTURE.md', () => {
    const doc = parseLayerBlock(readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8'));
    expect(doc.allowed).toEqual(Object.fromEntries(LAYERS.map((l) => [l, [...ALLOWED[l]]])));
    expect(doc.reportTypes).toEqual([...REPORT_TYPE_SOURCES]);
  });

  it('every layer directory under src/ is a layer of the table', () => {
    const dirs = readdirSync(join(ROOT, 'src')).filter((d) => statSync(join(ROOT, 'src', d)).isDirectory());
    for (const d of dirs) expect(LAYERS, d).toContain(d);
  });

  it('the checker catches a synthetic forbidden edge, a peer edge, a cycle, a second importer and a devDependency', () => {
    const files = new Map<string, string>([
      ['src/core/a.ts', "export const a = 1;\n"],
      ['src/algebra/x.ts', "import { n } from '../numeric/y.ts';\nimport { eigs } from 'mathjs';\n"],
      ['src/numeric/y.ts', "export const n = 1;\n"],
      ['src/model/m.ts', "import { r } from '../report/r.ts';\n"],
      ['src/report/r.ts', "import type { M } from '../model/m.ts';\nimport { z } from '../model/z.ts';\nexport const r = 1;\n"],
      ['src/model/z.ts', "import {\n  w,\n} from './w.ts';\nexport const z = 1;\n"],
      ['src/model/w.ts', "import { z } from './z.ts';\nexport const w = 1;\n"],
      ['src/report/katex.ts', "import katex from 'katex';\n"],
      ['src/reduced/q.ts', "import { c } from '../coherent/c.ts';\n"],
      ['src/coherent/c.ts', "export const c = 1;\n"],
      ['src/report/html.ts', "// import katex from 'katex'; (a comment, ignored)\nimport * as k from 'katex';\nimport { readFileSync } from 'node:fs';\n"],
    ]);
    const problems = checkArchitecture(files, new Set(['katex']));
    expect(problems).toContain('src/algebra/x.ts: forbidden edge algebra -> numeric (imports ../numeric/y.ts)');
    expect(problems).toContain('mathjs is imported from src/algebra/x.ts but is not a runtime dependency in package.json');
    expect(problems).toContain('src/model/m.ts: forbidden edge model -> report (imports ../report/r.ts)');
    expect(problems).toContain('src/report/r.ts: forbidden edge report -> model (imports ../model/z.ts)');
    expect(problems).toContain('src/report/html.ts: imports katex, which only src/report/katex.ts may import');
    expect(problems).toContain('import cycle: src/model/w.ts <-> src/model/z.ts');
    expect(problems).toContain('src/reduced/q.ts: forbidden edge reduced -> coherent (imports ../coherent/c.ts)');
    // the type-only report -> model import is allowed, and the comment is not an import
    expect(problems.filter((p) => p.includes("'../model/m.ts'") || p.includes('(imports ../model/m.ts)'))).toEqual([]);
    expect(problems.filter((p) => p.startsWith('src/report/html.ts'))).toHaveLength(1);
    expect(problems).toHaveLength(7);
  });

  it('scans multi-line, export-from, side-effect and dynamic imports', () => {
    const edges = scanImports('src/x/a.ts', [
      "import {\n  a,\n  b,\n} from './a.ts';",
      "export { c } from './c.ts';",
      "export * from './d.ts';",
      "import 'katex/contrib/mhchem.js';",
      "const m = await import('./e.ts');",
      "import type { T } from './t.ts';",
    ].join('\n'));
    expect(edges.map((e) => [e.specifier, e.typeOnly])).toEqual([
      ['./a.ts', false],
      ['./c.ts', false],
      ['./d.ts', false],
      ['./t.ts', true],
      ['katex/contrib/mhchem.js', false],
      ['./e.ts', false],
    ]);
  });
});
