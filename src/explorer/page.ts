/**
 * `explorer.html`: the page of the interactive explorer, opened from the file system (no server, no
 * network). Its markup and styles are here; its script (`assets/explorer.js`, the bundle of `ui.ts`
 * with the engine of `worker.ts` inside) and KaTeX's stylesheet (`assets/katex.css`) sit beside it.
 * The bundled derivation files are embedded as JSON, so a lecturer can pick one without any file
 * access. Deterministic: the same models give the same bytes.
 */
import { escapeHtml } from '../report/escape.ts';
import { SHARED_KATEX_STYLESHEET } from '../report/html.ts';
import { KC_LOG_MAX, KC_LOG_MIN, type ExplorerModelSource } from './protocol.ts';


/** Where the page's assets are, relative to it. */
export const EXPLORER_SCRIPT = 'assets/explorer.js';

/**
 * Scripts from the page's own folder only (and WebAssembly, for the engine's kernels), the engine as a worker from a `blob:` URL (a worker
 * cannot load from a `file:` URL), no network of any kind.
 */
export const EXPLORER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src data:; base-uri 'none'; form-action 'none'";

/** JSON safe inside a `<script type="application/json">` element (`<` never appears raw). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
:root { --fg: #1b1b1b; --muted: #5b5b5b; --line: #d0d7de; --accent: #0b5cad; --pass: #1a7f37; --fail: #c62828; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; color: var(--fg); margin: 0; font-size: 15px; line-height: 1.45; }
body.large { font-size: 22px; }
body.large .katex { font-size: 1.15em; }
header { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; padding: 0.6rem 1rem; border-bottom: 1px solid var(--line); background: var(--bg-soft); position: sticky; top: 0; z-index: 2; }
header h1 { font-size: 1.15em; margin: 0; }
header a { color: var(--accent); }
main { display: grid; grid-template-columns: minmax(20rem, 26rem) minmax(0, 1fr); gap: 1rem; padding: 1rem; }
@media (max-width: 1000px) { main { grid-template-columns: minmax(0, 1fr); } }
section.panel { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.8rem; margin-bottom: 1rem; min-width: 0; }
section.panel > h2 { font-size: 1.05em; margin: 0 0 0.5rem; }
label { display: block; font-weight: 600; margin-top: 0.5rem; }
input, select, textarea, button { font: inherit; }
select, input[type=number], input[type=text] { width: 100%; padding: 0.25rem; }
input[type=range] { width: 100%; }
input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
textarea { width: 100%; min-height: 16rem; font-family: 'DejaVu Sans Mono', monospace; font-size: 0.85em; }
.row { display: flex; gap: 0.5rem; align-items: center; }
.row > * { flex: 1; }
button { padding: 0.3rem 0.8rem; cursor: pointer; }
#kc-value { font-weight: 700; }
#error { color: var(--fail); font-family: 'DejaVu Sans Mono', monospace; white-space: pre-wrap; margin: 0.4rem 0; }
#error:empty { display: none; }
#error-excerpt { background: #fff1f0; border-left: 4px solid var(--fail); padding: 0.3rem 0.5rem; font-family: 'DejaVu Sans Mono', monospace; white-space: pre; overflow-x: auto; }
#error-excerpt:empty { display: none; }
#error-excerpt mark { background: #ffd2cc; }
#status { color: var(--muted); min-height: 1.4em; }
progress { width: 100%; }
progress[hidden] { display: none; }
.scroll { overflow-x: auto; max-width: 100%; }
.exact-item h3, #step h3 { font-size: 1em; margin: 0.6rem 0 0.2rem; }
.figures figure { margin: 0 0 1rem; }
.figures figure svg, #step svg, #axis svg { max-width: 100%; height: auto; }
figcaption, .figure-title { font-size: 0.92em; color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0; display: block; overflow-x: auto; max-width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; color: var(--muted); font-size: 0.92em; caption-side: top; }
#step h2, #step h3 { font-size: 1.02em; margin: 0.9rem 0 0.3rem; }
#step .section-number { color: #5b5b5b; margin-right: 0.5em; }
#step figure { margin: 0.8rem 0; }
.equation { display: flex; align-items: center; gap: 1rem; margin: 0.6rem 0; }
.equation-body { flex: 1; overflow-x: auto; overflow-y: hidden; }
.equation-number { color: var(--muted); font-variant-numeric: tabular-nums; }
.katex-display { margin: 0; }
.claim { display: flex; gap: 0.8rem; align-items: flex-start; margin: 0.6rem 0; padding: 0.5rem 0.8rem; border: 1px solid var(--line); border-left-width: 4px; border-radius: 3px; }
.claim-pass { border-left-color: var(--pass); }
.claim-fail { border-left-color: var(--fail); background: #fdf3f2; }
.claim-info { border-left-color: var(--accent); }
.claim .verdict { flex: none; font-weight: 700; font-size: 0.75em; letter-spacing: 0.06em; padding: 0.15rem 0.45rem; border-radius: 3px; color: #fff; }
.claim-pass .verdict { background: var(--pass); } .claim-fail .verdict { background: var(--fail); } .claim-info .verdict { background: var(--accent); }
.claim p { margin: 0; } .claim .claim-detail { font-size: 0.88em; color: var(--muted); margin-top: 0.2rem; }
.kc-legend .mark.star { color: #d62728; } .kc-legend .mark.prime { color: #9467bd; } .kc-legend .mark.emp { color: #1f77b4; } .kc-legend .mark.now { font-weight: 700; }
#verdicts li.pass { color: var(--pass); } #verdicts li.fail { color: var(--fail); }
.stale { opacity: 0.55; transition: opacity 0.1s; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
noscript p { color: var(--fail); }
`;

/** The explorer page for the given models (the first is loaded when the page opens). */
export function explorerPageHtml(models: readonly ExplorerModelSource[], options: { generator: string }): string {
  const list = models.map((mo) => `<option value="${escapeHtml(mo.file)}">${escapeHtml(mo.file)}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(EXPLORER_CSP)}">
<meta name="generator" content="${escapeHtml(options.generator)}">
<title>qblend explorer: blended dynamics of open quantum networks</title>
<link rel="stylesheet" href="${SHARED_KATEX_STYLESHEET}">
<style>${CSS}</style>
</head>
<body>
<header>
<h1>qblend explorer</h1>
<span>Blended dynamics of open quantum networks, live in the browser: move ${'<em>K</em><sub>c</sub>'} and watch the network, the theorems’ thresholds and the proofs.</span>
<a href="index.html">All reports</a>
<label class="row" style="flex:0 0 auto;font-weight:normal;margin:0"><input type="checkbox" id="large-font"> Large font (projector)</label>
</header>
<noscript><p>The explorer computes in the page and needs JavaScript; the static reports (index.html) do not.</p></noscript>
<main>
<div>
<section class="panel" aria-labelledby="model-heading">
<h2 id="model-heading">Model</h2>
<label for="model-select">Bundled derivation</label>
<select id="model-select">${list}</select>
<details id="editor-box">
<summary>Edit or paste a derivation file</summary>
<label for="model-text">Derivation file (YAML)</label>
<textarea id="model-text" spellcheck="false" aria-describedby="error"></textarea>
<div class="row"><button type="button" id="derive-button">Derive (Ctrl+Enter)</button></div>
</details>
<p id="error" role="alert" aria-live="assertive"></p>
<div id="error-excerpt" aria-hidden="true"></div>
<progress id="progress" max="1" value="0" hidden></progress>
<p id="status" role="status" aria-live="polite"></p>
</section>
<section class="panel" aria-labelledby="controls-heading">
<h2 id="controls-heading">Controls</h2>
<label for="kc-slider">Coupling gain <em>K</em><sub>c</sub> (log scale, 0.1 to 10<sup>4</sup>): <span id="kc-value"></span></label>
<input type="range" id="kc-slider" min="${KC_LOG_MIN}" max="${KC_LOG_MAX}" step="0.01" value="1" aria-valuetext="">
<label for="kc-input">Exact <em>K</em><sub>c</sub></label>
<input type="number" id="kc-input" min="${10 ** KC_LOG_MIN}" max="${10 ** KC_LOG_MAX}" step="any" value="10">
<label for="eta-input">Error level η (re-derives the thresholds)</label>
<div class="row"><input type="text" id="eta-input" inputmode="decimal"><button type="button" id="eta-button">Apply η</button></div>
<label for="tend-input">Time window: 0 to</label>
<input type="number" id="tend-input" min="0.01" step="any" value="10">
</section>
<section class="panel" aria-labelledby="exact-heading">
<h2 id="exact-heading">Exact results (once per model)</h2>
<div id="notes"></div>
<div id="exact"></div>
</section>
</div>
<div>
<section class="panel" aria-labelledby="thresholds-heading">
<h2 id="thresholds-heading">Theorems on the coupling-gain axis</h2>
<div id="axis" class="scroll"></div>
<ul id="verdicts" aria-live="polite"></ul>
<div id="thresholds"></div>
</section>
<section class="panel" aria-labelledby="figures-heading">
<h2 id="figures-heading">The paper’s figures at the current gain</h2>
<div id="values"></div>
<div id="figures" class="figures"></div>
</section>
<section class="panel" aria-labelledby="proof-heading">
<h2 id="proof-heading">A proof step at the current gain</h2>
<div class="row"><div><label for="theorem-select">Theorem</label><select id="theorem-select"></select></div><div><label for="step-select">Step</label><select id="step-select"></select></div></div>
<div id="step"></div>
</section>
</div>
</main>
<script type="application/json" id="qblend-models">${scriptJson(models)}</script>
<script src="${EXPLORER_SCRIPT}"></script>
</body>
</html>
`;
}
