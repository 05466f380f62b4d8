import { MODEL_SCHEMA, type Schema } from './schema.ts';


type JsonSchema = { [key: string]: unknown };

/** A YAML scalar that is an exact number or an expression: a number, or text such as 1/3 or sqrt(2). */
const NUMBER_OR_TEXT: JsonSchema = { type: ['number', 'string'] };

function convert(s: Schema, nullable = false): JsonSchema {
  switch (s.type) {
    case 'any':
      return {};
    case 'string': {
      const out: JsonSchema = { type: 'string' };
      if (s.pattern) out.pattern = s.pattern.source;
      // maxBytes counts UTF-8 bytes; a character is at least one byte, so this bound is looser.
      if (s.maxBytes !== undefined) out.maxLength = s.maxBytes;
      return out;
    }
    case 'text':
      return { type: 'string' };
    case 'integer': {
      const out: JsonSchema = { type: 'integer' };
      if (s.min !== undefined) out.minimum = s.min;
      if (s.max !== undefined) out.maximum = s.max;
      return out;
    }
    case 'exact':
    case 'expr':
      return nullable ? { type: ['number', 'string', 'null'] } : { ...NUMBER_OR_TEXT };
    case 'enum':
      return { enum: [...s.values] };
    case 'list': {
      const out: JsonSchema = { type: 'array', items: convert(s.items) };
      if (s.minItems !== undefined) out.minItems = s.minItems;
      if (s.maxItems !== undefined) out.maxItems = s.maxItems;
      return out;
    }
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, f] of Object.entries(s.fields)) {
        properties[key] = { description: f.doc, ...convert(f.schema) };
        if (f.required) required.push(key);
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length > 0) out.required = required;
      // The only open mapping with typed values is `parameters`, whose values may also be `~` (symbolic).
      out.additionalProperties = s.additional ? convert(s.additional, true) : false;
      if (s.oneOf) out.oneOf = s.oneOf.map((k) => ({ required: [k] }));
      return out;
    }
    case 'union':
      return { description: s.describe, anyOf: s.options.map((o) => convert(o.schema, nullable)) };
  }
}

/**
 * The JSON Schema (draft 2020-12) of derivation files, generated from `MODEL_SCHEMA`, the schema
 * `qblend check` enforces, so the two cannot drift (test/docs/json-schemas.test.ts compares it with
 * the published docs/derivation-file.schema.json). It checks structure and types for an editor
 * (the YAML language server completes and validates with it); `qblend check` remains the authority
 * (expressions, exact values, Hermiticity, ranges that depend on other fields).
 * @example derivationFileJsonSchema().required // => ['qubits', 'graph', 'hamiltonian', 'initial']
 */
export function derivationFileJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'qblend derivation file',
    description: 'A model of an open quantum network for qblend (docs/derivation-format.md). Generated from src/model/schema.ts by scripts/write-schemas.ts.',
    ...convert(MODEL_SCHEMA),
  };
}
