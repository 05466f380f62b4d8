/**
 * The explorer's engine (src/explorer/worker.ts, driven here without a worker) and its renderings:
 * - a model that does not parse gets exactly the line the CLI prints for the same file (the built CLI
 *   run as a process), with the line and column of that message;
 * - a frame answers with the curves first and the theorems after, and each theorem's verdict at a gain
 *   agrees with the derivation's empirical K_c: a gain 5 % above K_c,emp meets η, 5 % below does not
 *   (the bisection's bracket is 1 % wide and its monotonicity was checked);
 * - the K_c axis is logarithmic: the current-gain line for K_c = 10^{1/2} lies midway between the tick
 *   lines of 10⁰ and 10¹, and 10^{1/4} a quarter of the way;
 * - η typed as 1/20 or 0.05 is the same exact number; nonsense and out-of-range η are located errors;
 * - model text cannot break out of the page's JSON block.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { UserError } from '../../src/core/errors.ts';
import { handleRequest } from '../../src/explorer/worker.ts';
import { modelWithEta, thresholdAxisSvg, type LoadedModel, loadModel } from '../../src/explorer/render.ts';
import { explorerPageHtml } from '../../src/explorer/page.ts';
import type { ExplorerReply, ThresholdRow } from '../../src/explorer/protocol.ts';
import { ensureDist } from '../../scripts/build.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = 'derivations/example-1.yaml';
const TEXT = readFileSync(join(ROOT, FILE), 'utf8');

function run(req: Parameters<typeof handleRequest>[0]): ExplorerReply[] {
  const replies: ExplorerReply[] = [];
  handleRequest(req, (r) => replies.push(r));
  return replies;
}

let example1: LoadedModel;
beforeAll(() => {
  example1 = loadModel(FILE, TEXT, null, () => {});
});

describe('the explorer engine', () => {
  it('a malformed model gets the CLI’s own line (same file name), with its line and column', async () => {
    await ensureDist();
    const broken = TEXT.replace(/^qubits: 3$/m, 'qubits: three');
    expect(broken).not.toBe(TEXT);
    const dir = mkdtempSync(join(tmpdir(), 'qblend-explorer-'));
    try {
      mkdirSync(join(dir, 'derivations'));
      writeFileSync(join(dir, FILE), broken);
      const cli = spawnSync(process.execPath, [join(ROOT, 'bin/qblend.js'), 'check', FILE], { cwd: dir, encoding: 'utf8' });
      expect(cli.status).toBe(2);
      const line = cli.stderr.trim();
      const replies = run({ type: 'load', id: 1, file: FILE, text: broken, eta: null });
      const error = replies.find((r) => r.type === 'error');
      expect(error && error.type === 'error' && error.message).toBe(line);
      const [, l, c] = /^derivations\/example-1\.yaml:(\d+):(\d+):/.exec(line)!;
      expect(error && error.type === 'error' && [error.line, error.column]).toEqual([Number(l), Number(c)]);
      expect(broken.split('\n')[Number(l) - 1]).toContain('three');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a frame answers with the curves, then the theorems; verdicts agree with the empirical K_c', () => {
    expect(run({ type: 'load', id: 2, file: FILE, text: TEXT, eta: null }).at(-1)!.type).toBe('loaded');
    for (const c of example1.result.checks) {
      for (const [factor, holds] of [[1.05, true], [1 / 1.05, false]] as const) {
        const replies = run({ type: 'frame', id: 3, Kc: c.KcEmpirical! * factor, tEnd: 10, theorem: c.theorem, step: 0 });
        expect(replies.map((r) => r.type)).toEqual(['curves', 'theorems']);
        const t = replies[1]!;
        if (t.type !== 'theorems') throw new Error('no theorems');
        const v = t.verdicts.find((x) => x.theorem === c.theorem)!;
        expect({ theorem: c.theorem, factor, holds: v.holds, meets: v.worst <= v.eta }).toEqual({ theorem: c.theorem, factor, holds, meets: holds });
        expect(t.stepHtml).toContain('katex');
      }
    }
  });

  it('a model with a parameter without a value is derived exactly, and a frame still answers (no curves, no theorems)', () => {
    const text = 'name: free\nqubits: 2\ngraph: complete\nparameters: {w: symbolic}\nhamiltonian: w*sz(1)\ninitial: {product: ["|0><0|", "|1><1|"]}\nstudy: {Kc: [10], time: {end: 1, steps: 3}}\n';
    expect(run({ type: 'load', id: 5, file: 'free.yaml', text, eta: null }).at(-1)!.type).toBe('loaded');
    const replies = run({ type: 'frame', id: 6, Kc: 3, tEnd: 1, theorem: null, step: 0 });
    expect(replies.map((r) => r.type)).toEqual(['curves', 'theorems']);
    expect(replies[0]!.type === 'curves' && replies[0]!.figures).toEqual([]);
    expect(replies[0]!.type === 'curves' && replies[0]!.valuesHtml).toContain('no value');
  });

  it('the K_c axis is logarithmic: 10^{1/2} midway between the ticks of 1 and 10, 10^{1/4} a quarter of the way', () => {
    const rows: ThresholdRow[] = [{ theorem: 'T1', title: 'Theorem 1 (x)', KcStar: 1432, KcStarPrime: 3630, KcEmpirical: 10.15 }];
    const nowX = (K: number) => {
      const svg = thresholdAxisSvg(rows, K, new Map());
      // the current gain is the only 2-px line
      return Number(/<line x1="([\d.]+)" x2="[\d.]+" y1="[\d.]+" y2="[\d.]+" stroke="#000" stroke-width="2"\/>/.exec(svg)![1]);
    };
    const x0 = nowX(1);
    const x1 = nowX(10);
    expect(x1).toBeGreaterThan(x0);
    expect(nowX(10 ** 0.5)).toBeCloseTo((x0 + x1) / 2, 1);
    expect(nowX(10 ** 0.25)).toBeCloseTo(x0 + (x1 - x0) / 4, 1);
    // and the tick of 10⁰ is drawn where K_c = 1 is
    expect(thresholdAxisSvg(rows, 1, new Map())).toContain(`<line x1="${x0.toFixed(2)}" x2="${x0.toFixed(2)}"`);
  });

  it('η: 1/20 and 0.05 are the same exact number; other input is a located error on study.eta', () => {
    expect(modelWithEta(TEXT, FILE, '1/20').study.eta!.equals(Scalar.rational(1, 20))).toBe(true);
    expect(modelWithEta(TEXT, FILE, '0.05').study.eta!.equals(Scalar.rational(1, 20))).toBe(true);
    for (const bad of ['abc', '0', '1', '1.5', '1/0', '1e999999']) {
      let error: unknown = null;
      try {
        modelWithEta(TEXT, FILE, bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(UserError);
      expect((error as UserError).formatLine(), bad).toMatch(/^derivations\/example-1\.yaml: study\.eta: η must /);
    }
  });

  it('model text cannot leave the page’s JSON block', () => {
    const hostile = 'name: x\n# </script><script>alert(1)</script>\n';
    const html = explorerPageHtml([{ file: 'a</script>.yaml', text: hostile }], { generator: 'qblend test' });
    const block = /<script type="application\/json" id="qblend-models">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/<\//);
    expect(JSON.parse(block)).toEqual([{ file: 'a</script>.yaml', text: hostile }]);
    expect(html.match(/<script/g)!.length).toBe(2);
  });
});
