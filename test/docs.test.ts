import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceFiles } from './support/source-files.ts';

/**
 * Runnable documentation (STYLE.md §5, after mathjs's doc.test.js): every TSDoc `@example` line in
 * src/ that ends in `// => value` is evaluated with all of src's exports in scope and compared with
 * the stated value (a JS literal). Examples without `// =>` are illustrations and are not run.
 */
const SRC = join(import.meta.dirname, '..', 'src');

/** Modules that run a program when imported (the CLI entry and commands, the explorer page script) are not loaded. */
const NOT_IMPORTED = [/^cli\.ts$/, /^cli\//, /^explorer\/ui\.ts$/];

interface DocExample {
  file: string;
  line: number;
  expression: string;
  expected: string;
}

function collectExamples(files: string[]): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, k) => {
      const m = /@example\s+(.*?)\s*\/\/\s*=>\s*(.+?)\s*(?:\*\/)?\s*$/.exec(text);
      if (m) examples.push({ file: relative(SRC, file), line: k + 1, expression: m[1], expected: m[2] });
    });
  }
  return examples;
}

const files = sourceFiles(SRC).filter((f) => !NOT_IMPORTED.some((re) => re.test(relative(SRC, f))));
const examples = collectExamples(sourceFiles(SRC));

/** All of src's exports, with the example's own module taking precedence on name clashes. */
async function exportsInScope(ownFile: string): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = {};
  for (const f of files) {
    const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (!(name in scope)) scope[name] = value;
  }
  const own = (await import(pathToFileURL(join(SRC, ownFile)).href)) as Record<string, unknown>;
  return { ...scope, ...own };
}

describe('runnable @example lines in src/', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line}`, e] as const))('%s', async (_where, example) => {
    const scope = await exportsInScope(example.file);
    const names = Object.keys(scope);
    const evaluate = new Function(...names, `return (${example.expression});`) as (...args: unknown[]) => unknown;
    const value = evaluate(...names.map((n) => scope[n]));
    // The stated value is a literal (JSON or JS: '…' strings, arrays, numbers, booleans).
    const expected: unknown = new Function(`return (${example.expected});`)();
    expect(value).toEqual(expected);
  });
});
