/**
 * The import-layer rules in .dependency-cruiser.cjs bite: each is run on a small made-up tree
 * that keeps the layers, then on the same tree with one bad import added, which must fail
 * that rule (and only that one).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const pwa = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs");

/** A tree that keeps every rule, with one import of each kind the layers allow. */
const GOOD = {
  "src/app.tsx": `import { Home } from "./features/home/Home";
export const composer = () => import("./features/news/manage/Composer");
export const app = Home;`,
  "src/features/home/Home.tsx": `import { Button } from "../../ui/Button";
import { api } from "../../api/client";
import { session } from "../../lib/session";
import { Feed } from "../news/Feed";
export const Home = [Button, api, session, Feed];`,
  "src/features/news/Feed.tsx": `import { t } from "../../lib/i18n";
export const Feed = t;`,
  "src/features/news/manage/Composer.tsx": `import { getStores } from "../../shifts/manage/plan-api";
export const Composer = getStores;`,
  "src/features/shifts/manage/plan-api.ts": `export const getStores = 1;`,
  "src/ui/Button.tsx": `import { api } from "../api/client";
import { t } from "../lib/i18n";
export const Button = [api, t];`,
  "src/api/client.ts": `import { session } from "../lib/session";
export const api = session;`,
  "src/api/schema.d.ts": `export interface paths { me: { id: number } }`,
  "src/lib/session.ts": `import type { paths } from "../api/schema";
import { t } from "./i18n";
export const session: paths["me"] | typeof t = t;`,
  "src/lib/i18n.ts": `import { useState } from "preact/hooks";
import nl from "../i18n/nl.json";
export const t = [useState, nl];`,
  "src/lib/base64url.ts": `export const decode = 1;`,
  "src/i18n/nl.json": `{}`,
  "src/sw/sw.ts": `import { decode } from "../lib/base64url";
export const sw = decode;`,
};

async function violations(extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pwa-layers-"));
  try {
    // The made-up tree resolves `preact` from the app's own node_modules.
    symlinkSync(join(pwa, "node_modules"), join(dir, "node_modules"), "dir");
    for (const [path, text] of Object.entries({ ...GOOD, ...extra })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = await cruise(["src"], {
      ...config.options,
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
    });
    return result.output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("import layers", () => {
  it("let the allowed imports through", async () => {
    expect(await violations()).toEqual([]);
  });

  it.each([
    ["lib-is-the-bottom", "src/lib/bad.ts", `import { Home } from "../features/home/Home";\nexport const x = Home;`],
    ["lib-is-the-bottom", "src/lib/bad.ts", `import type { api } from "../api/client";\nexport type X = typeof api;`],
    ["api-below-ui", "src/api/bad.ts", `import { Button } from "../ui/Button";\nexport const x = Button;`],
    ["ui-below-features", "src/ui/Bad.tsx", `import { Feed } from "../features/news/Feed";\nexport const x = Feed;`],
    ["features-below-the-shell", "src/features/news/bad.ts", `import { app } from "../../app";\nexport const x = app;`],
    ["sw-uses-lib-only", "src/sw/bad.ts", `import type { paths } from "../api/schema";\nexport type X = paths;`],
    ["sw-without-preact", "src/sw/bad.ts", `import { t } from "../lib/i18n";\nexport const x = t;`],
    ["manage-is-lazy", "src/features/news/Bad.tsx", `import { getStores } from "../shifts/manage/plan-api";\nexport const x = getStores;`],
    ["resolvable", "src/lib/bad.ts", `import { gone } from "./missing";\nexport const x = gone;`],
  ])("%s: %s fails", async (rule, path, text) => {
    expect(await violations({ [path]: text })).toEqual([{ rule, from: path }]);
  });

  it("no-circular: two lib modules that import each other fail", async () => {
    const found = await violations({
      "src/lib/a.ts": `import { b } from "./b";\nexport const a = () => b;`,
      "src/lib/b.ts": `import { a } from "./a";\nexport const b = () => a;`,
    });
    expect(new Set(found.map((v) => v.rule))).toEqual(new Set(["no-circular"]));
  });
});
