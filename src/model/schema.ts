import {
  child, describeNode, errorAt, hasKey, isAbsent, isYamlMap, isYamlScalar, isYamlSeq, itemsOf, keysOf, yamlValue,
  type Located,
} from './source.ts';
import { suggest } from './expr.ts';

/**
 * The schema of derivation files, declared as data (docs/derivation-format.md describes it in prose).
 * `checkSchema` walks a YAML tree against it and throws one `UserError` at the first problem, with
 * the field path and line:col: unknown keys (with a "did you mean"), wrong types, missing fields.
 */
export type Schema =
  | { type: 'string'; pattern?: RegExp; patternHint?: string; maxBytes?: number; maxBytesHint?: string }
  | { type: 'text' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'exact' }
  | { type: 'expr' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; items: Schema; minItems?: number; maxItems?: number }
  | { type: 'object'; fields: Readonly<Record<string, FieldSpec>>; additional?: Schema; oneOf?: readonly string[] }
  | { type: 'union'; options: readonly { when: 'scalar' | 'list' | 'map' | 'string'; schema: Schema }[]; describe: string }
  | { type: 'any' };

export interface FieldSpec {
  schema: Schema;
  required?: boolean;
  doc: string;
}

/** Most qubits of a model (and most entries of an indexed parameter, one per qubit). */
export const MAX_QUBITS = 60;

/** Most entries of `study.Kc` and of `study.eta` (each is a simulation or a sweep): docs/derivation-format.md, "Limits". */
export const MAX_STUDY_LIST = 32;

/**
 * Longest model name, in UTF-8 bytes: the longest output file name, `<name>.proof-T1.html`, must fit
 * in NAME_MAX = 255 bytes (Linux, macOS and Windows file systems).
 */
export const MAX_NAME_BYTES = 255 - '.proof-T1.html'.length;

const EXACT_HINT = 'write an exact number such as 1, 1/3, 0.05, sqrt(3)/2 or a parameter name';

const exact: Schema = { type: 'exact' };
const expr: Schema = { type: 'expr' };
const text: Schema = { type: 'text' };

/** A 2×2 (or any square) matrix literal: rows of exact numbers. */
const matrixLiteral: Schema = { type: 'list', items: { type: 'list', items: exact, minItems: 1 }, minItems: 1 };

const initialSchema: Schema = {
  type: 'object',
  oneOf: ['product', 'state', 'ket'],
  fields: {
    product: {
      schema: {
        type: 'list',
        minItems: 1,
        items: {
          type: 'union',
          describe: "a single-qubit state such as '|0>', '|+>', '|0><0|', 'I/2' or a 2×2 matrix [[a, b], [c, d]]",
          options: [{ when: 'scalar', schema: expr }, { when: 'list', schema: matrixLiteral }],
        },
      },
      doc: 'one single-qubit density operator per qubit, qubit 1 first',
    },
    state: { schema: expr, doc: 'a general expression in ket-bras |bits><bits|, I, sums and exact coefficients' },
    ket: { schema: expr, doc: 'a pure state |ψ>: kets |bits> on all n qubits, sums and exact coefficients, normalised' },
  },
};

const matrixOrExpr: Schema = {
  type: 'union',
  describe: 'a matrix [[a, b], [c, d]] or an expression such as (1/2)|1><1| + (1/6)|0><1|',
  options: [{ when: 'list', schema: matrixLiteral }, { when: 'scalar', schema: expr }],
};

