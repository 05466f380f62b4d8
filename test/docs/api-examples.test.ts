/**
 * Every function the public API exports (src/index.ts) carries an executable example: a TSDoc
 * `@example` line ending in `// => value`, which test/docs.test.ts runs and which the API reference
 * (`npm run docs:api` → docs/api/) shows under the function.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Names of the functions exported by src/index.ts whose docblock has no `@example … // => …` line. */
function functionsWithoutExample(): { functions: number; missing: string[] } {
  const entry = join(ROOT, 'src/index.ts');
  const program = ts.createProgram([entry], { allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error('src/index.ts not found');
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error('src/index.ts is not a module');
  let functions = 0;
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.find(ts.isFunctionDeclaration);
    if (declaration === undefined) continue;
    functions++;
    const runnable = ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example' && /\/\/\s*=>/.test(ts.getTextOfJSDocComment(tag.comment) ?? ''));
    if (!runnable) missing.push(exported.name);
  }
  return { functions, missing: missing.sort() };
}

describe('public API examples', () => {
  it('every function exported by src/index.ts has a runnable @example', () => {
    const { functions, missing } = functionsWithoutExample();
    expect(functions).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
