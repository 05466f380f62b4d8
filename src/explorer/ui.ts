/**
 * The explorer page's script (main thread): wires the controls to the engine in a Web Worker
 * (`worker.ts`, started from a `blob:` URL of its bundled source, which `assets/explorer.js` carries
 * as the global `QBLEND_EXPLORER_WORKER`) and places the HTML the worker renders. Nothing here
 * computes: the page stays responsive while a model is derived or a K_c is propagated.
 *
 * Scheduling: at most one frame request is in flight; while it runs, further slider moves only update
 * the wanted parameters, and the newest is sent when the worker answers (a dragged slider never
 * builds a queue). A failed parse or derive shows the CLI's one-line message, highlights its line and
 * column in the text, and leaves the last good model, figures and numbers on screen.
 *
 * For tests and the responsiveness benchmark the page records, on `window.qblendExplorer`, the state
 * it shows and the time from each input event to the curves and to the theorems being on screen.
 * Type-checked with the DOM library by tsconfig.dom.json (the rest of the project compiles without it).
 */
import { KC_LOG_MAX, KC_LOG_MIN, type ExplorerHandle, type ExplorerModelSource, type ExplorerReply, type ExplorerRequest, type ExplorerSummary } from './protocol.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';

interface FrameParams {
  Kc: number;
  tEnd: number;
  theorem: TheoremKey | null;
  step: number;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explorer page: no #${id}`);
  return el as T;
};

const models = JSON.parse($('qblend-models').textContent ?? '[]') as ExplorerModelSource[];
const handle: ExplorerHandle = { model: null, curvesKc: null, theoremsKc: null, loadMs: null, deriveMs: null, timings: [], error: '', busy: false };
(window as unknown as { qblendExplorer: ExplorerHandle }).qblendExplorer = handle;

const workerSource = (globalThis as unknown as { QBLEND_EXPLORER_WORKER?: string }).QBLEND_EXPLORER_WORKER;
if (typeof workerSource !== 'string') throw new Error('explorer page: the engine is missing from assets/explorer.js');
const workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
let worker = startEngine();

const el = {
  select: $<HTMLSelectElement>('model-select'),
  text: $<HTMLTextAreaElement>('model-text'),
  deriveButton: $<HTMLButtonElement>('derive-button'),
  error: $('error'),
  excerpt: $('error-excerpt'),
  progress: $<HTMLProgressElement>('progress'),
  status: $('status'),
  slider: $<HTMLInputElement>('kc-slider'),
  kcInput: $<HTMLInputElement>('kc-input'),
  kcValue: $('kc-value'),
  eta: $<HTMLInputElement>('eta-input'),
  etaButton: $<HTMLButtonElement>('eta-button'),
  tEnd: $<HTMLInputElement>('tend-input'),
  notes: $('notes'),
  exact: $('exact'),
  axis: $('axis'),
  verdicts: $('verdicts'),
  thresholds: $('thresholds'),
  values: $('values'),
  figures: $('figures'),
  theorem: $<HTMLSelectElement>('theorem-select'),
  step: $<HTMLSelectElement>('step-select'),
  stepBox: $('step'),
  large: $<HTMLInputElement>('large-font'),
};

let seq = 0;
let summary: ExplorerSummary | null = null;
/** The newest parameters the page wants drawn, not yet sent. */
let wanted: FrameParams | null = null;
/** The request in flight: its id, what it asked, and when its input event happened. */
let inFlight: { id: number; kind: 'load' | 'frame'; params?: FrameParams; since: number } | null = null;
let wantedSince = 0;
let pendingTiming: { Kc: number; since: number; curvesMs: number | null } | null = null;
let loadStarted = 0;
/** A load waiting for the worker (a model chosen while a frame runs). */
let wantedLoad: { file: string; text: string; eta: string | null } | null = null;

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toPrecision(3) : x.toPrecision(2));

/** A fresh engine (the worker holds the derived model; a restarted one has none until its next load). */
function startEngine(): Worker {
  const w = new Worker(workerUrl);
  w.onmessage = onReply;
  w.onerror = onEngineError;
  return w;
}

/** The model the engine last derived successfully (reloaded when a restart has to be undone). */
let lastGood: { file: string; text: string; eta: string | null } | null = null;
/** The load request in flight (or last sent). */
let sentLoad: { file: string; text: string; eta: string | null } | null = null;
/** Whether the engine was restarted since its last successful load (it then holds no model). */
let engineRestarted = false;

function send(req: ExplorerRequest): void {
  worker.postMessage(req);
}

function setBusy(busy: boolean, label = ''): void {
  handle.busy = busy;
  el.status.textContent = label;
}