export const MODEL_SCHEMA: Schema = {
  type: 'object',
  fields: {
    name: {
      schema: {
        type: 'string',
        pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        patternHint: 'letters, digits, ".", "_" and "-" (it names the output files)',
        maxBytes: MAX_NAME_BYTES,
        maxBytesHint: `shorten it to at most ${MAX_NAME_BYTES} characters, so that <name>.proof-T1.html fits in the 255 bytes a file name may have`,
      },
      doc: 'identifier of the model; output files are named after it (default: the file name without extension)',
    },
    title: { schema: text, doc: 'human-readable title' },
    notes: { schema: text, doc: 'free text: provenance, choices, corrections (rendered escaped)' },
    qubits: { schema: { type: 'integer', min: 1, max: MAX_QUBITS }, required: true, doc: 'number of qubits n' },
    graph: {
      schema: {
        type: 'union',
        describe: 'a family name (complete, ring, path, star) or a mapping such as {family: star, center: 1} or {edges: [[1, 2, 1/2]]}',
        options: [
          { when: 'string', schema: { type: 'enum', values: ['complete', 'ring', 'path', 'star'] } },
          {
            when: 'map',
            schema: {
              type: 'object',
              fields: {
                family: { schema: { type: 'enum', values: ['complete', 'ring', 'path', 'star', 'explicit'] }, doc: 'graph family (default explicit when edges are given)' },
                weight: { schema: exact, doc: 'common edge weight of a family (default 1)' },
                center: { schema: { type: 'integer', min: 1 }, doc: 'hub of a star (default 1)' },
                edges: {
                  schema: { type: 'list', items: { type: 'list', items: exact, minItems: 2, maxItems: 3 } },
                  doc: 'explicit edges [j, k] or [j, k, weight]',
                },
              },
            },
          },
        ],
      },
      required: true,
      doc: 'the coupling graph G',
    },
    hamiltonian: { schema: expr, required: true, doc: 'H, an operator expression (write 0 for none)' },
    lindblad: {
      schema: {
        type: 'list',
        items: {
          type: 'object',
          fields: {
            operator: { schema: expr, required: true, doc: 'L_l, an operator expression' },
            rate: { schema: exact, doc: 'γ_l ≥ 0 (default 1)' },
            label: { schema: { type: 'string' }, doc: 'optional name of the channel' },
            for: { schema: { type: 'string' }, doc: 'an index (j, "j=2..n", "j<k", "{j,k} in edges"): one channel per value, a zero rate dropping its channel' },
          },
        },
      },
      doc: 'dissipation channels γ_l D(L_l)',
    },
    initial: { schema: initialSchema, required: true, doc: 'ρ(0)' },
    parameters: {
      schema: {
        type: 'object',
        fields: {},
        additional: {
          type: 'union',
          describe: 'an exact value (1/2, 0.05, sqrt(2)), `symbolic`, or a list of them (one per qubit)',
          options: [{ when: 'scalar', schema: exact }, { when: 'list', schema: { type: 'list', items: { type: 'any' }, minItems: 1, maxItems: MAX_QUBITS } }],
        },
      },
      doc: 'symbolic parameters: name → exact value, `symbolic` (or ~) to keep it symbolic, or a list of these (an indexed parameter, one entry per qubit)',
    },
    study: {
      schema: {
        type: 'object',
        fields: {
          Kc: { schema: { type: 'union', describe: 'a list of coupling gains', options: [{ when: 'list', schema: { type: 'list', items: exact, minItems: 1, maxItems: MAX_STUDY_LIST } }, { when: 'scalar', schema: exact }] }, doc: 'coupling gains K_c' },
          eta: {
            schema: { type: 'union', describe: 'an error level η or a list of them, such as 0.05 or [0.05, 0.01]', options: [{ when: 'list', schema: { type: 'list', items: exact, minItems: 1, maxItems: MAX_STUDY_LIST } }, { when: 'scalar', schema: exact }] },
            doc: 'error level η of Theorems 1–4, or a list of them (the first is the primary η)',
          },
          T1: { schema: exact, doc: 'T₁ of Theorems 2–4' },
          T2: { schema: exact, doc: 'T₂ of Theorems 2–3' },
          horizon: { schema: exact, doc: 'end of the window on which Theorem 1 (t ≥ t*) and Theorem 4 (t ≥ T₁) are checked and their empirical K_c sought' },
          time: {
            schema: {
              type: 'object',
              fields: {
                start: { schema: exact, doc: 'first time (default 0)' },
                end: { schema: exact, required: true, doc: 'last time' },
                steps: { schema: { type: 'integer', min: 2, max: 1_000_000 }, required: true, doc: 'number of grid points' },
              },
            },
            doc: 'time grid of simulations and figures',
          },
          exact: { schema: { type: 'enum', values: ['auto', 'dense', 'none'] }, doc: 'exact dense objects: auto (n ≤ 5), dense (required), none' },
        },
      },
      doc: 'settings for the later stages',
    },
    paper: {
      schema: {
        type: 'object',
        fields: {
          reference: { schema: text, doc: 'where in the source (section, equation, example)' },
          notes: { schema: text, doc: 'free text' },
          steadyState: { schema: matrixOrExpr, doc: 'a stated steady state ρ_r' },
          blendedInitial: { schema: matrixOrExpr, doc: 'a stated ρ_b(0)' },
          initialState: { schema: initialSchema, doc: 'the ρ(0) the source states (kept even if invalid)' },
        },
        additional: { type: 'any' },
      },
      doc: 'values the source states, kept for checking',
    },
  },
};

function kindMatches(v: Located, when: 'scalar' | 'list' | 'map' | 'string'): boolean {
  if (when === 'scalar') return isYamlScalar(v) && yamlValue(v) !== null && typeof yamlValue(v) !== 'boolean';
  if (when === 'string') return isYamlScalar(v) && typeof yamlValue(v) === 'string';
  if (when === 'list') return isYamlSeq(v);
  return isYamlMap(v);
}

/**
 * Checks a YAML value against a schema; throws a located `UserError` at the first mismatch.
 * Absent optional fields and `~` values of `parameters` are allowed (checked by the builder).
 */
