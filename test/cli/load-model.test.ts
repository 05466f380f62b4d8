import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { loadModel } from '../../src/cli/load-model.ts';
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
});
