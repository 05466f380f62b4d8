/**
 * `qblend derive … --explorer`: writes the interactive explorer beside the reports — `explorer.html`
 * (src/explorer/page.ts) offering every derived file in its model menu, `assets/explorer.js` (the page
 * script with the engine inside, built by scripts/build.ts into dist/explorer/) and, when the reports
 * did not write it, `assets/katex.css` (KaTeX's stylesheet with its fonts embedded). Written
 * atomically as one group.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/errors.ts';
import { GENERATOR } from '../api/derive.ts';
import { EXPLORER_SCRIPT, explorerPageHtml } from '../explorer/page.ts';
import { SHARED_KATEX_STYLESHEET } from '../report/html.ts';
import { katexStylesheetWithEmbeddedFonts } from '../report/katex.ts';
import type { OutputFile } from './atomic-write.ts';

/** Where the build puts the explorer's script, relative to the package root. */
export const EXPLORER_BUILD = join('dist', 'explorer', 'explorer.js');

/** The package root: the nearest ancestor of this module with qblend's package.json (src/cli/ or dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'qblend') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('qblend: cannot find the package root above the CLI');
    dir = parent;
  }
}

/** The built page script, or a user error saying how to build it. */
function explorerScript(): string {
  const path = join(packageRoot(), EXPLORER_BUILD);
  if (!existsSync(path)) {
    throw new UserError(`the explorer is not built (${EXPLORER_BUILD} is missing)`, { field: '--explorer' }, 'run `npm run build` (npm ci runs it) and try again');
  }
  return readFileSync(path, 'utf8');
}

/**
 * The explorer's files for the derivation files that were derived (in the order given); KaTeX's
 * stylesheet (`assets/katex.css`, shared with the reports that link it) unless `stylesheet` is false.
 */
export function explorerOutputs(files: readonly string[], options: { stylesheet: boolean }): OutputFile[] {
  const models = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  return [
    { name: EXPLORER_SCRIPT, content: explorerScript() },
    ...(options.stylesheet ? [{ name: SHARED_KATEX_STYLESHEET, content: katexStylesheetWithEmbeddedFonts() }] : []),
    { name: 'explorer.html', content: explorerPageHtml(models, { generator: GENERATOR }) },
  ];
}