export function checkSchema(v: Located, s: Schema): void {
  const found = describeNode(v.node);
  switch (s.type) {
    case 'any':
      return;
    case 'string':
    case 'text': {
      if (!isYamlScalar(v) || typeof yamlValue(v) !== 'string') throw errorAt(v, `expected text, found ${found}`);
      if (s.type === 'string' && s.maxBytes !== undefined) {
        const bytes = new TextEncoder().encode(String(yamlValue(v))).length;
        if (bytes > s.maxBytes) throw errorAt(v, `too long: ${bytes} bytes, more than ${s.maxBytes}`, s.maxBytesHint);
      }
      if (s.type === 'string' && s.pattern && !s.pattern.test(String(yamlValue(v)))) {
        throw errorAt(v, `invalid value ${JSON.stringify(yamlValue(v))}`, s.patternHint ? `use ${s.patternHint}` : undefined);
      }
      return;
    }
    case 'integer': {
      const val = yamlValue(v);
      if (!isYamlScalar(v) || typeof val !== 'number' || !Number.isInteger(val)) throw errorAt(v, `expected a whole number, found ${found}`);
      if (s.min !== undefined && val < s.min) throw errorAt(v, `must be at least ${s.min} (got ${val})`);
      if (s.max !== undefined && val > s.max) throw errorAt(v, `must be at most ${s.max} (got ${val})`);
      return;
    }
    case 'exact': {
      const val = yamlValue(v);
      if (!isYamlScalar(v) || (typeof val !== 'number' && typeof val !== 'string') || (typeof val === 'number' && !Number.isFinite(val))) {
        throw errorAt(v, `expected an exact number, found ${found}`, EXACT_HINT);
      }
      if (typeof val === 'string' && val.trim() === '') throw errorAt(v, 'expected an exact number, found empty text', EXACT_HINT);
      return;
    }
    case 'expr': {
      const val = yamlValue(v);
      if (!isYamlScalar(v) || (typeof val !== 'number' && typeof val !== 'string')) {
        throw errorAt(v, `expected an operator expression (text), found ${found}`, "quote it, e.g. 'sz(1) + sqrt(3)*sp(2)'");
      }
      return;
    }
    case 'enum': {
      const val = yamlValue(v);
      if (!isYamlScalar(v) || typeof val !== 'string' || !s.values.includes(val)) {
        const near = typeof val === 'string' ? suggest(val, s.values) : undefined;
        throw errorAt(v, `expected one of ${s.values.join(', ')}, found ${found}`, near ? `did you mean '${near}'?` : undefined);
      }
      return;
    }
    case 'list': {
      if (!isYamlSeq(v)) throw errorAt(v, `expected a list, found ${found}`);
      const items = itemsOf(v);
      if (s.minItems !== undefined && items.length < s.minItems) throw errorAt(v, `expected at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}, found ${items.length}`);
      if (s.maxItems !== undefined && items.length > s.maxItems) throw errorAt(v, `expected at most ${s.maxItems} items, found ${items.length}`);
      for (const item of items) checkSchema(item, s.items);
      return;
    }
    case 'union': {
      for (const o of s.options) {
        if (kindMatches(v, o.when)) {
          checkSchema(v, o.schema);
          return;
        }
      }
      throw errorAt(v, `expected ${s.describe}, found ${found}`);
    }
    case 'object': {
      if (!isYamlMap(v)) throw errorAt(v, `expected a mapping (key: value lines), found ${found}`);
      const known = Object.keys(s.fields);
      for (const { key, at } of keysOf(v)) {
        if (!(key in s.fields)) {
          if (s.additional) continue;
          const near = suggest(key, known);
          throw errorAt(at, `unknown key '${key}'`, near ? `did you mean '${near}'?` : `allowed keys here: ${known.join(', ')}`);
        }
      }
      for (const [key, spec] of Object.entries(s.fields)) {
        const c = child(v, key);
        if (!hasKey(v, key)) {
          if (spec.required) throw errorAt(c, `missing required field '${key}' (${spec.doc})`);
          continue;
        }
        if (isAbsent(c)) {
          if (spec.required) throw errorAt(c, `field '${key}' has no value (${spec.doc})`);
          continue;
        }
        checkSchema(c, spec.schema);
      }
      if (s.additional) {
        for (const { key } of keysOf(v)) {
          if (key in s.fields) continue;
          const c = child(v, key);
          if (isAbsent(c)) continue;
          checkSchema(c, s.additional);
        }
      }
      if (s.oneOf) {
        const present = s.oneOf.filter((k) => hasKey(v, k));
        if (present.length !== 1) {
          throw errorAt(v, present.length === 0 ? `give one of ${s.oneOf.map((k) => `'${k}'`).join(' or ')}` : `give only one of ${present.map((k) => `'${k}'`).join(' and ')}`);
        }
      }
      return;
    }
  }
}

