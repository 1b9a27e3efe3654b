// `prisma generate` without internet. The CLI downloads the native schema engine before any command,
// although `generate` never uses it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips
// the download. Extra arguments are passed on (e.g. `--schema other.prisma`). Works from any cwd.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const prismaPackageJson = require.resolve('prisma/package.json');
const cli = path.join(path.dirname(prismaPackageJson), require(prismaPackageJson).bin.prisma);

const result = spawnSync(
  process.execPath,
  [cli, 'generate', '--config', path.join(packageDir, 'prisma.config.ts'), ...process.argv.slice(2)],
  {
    cwd: packageDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      // No update check or telemetry against a network we do not have.
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
