/**
 * The single adapter for `cli-progress` (STYLE.md §2: each third-party library enters through one
 * file). Long runs (simulations, theorem checks) report through an `onProgress` callback; this turns
 * the callbacks into a bar on stderr when stderr is a terminal, and into nothing otherwise, so piped
 * and CI output stays clean and reports stay byte-for-byte reproducible. The simulate layer never
 * imports this file.
 */
import cliProgress from 'cli-progress';
import type { SimulationProgress } from '../simulate/simulate.ts';

export interface ProgressReporter {
  /** Pass as `onProgress` to `simulateModel` / `checkTheorems`. */
  readonly onProgress: (p: SimulationProgress) => void;
  /** Removes the bar (idempotent). */
  stop(): void;
  /** Whether a bar is drawn at all. */
  readonly active: boolean;
}

export interface ProgressOptions {
  /** Stream to draw on (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** Force on or off (default: `stream.isTTY`). */
  enabled?: boolean;
}

/**
 * A progress reporter: a bar per stage on a TTY, silent otherwise.
 * @example createProgress({ enabled: false }).active // => false
 */
export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? stream.isTTY === true;
  if (!enabled) return { onProgress: () => {}, stop: () => {}, active: false };
  let bar: cliProgress.SingleBar | null = null;
  let stage: string | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
    stage = null;
  };
  const onProgress = (p: SimulationProgress) => {
    if (stage !== p.stage || !bar) {
      stop();
      bar = new cliProgress.SingleBar(
        { stream, format: `${p.stage} [{bar}] {value}/{total} {label}`, clearOnComplete: true, hideCursor: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(p.total, p.done, { label: p.label });
      stage = p.stage;
    }
    bar.update(p.done, { label: p.label });
    if (p.done >= p.total) stop();
  };
  return { onProgress, stop, active: true };
}
