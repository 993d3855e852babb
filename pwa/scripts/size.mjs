// Prints the gzipped size of the JS and CSS the shell loads (dist/assets) and fails above the
// budget. The service worker is not counted: it is not on the page's critical path.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 60 * 1024;
const dir = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "dist", "assets");

let total = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const size = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${name}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  total gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error("Over the JS+CSS budget.");
  process.exit(1);
}
