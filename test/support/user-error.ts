import { UserError } from '../../src/core/errors.ts';
import { parseModel } from '../../src/model/parse.ts';

/** The `UserError` that parsing `text` (as file `f.yaml`) raises; fails the test if it parses or throws anything else. */
export function errorOf(text: string): UserError {
  try {
    parseModel(text, 'f.yaml');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
