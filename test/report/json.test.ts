import { describe, expect, it } from 'vitest';
import { exactValue, JsonSerialisationError, numericValue, renderDocumentJson, toDeterministicJson } from '../../src/report/json.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

describe('deterministic JSON', () => {
  it('keeps key order, prints numbers round-trip and plain arrays on one line', () => {
    expect(toDeterministicJson({ b: 1, a: [0.1, 2e-20, -0], c: { z: true, y: null } })).toBe(
      '{\n  "b": 1,\n  "a": [0.1, 2e-20, 0],\n  "c": {\n    "z": true,\n    "y": null\n  }\n}\n',
    );
    expect(toDeterministicJson(new Map([['z', 1], ['a', 2]]))).toBe('{\n  "z": 1,\n  "a": 2\n}\n');
    expect(toDeterministicJson(new Float64Array([1.5, 0.1 + 0.2]))).toBe('[1.5, 0.30000000000000004]\n');
    expect(toDeterministicJson([0.1 + 0.2], { significantDigits: 6 })).toBe('[0.3]\n');
  });

  it('round-trips through JSON.parse', () => {
    const value = { points: [[0, 1], [0.5, 0.6065306597126334]], name: 'ρ "quoted" \\ ', nested: [{ x: [] }, {}] };
    expect(JSON.parse(toDeterministicJson(value))).toEqual(value);
  });

  it('refuses values JSON cannot hold faithfully, naming where', () => {
    expect(() => toDeterministicJson({ a: [1, NaN] })).toThrow(new JsonSerialisationError('.a[1]', 'NaN'));
    expect(() => toDeterministicJson({ a: Infinity })).toThrow(JsonSerialisationError);
    expect(() => toDeterministicJson({ a: 1n })).toThrow(JsonSerialisationError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toDeterministicJson(cyclic)).toThrow(/cyclic/);
  });

  it('carries exact values as LaTeX with an approximation, numeric values with their accuracy', () => {
    expect(toDeterministicJson({ rho11: exactValue('\\frac{2}{3}', 2 / 3), kc: numericValue(0.31, 1e-12) })).toBe(
      '{\n  "rho11": {\n    "kind": "exact",\n    "latex": "\\\\frac{2}{3}",\n    "approx": 0.6666666666666666\n  },\n  "kc": {\n    "kind": "numeric",\n    "value": 0.31,\n    "accuracy": 1e-12\n  }\n}\n',
    );
  });

  it('serialises the document model deterministically', () => {
    const a = renderDocumentJson(sampleDocument());
    expect(renderDocumentJson(sampleDocument())).toBe(a);
    expect(JSON.parse(a).document.title).toBe(sampleDocument().title);
  });
});
