// Whether a build is older than what it is built from, for `npm start` and the console-search benchmark.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of a file or anything under a directory; 0 when it does not exist. */
export function newestModification(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(target).map((entry) => newestModification(path.join(target, entry))),
  );
}

/** True when `console/dist` is missing or older than the console's sources, under the repository `root`. */
export function consoleBuildIsStale(root) {
  const sources = ['console/src', 'console/index.html', 'console/vite.config.ts', 'console/package.json'];
  const changed = Math.max(...sources.map((source) => newestModification(path.join(root, source))));
  return newestModification(path.join(root, 'console/dist/index.html')) < changed;
}
