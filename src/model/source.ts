import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar as YamlScalar, type Node } from 'yaml';
import { UserError, type SourceLocation } from '../core/errors.ts';

/**
 * The adapter of the `yaml` package (the only model file that imports it, STYLE.md §2).
 * A derivation file read as YAML with source positions kept. Every error the model layer raises
 * points at a line and column of this text, so the file, its line counter and the dotted field path
 * travel together with each node.
 */
export interface SourceFile {
  /** The file name as the user gave it (used in messages). */
  readonly file: string;
  readonly text: string;
  readonly lines: LineCounter;
}

/** A YAML node together with where it came from. */
export interface Located {
  readonly src: SourceFile;
  /** Dotted field path, e.g. `lindblad[0].rate` (list indices are 0-based). */
  readonly field: string;
  /** The YAML node; `null` for an absent value. */
  readonly node: Node | null;
  /** Fallback location when `node` is absent (the parent's start). */
  readonly at: number;
}

/**
 * Parses YAML text; malformed YAML (and duplicate keys) becomes a one-line `UserError` at the first
 * problem's line:col.
 * @example loadYaml('x.yaml', 'qubits: 3\n').node !== null // => true
 */
export function loadYaml(file: string, text: string): Located {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true });
  const src: SourceFile = { file, text, lines };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const { line, col } = lines.linePos(e.pos[0]);
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '').trim();
    if (/Maximum call stack size exceeded/.test(e.message)) {
      throw new UserError('the YAML is nested too deeply to read', { file, field: '(document)', line, column: col },
        'a derivation file nests a few levels of mappings and lists; look for runaway brackets [ or {');
    }
    if (e.code === 'MULTIPLE_DOCS') {
      throw new UserError('a second YAML document starts here (after ---): one file holds one model', { file, field: '(document)', line, column: col },
        'put each model in its own file, or remove this --- line');
    }
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0].trim() ?? '';
      throw new UserError(`the key '${key}' appears twice`, { file, field: key || '(document)', line, column: col }, 'keep one of them');
    }
    // `rate: gamma[j]` inside a flow mapping { … }: YAML ends the plain scalar at the bracket.
    if (text[e.pos[0]] === '[' && /[A-Za-z0-9_]$/.test(text.slice(0, e.pos[0]))) {
      const name = /[A-Za-z0-9_]+$/.exec(text.slice(0, e.pos[0]))?.[0] ?? '';
      throw new UserError(`YAML cannot read ${name}[…] unquoted inside a { … } or [ … ] collection`, { file, field: '(document)', line, column: col },
        `quote the expression, e.g. rate: '${name}[j]', or write the entry as indented key: value lines`);
    }
    // The YAML parser notices an unclosed bracket or quote only where the next line starts.
    const hint = e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' || e.code === 'UNEXPECTED_TOKEN'
      ? 'look for an unclosed bracket or quote before this position'
      : 'fix the YAML syntax at this position';
    throw new UserError(`malformed YAML: ${first}`, { file, field: '(document)', line, column: col }, hint);
  }
  if (doc.contents === null) {
    throw new UserError('the file is empty', { file, field: '(document)', line: 1, column: 1 }, 'start from one of the files in derivations/');
  }
  return { src, field: '', node: doc.contents as Node, at: 0 };
}

/** The source offset where a located value starts. */
export function startOffset(v: Located): number {
  return v.node?.range ? v.node.range[0] : v.at;
}

/** Line and column (1-based) of a source offset. */
export function position(src: SourceFile, offset: number): { line: number; column: number } {
  const { line, col } = src.lines.linePos(Math.max(0, Math.min(offset, src.text.length)));
  return { line, column: col };
}

/** The error location of a located value (optionally a character offset inside its scalar text). */
export function locate(v: Located, innerOffset?: number): SourceLocation {
  const offset = innerOffset === undefined ? startOffset(v) : scalarCharOffset(v, innerOffset);
  return { file: v.src.file, field: v.field || '(document)', ...position(v.src, offset) };
}

/** A `UserError` located at a value (or at a character inside its scalar text). */
export function errorAt(v: Located, message: string, hint?: string, innerOffset?: number): UserError {
  return new UserError(message, locate(v, innerOffset), hint);
}

/**
 * Maps an offset inside the *value* of a scalar to an offset in the file. Plain and quoted scalars on
 * one line map directly (after the opening quote); escapes, folded and block scalars are aligned by
 * walking the raw source and the value together, so the column lands on the matching character.
 */
