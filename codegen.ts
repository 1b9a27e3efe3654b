import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

// Paths from the repository root, whichever workspace runs the generator.
const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Typed GraphQL documents for the console, from the checked-in schema.graphql (emitted by the API:
 * `npm run schema:print -w @confide/api`). Fragments live beside the components that render them.
 */
const config: CodegenConfig = {
  schema: path.join(root, 'schema.graphql'),
  documents: [
    path.join(root, 'console/src/**/*.{ts,tsx}'),
    `!${path.join(root, 'console/src/graphql/generated/**')}`,
  ],
  ignoreNoDocuments: true,
  generates: {
    [path.join(root, 'console/src/graphql/generated/')]: {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // How the API's custom scalars arrive in JSON.
        scalars: { Date: 'string', DateTime: 'string', EmailAddress: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
    },
  },
};

export default config;