function pump(): void {
  if (inFlight) return;
  if (wantedLoad) {
    const l = wantedLoad;
    wantedLoad = null;
    sentLoad = l;
    const id = ++seq;
    inFlight = { id, kind: 'load', since: performance.now() };
    el.progress.hidden = false;
    el.progress.value = 0;
    setBusy(true, `Deriving ${l.file}…`);
    send({ type: 'load', id, file: l.file, text: l.text, eta: l.eta });
    return;
  }
  if (!wanted || !summary) return;
  const params = wanted;
  wanted = null;
  const id = ++seq;
  inFlight = { id, kind: 'frame', params, since: wantedSince };
  pendingTiming = { Kc: params.Kc, since: wantedSince, curvesMs: null };
  for (const box of [el.figures, el.values, el.axis, el.stepBox]) box.classList.add('stale');
  setBusy(true, `Computing the network at coupling gain ${fmt(params.Kc)}…`);
  send({ type: 'frame', id, ...params });
}

function currentParams(): FrameParams {
  const Kc = 10 ** Number(el.slider.value);
  const exact = Number(el.kcInput.value);
  const tEnd = Number(el.tEnd.value);
  return {
    Kc: Number.isFinite(exact) && exact > 0 && Math.abs(Math.log10(exact) - Number(el.slider.value)) < 0.006 ? exact : Kc,
    tEnd: Number.isFinite(tEnd) && tEnd > 0 ? tEnd : summary?.tEnd ?? 10,
    theorem: (el.theorem.value || null) as TheoremKey | null,
    step: Number(el.step.value || 0),
  };
}

function requestFrame(): void {
  wanted = currentParams();
  wantedSince = performance.now();
  pump();
}

function showKc(Kc: number): void {
  const text = fmt(Kc);
  el.kcValue.textContent = text;
  el.slider.setAttribute('aria-valuetext', `K c = ${text}`);
}

function setKc(Kc: number): void {
  const clamped = Math.min(10 ** KC_LOG_MAX, Math.max(10 ** KC_LOG_MIN, Kc));
  el.slider.value = String(Math.log10(clamped));
  el.kcInput.value = String(clamped);
  showKc(clamped);
}

function loadSelected(eta: string | null = null): void {
  const file = el.select.value;
  const source = models.find((mo) => mo.file === file);
  if (!source) return;
  el.text.value = source.text;
  loadText(file, source.text, eta);
}

function loadText(file: string, text: string, eta: string | null): void {
  loadStarted = performance.now();
  wantedLoad = { file, text, eta };
  // A derive still running (a large pasted model can take minutes) is abandoned: the new load would
  // replace its model anyway, and the reader should not wait for it.
  if (inFlight?.kind === 'load') {
    worker.terminate();
    worker = startEngine();
    inFlight = null;
    engineRestarted = true;
  }
  pump();
}

function clearError(): void {
  handle.error = '';
  el.error.textContent = '';
  el.excerpt.textContent = '';
}

/** The offending line of the edited text with the column marked (the message says `line:col`). */
function showExcerpt(text: string, line: number | null, column: number | null): void {
  el.excerpt.textContent = '';
  if (line === null) return;
  const lines = text.split('\n');
  const src = lines[line - 1];
  if (src === undefined) return;
  const col = Math.max(1, Math.min(column ?? 1, src.length + 1));
  const gutter = `${line} | `;
  el.excerpt.append(document.createTextNode(gutter + src.slice(0, col - 1)));
  const mark = document.createElement('mark');
  mark.textContent = src.slice(col - 1, col) || ' ';
  el.excerpt.append(mark, document.createTextNode(`${src.slice(col)}\n${' '.repeat(gutter.length + col - 1)}^`));
  // Select the spot in the editor too, so the reader lands on it.
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  el.text.setSelectionRange(offset + col - 1, offset + col);
}

function renderSummary(s: ExplorerSummary): void {
  summary = s;
  handle.model = s.file;
  handle.deriveMs = s.deriveMs;
  el.notes.innerHTML = s.notesHtml;
  el.exact.innerHTML = s.exactHtml;
  el.thresholds.innerHTML = s.thresholdsHtml;
  el.eta.value = s.etaText ?? '';
  el.tEnd.value = String(s.tEnd);
  const previous = el.theorem.value;
  el.theorem.innerHTML = '';
  for (const p of s.proofs) {
    const o = document.createElement('option');
    o.value = p.theorem;
    o.textContent = p.title;
    el.theorem.append(o);
  }
  if (s.proofs.some((p) => p.theorem === previous)) el.theorem.value = previous;
  fillSteps();
  el.axis.innerHTML = '';
  el.verdicts.innerHTML = '';
}

function fillSteps(): void {
  const p = summary?.proofs.find((x) => x.theorem === el.theorem.value);
  const previous = el.step.value;
  el.step.innerHTML = '';
  (p?.steps ?? []).forEach((label, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.innerHTML = label;
    el.step.append(o);
  });
  if (p && previous !== '' && Number(previous) < p.steps.length) el.step.value = previous;
}

