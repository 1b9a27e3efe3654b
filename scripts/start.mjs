// `npm start`: build what is not built yet, then run the API server, which migrates the database,
// loads demo data into an empty embedded database and serves the console.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleBuildIsStale, newestModification } from './console-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

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

if (process.env.CONSOLE_DIST === undefined && consoleBuildIsStale(root)) {
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
