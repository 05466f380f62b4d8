/**
 * The published JSON Schemas (draft 2020-12, issue 24 item 6): docs/derivation-file.schema.json is the
 * schema `qblend check` enforces (src/model/schema.ts) converted, byte for byte, and accepts every
 * bundled derivation while refusing structural mistakes; docs/report.schema.json accepts every
 * committed report and a freshly derived one. Validated with ajv (a development dependency).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.ts';
import { derivationFileJsonSchema } from '../../src/model/json-schema.ts';
import { parseModel } from '../../src/model/parse.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const fileSchema = JSON.parse(read('docs/derivation-file.schema.json')) as object;
const reportSchema = JSON.parse(read('docs/report.schema.json')) as object;
const validateFile = ajv.compile(fileSchema);
const validateReport = ajv.compile(reportSchema);

const errors = (v: typeof validateFile): string => JSON.stringify(v.errors?.slice(0, 3));

describe('docs/derivation-file.schema.json', () => {
  it('is src/model/schema.ts converted (run npx tsx scripts/write-schemas.ts after changing it)', () => {
    expect(read('docs/derivation-file.schema.json')).toBe(`${JSON.stringify(derivationFileJsonSchema(), null, 2)}\n`);
  });

  const files = readdirSync(join(ROOT, 'derivations')).filter((f) => f.endsWith('.yaml'));
  it.each(files)('accepts derivations/%s', (f) => {
    const ok = validateFile(parse(read(`derivations/${f}`)));
    expect(ok, errors(validateFile)).toBe(true);
  });

  it('refuses what qblend check refuses structurally: an unknown key, a missing field, a wrong type, two initial forms', () => {
    const good = parse(read('derivations/example-1.yaml')) as Record<string, unknown>;
    expect(validateFile({ ...good, hamiltonain: 'sz(1)' })).toBe(false);
    const { qubits: _q, ...noQubits } = good;
    expect(validateFile(noQubits)).toBe(false);
    expect(validateFile({ ...good, qubits: 'three' })).toBe(false);
    expect(validateFile({ ...good, initial: { ket: '|00>', state: '|00><00|' } })).toBe(false);
    expect(validateFile({ ...good, study: { time: { end: 1 } } })).toBe(false);
  });
});

describe('docs/report.schema.json', () => {
  const reports = readdirSync(join(ROOT, 'reports')).filter((f) => f.endsWith('.json'));
  it('finds the committed reports', () => expect(reports.length).toBeGreaterThan(5));
  it.each(reports)('accepts reports/%s', (f) => {
    const ok = validateReport(JSON.parse(read(`reports/${f}`)));
    expect(ok, errors(validateReport)).toBe(true);
  });

  it('accepts a fresh derivation and refuses one with a missing block or a wrong schemaVersion', () => {
    const doc = derive(parseModel(read('test/cli/fixtures/qutip-entangled.yaml'), 'qutip-entangled.yaml')).toJsonValue();
    expect(validateReport(doc), errors(validateReport)).toBe(true);
    expect(validateReport({ ...doc, schemaVersion: 3 })).toBe(false);
    const { limits: _l, ...noLimits } = doc;
    expect(validateReport(noLimits)).toBe(false);
  });
});
