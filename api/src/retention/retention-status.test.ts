import { seedDemo, type PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Permission } from '../auth/policy.ts';
import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';

const now = new Date('2026-04-27T12:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;

const statusQuery = /* GraphQL */ `
  query Status($siteId: ID!) {
    retentionStatus(siteId: $siteId) {
      site {
        id
        name
      }
      policy {
        conversationRetentionDays
        leadRetentionMonths
        engagedLegalRetentionMonths
        requestRecordRetentionMonths
        backupPurgeDays
        childAgeThreshold
      }
      overdueCount
      overdue {
        conversations
        leads
        total
      }
      expiringWithin7Days
      expiringWithin30Days
      onHold {
        conversations
        leads
        total
      }
      lastSweep {
        id
        trigger
        dryRun
        status
        startedAt
        finishedAt
        counts {
          recordType
          count
        }
        skippedOnHold
        site {
          id
        }
        triggeredBy {
          name
        }
      }
      lastDryRun {
        id
        dryRun
      }
      nextSweepAt
      sweepIntervalMinutes
    }
  }
`;

interface Status {
  overdueCount: number;
  overdue: { conversations: number; leads: number; total: number };
  expiringWithin7Days: number;
  expiringWithin30Days: number;
  onHold: { conversations: number; leads: number; total: number };
  lastSweep: {
    id: string;
    trigger: string;
    dryRun: boolean;
    counts: { recordType: string; count: number }[];
  } | null;
  lastDryRun: { id: string; dryRun: boolean } | null;
  nextSweepAt: string;
  sweepIntervalMinutes: number;
  policy: Record<string, number>;
}

describe.each(databaseKinds)('retentionStatus on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let siteId: string;
  const privacy = testViewers.staff(['PRIVACY']);

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    await seedDemo(prisma, { now });
    client = await createTestGraphQLClient(prisma, { now: () => now });
    siteId = (await prisma.site.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id;
    // Something overdue, some of it held, so every count has something to count.
    const conversations = await prisma.conversation.findMany({
      where: { siteId, legalHolds: { none: {} } },
      orderBy: { id: 'asc' },
      take: 3,
    });
    await prisma.conversation.update({
      where: { id: conversations[0]!.id },
      data: { expiresAt: new Date(now.getTime() - hourMs) },
    });
    await prisma.conversation.update({
      where: { id: conversations[1]!.id },
      data: { expiresAt: new Date(now.getTime() - dayMs) },
    });
    await prisma.legalHold.create({
      data: { conversationId: conversations[1]!.id, reason: 'Dispute', placedAt: now },
    });
    const leads = await prisma.lead.findMany({ where: { siteId }, orderBy: { id: 'asc' }, take: 3 });
    await prisma.lead.update({
      where: { id: leads[0]!.id },
      data: { retainUntil: new Date(now.getTime() - dayMs) },
    });
    await prisma.lead.update({
      where: { id: leads[1]!.id },
      data: { retainUntil: new Date(now.getTime() - 2 * dayMs) },
    });
    await prisma.lead.update({
      where: { id: leads[2]!.id },
      data: { retainUntil: new Date(now.getTime() + 3 * dayMs) },
    });
    await prisma.legalHold.create({ data: { leadId: leads[1]!.id, reason: 'Audit', placedAt: now } });
    // A released hold keeps nothing.
    await prisma.legalHold.create({
      data: {
        leadId: leads[0]!.id,
        reason: 'Old',
        placedAt: new Date(now.getTime() - 9 * dayMs),
        releasedAt: new Date(now.getTime() - 8 * dayMs),
      },
    });
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  it('matches a hand count of overdue, expiring and held records at the request time', async () => {
    const conversations = await prisma.conversation.findMany({
      where: { siteId },
      include: { legalHolds: true },
    });
    const leads = await prisma.lead.findMany({ where: { siteId }, include: { legalHolds: true } });
    const held = (record: { legalHolds: { releasedAt: Date | null }[] }) =>
      record.legalHolds.some((hold) => hold.releasedAt === null);
    const due = (at: Date | null, from: number | undefined, to: number) =>
      at !== null && (from === undefined || at.getTime() >= from) && at.getTime() < to;
    const count = (from: number | undefined, to: number) =>
      conversations.filter((row) => !held(row) && due(row.expiresAt, from, to)).length +
      leads.filter((row) => !held(row) && due(row.retainUntil, from, to)).length;

    const result = await client.executeAs<{ retentionStatus: Status }>(privacy, statusQuery, {
      siteId: toGlobalId('Site', siteId),
    });
    expect(result.errors).toBeUndefined();
    const status = result.data!.retentionStatus;
    expect(status.overdue).toEqual({ conversations: 1, leads: 1, total: 2 });
    expect(status.overdueCount).toBe(count(undefined, now.getTime()));
    expect(status.overdueCount).toBe(2);
    expect(status.expiringWithin7Days).toBe(count(now.getTime(), now.getTime() + 7 * dayMs));
    expect(status.expiringWithin30Days).toBe(count(now.getTime(), now.getTime() + 30 * dayMs));
    // At least the lead due in 3 days; the demo adds conversations a few days from deletion.
    expect(status.expiringWithin7Days).toBeGreaterThan(0);
    expect(status.expiringWithin30Days).toBeGreaterThanOrEqual(status.expiringWithin7Days);
    expect(status.onHold).toEqual({
      conversations: conversations.filter(held).length,
      leads: leads.filter(held).length,
      total: conversations.filter(held).length + leads.filter(held).length,
    });
    const site = await prisma.site.findUniqueOrThrow({ where: { id: siteId } });
    expect(status.policy).toEqual({
      conversationRetentionDays: site.conversationRetentionDays,
      leadRetentionMonths: site.leadRetentionMonths,
      engagedLegalRetentionMonths: site.engagedLegalRetentionMonths,
      requestRecordRetentionMonths: site.requestRecordRetentionMonths,
      backupPurgeDays: site.backupPurgeDays,
      childAgeThreshold: site.childAgeThreshold,
    });
  });

  it('reports the last sweep and dry run, and the next scheduled sweep from the interval', async () => {
    const scheduled = await prisma.retentionRun.findFirstOrThrow({
      where: { trigger: 'SCHEDULE', dryRun: false },
      orderBy: { startedAt: 'desc' },
    });
    const seededDryRun = await prisma.retentionRun.findFirst({
      where: { dryRun: true },
      orderBy: { startedAt: 'desc' },
    });
    const first = await client.executeAs<{ retentionStatus: Status }>(privacy, statusQuery, {
      siteId: toGlobalId('Site', siteId),
    });
    expect(first.data?.retentionStatus).toMatchObject({
      lastSweep: { id: toGlobalId('RetentionRun', scheduled.id), trigger: 'SCHEDULE', dryRun: false },
      lastDryRun: seededDryRun && { id: toGlobalId('RetentionRun', seededDryRun.id), dryRun: true },
      sweepIntervalMinutes: 60,
      nextSweepAt: new Date(scheduled.startedAt.getTime() + 60 * 60_000).toISOString(),
    });
    expect(first.data?.retentionStatus.lastSweep?.counts.map((entry) => entry.recordType)).toEqual(
      Object.keys(scheduled.counts as object).sort(),
    );

    // A manual sweep of this site and a dry run: the last sweep changes, the schedule does not.
    const manual = await prisma.retentionRun.create({
      data: {
        siteId,
        trigger: 'MANUAL',
        status: 'COMPLETED',
        startedAt: new Date(now.getTime() - 2 * hourMs),
        finishedAt: new Date(now.getTime() - 2 * hourMs + 1000),
        counts: { conversations: 1 },
      },
    });
    const dryRun = await prisma.retentionRun.create({
      data: {
        siteId,
        trigger: 'MANUAL',
        dryRun: true,
        status: 'COMPLETED',
        startedAt: new Date(now.getTime() - hourMs),
      },
    });
    // Another site's run is not this site's.
    const otherSite = await prisma.site.findFirstOrThrow({ where: { id: { not: siteId } } });
    await prisma.retentionRun.create({
      data: {
        siteId: otherSite.id,
        trigger: 'MANUAL',
        status: 'COMPLETED',
        startedAt: new Date(now.getTime() - 60_000),
      },
    });
    const second = await client.executeAs<{ retentionStatus: Status }>(privacy, statusQuery, {
      siteId: toGlobalId('Site', siteId),
    });
    expect(second.data?.retentionStatus).toMatchObject({
      lastSweep: {
        id: toGlobalId('RetentionRun', manual.id),
        trigger: 'MANUAL',
        counts: [{ recordType: 'conversations', count: 1 }],
      },
      lastDryRun: { id: toGlobalId('RetentionRun', dryRun.id), dryRun: true },
      nextSweepAt: new Date(scheduled.startedAt.getTime() + 60 * 60_000).toISOString(),
    });
  });

  it('is for privacy:read only, and says NOT_FOUND for an unknown site', async () => {
    const variables = { siteId: toGlobalId('Site', siteId) };
    for (const viewer of [
      testViewers.staff(['SALES']),
      testViewers.token([Permission.leadsRead, Permission.consentsRead]),
    ]) {
      const result = await client.executeAs(viewer, statusQuery, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const viewer of [
      testViewers.staff(['ADMIN']),
      testViewers.token([Permission.privacyRead, Permission.sitesRead]),
    ]) {
      const result = await client.executeAs(viewer, statusQuery, variables);
      expect(result.errors).toBeUndefined();
    }
    const unknown = await client.executeAs(privacy, statusQuery, {
      siteId: toGlobalId('Site', '0190a000-0000-7000-8000-000000000000'),
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await client.executeAs(privacy, statusQuery, { siteId: 'nope' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the sweep interval setting', () => {
  it('defaults to hourly and accepts whole minutes up to a week', () => {
    expect(loadConfig({}).retentionSweepIntervalMinutes).toBe(60);
    expect(loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: '15' }).retentionSweepIntervalMinutes).toBe(15);
    expect(() => loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: '0' })).toThrow(
      /RETENTION_SWEEP_INTERVAL_MINUTES/,
    );
    expect(() => loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: '1.5' })).toThrow(/whole number/);
  });
});
