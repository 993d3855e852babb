// Lighthouse 12 on the feed of a signed-in user, mobile preset (Lighthouse's default config:
// Moto G Power screen, simulated slow 4G and 4x CPU slowdown). Called by bench/pwa.py.
//
// The app keeps its token pair in localStorage, which --extra-headers cannot set, and
// Lighthouse clears the origin's storage before it loads the page. So: open a page of the
// origin that is not the app (/api/health: no service worker gets registered), put the tokens
// in localStorage, and run Lighthouse on that same page with disableStorageReset. The load is
// then a first visit of a signed-in person: empty HTTP cache, no service worker yet.
//
// Input on stdin (never argv: tokens must not show in `ps`): {"origin", "access_token",
// "refresh_token"}. Output on stdout: {"scores": {...}, "problems": [...]}.
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const input = JSON.parse(await new Promise((resolve) => {
  let data = "";
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
}));

const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox"],
});
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  await page.goto(`${input.origin}/api/health`);
  await page.evaluate((access, refresh) => {
    localStorage.setItem("wp.access_token", access);
    localStorage.setItem("wp.refresh_token", refresh);
  }, input.access_token, input.refresh_token);

  const result = await lighthouse(
    `${input.origin}/`,
    {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      disableStorageReset: true,
    },
    undefined,
    page,
  );
  const { categories, audits } = result.lhr;
  const problems = [];
  for (const [category, { auditRefs }] of Object.entries(categories)) {
    for (const ref of auditRefs) {
      const audit = audits[ref.id];
      if (audit.score === null || audit.score >= 0.9 || (ref.weight === 0 && category === "performance")) continue;
      problems.push({
        category,
        id: ref.id,
        weight: ref.weight,
        score: audit.score,
        title: audit.title,
        value: audit.displayValue ?? "",
        items: (audit.details?.items ?? []).slice(0, 3).map((item) =>
          item.node?.snippet ?? item.url ?? item.source?.url ?? JSON.stringify(item).slice(0, 160),
        ),
      });
    }
  }
  const metrics = Object.fromEntries(
    ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map(
      (id) => [id, audits[id]?.displayValue ?? ""],
    ),
  );
  // Where the main-thread time goes, to explain a low score rather than only state it.
  const diagnostics = {
    "mainthread-work-breakdown": (audits["mainthread-work-breakdown"]?.details?.items ?? []).map(
      (item) => `${item.groupLabel ?? item.group} ${Math.round(item.duration)} ms`,
    ),
    "bootup-time": (audits["bootup-time"]?.details?.items ?? []).map(
      (item) => `${item.url} total ${Math.round(item.total)} ms, script ${Math.round(item.scripting)} ms`,
    ),
    "long-tasks": (audits["long-tasks"]?.details?.items ?? []).slice(0, 8).map(
      (item) => `${item.url} at ${Math.round(item.startTime)} ms for ${Math.round(item.duration)} ms`,
    ),
    "layout-shifts": (audits["layout-shifts"]?.details?.items ?? []).slice(0, 5).map(
      (item) => `${item.node?.snippet ?? "?"} score ${Number(item.score).toFixed(3)}`,
    ),
  };
  if (process.env.LIGHTHOUSE_REPORT) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(process.env.LIGHTHOUSE_REPORT, JSON.stringify(result.lhr));
  }
  const finalUrl = result.lhr.finalDisplayedUrl;
  process.stdout.write(
    JSON.stringify({
      finalUrl,
      scores: Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, c.score])),
      metrics,
      problems,
      diagnostics,
    }),
  );
  await browser.disconnect();
} finally {
  await chrome.kill();
}
