// `npm start`: build what is not built yet, then run the API server, which migrates the database,
// loads demo data into an empty embedded database and serves the console.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newestModification(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(target).map((entry) => newestModification(path.join(target, entry))),
  );
}

function run(description, args) {
  console.log(`> ${description}`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const prismaSchema = path.join(root, 'prisma/schema.prisma');
const generatedClient = path.join(root, 'prisma/generated/client');
if (newestModification(generatedClient) < newestModification(prismaSchema)) {
  run('generating the database client', ['run', 'generate', '--workspace', '@confide/db']);
}

const consoleBuild = path.join(root, 'console/dist/index.html');
const consoleSources = [
  'console/src',
  'console/index.html',
  'console/vite.config.ts',
  'console/package.json',
];
const sourcesChanged = Math.max(
  ...consoleSources.map((source) => newestModification(path.join(root, source))),
);
if (process.env.CONSOLE_DIST === undefined && newestModification(consoleBuild) < sourcesChanged) {
  run('building the console', ['run', 'build', '--workspace', '@confide/console']);
}

// From api/, so tsx compiles with api/tsconfig.json (legacy decorators, which type-graphql needs).
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: path.join(root, 'api'),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
