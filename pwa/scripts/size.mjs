// Prints the gzipped size of the JS and CSS in dist/assets and fails when what every phone loads
// (the shell) is above the budget. Publishers' and managers' lazy screens (assets/manage-*, see
// vite.config.ts) are listed apart: staff never download them. The service worker is not
// counted: it is not on the page's critical path.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 60 * 1024;
const dir = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "dist", "assets");
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;

let shell = 0;
let manage = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const size = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
  const lazy = name.startsWith("manage-");
  if (lazy) manage += size;
  else shell += size;
  console.log(`${kb(size)}  ${name}${lazy ? "  (managers only, lazy)" : ""}`);
}
console.log(`${kb(shell)}  shell total gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
console.log(`${kb(manage)}  managers' screens, loaded on first use`);
if (shell > BUDGET_BYTES) {
  console.error("Over the JS+CSS budget.");
  process.exit(1);
}
