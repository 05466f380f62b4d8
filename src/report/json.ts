/**
 * Deterministic JSON for reports: keys in the order given (insertion order of objects and Maps),
 * numbers printed by ECMAScript's shortest round-trip algorithm (identical on every platform),
 * non-finite numbers refused rather than silently turned into `null`, arrays of plain values kept
 * on one line so trajectories stay readable and diffs small, and a trailing newline.
 *
 * Exact values carry their LaTeX next to a float approximation; numeric values carry the accuracy
 * they were computed to (STYLE.md §6: a float never becomes an "exact" value).
 */
import type { DerivationDocument } from './document.ts';

/** An exact (symbolic) value: its LaTeX is the truth, `approx` a convenience for plotting. */
export interface ExactJsonValue {
  kind: 'exact';
  latex: string;
  approx: number;
}

/** A numerically computed value and how accurate it is (e.g. an absolute tolerance). */
export interface NumericJsonValue {
  kind: 'numeric';
  value: number;
  accuracy: number;
}

/**
 * An exact value for a JSON report.
 * @example exactValue('\\frac{2}{3}', 2 / 3) // => { kind: 'exact', latex: '\\frac{2}{3}', approx: 0.6666666666666666 }
 */
export function exactValue(latex: string, approx: number): ExactJsonValue {
  return { kind: 'exact', latex, approx };
}

/**
 * A numeric value for a JSON report.
 * @example numericValue(0.31, 1e-12) // => { kind: 'numeric', value: 0.31, accuracy: 1e-12 }
 */
export function numericValue(value: number, accuracy: number): NumericJsonValue {
  return { kind: 'numeric', value, accuracy };
}

export interface DeterministicJsonOptions {
  /** Round every number to this many significant digits before printing. Default: no rounding. */
  significantDigits?: number;
  /** Spaces per indentation level. Default 2. */
  indent?: number;
}

/** Thrown for a value JSON cannot hold faithfully (NaN, ±Infinity, bigint, a function, a cycle). */
export class JsonSerialisationError extends Error {
  constructor(path: string, what: string) {
    super(`cannot serialise ${what} at ${path || '(root)'}`);
    this.name = 'JsonSerialisationError';
  }
}

function formatNumber(value: number, path: string, digits: number | undefined): string {
  if (!Number.isFinite(value)) throw new JsonSerialisationError(path, String(value));
  const rounded = digits === undefined ? value : Number(value.toPrecision(digits));
  // -0 prints as 0: JSON has no negative zero and JSON.stringify agrees.
  return JSON.stringify(Object.is(rounded, -0) ? 0 : rounded);
}

function isPlainValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * JSON text of `value`, the same bytes for the same input. Objects keep their key order (note that
 * JavaScript itself lists integer-like keys first; use a Map to keep any order), Maps with string
 * keys serialise as objects, typed arrays as arrays, `undefined` members are left out.
 * @example toDeterministicJson({ b: 1, a: [0.1, 2e-20] }) // => '{\n  "b": 1,\n  "a": [0.1, 2e-20]\n}\n'
 */
export function toDeterministicJson(value: unknown, options: DeterministicJsonOptions = {}): string {
  const indentUnit = ' '.repeat(options.indent ?? 2);
  const seen = new Set<object>();
  const write = (v: unknown, path: string, depth: number): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        return formatNumber(v, path, options.significantDigits);
      case 'bigint':
      case 'function':
      case 'symbol':
      case 'undefined':
        throw new JsonSerialisationError(path, typeof v);
    }
    const object = v as object;
    if (seen.has(object)) throw new JsonSerialisationError(path, 'a cyclic reference');
    seen.add(object);
    const inner = indentUnit.repeat(depth + 1);
    const outer = indentUnit.repeat(depth);
    let text: string;
    const items: unknown[] | undefined = Array.isArray(object)
      ? object
      : ArrayBuffer.isView(object) && !(object instanceof DataView)
        ? Array.from(object as unknown as ArrayLike<number>)
        : undefined;
    if (items !== undefined) {
      if (items.length === 0) text = '[]';
      else if (items.every(isPlainValue)) text = `[${items.map((x, i) => write(x, `${path}[${i}]`, depth + 1)).join(', ')}]`;
      else text = `[\n${items.map((x, i) => inner + write(x, `${path}[${i}]`, depth + 1)).join(',\n')}\n${outer}]`;
    } else {
      const entries: Array<[string, unknown]> =
        object instanceof Map
          ? [...object.entries()].map(([k, x]) => {
              if (typeof k !== 'string') throw new JsonSerialisationError(path, `a Map key of type ${typeof k}`);
              return [k, x];
            })
          : Object.entries(object);
      const kept = entries.filter(([, x]) => x !== undefined);
      text =
        kept.length === 0
          ? '{}'
          : `{\n${kept.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, `${path}.${k}`, depth + 1)}`).join(',\n')}\n${outer}}`;
    }
    seen.delete(object);
    return text;
  };
  return `${write(value, '', 0)}\n`;
}

/**
 * The document model itself as deterministic JSON, with a format tag, so a report's content can be
 * diffed and re-rendered without the derivation.
 * @example writeFileSync('reports/example-1.json', renderDocumentJson(doc));
 */
export function renderDocumentJson(doc: DerivationDocument): string {
  return toDeterministicJson({ format: 'qblend-document', version: 1, document: doc });
}
