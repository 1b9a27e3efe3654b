import { PrismaClient } from '@confide/db';
import type { Database } from '../shared/database.ts';

export interface CountingPrisma {
  prisma: PrismaClient;
  /** SQL of every statement sent since the last reset. */
  readonly statements: string[];
  reset(): void;
  disconnect(): Promise<void>;
}

/**
 * A second Prisma client on `database` that records every SQL statement it sends, counted at the
 * driver adapter (the only place that sees each statement, raw or generated, with driver adapters).
 */
export function createCountingPrisma(database: Database): CountingPrisma {
  const statements: string[] = [];
  const factory = database.adapter.adapterFactory;
  const prisma = new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        const queryRaw = adapter.queryRaw.bind(adapter);
        const executeRaw = adapter.executeRaw.bind(adapter);
        return Object.assign(adapter, {
          queryRaw: (query: Parameters<typeof queryRaw>[0]) => (statements.push(query.sql), queryRaw(query)),
          executeRaw: (query: Parameters<typeof executeRaw>[0]) => (
            statements.push(query.sql),
            executeRaw(query)
          ),
        });
      },
    },
  });
  return {
    prisma,
    statements,
    reset: () => void statements.splice(0),
    disconnect: () => prisma.$disconnect(),
  };
}
