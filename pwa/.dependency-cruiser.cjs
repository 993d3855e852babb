/**
 * Import layers of the PWA, checked by `npm run lint:layers` (and `make lint`).
 *
 *   app.tsx, main.tsx   the shell: mounts, routes, and may import every layer below
 *   features/<name>/    screens and their API calls; may use ui, api, lib and i18n, and another
 *                       feature's top-level modules (auth's useMe, outbox's status, push's button)
 *   ui/                 components and hooks that belong to no feature (Button, PagedList)
 *   api/                talking to the server: the fetch wrapper, the live-events connection
 *   lib/                shared code that knows no screen and no API client: the session store,
 *                       storage, the outbox's store and sending loop, i18n, dates, routing
 *   i18n/               the message catalogues (JSON)
 *
 * Each layer imports only from the layers below it. Besides:
 * - sw/ (the service worker) uses lib/ only, and never reaches Preact: it has no DOM, and
 *   whatever it imports is in its bundle.
 * - a manage/ folder (screens only publishers and managers use) is loaded through the shell's
 *   lazy import: nothing outside a manage/ folder imports one statically (it would put managers'
 *   code in every phone's download; see vite.config.ts).
 * - no import cycles, and no import the checker cannot resolve (it would escape every rule).
 * The one exception: api/schema.d.ts, the types generated from the server's OpenAPI document,
 * may be read from lib (the session's `Me`); it holds types only.
 * Type-only imports count like any other. A piece a lower layer needs moves down to lib/.
 */
const SHELL = "^src/(app|main)\\.tsx$";
const SCHEMA = "^src/api/schema\\.d\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "lib-is-the-bottom",
      comment: "lib/ may import lib/ and i18n/ only (and the generated API types). Move what it needs down.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: [`^src/(api|ui|features|sw)/`, SHELL], pathNot: SCHEMA },
    },
    {
      name: "api-below-ui",
      comment: "api/ may import lib/ and i18n/ only.",
      severity: "error",
      from: { path: "^src/api/" },
      to: { path: [`^src/(ui|features|sw)/`, SHELL] },
    },
    {
      name: "ui-below-features",
      comment: "ui/ may import api/, lib/ and i18n/ only: a component that needs a feature belongs to it.",
      severity: "error",
      from: { path: "^src/ui/" },
      to: { path: [`^src/(features|sw)/`, SHELL] },
    },
    {
      name: "features-below-the-shell",
      comment: "features/ never import the shell or the service worker.",
      severity: "error",
      from: { path: "^src/features/" },
      to: { path: ["^src/sw/", SHELL] },
    },
    {
      name: "sw-uses-lib-only",
      comment: "The service worker imports lib/ (and workbox) only.",
      severity: "error",
      from: { path: "^src/sw/" },
      to: { path: [`^src/(api|ui|features|i18n)/`, SHELL] },
    },
    {
      name: "sw-without-preact",
      comment: "Nothing the service worker imports may pull in Preact, directly or through lib/.",
      severity: "error",
      from: { path: "^src/sw/" },
      to: { path: "node_modules/preact/", reachable: true },
    },
    {
      name: "manage-is-lazy",
      comment: "manage/ screens are lazy chunks: only manage/ code imports them statically.",
      severity: "error",
      from: { pathNot: "/manage/" },
      to: { path: "^src/features/[^/]+/manage/", dependencyTypesNot: ["dynamic-import"] },
    },
    {
      name: "no-circular",
      comment: "A cycle makes the layers meaningless (and the load order fragile).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "resolvable",
      comment: "An import the checker cannot resolve would escape every rule above.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^virtual:" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // `import type` counts: a layer that needs another's types depends on it all the same.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
