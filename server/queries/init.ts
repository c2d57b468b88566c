/** Applies the server's own tables (audit log, annotations) on the write connection. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UskDb } from '../../pipelines/db/open.ts';

const SERVER_SCHEMA = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'schema.sql'), 'utf8');

export async function applyServerSchema(db: UskDb): Promise<void> {
  await db.run(SERVER_SCHEMA);
}
