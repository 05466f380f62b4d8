/** Writes docs/derivation-file.schema.json from src/model/schema.ts (run after changing the derivation format). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { derivationFileJsonSchema } from '../src/model/json-schema.ts';

const path = join(import.meta.dirname, '..', 'docs', 'derivation-file.schema.json');
writeFileSync(path, `${JSON.stringify(derivationFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path}`);
