import 'reflect-metadata';
import { seedDemo } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Permission } from '../auth/policy.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';

const sitesQuery = /* GraphQL */ `
  {
    sites {
      id
      name
      domain
      widgetKeyPrefix
      allowedOrigins
      retentionPolicy {
        conversationRetentionDays
        leadRetentionMonths
      }
      holidays
      erasureDeadline {
        days
        unit
      }
      examinationDeadline {
        days
        unit
      }
      requestDeadline {
        days
        unit
      }
      requestMaxDeadline {
        days
        unit
      }
    }
  }
`;

interface SiteResult {
  id: string;
  name: string;
  holidays: string[];
  erasureDeadline: { days: number; unit: string };
  examinationDeadline: { days: number; unit: string } | null;
}

describe.each(databaseKinds)('sites on %s', (kind) => {
  let database: Database;
  let client: TestGraphQLClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now: new Date('2026-11-02T10:00:00.000Z') });
    client = await createTestGraphQLClient(database.prisma);
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  it('lists every site by name with its policy, for each role that may read sites', async () => {
    const rows = await database.prisma.site.findMany({ orderBy: { name: 'asc' } });
    for (const viewer of [
      testViewers.staff(['ADMIN']),
      testViewers.staff(['SALES']),
      testViewers.token([Permission.sitesRead]),
    ]) {
      const { data, errors } = await client.executeAs<{ sites: SiteResult[] }>(viewer, sitesQuery);
      expect(errors).toBeUndefined();
      expect(data!.sites.map((site) => site.id)).toEqual(rows.map((row) => toGlobalId('Site', row.id)));
      data!.sites.forEach((site, index) => {
        const row = rows[index]!;
        expect(site.erasureDeadline).toEqual({ days: row.erasureDueDays, unit: row.erasureDueUnit });
        expect(site.examinationDeadline).toEqual(
          row.examinationDueDays === null
            ? null
            : { days: row.examinationDueDays, unit: row.examinationDueUnit },
        );
        expect(site.holidays).toEqual(row.holidays.map((day) => day.toISOString().slice(0, 10)));
      });
    }
  });

  it('never exposes the widget key hash', async () => {
    const { errors } = await client.executeAs(testViewers.staff(['ADMIN']), '{ sites { widgetKeyHash } }');
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a token without sites:read, and anonymous callers', async () => {
    const token = await client.executeAs(testViewers.token([Permission.conversationsRead]), sitesQuery);
    expect(token.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await client.executeAs(testViewers.anonymous, sitesQuery);
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
