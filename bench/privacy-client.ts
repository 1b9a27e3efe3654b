import { DEMO_HASH_KEY, openDatabase, type Database } from '@confide/db';
import type { Viewer } from '../api/src/auth/viewer.ts';
import {
  createTestGraphQLClient,
  testViewers,
  type TestGraphQLClient,
} from '../api/src/testing/graphql-client.ts';
import { scaleDatabase } from './scale-database.ts';

export interface PrivacyBenchClient {
  database: Database;
  client: TestGraphQLClient;
  /** The demo privacy officer, so timeline entries name a real staff member. */
  privacy: Viewer;
  northwindId: string;
  close(): Promise<void>;
}

/**
 * The API's schema and plugins (audit flush included, HTTP excluded) over the benchmark data set,
 * acting as the demo privacy officer. The demo seed's hash key, so seeded requests match.
 */
export async function privacyBenchClient(): Promise<PrivacyBenchClient> {
  const { databaseUrl, summary } = await scaleDatabase();
  console.log(
    `Dataset: ${summary.conversations.toLocaleString('en')} conversations, ` +
      `${summary.messages.toLocaleString('en')} messages, ${summary.leads.toLocaleString('en')} leads; ` +
      `${summary.benchSubjectEmail} in ${summary.benchConversations} conversations`,
  );
  const database = await openDatabase({ databaseUrl, dataDirectory: 'memory://' });
  const client = await createTestGraphQLClient(database.prisma, {
    settings: { SUBJECT_HASH_SECRET: DEMO_HASH_KEY },
  });
  const officer = await database.prisma.staffUser.findUniqueOrThrow({
    where: { email: 'privacy@confide.test' },
  });
  const northwind = await database.prisma.site.findFirstOrThrow({ where: { domain: 'northwind.example' } });
  return {
    database,
    client,
    privacy: testViewers.staff(['PRIVACY'], { id: officer.id, name: officer.name, email: officer.email }),
    northwindId: northwind.id,
    async close() {
      await client.stop();
      await database.close();
    },
  };
}

/** Runs one operation and fails loudly on GraphQL errors, returning its data. */
export async function execute<T>(
  bench: PrivacyBenchClient,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await bench.client.executeAs<T>(bench.privacy, query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}
