import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const brand = "#0b6e4f";

/**
 * Screens only publishers and managers use (the news composer and read rates, the unanswered
 * questions queue, shift planning, the team, head office's stores and regions and audit log:
 * src/features/{news,qa,shifts,invites,team,org,audit}/manage/) are lazy chunks named manage-*:
 * left out of the precache so staff phones never download them (see src/sw/sw.ts for how they
 * are cached once used), and counted apart by scripts/size.mjs.
 */
const MANAGE_DIRS = [
  "/src/features/news/manage/",
  "/src/features/qa/manage/",
  "/src/features/shifts/manage/",
  "/src/features/invites/manage/", // invites, their posters, bulk onboarding
  "/src/features/team/manage/",
  "/src/features/org/manage/", // stores and regions (head office, admins)
  "/src/features/audit/manage/", // the audit log (head office, admins)
];
// Only the lazy routes import manage/ modules, so a chunk holding one is a managers' chunk.
const isManageChunk = (moduleIds: readonly string[]) =>
  moduleIds.some((id) => MANAGE_DIRS.some((dir) => id.replaceAll("\\", "/").includes(dir)));

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/sw",
      filename: "sw.ts",
      // Update prompt, never silent: a part-timer may be half-way through a form.
      registerType: "prompt",
      // src/main.tsx registers through virtual:pwa-register/preact (UpdatePrompt).
      injectRegister: false,
      manifest: {
        id: "/",
        name: "Winkelpraat",
        short_name: "Winkelpraat",
        // The manifest has one language: Dutch, the app's default (lang below).
        description: "Winkelnieuws, vragen en antwoorden en je rooster, ook zonder verbinding.",
        lang: "nl",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: brand,
        background_color: "#ffffff",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/icon-maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
      // The icons are precached by globPatterns already; listing them twice only adds noise.
      includeManifestIcons: false,
      injectManifest: {
        // A classic (non-module) worker runs in every browser that has service workers.
        rollupFormat: "iife",
        globPatterns: ["**/*.{js,css,html,svg,png}"],
        globIgnores: ["**/node_modules/**/*", "assets/manage-*"],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: "es2020",
    assetsDir: "assets",
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) =>
          isManageChunk(chunk.moduleIds) ? "assets/manage-[name]-[hash].js" : "assets/[name]-[hash].js",
      },
    },
  },
  server: {
    // `winkelpraat serve` on its default port; run both for `npm run dev`.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});
