// `npm run schema:print`: writes the public contract, schema.graphql, at the repository root.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repositoryRoot } from '../shared/config.ts';
import { buildApiSchema, printApiSchema } from './schema.ts';

const target = path.join(repositoryRoot, 'schema.graphql');
await writeFile(target, printApiSchema(await buildApiSchema()));
console.log(`Wrote ${path.relative(process.cwd(), target) || target}`);
