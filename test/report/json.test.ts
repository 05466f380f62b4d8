import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivationJson, derivationJsonText, stringifyJson } from '../../src/report/json.ts';
import { parseModel } from '../../src/model/parse.ts';
import { computeDerivation } from '../../src/derivation/derive.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the one JSON writer', () => {
  it('keeps each complex pair [re, im] on one line and round-trips through JSON.parse', () => {
    expect(stringifyJson({ z: [1, -0.5], m: [[[0, 1], [2e-20, -3]]] })).toBe(
      '{\n  "z": [1, -0.5],\n  "m": [\n    [\n      [0, 1],\n      [2e-20, -3]\n    ]\n  ]\n}\n',
    );
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.parse(stringifyJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
    }));
  });

  it('writes the committed report of a symbolic model byte for byte, schemaVersion first', () => {
    const file = 'derivations/example-1-parametric.yaml';
    const d = computeDerivation(parseModel(readFileSync(join(ROOT, file), 'utf8'), file));
    const text = derivationJsonText(d);
    expect(text).toBe(readFileSync(join(ROOT, 'reports/example-1-parametric.json'), 'utf8'));
    const j = derivationJson(d);
    expect(Object.keys(j)[0]).toBe('schemaVersion');
    expect(j.simulation).toBeNull();
    expect(j.simulationSkipped).toMatch(/no value in the file/);
  });
});
