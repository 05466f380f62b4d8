/**
 * For content authors: asserts that every math string of a document renders with KaTeX under the
 * report settings (`throwOnError: true`, strict, untrusted) and passes the math sanitiser, naming
 * each failure with where it sits.
 */
import { findMathRenderFailures } from '../../src/report/katex.ts';
import type { DerivationDocument } from '../../src/report/document.ts';

/**
 * Throws one error listing every math string of `doc` that KaTeX cannot render or the sanitiser
 * rejects; returns quietly when all render.
 * @example it('renders all math', () => assertAllMathRenders(sampleDocument()));
 */
export function assertAllMathRenders(doc: DerivationDocument): void {
  const failures = findMathRenderFailures(doc);
  if (failures.length > 0) {
    const lines = failures.map((f) => `  ${f.where}: ${JSON.stringify(f.latex)}\n    ${f.message.split('\n')[0]}`);
    throw new Error(`${failures.length} math string(s) do not render:\n${lines.join('\n')}`);
  }
}
