import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type ThrowawayPostgres = {
  /** Connection URL of a database on the cluster (superuser `postgres`, trust auth). */
  url(dbName?: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
};

/** Directory holding `initdb` and `pg_ctl`: first on PATH, else the newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBinDir(): string | undefined {
  const hasTools = (dir: string) =>
    existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const debianRoot = '/usr/lib/postgresql';
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(debianRoot, version, 'bin'))
    : [];
  return [...onPath, ...debian].find(hasTools);
}

/**
 * Starts a private PostgreSQL server on 127.0.0.1 and a free port, in a temporary directory.
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');

  const root = await mkdtemp(path.join(tmpdir(), 'confide-pg-'));
  const dataDir = path.join(root, 'data');
  const asOwner = await ownerCommand(root);
  const pgTool = (tool: string, args: string[]) => asOwner(path.join(binDir, tool), args);

  const port = await freePort();
  let running = false;
  const stop = async () => {
    if (running) await pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    running = false;
    await rm(root, { recursive: true, force: true });
  };

  try {
    await pgTool('initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      // Collation stays C (byte order), but character classes must know Cyrillic: full-text search's
      // 'simple' configuration lower-cases words with the database's LC_CTYPE, and under plain C
      // "Скільки" would not match a search for "скільки".
      '--lc-ctype=C.UTF-8',
      '--no-sync',
    ]);
    // A throwaway cluster needs no durability; the socket lives in our own directory, not /run.
    const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await pgTool('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      serverOptions,
      '-l',
      path.join(root, 'server.log'),
      '-w',
      'start',
    ]);
    running = true;
  } catch (error) {
    await stop();
    throw error;
  }

  const url = (dbName = 'postgres') =>
    `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
  };
}

type Runner = (file: string, args: string[]) => Promise<void>;

/** Runs commands as the cluster's owner: ourselves, or `postgres` (owning `dir`) when we are root. */
async function ownerCommand(dir: string): Promise<Runner> {
  if (process.getuid?.() !== 0) {
    return async (file, args) => void (await run(file, args));
  }
  await run('chown', ['postgres:', dir]);
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((file) => existsSync(file));
  if (runuser) {
    return async (file, args) => void (await run(runuser, ['-u', 'postgres', '--', file, ...args]));
  }
  return async (file, args) =>
    void (await run('su', ['postgres', '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')]));
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
