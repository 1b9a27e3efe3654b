import { seedDemo } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { codesOf, requestGraphql, signIn } from '../testing/staff-sessions.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });
const start = new Date('2026-05-04T10:00:00.000Z');
const demoPassword = 'confide-demo';

const createMutation = `mutation ($input: CreateStaffMemberInput!) {
  createStaffMember(input: $input) {
    staffMember { id name email roles disabled createdAt lastLoginAt }
    userErrors { field message code }
  }
}`;
const updateMutation = `mutation ($input: UpdateStaffMemberInput!) {
  updateStaffMember(input: $input) {
    staffMember { id name roles disabled disabledAt }
    userErrors { field message code }
  }
}`;
const viewerQuery = '{ viewer { permissions ... on StaffViewer { staffMember { email roles } } } }';

interface StaffPayload {
  staffMember: { id: string; [field: string]: unknown } | null;
  userErrors: { field: string[]; message: string; code: string }[];
}

describe.each(databaseKinds)('staff accounts over HTTP on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let admin: Record<string, string>;
  let adminId: string;

  async function create(input: Record<string, unknown>, headers = admin) {
    const result = await requestGraphql<{ createStaffMember: StaffPayload }>(
      server.url,
      createMutation,
      { input },
      headers,
    );
    return { result, payload: result.body.data?.createStaffMember };
  }
  async function update(input: Record<string, unknown>, headers = admin) {
    const result = await requestGraphql<{ updateStaffMember: StaffPayload }>(
      server.url,
      updateMutation,
      { input },
      headers,
    );
    return { result, payload: result.body.data?.updateStaffMember };
  }
  const snapshot = () =>
    database.prisma.staffUser.findMany({
      orderBy: { email: 'asc' },
      include: { sessions: { orderBy: { id: 'asc' } } },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now: start });
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DEMO_DATA: 'false' });
    server = await startServer({ config, database, logger });
    const signedIn = await signIn(server.url, 'admin@confide.test', demoPassword);
    admin = { cookie: signedIn.cookie ?? '' };
    adminId = (signedIn.body.data?.login as { viewer: { staffMember: { id: string } } }).viewer.staffMember
      .id;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('leaves an installation that has an admin alone at start', () => {
    expect(server.firstAdmin).toBeUndefined();
  });

  it('lists staff accounts for admins, with their account details', async () => {
    const result = await requestGraphql(
      server.url,
      '{ staffMembers(first: 10) { totalCount nodes { name email roles disabled } } }',
      {},
      admin,
    );
    expect(result.body.data?.staffMembers).toMatchObject({
      nodes: expect.arrayContaining([
        { name: 'Daniel Brooks', email: 'sales@confide.test', roles: ['SALES'], disabled: false },
        { name: 'Sofia Marin', email: 'lead@confide.test', roles: ['SALES', 'PRIVACY'], disabled: false },
      ]),
    });
  });

  it('creates a staff member who can then sign in', async () => {
    const { payload } = await create({
      email: 'New.Person@Confide.test',
      name: ' New Person ',
      roles: ['PRIVACY', 'SALES'],
      password: 'a-strong-initial-password',
    });
    expect(payload).toEqual({
      staffMember: {
        id: expect.any(String),
        name: 'New Person',
        email: 'new.person@confide.test',
        roles: ['PRIVACY', 'SALES'],
        disabled: false,
        createdAt: expect.any(String),
        lastLoginAt: null,
      },
      userErrors: [],
    });
    const row = await database.prisma.staffUser.findUniqueOrThrow({
      where: { email: 'new.person@confide.test' },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await signIn(server.url, 'new.person@confide.test', 'a-strong-initial-password');
    expect(signedIn.body.data?.login).toMatchObject({ userErrors: [] });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'staff.create', targetIds: { has: row.id } },
    });
    expect(audit).toMatchObject({
      actorType: 'STAFF',
      actorLabel: 'admin@confide.test',
      details: { roles: ['PRIVACY', 'SALES'] },
    });
    expect(JSON.stringify(audit.details)).not.toContain('a-strong-initial-password');
  });

  it('refuses taken emails, short passwords, empty names and no roles as userErrors', async () => {
    const before = await snapshot();
    expect(
      (
        await create({
          email: 'SALES@confide.test',
          name: 'Dup',
          roles: ['SALES'],
          password: 'long-enough-password',
        })
      ).payload,
    ).toEqual({
      staffMember: null,
      userErrors: [
        {
          field: ['input', 'email'],
          message: 'A staff account with this email already exists',
          code: 'TAKEN',
        },
      ],
    });
    expect(
      (await create({ email: 'x@confide.test', name: ' ', roles: [], password: 'short' })).payload
        ?.userErrors,
    ).toEqual([
      { field: ['input', 'name'], message: 'Give the staff member a name', code: 'REQUIRED' },
      { field: ['input', 'roles'], message: 'Give the staff member at least one role', code: 'REQUIRED' },
      {
        field: ['input', 'password'],
        message: 'The password must be at least 12 characters long',
        code: 'TOO_SHORT',
      },
    ]);
    const malformed = await create({
      email: 'not-an-email',
      name: 'X',
      roles: ['SALES'],
      password: 'long-enough-password',
    });
    expect(codesOf(malformed.result)).toEqual(['BAD_USER_INPUT']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses non-admins: FORBIDDEN for staff without ADMIN and for tokens, and nothing changes', async () => {
    const sales = { cookie: (await signIn(server.url, 'sales@confide.test', demoPassword)).cookie ?? '' };
    const privacy = { cookie: (await signIn(server.url, 'privacy@confide.test', demoPassword)).cookie ?? '' };
    const salesId = (
      await database.prisma.staffUser.findUniqueOrThrow({ where: { email: 'sales@confide.test' } })
    ).id;
    const globalId = Buffer.from(`StaffMember:${salesId}`).toString('base64url');
    const before = await snapshot();
    for (const headers of [sales, privacy]) {
      const created = await create(
        { email: 'sneaky@confide.test', name: 'S', roles: ['ADMIN'], password: 'long-enough-password' },
        headers,
      );
      expect(codesOf(created.result)).toEqual(['FORBIDDEN']);
      expect(codesOf((await update({ id: globalId, roles: ['ADMIN'] }, headers)).result)).toEqual([
        'FORBIDDEN',
      ]);
      expect(
        codesOf(await requestGraphql(server.url, '{ staffMembers(first: 5) { totalCount } }', {}, headers)),
      ).toEqual(['FORBIDDEN']);
    }
    expect(
      codesOf(
        (
          await create(
            { email: 'a@b.test', name: 'A', roles: ['SALES'], password: 'long-enough-password' },
            {},
          )
        ).result,
      ),
    ).toEqual(['UNAUTHENTICATED']);
    const after = await snapshot();
    // Signing in above touched only sessions and lastLoginAt; roles, names and states are unchanged.
    const shape = (rows: typeof before) =>
      rows.map(({ email, name, roles, disabledAt, passwordHash }) => ({
        email,
        name,
        roles,
        disabledAt,
        passwordHash,
      }));
    expect(shape(after)).toEqual(shape(before));
  });

  it('changes roles with immediate effect on live sessions', async () => {
    const { payload } = await create({
      email: 'mover@confide.test',
      name: 'Mover',
      roles: ['SALES'],
      password: 'mover-password-1',
    });
    const mover = {
      cookie: (await signIn(server.url, 'mover@confide.test', 'mover-password-1')).cookie ?? '',
    };
    const updated = await update({ id: payload?.staffMember?.id, roles: ['PRIVACY'], name: 'Mover Renamed' });
    expect(updated.payload).toEqual({
      staffMember: {
        id: payload?.staffMember?.id,
        name: 'Mover Renamed',
        roles: ['PRIVACY'],
        disabled: false,
        disabledAt: null,
      },
      userErrors: [],
    });
    const viewer = await requestGraphql(server.url, viewerQuery, {}, mover);
    expect(viewer.body.data?.viewer).toMatchObject({
      permissions: expect.arrayContaining(['PRIVACY_WRITE']),
      staffMember: { email: 'mover@confide.test', roles: ['PRIVACY'] },
    });
    expect((viewer.body.data?.viewer as { permissions: string[] }).permissions).not.toContain('LEADS_WRITE');
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'staff.update' },
      orderBy: { id: 'desc' },
    });
    expect(event.details).toEqual({ changes: { name: true, roles: { from: ['SALES'], to: ['PRIVACY'] } } });
  });

  it('disables an account: its sessions end and it cannot sign in until enabled again', async () => {
    const { payload } = await create({
      email: 'leaver@confide.test',
      name: 'Leaver',
      roles: ['SALES'],
      password: 'leaver-password-1',
    });
    const id = payload?.staffMember?.id;
    const leaver = {
      cookie: (await signIn(server.url, 'leaver@confide.test', 'leaver-password-1')).cookie ?? '',
    };
    expect((await update({ id, disabled: true })).payload).toMatchObject({
      staffMember: { disabled: true, disabledAt: expect.any(String) },
      userErrors: [],
    });
    expect((await requestGraphql(server.url, viewerQuery, {}, leaver)).body).toEqual({
      data: { viewer: null },
    });
    const sessions = await database.prisma.session.findMany({
      where: { staffUser: { email: 'leaver@confide.test' } },
    });
    expect(sessions.every((session) => session.revokedAt !== null)).toBe(true);
    const refused = await signIn(server.url, 'leaver@confide.test', 'leaver-password-1');
    expect(refused.body.data?.login).toMatchObject({ userErrors: [{ code: 'ACCOUNT_DISABLED' }] });

    expect((await update({ id, disabled: false })).payload).toMatchObject({
      staffMember: { disabled: false, disabledAt: null },
    });
    const back = await signIn(server.url, 'leaver@confide.test', 'leaver-password-1');
    expect(back.body.data?.login).toMatchObject({ userErrors: [] });
  });

  it('keeps admins from locking themselves out', async () => {
    const before = await snapshot();
    expect((await update({ id: adminId, roles: ['SALES'] })).payload).toEqual({
      staffMember: null,
      userErrors: [
        {
          field: ['input', 'roles'],
          message: 'You cannot remove your own ADMIN role; ask another admin',
          code: 'SELF_LOCKOUT',
        },
      ],
    });
    expect((await update({ id: adminId, disabled: true })).payload?.userErrors).toEqual([
      {
        field: ['input', 'disabled'],
        message: 'You cannot disable your own account; ask another admin',
        code: 'SELF_LOCKOUT',
      },
    ]);
    expect(await snapshot()).toEqual(before);
    // Adding a role to oneself is fine.
    expect((await update({ id: adminId, roles: ['ADMIN', 'PRIVACY'] })).payload?.userErrors).toEqual([]);
  });

  it('answers NOT_FOUND for unknown staff ids and BAD_USER_INPUT for malformed ones', async () => {
    const unknown = Buffer.from('StaffMember:00000000-0000-7000-8000-000000000000').toString('base64url');
    expect((await update({ id: unknown, name: 'Ghost' })).payload?.userErrors).toEqual([
      { field: ['input', 'id'], message: 'No staff member has this id', code: 'NOT_FOUND' },
    ]);
    expect(codesOf((await update({ id: 'nonsense', name: 'Ghost' })).result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe.each(databaseKinds)('the first admin on %s', (kind) => {
  let database: Database;
  afterAll(() => database?.close());

  it('is created with a generated password printed once, then never again', async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DEMO_DATA: 'false' });
    const first = await startServer({ config, database, logger });
    try {
      expect(first.firstAdmin).toEqual({
        email: 'admin@localhost',
        generatedPassword: expect.stringMatching(/^[\w-]{24}$/),
      });
      const signedIn = await signIn(first.url, 'admin@localhost', first.firstAdmin?.generatedPassword ?? '');
      expect(signedIn.body.data?.login).toMatchObject({
        viewer: { staffMember: { email: 'admin@localhost', roles: ['ADMIN'] } },
        userErrors: [],
      });
    } finally {
      await first.stop();
    }
    const second = await startServer({ config, database, logger });
    await second.stop();
    expect(second.firstAdmin).toBeUndefined();
    expect(await database.prisma.staffUser.count()).toBe(1);
  });

  it('uses ADMIN_EMAIL and ADMIN_PASSWORD when set', async () => {
    const fresh = await createTestDatabase(kind, inject('postgresUrl'));
    try {
      const config = loadConfig({
        PORT: '0',
        NODE_ENV: 'test',
        DEMO_DATA: 'false',
        ADMIN_EMAIL: 'Owner@Example.com',
        ADMIN_PASSWORD: 'configured-admin-password',
      });
      const server = await startServer({ config, database: fresh, logger });
      try {
        expect(server.firstAdmin).toEqual({ email: 'owner@example.com', generatedPassword: undefined });
        const signedIn = await signIn(server.url, 'owner@example.com', 'configured-admin-password');
        expect(signedIn.body.data?.login).toMatchObject({ userErrors: [] });
        const event = await fresh.prisma.auditEvent.findFirstOrThrow({ where: { action: 'staff.create' } });
        expect(event).toMatchObject({ actorType: 'SYSTEM', actorLabel: 'first start' });
      } finally {
        await server.stop();
      }
    } finally {
      await fresh.close();
    }
  });
});
