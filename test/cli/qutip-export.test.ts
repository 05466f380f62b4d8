/**
 * `qblend export FILE --to qutip` (docs/qutip-export.md): the exported script, run by Debian's
 * python3-qutip (scripts/setup-system.sh installs it), reproduces the engine's curves
 * (`derive(...).toJsonValue().simulation.curves`) to 1e-6 — the same metrics, K_c and qubits — for a
 * separable model (Figs. 1–3 from partial traces of QuTiP's ρ(t), Figs. 6–7) and for an entangled,
 * non-separable one (a ket, an edge sum, a collective channel: Figs. 6–7). The ladder rewriting of
 * the operators is checked against explicit matrices of σ± (CONVENTIONS.md), and the command's
 * usage errors are one line with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { PauliSum, type PauliLetter } from '../../src/algebra/pauli.ts';
import { derive } from '../../src/api/derive.ts';
import { ladderExpansion } from '../../src/api/qutip-export.ts';
import { runCli } from '../../src/cli/program.ts';
import { parseModel } from '../../src/model/parse.ts';

const F = 'test/cli/fixtures';
const PYTHON = '/usr/bin/python3';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'qblend-qutip-'));
  dirs.push(d);
  return d;
}

/** Runs the CLI in this process and keeps standard output byte for byte (blank lines included). */
function cli(args: string[]): { code: number; out: string; err: string[] } {
  let out = '';
  const err: string[] = [];
  const code = runCli(args, { out: (s) => { out += `${s}\n`; }, err: (s) => err.push(s) });
  return { code, out, err };
}

interface CurveJson { metric: string; Kc: number; qubit?: number | string; t: number[]; values: number[] }

const key = (c: CurveJson): string => `${c.metric} K_c=${c.Kc}${c.qubit === undefined ? '' : ` qubit ${c.qubit}`}`;

/** The engine's curves and the script's, matched by metric, K_c and qubit; returns the largest difference. */
function compare(fixture: string, script: string): { keys: string[]; maxDiff: number } {
  const model = parseModel(readFileSync(`${F}/${fixture}`, 'utf8'), fixture);
  // The script prints the figures' metrics; the engine's pauli.* (each qubit's Bloch vector from eq. 4's
  // partial traces, for models without eq. 5, at the largest gain) are not among them.
  const engine = (derive(model).toJsonValue() as { simulation: { curves: CurveJson[] } }).simulation.curves.filter((c) => !c.metric.startsWith('pauli.'));
  const dir = tempDir();
  const path = join(dir, 'script.py');
  writeFileSync(path, script);
  const run = spawnSync(PYTHON, [path], { encoding: 'utf8' });
  expect(run.stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout) as { model: string; curves: CurveJson[]; t: number[] };
  expect(result.model).toBe(model.name);
  const mine = result.curves;
  expect(mine.map(key).sort()).toEqual(engine.map(key).sort());
  let maxDiff = 0;
  for (const c of mine) {
    const e = engine.find((x) => key(x) === key(c))!;
    expect(c.t).toEqual(e.t);
    c.values.forEach((v, k) => { maxDiff = Math.max(maxDiff, Math.abs(v - e.values[k])); });
  }
  console.log(`${fixture}: ${mine.length} curves, max difference from the engine ${maxDiff.toExponential(2)}`);
  return { keys: mine.map(key), maxDiff };
}

