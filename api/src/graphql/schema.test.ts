import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../shared/config.ts';
import { buildApiSchema, printApiSchema } from './schema.ts';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print -w @confide/api` after changing it)', async () => {
    const checkedIn = await readFile(path.join(repositoryRoot, 'schema.graphql'), 'utf8');
    expect(printApiSchema(await buildApiSchema())).toBe(checkedIn);
  });
});
