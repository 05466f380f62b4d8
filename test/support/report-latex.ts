/**
 * Compiles LaTeX with Debian's pdflatex the way a reader would, but locked down: no shell escape,
 * nonstop, halting on the first error, in a fresh temporary directory. pdflatex must be installed
 * (`scripts/setup-system.sh`, run by `npm test`); this fails loudly rather than skip when it is not.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LatexCompilation {
  /** The temporary directory holding `document.tex`, `.log`, `.aux` and `document.pdf`. */
  dir: string;
  pdfPath: string;
  /** The log of the last pdflatex run. */
  log: string;
  /** How many pdflatex runs it took for cross-references and longtable widths to settle. */
  runs: number;
}

/** Most runs: the table of contents and longtable column widths settle by the second or third. */
const MAX_RUNS = 4;

function requirePdflatex(): void {
  const found = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('pdflatex is missing: run `bash scripts/setup-system.sh` as root (npm test does)');
  }
}

/** One pdflatex run in `dir`; resolves with its exit code and stdout. */
function runPdflatex(dir: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolvePromise) => {
    execFile(
      'pdflatex',
      ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'document.tex'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        // No TEXINPUTS tricks from the environment: what compiles here compiles anywhere.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
      },
      (error, stdout) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ status: code, stdout });
      },
    );
  });
}

/**
 * Writes `texSource` to a fresh temporary directory and runs
 * `pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape` until the log stops asking
 * for a rerun. Rejects with the first LaTeX error (and the log tail) if a run fails or no PDF
 * results. Asynchronous, so several documents can compile at once.
 * @example const { pdfPath } = await compileLatex(renderDocumentLatex(doc));
 */
export async function compileLatex(texSource: string): Promise<LatexCompilation> {
  requirePdflatex();
  const dir = mkdtempSync(join(tmpdir(), 'qblend-latex-'));
  writeFileSync(join(dir, 'document.tex'), texSource);
  let log = '';
  let runs = 0;
  while (runs < MAX_RUNS) {
    runs++;
    const run = await runPdflatex(dir);
    log = existsSync(join(dir, 'document.log')) ? readFileSync(join(dir, 'document.log'), 'latin1') : run.stdout;
    if (run.status !== 0) {
      const firstError = /^! .*$/m.exec(log)?.[0] ?? `pdflatex exited with ${run.status}`;
      throw new Error(`pdflatex failed in ${dir} (run ${runs}): ${firstError}\n${log.slice(-3000)}`);
    }
    if (!/Rerun to get|Rerun LaTeX|Table widths have changed|Label\(s\) may have changed/.test(log)) break;
  }
  const pdfPath = join(dir, 'document.pdf');
  if (!existsSync(pdfPath)) throw new Error(`pdflatex produced no PDF in ${dir}`);
  return { dir, pdfPath, log, runs };
}

/** The text of a PDF as `pdftotext -layout` extracts it (poppler-utils). */
export function pdfText(pdfPath: string): string {
  return execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
}

/** Renders page `page` (1-based) of a PDF to a PNG at `outPrefix`-N.png with pdftoppm; returns its path. */
export function pdfPageToPng(pdfPath: string, page: number, outPrefix: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), pdfPath, outPrefix]);
  const digits = String(page);
  for (const candidate of [digits, digits.padStart(2, '0'), digits.padStart(3, '0')]) {
    const path = `${outPrefix}-${candidate}.png`;
    if (existsSync(path)) return path;
  }
  throw new Error(`pdftoppm wrote no page ${page} for ${pdfPath}`);
}
