/**
 * Asking the server itself whether it can be reached. /api/health is left out of the service
 * worker's cache routes (src/sw/sw.ts), so only a real answer counts; any status will do: it
 * came from the server.
 */
import type { FreshnessStore } from "../../lib/freshness";

const PROBE_TIMEOUT_MS = 5_000;

export async function probeServer(store: FreshnessStore, doFetch: typeof fetch = fetch): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    await doFetch("/api/health", { cache: "no-store", signal: controller.signal });
    store.report({ kind: "network" });
  } catch {
    store.report({ kind: "unreachable" });
  } finally {
    clearTimeout(timer);
  }
}
