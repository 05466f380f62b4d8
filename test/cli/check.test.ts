import { describe, expect, it } from 'vitest';
import { runCliInProcess, runCliProcess } from '../support/model-cli.ts';
import { reportError, type CliIO } from '../../src/cli/io.ts';
import { UserError } from '../../src/core/errors.ts';

const F = 'test/cli/fixtures';

/**
 * One bad-input case per fixture: the exact location (line:col inside the file, and inside a quoted
 * expression where the problem is there), the field path, and the key words of the message.
 */
const BAD: { fixture: string; where: string; message: RegExp }[] = [
  { fixture: 'malformed-yaml', where: '8:1: (document)', message: /malformed YAML: Flow sequence.* — look for an unclosed bracket or quote before this position/ },
  { fixture: 'duplicate-key', where: '5:1: graph', message: /the key 'graph' appears twice — keep one of them/ },
  { fixture: 'unknown-key', where: '4:1: hamiltonain', message: /unknown key 'hamiltonain' — did you mean 'hamiltonian'\?/ },
  { fixture: 'missing-field', where: '1:1: qubits', message: /missing required field 'qubits'/ },
  { fixture: 'wrong-type', where: '1:9: qubits', message: /expected a whole number, found the text "three"/ },
  { fixture: 'unknown-operator', where: '4:23: hamiltonian', message: /unknown operator or function 'sigma_q'/ },
  { fixture: 'unknown-name', where: '4:15: hamiltonian', message: /unknown name 'omega'.*declare symbolic parameters under parameters:/ },
  { fixture: 'qubit-out-of-range', where: '4:26: hamiltonian', message: /qubit index 4 is out of range 1\.\.3/ },
  { fixture: 'non-hermitian-hamiltonian', where: '4:14: hamiltonian', message: /not Hermitian: its anti-Hermitian part \(H − H†\)\/2 is \(-1\/2\*i\)\*sy\(2\)/ },
  { fixture: 'negative-rate', where: '7:11: lindblad[0].rate', message: /the rate -1\/2 is negative/ },
  { fixture: 'non-real-rate', where: '7:11: lindblad[0].rate', message: /the rate 1 \+ i is not real/ },
  { fixture: 'initial-not-hermitian', where: '6:23: initial.product[1]', message: /factor 2 .* not Hermitian/ },
  { fixture: 'initial-not-trace-one', where: '6:10: initial.state', message: /trace is 2, not 1/ },
  { fixture: 'initial-not-psd', where: '6:23: initial.product[1]', message: /factor 2 .* not positive semidefinite/ },
  { fixture: 'self-loop', where: '4:19: graph.edges[1]', message: /self-loop \{2, 2\}/ },
  { fixture: 'non-positive-weight', where: '4:29: graph.edges[1][2]', message: /weight -1\/2 is not positive/ },
  { fixture: 'duplicate-edge', where: '4:27: graph.edges[2]', message: /duplicate edge \{1, 2\}/ },
  { fixture: 'too-large', where: '8:10: study.exact', message: /4,096 × 4,096 .* stops at 5 qubits — use exact: auto/ },
  { fixture: 'non-positive-eta', where: '8:15: study.eta[1]', message: /an error level η must be positive \(got -1\/100\)/ },
  { fixture: 'non-numeric-eta', where: '8:15: study.eta[1]', message: /expected an exact number, found a list — write an exact number/ },
  // Limits (docs/derivation-format.md, "Limits"; issue 24): refused before any work grows with them.
  { fixture: 'nesting-too-deep', where: '4:115: hamiltonian', message: /the expression is nested more than 100 levels deep/ },
  { fixture: 'sum-range-huge', where: '4:39: hamiltonian', message: /qubit index 4 \(with j = 4\) is out of range 1\.\.3/ },
  { fixture: 'power-huge', where: '4:21: hamiltonian', message: /the exponent 1000000000 is larger than the limit of 64/ },
  { fixture: 'number-huge', where: '4:15: hamiltonian', message: /the decimal exponent 999999 of 1e999999 is beyond the limit of ±100/ },
  { fixture: 'second-document', where: '6:1: (document)', message: /a second YAML document starts here \(after ---\): one file holds one model — put each model in its own file/ },
  { fixture: 'control-characters', where: '4:23: hamiltonian', message: /unexpected character '\\u\{1b\}'$/ },
  { fixture: 'kc-too-large', where: '7:11: study.Kc[1]', message: /K_c = 1e10 is outside the range the numerics can honour, 0 < K_c ≤ 10\^9/ },
  // The model language (issue 24): indexed parameters, for: channels, kets, and YAML's flow brackets.
  { fixture: 'indexed-out-of-range', where: '5:28: hamiltonian', message: /delta\[4\] \(with j = 3\) is out of range: delta has entries delta\[1\]\.\.delta\[3\]/ },
  { fixture: 'for-out-of-range', where: '6:34: lindblad[0].for', message: /the index j = 4 of for: is out of range 1\.\.3/ },
  { fixture: 'ket-not-normalised', where: '5:16: initial.ket', message: /the initial ket is not normalised: ⟨ψ\|ψ⟩ = 2, not 1 — divide it by sqrt\(2\)/ },
  { fixture: 'flow-bracket', where: '7:34: (document)', message: /YAML cannot read gamma\[…\] unquoted inside a \{ … \} or \[ … \] collection — quote the expression, e\.g\. rate: 'gamma\[j\]'/ },
  // <name>.proof-T1.html must fit in NAME_MAX = 255 bytes.
  { fixture: 'name-too-long', where: '1:7: name', message: /too long: 242 bytes, more than 241 — shorten it to at most 241 characters/ },
];

