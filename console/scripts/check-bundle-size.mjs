// Fails when the JavaScript a browser must load before the first page shows (the entry chunk and
// everything it imports statically) exceeds the budget, gzipped. Lazy pages are not counted: they
// load with their route. Reads Vite's manifest of the production build in dist/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetBytes = 250 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry) throw new Error('The build manifest names no entry chunk');

const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(entry);

let total = 0;
for (const key of initial) {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const verdict = total <= budgetBytes ? 'within' : 'OVER';
console.log(
  `${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript, gzipped: ${verdict} the 250 KB budget`,
);
if (total > budgetBytes) process.exit(1);
