// Prints the gzipped size of the JS and CSS in dist/assets and fails when the shell (what a
// phone fetches to show its first screen: the files index.html links, plus workbox-window,
// which the update prompt imports at start) is above the budget. The other screens are lazy
// chunks: staff screens are precached by the service worker after the first visit, publishers'
// and managers' screens (assets/manage-*, see vite.config.ts) only load on first use. The
// service worker itself is not counted: it is not on the page's critical path.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 60 * 1024;
const dist = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "dist");
const dir = join(dist, "assets");
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;

const indexHtml = readFileSync(join(dist, "index.html"), "utf8");
const linked = new Set([...indexHtml.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
const isShell = (name) => linked.has(name) || name.startsWith("workbox-window");

const totals = { shell: 0, staff: 0, manage: 0 };
for (const name of readdirSync(dir).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const size = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
  const kind = isShell(name) ? "shell" : name.startsWith("manage-") ? "manage" : "staff";
  totals[kind] += size;
  const note = { shell: "  (shell)", staff: "  (screen, lazy, precached)", manage: "  (managers only, lazy)" };
  console.log(`${kb(size)}  ${name}${note[kind]}`);
}
console.log(`${kb(totals.shell)}  shell total gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
console.log(`${kb(totals.staff)}  other staff screens, loaded when opened (precached after the first visit)`);
console.log(`${kb(totals.manage)}  managers' screens, loaded on first use`);
if (totals.shell > BUDGET_BYTES) {
  console.error("Over the JS+CSS budget.");
  process.exit(1);
}