function expectedLine(c: (typeof BAD)[number]): RegExp {
  const prefix = `${F}/${c.fixture}.yaml:${c.where}: `.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${prefix}.*${c.message.source}`);
}

describe('qblend check: one line per bad input, exit code 2', () => {
  it.each(BAD)('$fixture', (c) => {
    const r = runCliInProcess(['check', `${F}/${c.fixture}.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(expectedLine(c));
  });

  it('as a subprocess: every bad file gives its one line, no stack trace, exit code 2', () => {
    const r = runCliProcess(['check', ...BAD.map((c) => `${F}/${c.fixture}.yaml`)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toHaveLength(BAD.length);
    BAD.forEach((c, k) => expect(r.stderr[k]).toMatch(expectedLine(c)));
    expect(r.stderr.join('\n')).not.toMatch(/^\s+at |Error:|internal error/m);
  });

  it('a disconnected graph is a warning, not an error', () => {
    const r = runCliProcess(['check', `${F}/disconnected.yaml`, 'derivations/example-1.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toHaveLength(2);
    expect(r.stdout[0]).toMatch(/^OK test\/cli\/fixtures\/disconnected\.yaml: warn-disconnected — 4 qubits/);
    expect(r.stderr).toEqual([
      `${F}/disconnected.yaml:4:3: graph: warning: the graph is disconnected (2 components: {1, 2}, {3, 4}); the paper's theorems assume a connected graph, so consensus and the K_c* bounds do not apply across components`,
    ]);
  });

  it("a parameter d_j inside sum(j, …) is a warning where check prints warnings, suggesting d[j]", () => {
    const r = runCliInProcess(['check', `${F}/indexed-warning.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout[0]).toMatch(/^OK test\/cli\/fixtures\/indexed-warning\.yaml: indexed-warning — 3 qubits/);
    expect(r.stderr).toEqual([
      `${F}/indexed-warning.yaml:5:22: hamiltonian: warning: 'd_j' is one parameter, the same for every j, although j is an index variable here — for one value per qubit declare d: [value for qubit 1, …] under parameters: and write d[j]`,
    ]);
  });

  it('the longest name whose output files fit in 255 bytes is valid', () => {
    const r = runCliInProcess(['check', `${F}/name-longest.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout[0]).toMatch(new RegExp(`^OK ${F}/name-longest\\.yaml: n{241} — 2 qubits`));
  });

  it('a missing file is a user error', () => {
    const r = runCliInProcess(['check', `${F}/does-not-exist.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`${F}/does-not-exist.yaml: no such file — check the path`]);
  });

  it('--help on every command', () => {
    for (const args of [['--help'], ['check', '--help'], ['derive', '--help']]) {
      const r = runCliInProcess(args);
      expect(r.code).toBe(0);
      expect(r.stdout.join('\n')).toMatch(/Usage: qblend/);
    }
    expect(runCliInProcess(['frobnicate']).code).toBe(2);
  });
});

describe('unexpected errors', () => {
  function capture(debug: boolean): { io: CliIO; err: string[] } {
    const err: string[] = [];
    return { io: { out: () => {}, err: (s) => err.push(s), debug }, err };
  }
  it('are one short line with exit code 1; the stack only with --debug', () => {
    const bug = new TypeError('broken invariant');
    const quiet = capture(false);
    expect(reportError(bug, quiet.io, 'x.yaml')).toBe(1);
    expect(quiet.err).toEqual(['qblend: internal error while processing x.yaml: TypeError: broken invariant (run with --debug for the stack trace)']);
    const loud = capture(true);
    expect(reportError(bug, loud.io, 'x.yaml')).toBe(1);
    expect(loud.err).toHaveLength(2);
    expect(loud.err[1]).toMatch(/^TypeError: broken invariant\n\s+at /);
  });
});

describe('control characters from a model file are escaped in messages', () => {
  it('ESC, BEL and NUL in a user error and in an internal error are written as \\u{…}', () => {
    const err: string[] = [];
    const io: CliIO = { out: () => {}, err: (s) => err.push(s), debug: false };
    expect(reportError(new UserError("unknown name 'a\u001b]0;x\u0007\u0000'", { file: 'f.yaml', field: 'h', line: 1, column: 2 }), io)).toBe(2);
    expect(reportError(new Error('x\u001b[2J\u009b'), io, 'f.yaml')).toBe(1);
    expect(err).toEqual([
      "f.yaml:1:2: h: unknown name 'a\\u{1b}]0;x\\u{7}\\u{0}'",
      'qblend: internal error while processing f.yaml: Error: x\\u{1b}[2J\\u{9b} (run with --debug for the stack trace)',
    ]);
    expect(err.join('')).not.toMatch(/[\u0000-\u0008\u001b\u007f-\u009f]/);
  });
});
