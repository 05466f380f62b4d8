/**
 * Browser safety (STYLE.md §7, docs/ARCHITECTURE.md § Layers): nothing below cli imports a Node
 * built-in or uses a Node global, so everything below `cli/` runs unchanged in a browser.
 *
 * - Static: every src file except src/cli/** and src/cli.ts is parsed with the TypeScript compiler
 *   (so comments and strings never count) and may neither import a built-in module (`node:*` or a
 *   name of `builtinModules`) nor refer to `process`, `Buffer`, `require`, `__dirname`, `__filename`
 *   as free identifiers (property names such as `x.process` are fine).
 * - Bundle: `src/index.ts` is bundled by esbuild with `platform: 'browser'` (nothing written) and
 *   the build must succeed without any Node built-in being resolved.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './support/source-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules);
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename']);

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);
}

/** True when `id` is a name slot (property, member, key), not a reference to a variable. */
function isNameSlot(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === id) return true;
  if (ts.isEnumMember(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) return p.name === id;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  return false;
}

/** Node built-in imports and Node-global references of one source text. */
export function nodeUsage(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const at = (n: ts.Node): string => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const visit = (n: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) spec = n.moduleSpecifier;
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) spec = n.arguments[0];
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) spec = n.moduleReference.expression;
    if (spec !== undefined && ts.isStringLiteralLike(spec) && isBuiltin(spec.text)) out.push(`${at(n)} imports ${spec.text}`);
    if (ts.isIdentifier(n) && NODE_GLOBALS.has(n.text) && !isNameSlot(n)) out.push(`${at(n)} uses ${n.text}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const belowCli = (file: string): boolean => !(file === 'src/cli.ts' || file.startsWith('src/cli/'));

describe('browser safety below cli', () => {
  it('the scanner sees imports and globals, not comments, strings or property names', () => {
    const text = [
      "// import fs from 'node:fs'; process.exit(1)",
      "import { readFileSync } from 'node:fs';",
      "import os from 'os';",
      "const s = 'the interchange process';",
      "const t = `Buffer ${1}`;",
      'const o = { process: 1 }; o.process;',
      'export const r = require.resolve("x");',
      "const m = await import('node:path');",
      'const b = Buffer.from("x");',
    ].join('\n');
    expect(nodeUsage('src/x/a.ts', text)).toEqual([
      'src/x/a.ts:2 imports node:fs',
      'src/x/a.ts:3 imports os',
      'src/x/a.ts:7 uses require',
      'src/x/a.ts:8 imports node:path',
      'src/x/a.ts:9 uses Buffer',
    ]);
  });

  it('no src file below cli imports a Node built-in or uses a Node global', () => {
    const problems: string[] = [];
    for (const p of sourceFiles(join(ROOT, 'src'))) {
      const file = relative(ROOT, p).split('\\').join('/');
      if (belowCli(file)) problems.push(...nodeUsage(file, readFileSync(p, 'utf8')));
    }
    expect(problems).toEqual([]);
  });

  it('src/index.ts bundles for the browser with no Node built-in resolved', async () => {
    const { build } = await import('esbuild');
    const resolvedBuiltins: string[] = [];
    let buildError: string | null = null;
    await build({
      entryPoints: [join(ROOT, 'src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'record-node-builtins',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (isBuiltin(args.path)) resolvedBuiltins.push(`${args.path} (from ${relative(ROOT, args.importer)})`);
              return undefined;
            });
          },
        },
      ],
    }).catch((e: unknown) => {
      buildError = (e as Error).message.split('\n').slice(0, 3).join(' ');
    });
    expect({ resolvedBuiltins, buildError }).toEqual({ resolvedBuiltins: [], buildError: null });
  });
});
