/**
 * Facts below, sentences above (STYLE.md §7; docs/ARCHITECTURE.md): the derivation layers return
 * structured facts and src/report writes the prose around them. Every src file outside src/report/
 * and src/cli/ is parsed with the TypeScript compiler (comments never count) and no string or
 * template literal may contain `$…$` inline math: a `$` not followed by `{`, then text, then a closing
 * `$` (not followed by `{` either). Substitutions `${…}` of a template count as text, so `` `$${x}$` `` is inline math.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const INLINE_MATH = /\$(?!\{)[^$\n]+\$(?!\{)/;
/** Where a substitution `${…}` stood in a template literal (no `$`, so it reads as text). */
const SUBSTITUTION = '\u2022';

/**
 * Known exceptions, each with its reason: `file` and the literal's source text. None: an exception
 * added here must say why its sentence cannot move up to src/report.
 */
const KNOWN: readonly { readonly file: string; readonly literal: string }[] = [];

/** The text of a string or template literal, substitutions as one placeholder character. */
function literalText(n: ts.Node): string | null {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text + n.templateSpans.map((s) => SUBSTITUTION + s.literal.text).join('');
  return null;
}

/** `file:line: literal` for each string or template literal of one source text that holds inline math. */
export function inlineMathLiterals(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    const text = literalText(n);
    if (text !== null) {
      const literal = n.getText(sf);
      if (INLINE_MATH.test(text) && !KNOWN.some((k) => k.file === file && k.literal === literal)) {
        out.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${literal.slice(0, 100)}`);
      }
      // A template's substitutions may hold literals of their own.
      if (ts.isTemplateExpression(n)) n.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('facts below report/, sentences in report/', () => {
  it('the scanner finds inline math in strings and templates, not in comments, `${…}` or regular expressions', () => {
    const found = inlineMathLiterals('x.ts', [
      "const a = 'the term $x$';",
      'const b = `here $${latex}$ with ${n}`;',
      '// a comment with $x$',
      "const c = '$1 and ${y}'.replace(/(e|$)/, '$1');",
      'const d = `${a}${b} costs $5`;',
      'const e = f(`${g(`$\\\\mu$`)}`);',
    ].join('\n'));
    expect(found).toEqual(['x.ts:1: \'the term $x$\'', 'x.ts:2: `here $${latex}$ with ${n}`', 'x.ts:6: `$\\\\mu$`']);
  });

  it('no string or template literal outside src/report/ and src/cli/ contains $…$ inline math', () => {
    const files = sourceFiles(join(ROOT, 'src'))
      .map((p) => relative(ROOT, p).split('\\').join('/'))
      .filter((f) => !f.startsWith('src/report/') && !f.startsWith('src/cli/'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => inlineMathLiterals(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('each known exception still exists (remove it from KNOWN when its sentence moves up)', () => {
    for (const k of KNOWN) expect(readFileSync(join(ROOT, k.file), 'utf8')).toContain(k.literal);
  });
});
