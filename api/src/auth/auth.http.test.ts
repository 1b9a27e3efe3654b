import type { Role } from '@confide/db';
import { seedDemo } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { hashIp } from '../shared/client-ip.ts';
import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { codesOf, requestGraphql, signIn } from '../testing/staff-sessions.ts';
import { loginRateLimits } from './login.ts';
import { hashPassword } from './password.ts';
import { hashSecret } from './secrets.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });
const ipHashSecret = 'auth-test-ip-hash-secret-0123456789abcdef';
// The start of a 15-minute window, so rate-limit windows are predictable.
const start = new Date('2026-05-04T10:00:00.000Z');
const demoPassword = 'confide-demo';
const viewerQuery = `{ viewer {
  __typename permissions
  ... on StaffViewer { staffMember { id name email roles } }
  ... on TokenViewer { name scopes expiresAt }
} }`;

/** Requests "from" a documentation address (RFC 5737), through the one trusted proxy hop. */
const fromIp = (last: number) => ({ 'x-forwarded-for': `198.51.100.${last}` });

describe.each(databaseKinds)('staff sign-in over HTTP on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let clock: Date;

  async function createAccount(email: string, roles: Role[], password = 'a-long-enough-password') {
    return database.prisma.staffUser.create({
      data: { email, name: `Test ${email}`, roles, passwordHash: await hashPassword(password) },
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now: start });
    const config = loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      IP_HASH_SECRET: ipHashSecret,
      TRUST_PROXY: '1',
    });
    server = await startServer({ config, database, logger, now: () => clock });
  });
  beforeEach(() => {
    clock = start;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('signs in, sets an httpOnly SameSite=Lax session cookie, and the cookie identifies the viewer', async () => {
    const result = await signIn(server.url, 'sales@confide.test', demoPassword, {
      ...fromIp(1),
      'user-agent': 'vitest-browser/1.0',
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({
      login: {
        viewer: {
          permissions: [
            'CONSENTS_READ',
            'CONVERSATIONS_READ',
            'LEADS_READ',
            'LEADS_WRITE',
            'PERSONAL_DATA_READ',
            'SITES_READ',
          ],
          staffMember: {
            id: expect.any(String),
            name: 'Daniel Brooks',
            email: 'sales@confide.test',
            roles: ['SALES'],
          },
        },
        userErrors: [],
      },
    });
    const [setCookie] = result.setCookies;
    expect(setCookie).toMatch(/^confide_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/); // plain HTTP outside production
    const expires = new Date(/Expires=([^;]+)/.exec(setCookie ?? '')?.[1] ?? '');
    expect(expires.getTime()).toBe(Math.floor((start.getTime() + 12 * 3_600_000) / 1000) * 1000);

    const viewer = await requestGraphql(server.url, viewerQuery, {}, { cookie: result.cookie ?? '' });
    expect(viewer.body).toEqual({
      data: {
        viewer: {
          __typename: 'StaffViewer',
          permissions: expect.arrayContaining(['LEADS_READ']),
          staffMember: expect.objectContaining({ email: 'sales@confide.test', roles: ['SALES'] }),
        },
      },
    });

    // Only the SHA-256 of the cookie's token is stored, with the session's expiry and user agent.
    const token = (result.cookie ?? '').split('=')[1] ?? '';
    const session = await database.prisma.session.findUniqueOrThrow({
      where: { tokenHash: hashSecret(token) },
    });
    expect(session.expiresAt).toEqual(new Date(start.getTime() + 12 * 3_600_000));
    expect(session.userAgent).toBe('vitest-browser/1.0');
    const sessionText = await database.prisma.$queryRaw<
      { row: string }[]
    >`SELECT s::text AS row FROM "Session" s`;
    expect(sessionText.some(({ row }) => row.includes(token))).toBe(false);
    const user = await database.prisma.staffUser.findUniqueOrThrow({
      where: { email: 'sales@confide.test' },
    });
    expect(user.lastLoginAt).toEqual(start);
  });

  it('matches the email without regard to case or surrounding spaces', async () => {
    const result = await signIn(server.url, '  Privacy@Confide.TEST ', demoPassword, fromIp(2));
    expect(result.body.data?.login).toMatchObject({
      userErrors: [],
      viewer: { staffMember: { name: 'Iryna Melnyk' } },
    });
    expect(result.cookie).toBeDefined();
  });

  it('answers a wrong password and an unknown email identically, without a cookie', async () => {
    const wrongPassword = await signIn(server.url, 'admin@confide.test', 'not-the-password', fromIp(3));
    const unknownEmail = await signIn(server.url, 'nobody@confide.test', demoPassword, fromIp(3));
    const malformedEmail = await signIn(server.url, 'not an email', demoPassword, fromIp(3));
    const expected = {
      data: {
        login: {
          viewer: null,
          userErrors: [
            { field: ['input'], message: 'The email or password is incorrect', code: 'INVALID_CREDENTIALS' },
          ],
        },
      },
    };
    expect(wrongPassword.body).toEqual(expected);
    expect(unknownEmail.body).toEqual(expected);
    expect(malformedEmail.body).toEqual(expected);
    expect([...wrongPassword.setCookies, ...unknownEmail.setCookies]).toEqual([]);
  });

  it('refuses a disabled account, saying so only when the password was right', async () => {
    await database.prisma.staffUser.update({
      ...{ where: { email: (await createAccount('disabled@confide.test', ['SALES'])).email } },
      data: { disabledAt: start },
    });
    const right = await signIn(server.url, 'disabled@confide.test', 'a-long-enough-password', fromIp(4));
    expect(right.body.data?.login).toEqual({
      viewer: null,
      userErrors: [{ field: ['input'], message: 'This account is disabled', code: 'ACCOUNT_DISABLED' }],
    });
    expect(right.cookie).toBeUndefined();
    const wrong = await signIn(server.url, 'disabled@confide.test', 'wrong-password-here', fromIp(4));
    expect((wrong.body.data?.login as { userErrors: { code: string }[] }).userErrors[0]?.code).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('rate-limits failures per account: RATE_LIMITED with retryAfterSeconds, even for the right password, until the window ends', async () => {
    await createAccount('limited@confide.test', ['SALES']);
    clock = new Date(start.getTime() + 5 * 60_000);
    for (let attempt = 0; attempt < loginRateLimits.account.limit; attempt += 1) {
      const result = await signIn(
        server.url,
        'limited@confide.test',
        `wrong-${attempt}-password`,
        fromIp(10 + attempt),
      );
      expect(result.body.data?.login).toMatchObject({ userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    }
    const blocked = await signIn(server.url, 'limited@confide.test', 'a-long-enough-password', fromIp(30));
    expect(codesOf(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(10 * 60);
    expect(blocked.cookie).toBeUndefined();
    // Case and spaces do not make a different account.
    expect(codesOf(await signIn(server.url, ' LIMITED@confide.test', 'x'.repeat(12), fromIp(31)))).toEqual([
      'RATE_LIMITED',
    ]);

    clock = new Date(start.getTime() + loginRateLimits.account.windowSeconds * 1000);
    const later = await signIn(server.url, 'limited@confide.test', 'a-long-enough-password', fromIp(32));
    expect(later.body.data?.login).toMatchObject({ userErrors: [] });
  });

  it('rate-limits failures per IP hash across accounts, and other addresses are unaffected', async () => {
    for (let attempt = 0; attempt < loginRateLimits.ip.limit; attempt += 1) {
      const result = await signIn(
        server.url,
        `guess-${attempt}@example.com`,
        'a-guessed-password',
        fromIp(100),
      );
      expect(codesOf(result)).toEqual([]);
    }
    const blocked = await signIn(server.url, 'admin@confide.test', demoPassword, fromIp(100));
    expect(codesOf(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(15 * 60);
    const elsewhere = await signIn(server.url, 'admin@confide.test', demoPassword, fromIp(101));
    expect(elsewhere.body.data?.login).toMatchObject({ userErrors: [] });

    // The bucket is keyed by the HMAC of the address, never the address.
    const buckets = await database.prisma.rateLimitBucket.findMany({
      where: { key: `login:ip:${hashIp('198.51.100.100', ipHashSecret)}` },
    });
    expect(buckets).toEqual([
      { key: expect.any(String), windowStart: start, count: loginRateLimits.ip.limit + 1 },
    ]);
  });

  it('does not count successful sign-ins as failures', async () => {
    await createAccount('often@confide.test', ['PRIVACY']);
    for (let attempt = 0; attempt < loginRateLimits.account.limit + 1; attempt += 1) {
      const result = await signIn(server.url, 'often@confide.test', 'a-long-enough-password', fromIp(40));
      expect(result.body.data?.login).toMatchObject({ userErrors: [] });
    }
    const wrong = await signIn(server.url, 'often@confide.test', 'wrong-password-again', fromIp(40));
    expect(codesOf(wrong)).toEqual([]);
    expect(wrong.body.data?.login).toMatchObject({ userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
  });

  it('logs out: the session is revoked, the cookie cleared, and the old cookie no longer works', async () => {
    const { cookie } = await signIn(server.url, 'lead@confide.test', demoPassword, fromIp(5));
    const logout = await requestGraphql(
      server.url,
      'mutation { logout { userErrors { code } } }',
      {},
      {
        cookie: cookie ?? '',
      },
    );
    expect(logout.body).toEqual({ data: { logout: { userErrors: [] } } });
    expect(logout.setCookies[0]).toMatch(/^confide_session=; Path=\/; Expires=Thu, 01 Jan 1970/);

    const token = (cookie ?? '').split('=')[1] ?? '';
    const session = await database.prisma.session.findUniqueOrThrow({
      where: { tokenHash: hashSecret(token) },
    });
    expect(session.revokedAt).toEqual(start);
    const after = await requestGraphql(server.url, viewerQuery, {}, { cookie: cookie ?? '' });
    expect(after.body).toEqual({ data: { viewer: null } });
    const again = await requestGraphql(
      server.url,
      'mutation { logout { userErrors { code } } }',
      {},
      {
        cookie: cookie ?? '',
      },
    );
    expect(codesOf(again)).toEqual(['UNAUTHENTICATED']);
  });

  it('treats an expired session as anonymous', async () => {
    const { cookie } = await signIn(server.url, 'sales@confide.test', demoPassword, fromIp(6));
    clock = new Date(start.getTime() + 12 * 3_600_000 - 1000);
    expect(
      (await requestGraphql(server.url, viewerQuery, {}, { cookie: cookie ?? '' })).body.data?.viewer,
    ).not.toBeNull();
    clock = new Date(start.getTime() + 12 * 3_600_000);
    expect((await requestGraphql(server.url, viewerQuery, {}, { cookie: cookie ?? '' })).body).toEqual({
      data: { viewer: null },
    });
  });

  it('answers viewer null for anonymous callers and for unknown cookies', async () => {
    expect((await requestGraphql(server.url, viewerQuery)).body).toEqual({ data: { viewer: null } });
    const forged = await requestGraphql(server.url, viewerQuery, {}, { cookie: 'confide_session=forged' });
    expect(forged.body).toEqual({ data: { viewer: null } });
  });

  it('refuses a malformed Authorization header with 401 UNAUTHENTICATED', async () => {
    for (const authorization of ['Basic YWRtaW46cGFzcw==', 'Bearer', 'Bearer two tokens', 'cfd_nobearer']) {
      const result = await requestGraphql(server.url, viewerQuery, {}, { authorization });
      expect(result.status).toBe(401);
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('lets a staff member change their password, ending their other sessions', async () => {
    await createAccount('changer@confide.test', ['SALES'], 'the-first-password');
    const first = await signIn(server.url, 'changer@confide.test', 'the-first-password', fromIp(7));
    const second = await signIn(server.url, 'changer@confide.test', 'the-first-password', fromIp(7));
    const change = (currentPassword: string, newPassword: string) =>
      requestGraphql(
        server.url,
        `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { changed userErrors { field code } } }`,
        { input: { currentPassword, newPassword } },
        { cookie: first.cookie ?? '', ...fromIp(7) },
      );
    expect((await change('wrong-current-password', 'the-second-password')).body.data).toEqual({
      changePassword: {
        changed: false,
        userErrors: [{ field: ['input', 'currentPassword'], code: 'INVALID_CREDENTIALS' }],
      },
    });
    expect((await change('the-first-password', 'too-short')).body.data).toEqual({
      changePassword: {
        changed: false,
        userErrors: [{ field: ['input', 'newPassword'], code: 'TOO_SHORT' }],
      },
    });
    expect((await change('the-first-password', 'the-second-password')).body.data).toEqual({
      changePassword: { changed: true, userErrors: [] },
    });
    expect(
      (await requestGraphql(server.url, viewerQuery, {}, { cookie: first.cookie ?? '' })).body.data?.viewer,
    ).not.toBeNull();
    expect((await requestGraphql(server.url, viewerQuery, {}, { cookie: second.cookie ?? '' })).body).toEqual(
      {
        data: { viewer: null },
      },
    );
    const old = await signIn(server.url, 'changer@confide.test', 'the-first-password', fromIp(7));
    expect(old.body.data?.login).toMatchObject({ userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    const renewed = await signIn(server.url, 'changer@confide.test', 'the-second-password', fromIp(7));
    expect(renewed.body.data?.login).toMatchObject({ userErrors: [] });
  });

  it('audits sign-ins, failures and sign-outs without passwords or tokens', async () => {
    const { cookie } = await signIn(server.url, 'admin@confide.test', demoPassword, fromIp(8));
    await signIn(server.url, 'admin@confide.test', 'a-wrong-password-1', fromIp(8));
    await requestGraphql(
      server.url,
      'mutation { logout { userErrors { code } } }',
      {},
      { cookie: cookie ?? '' },
    );
    const admin = await database.prisma.staffUser.findUniqueOrThrow({
      where: { email: 'admin@confide.test' },
    });
    const events = await database.prisma.auditEvent.findMany({
      where: { targetIds: { has: admin.id }, action: { startsWith: 'auth.' } },
      orderBy: { id: 'asc' },
    });
    const ipHash = hashIp('198.51.100.8', ipHashSecret);
    expect(
      events.slice(-3).map(({ action, actorType, details }) => ({ action, actorType, details })),
    ).toEqual([
      {
        action: 'auth.login.succeeded',
        actorType: 'SYSTEM',
        details: { sessionId: expect.any(String), ipHash },
      },
      { action: 'auth.login.failed', actorType: 'SYSTEM', details: { reason: 'wrong_password', ipHash } },
      { action: 'auth.logout', actorType: 'STAFF', details: { sessionId: expect.any(String) } },
    ]);
    const token = (cookie ?? '').split('=')[1] ?? '';
    const texts = await database.prisma.$queryRaw<
      { row: string }[]
    >`SELECT e::text AS row FROM "AuditEvent" e`;
    for (const secret of [demoPassword, 'a-wrong-password-1', token]) {
      expect(texts.some(({ row }) => row.includes(secret))).toBe(false);
    }
  });

  it('stores no raw IP anywhere after sign-ins from 127.0.0.1 and through a proxy', async () => {
    // No X-Forwarded-For: the socket's address, 127.0.0.1, is the client.
    expect((await signIn(server.url, 'sales@confide.test', demoPassword)).cookie).toBeDefined();
    await signIn(server.url, 'sales@confide.test', 'wrong-password-here');
    await signIn(server.url, 'sales@confide.test', demoPassword, { 'x-forwarded-for': '203.0.113.77' });
    expect(
      await database.prisma.rateLimitBucket.count({
        where: { key: `login:ip:${hashIp('127.0.0.1', ipHashSecret)}` },
      }),
    ).toBe(1);

    const tables = await database.prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['RateLimitBucket', 'Session', 'AuditEvent']),
    );
    for (const { name } of tables) {
      // Casting a whole row to text covers every column, JSON and arrays included.
      const rows = await database.prisma.$queryRawUnsafe<{ row: string }[]>(
        `SELECT t::text AS row FROM "${name.replaceAll('"', '')}" t`,
      );
      for (const address of ['127.0.0.1', '::1', '203.0.113.77', '198.51.100.']) {
        expect({ table: name, leaks: rows.filter(({ row }) => row.includes(address)).length }).toEqual({
          table: name,
          leaks: 0,
        });
      }
    }
  });
});
