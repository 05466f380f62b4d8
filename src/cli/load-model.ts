import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.ts';
import type { NetworkModel } from '../model/network.ts';
import { parseModel } from '../model/parse.ts';

/**
 * Reads a derivation file (YAML, docs/derivation-format.md) into a validated `NetworkModel` with
 * `parseModel`. A file that cannot be read is one `UserError` naming it ('no such file', or the
 * system's error code); every problem in its text is one `UserError` naming the file, the field and
 * the line:col.
 */
export function loadModel(path: string): NetworkModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})`, { file: path }, 'check the path');
  }
  return parseModel(text, path);
}