export function scalarCharOffset(v: Located, inner: number): number {
  const node = v.node;
  if (!node || !isScalar(node) || !node.range) return startOffset(v);
  const value = String(node.value);
  const start = node.range[0];
  const raw = v.src.text.slice(start, node.range[1]);
  if (node.type === YamlScalar.PLAIN && raw === value) return start + Math.min(inner, raw.length);
  // Skip the opening quote or block header, then align character by character.
  let p = 0;
  if (node.type === YamlScalar.QUOTE_DOUBLE || node.type === YamlScalar.QUOTE_SINGLE) p = 1;
  else if (node.type === YamlScalar.BLOCK_LITERAL || node.type === YamlScalar.BLOCK_FOLDED) {
    const nl = raw.indexOf('\n');
    p = nl < 0 ? raw.length : nl + 1;
  }
  for (let q = 0; q < Math.min(inner, value.length); q++) {
    const c = value[q];
    const found = raw.indexOf(c, p);
    // Whitespace in the value may come from a line fold; other characters should appear verbatim.
    if (found >= 0 && (found - p < 8 || /\s/.test(c))) p = found + 1;
    else p += 1;
  }
  if (inner < value.length) {
    const found = raw.indexOf(value[inner], p);
    if (found >= 0 && found - p < 8) p = found;
  }
  return start + Math.min(p, raw.length);
}

/** Kind of a YAML value, for messages. */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const val = node.value;
    if (val === null) return 'null';
    if (typeof val === 'number') return `the number ${node.source ?? String(val)}`;
    if (typeof val === 'boolean') return `the boolean ${String(val)}`;
    if (typeof val === 'string') return `the text ${JSON.stringify(val.length > 30 ? val.slice(0, 27) + '...' : val)}`;
  }
  return 'an unsupported YAML value';
}

/** Child of a mapping by key (null node when absent; `at` then points at the mapping). */
export function child(v: Located, key: string): Located {
  const field = v.field ? `${v.field}.${key}` : key;
  if (v.node && isMap(v.node)) {
    for (const pair of v.node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (k === key) {
        const val = (pair.value as Node | null) ?? null;
        const at = val?.range ? val.range[0] : (pair.key as Node).range?.[0] ?? startOffset(v);
        return { src: v.src, field, node: val, at };
      }
    }
  }
  return { src: v.src, field, node: null, at: startOffset(v) };
}

/** Whether a mapping has a key (even with a null value). */
export function hasKey(v: Located, key: string): boolean {
  return v.node !== null && isMap(v.node) && v.node.items.some((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** Keys of a mapping with their located key nodes (for unknown-key messages). */
export function keysOf(v: Located): { key: string; at: Located }[] {
  if (!v.node || !isMap(v.node)) return [];
  return v.node.items.map((pair) => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const field = v.field ? `${v.field}.${key}` : key;
    return { key, at: { src: v.src, field, node: keyNode, at: keyNode.range?.[0] ?? startOffset(v) } };
  });
}

/** Items of a list. */
export function itemsOf(v: Located): Located[] {
  if (!v.node || !isSeq(v.node)) return [];
  return v.node.items.map((item, i) => {
    const node = (item as Node | null) ?? null;
    return { src: v.src, field: `${v.field}[${i}]`, node, at: node?.range?.[0] ?? startOffset(v) };
  });
}

/**
 * The literal text of a scalar: for plain numbers the source characters (so `0.05` stays the
 * decimal the user wrote, never the double 0.05000000000000000277), otherwise the string value.
 */
export function scalarText(v: Located): string | null {
  const node = v.node;
  if (!node || !isScalar(node)) return null;
  if (typeof node.value === 'number' || typeof node.value === 'bigint') {
    return node.range ? v.src.text.slice(node.range[0], node.range[1]).trim() : String(node.value);
  }
  if (typeof node.value === 'string') return node.value;
  return null;
}

/** A field written without a value (`key:` or `key: ~`) or not written at all. */
export function isAbsent(v: Located): boolean {
  return v.node === null || (isScalar(v.node) && v.node.value === null);
}

export const isYamlMap = (v: Located): boolean => v.node !== null && isMap(v.node);
export const isYamlSeq = (v: Located): boolean => v.node !== null && isSeq(v.node);
export const isYamlScalar = (v: Located): boolean => v.node !== null && isScalar(v.node);
export function yamlValue(v: Located): unknown {
  return v.node && isScalar(v.node) ? v.node.value : undefined;
}
