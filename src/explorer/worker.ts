/**
 * The explorer's engine, run as a Web Worker: derives the chosen model once (parse, §4, §5, Theorems
 * 1–4, the simulation at the study's gains and the theorem checks with their empirical K_c), then
 * answers each change of K_c or of the window with the figures' curves first (one propagation per
 * equation) and the theorems' verdicts and the chosen proof step after (one more per theorem).
 * The page asks for the next frame only when the last one is answered, so a dragged slider never
 * queues stale work here.
 */
import type { ExplorerReply, ExplorerRequest } from './protocol.ts';
import { explorerError, frameFigures, frameValuesHtml, frameTimes, loadModel, proofStepHtml, thresholdAxisSvg, type LoadedModel } from './render.ts';

/** The part of a worker's global scope this file uses (the project compiles without the DOM lib). */
interface WorkerScope {
  onmessage: ((event: { data: ExplorerRequest }) => void) | null;
  postMessage(message: ExplorerReply): void;
}

let loaded: LoadedModel | null = null;

/** Answers one request through `post` (exported for the tests, which drive it without a worker). */
export function handleRequest(req: ExplorerRequest, post: (reply: ExplorerReply) => void): void {
  if (req.type === 'load') {
    try {
      loaded = loadModel(req.file, req.text, req.eta, (label, fraction) => post({ type: 'progress', id: req.id, label, fraction }));
      post({ type: 'loaded', id: req.id, summary: loaded.summary });
    } catch (e) {
      post({ type: 'error', id: req.id, request: 'load', ...explorerError(e, req.file) });
    }
    return;
  }
  if (!loaded) {
    post({ type: 'error', id: req.id, request: 'frame', message: 'no model is derived yet: choose or paste one', line: null, column: null });
    return;
  }
  const { result, summary } = loaded;
  try {
    const t0 = performance.now();
    const curves = result.at(req.Kc, { times: frameTimes(req.tEnd), theorems: false });
    if (!curves) {
      // A parameter without a value: the exact derivation is on screen, there is nothing to integrate.
      post({ type: 'curves', id: req.id, Kc: req.Kc, figures: [], valuesHtml: summary.notesHtml, ms: performance.now() - t0 });
      post({ type: 'theorems', id: req.id, Kc: req.Kc, axisSvg: '', verdicts: [], stepHtml: '', ms: 0 });
      return;
    }
    post({ type: 'curves', id: req.id, Kc: req.Kc, figures: frameFigures(curves, summary.eta), valuesHtml: frameValuesHtml(curves), ms: performance.now() - t0 });
    const t1 = performance.now();
    const frame = result.at(req.Kc, { curves: false, steps: req.theorem ? [req.theorem] : [] })!;
    const verdicts = frame.theorems.map((e) => ({ theorem: e.theorem, holds: e.counterexample === null, worst: e.worstOnTimeSet, eta: e.eta }));
    const chosen = frame.theorems.find((e) => e.theorem === req.theorem);
    post({
      type: 'theorems',
      id: req.id,
      Kc: req.Kc,
      axisSvg: thresholdAxisSvg(summary.thresholds, req.Kc, new Map(verdicts.map((v) => [v.theorem, v.holds]))),
      verdicts,
      stepHtml: chosen ? proofStepHtml(result, chosen, req.step) : '',
      ms: performance.now() - t1,
    });
  } catch (e) {
    post({ type: 'error', id: req.id, request: 'frame', ...explorerError(e, summary.file) });
  }
}

const scope = globalThis as unknown as WorkerScope;
if (typeof scope.postMessage === 'function' && !('document' in globalThis)) {
  scope.onmessage = (event) => handleRequest(event.data, (reply) => scope.postMessage(reply));
}