function onReply(event: MessageEvent<ExplorerReply>): void {
  const r = event.data;
  if (!inFlight || r.id !== inFlight.id) return;
  switch (r.type) {
    case 'progress':
      el.progress.value = r.fraction;
      setBusy(true, `Deriving: ${r.label}…`);
      return;
    case 'loaded': {
      lastGood = sentLoad;
      engineRestarted = false;
      inFlight = null;
      el.progress.hidden = true;
      clearError();
      renderSummary(r.summary);
      setBusy(false, `Derived ${r.summary.file} (${r.summary.n} qubits) in ${Math.round(r.summary.deriveMs)} ms.`);
      if (handle.curvesKc === null) setKc(r.summary.Kc);
      requestFrame();
      return;
    }
    case 'error': {
      const wasLoad = inFlight.kind === 'load';
      inFlight = null;
      el.progress.hidden = true;
      handle.error = r.message;
      el.error.textContent = r.message;
      showExcerpt(el.text.value, r.line, r.column);
      for (const box of [el.figures, el.values, el.axis, el.stepBox]) box.classList.remove('stale');
      setBusy(false, wasLoad ? 'The model was not changed: the last good derivation stays on screen.' : '');
      // After a restart the engine lost the shown model: derive it again so the controls keep working.
      if (wasLoad && engineRestarted && lastGood && !wantedLoad) {
        wantedLoad = lastGood;
        loadStarted = 0;
      }
      pump();
      return;
    }
    case 'curves': {
      el.figures.innerHTML = r.figures.map((f) => `<figure id="figure-${f.id}"><div class="figure-title">${f.titleHtml}</div>${f.svg}</figure>`).join('');
      el.values.innerHTML = r.valuesHtml;
      el.figures.classList.remove('stale');
      el.values.classList.remove('stale');
      handle.curvesKc = r.Kc;
      if (pendingTiming) pendingTiming.curvesMs = performance.now() - pendingTiming.since;
      return;
    }
    case 'theorems': {
      inFlight = null;
      el.axis.innerHTML = r.axisSvg;
      el.verdicts.innerHTML = r.verdicts.map((v) => `<li class="${v.holds ? 'pass' : 'fail'}" data-theorem="${v.theorem}">${v.theorem.replace('T', 'Theorem ')}: ${v.holds ? 'the bound holds' : 'the bound fails'} at this gain (largest error on its time set ${v.worst.toPrecision(4)}, η = ${v.eta})</li>`).join('');
      el.stepBox.innerHTML = r.stepHtml;
      for (const box of [el.axis, el.stepBox]) box.classList.remove('stale');
      handle.theoremsKc = r.Kc;
      if (pendingTiming) {
        handle.timings.push({ Kc: pendingTiming.Kc, curvesMs: pendingTiming.curvesMs ?? NaN, theoremsMs: performance.now() - pendingTiming.since });
        pendingTiming = null;
      }
      if (handle.loadMs === null || loadStarted > 0) {
        handle.loadMs = performance.now() - loadStarted;
        loadStarted = 0;
      }
      setBusy(false, `Coupling gain ${fmt(r.Kc)}: curves and theorems updated.`);
      pump();
      return;
    }
  }
}

function onEngineError(e: ErrorEvent): void {
  // An uncaught error in the engine (a bug: its own errors come as replies) ends the request.
  inFlight = null;
  el.progress.hidden = true;
  handle.error = `qblend: internal error in the explorer's engine: ${e.message}`;
  el.error.textContent = handle.error;
  setBusy(false, '');
}

el.select.addEventListener('change', () => loadSelected());
el.deriveButton.addEventListener('click', () => loadText(el.select.value, el.text.value, null));
el.text.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    loadText(el.select.value, el.text.value, null);
  }
});
el.slider.addEventListener('input', () => {
  const Kc = 10 ** Number(el.slider.value);
  el.kcInput.value = String(Number(Kc.toPrecision(6)));
  showKc(Kc);
  requestFrame();
});
el.kcInput.addEventListener('change', () => {
  const v = Number(el.kcInput.value);
  if (!(v > 0)) return;
  setKc(v);
  requestFrame();
});
el.etaButton.addEventListener('click', () => loadText(el.select.value, el.text.value, el.eta.value));
el.eta.addEventListener('keydown', (e: KeyboardEvent) => {
  if (e.key === 'Enter') loadText(el.select.value, el.text.value, el.eta.value);
});
el.tEnd.addEventListener('change', requestFrame);
el.theorem.addEventListener('change', () => {
  fillSteps();
  requestFrame();
});
el.step.addEventListener('change', requestFrame);
el.large.addEventListener('change', () => document.body.classList.toggle('large', el.large.checked));

showKc(10 ** Number(el.slider.value));
loadSelected();