describe('qblend export --to qutip', () => {
  it('a separable model: QuTiP reproduces Figs. 1–3, 6 and 7 of the engine to 1e-6 (script written into --out)', () => {
    const out = tempDir();
    const r = cli(['export', `${F}/qutip-separable.yaml`, '--to', 'qutip', '--out', out]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['qutip-separable.qutip.py']);
    const script = readFileSync(join(out, 'qutip-separable.qutip.py'), 'utf8');
    // The decay channels reach QuTiP as the paper's σ₋ (mapped to qutip.sigmap() in the script).
    expect(script).toContain('(0.5, [(1, {1: "-"})], 1)');
    const { keys, maxDiff } = compare('qutip-separable.yaml', script);
    for (const m of ['fig1.distanceToSteadyState', 'fig2.maxDistanceToBlended', 'fig3.blochY', 'fig6.coherentError', 'fig7.symmetrizationError']) {
      expect(keys.some((k) => k.startsWith(m))).toBe(true);
    }
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('an entangled ket with an edge-sum coupling and a collective channel: Figs. 6–7 to 1e-6 (script on standard output)', () => {
    const r = cli(['export', `${F}/qutip-entangled.yaml`, '--to', 'qutip']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    // J a_jk (σx σx + σy σy) is the flip-flop 2 J a_jk (σ₊σ₋ + σ₋σ₊): J = 1/3, a_23 = 3.
    expect(r.out).toContain('(2, {2: "+", 3: "-"}), (2, {2: "-", 3: "+"})');
    expect(r.out).toContain('SEPARABLE = False');
    const { keys, maxDiff } = compare('qutip-entangled.yaml', r.out);
    expect(keys).toEqual(['fig6.coherentError K_c=2', 'fig7.symmetrizationError K_c=2']);
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('usage errors and a model without parameter values are one line with exit code 2 and write nothing', () => {
    const out = tempDir();
    const bad = cli(['export', `${F}/qutip-separable.yaml`, '--to', 'matlab', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/--to: unknown export format 'matlab'.*qutip/);
    expect(readdirSync(out)).toEqual([]);
    const missing = cli(['export', `${F}/qutip-separable.yaml`]);
    expect(missing.code).toBe(2);
    const noFile = cli(['export', `${F}/no-such-file.yaml`, '--to', 'qutip']);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toEqual([expect.stringMatching(/no-such-file\.yaml.*no such file/)]);
    // A model whose parameters have no values cannot become numbers: one line naming them.
    const symbolic = cli(['export', 'derivations/example-1-parametric.yaml', '--to', 'qutip']);
    expect(symbolic.code).toBe(2);
    expect(symbolic.out).toBe('');
    expect(symbolic.err).toEqual([expect.stringMatching(/gamma_m, gamma_p have no value/)]);
  });
});

describe('ladderExpansion', () => {
  // CONVENTIONS.md: σ₊ = |1⟩⟨0|, σ₋ = |0⟩⟨1|, written here as matrices, not through PauliSum.
  const s = (r: number[][]): ExactMatrix => ExactMatrix.fromRows(r.map((row) => row.map((x) => Scalar.int(x))));
  const LOCAL: Record<string, ExactMatrix> = {
    I: s([[1, 0], [0, 1]]), X: s([[0, 1], [1, 0]]), Z: s([[1, 0], [0, -1]]), '+': s([[0, 0], [1, 0]]), '-': s([[0, 1], [0, 0]]),
    Y: ExactMatrix.fromRows([[Scalar.ZERO, Scalar.I.neg()], [Scalar.I, Scalar.ZERO]]),
  };
  const matrixOf = (terms: [string, Scalar][], n: number): ExactMatrix =>
    terms.reduce((acc, [letters, c]) => acc.add([...letters].map((l) => LOCAL[l]).reduce((a, b) => a.kron(b)).scale(c)), ExactMatrix.zeros(2 ** n, 2 ** n));

  it('σ₋ = (X + iY)/2 is one term, XX + YY is 2(σ₊σ₋ + σ₋σ₊), a lone X stays X', () => {
    expect(ladderExpansion(PauliSum.local(1, 1, '-')).map(([l, c]) => [l, c.toString()])).toEqual([['-', '1']]);
    const flipFlop = PauliSum.string('XX').add(PauliSum.string('YY'));
    expect(ladderExpansion(flipFlop).map(([l, c]) => [l, c.toString()])).toEqual([['+-', '2'], ['-+', '2']]);
    expect(ladderExpansion(PauliSum.string('XZ')).map(([l, c]) => [l, c.toString()])).toEqual([['XZ', '1']]);
  });

  it('is the same operator as its Pauli expansion, for random two- and three-qubit sums (exact matrices)', () => {
    const letter = fc.constantFrom<PauliLetter>('I', 'X', 'Y', 'Z');
    const term = fc.tuple(fc.array(letter, { minLength: 3, maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }));
    fc.assert(fc.property(fc.array(term, { minLength: 1, maxLength: 6 }), (ts) => {
      const p = ts.reduce((acc, [ls, re, im]) => acc.add(PauliSum.string(ls.join(''), Scalar.int(re).add(Scalar.I.mul(Scalar.int(im))))), PauliSum.zero(3));
      const terms = ladderExpansion(p);
      expect(terms.length).toBeLessThanOrEqual(p.terms().length);
      expect(matrixOf(terms, 3).equals(p.toMatrix())).toBe(true);
    }), { numRuns: 100 });
  });
});
