import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { loadModel, MAX_FILE_BYTES } from '../../src/cli/load-model.ts';
import { modelJson } from '../../src/model/model-json.ts';
import { parseModel } from '../../src/model/parse.ts';

const dir = mkdtempSync(join(tmpdir(), 'qblend-load-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'name: one\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n';

describe('loadModel', () => {
  it('reads a derivation file and parses it under its path', () => {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, TEXT);
    expect(modelJson(loadModel(file))).toEqual(modelJson(parseModel(TEXT, file)));
  });

  it('names a missing file, and a file it cannot read with the system error code', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => loadModel(missing)).toThrow(
      expect.objectContaining({ constructor: UserError, message: 'no such file', location: { file: missing }, hint: 'check the path' }),
    );
    expect(() => loadModel(dir)).toThrow(
      expect.objectContaining({ constructor: UserError, message: 'cannot read the file (EISDIR)', location: { file: dir }, hint: 'check the path' }),
    );
  });

  it('reports a problem in the text at its line in the file', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, TEXT.replace('qubits: 1', 'qubits: x'));
    expect(() => loadModel(file)).toThrow(expect.objectContaining({ constructor: UserError, location: expect.objectContaining({ file, line: 2 }) }));
  });

  it('refuses devices and FIFOs before reading (no wait for a writer), and files over 1 MiB', () => {
    const device = { constructor: UserError, message: 'not a regular file (a device, a pipe or a socket)', location: { file: '/dev/zero' } };
    expect(() => loadModel('/dev/zero')).toThrow(expect.objectContaining(device));
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadModel(fifo)).toThrow(expect.objectContaining({ ...device, location: { file: fifo } }));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, TEXT + `notes: "${'x'.repeat(MAX_FILE_BYTES)}"\n`);
    expect(() => loadModel(big)).toThrow(expect.objectContaining({ constructor: UserError, message: expect.stringMatching(/^the file is too large: 1,048,\d+ bytes, more than the limit of 1,048,576 \(1 MiB\)$/) }));
    const edge = join(dir, 'edge.yaml');
    writeFileSync(edge, TEXT + `notes: "${'x'.repeat(MAX_FILE_BYTES - TEXT.length - 10)}"\n`);
    expect(loadModel(edge).qubits).toBe(1);
  });

  it('says in its own words that a UTF-16 or UTF-32 file must be saved as UTF-8; a UTF-8 BOM is fine', () => {
    const cases: [string, Buffer, string][] = [
      ['utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'UTF-16'],
      ['utf16-no-bom.yaml', Buffer.from(TEXT, 'utf16le'), 'UTF-16 or UTF-32'],
      ['utf32.yaml', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...TEXT].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]), 'UTF-32'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      let e: unknown;
      try { loadModel(file); } catch (x) { e = x; }
      expect((e as UserError).format()).toBe(`${file}:1:1: (document): the file is ${encoding}, not UTF-8 — save it as UTF-8 (most editors: "Save with encoding")`);
    }
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(loadModel(bom).qubits).toBe(1);
  });
});
