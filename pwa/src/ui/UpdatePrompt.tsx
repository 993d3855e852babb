import { useRegisterSW } from "virtual:pwa-register/preact";
import { t } from "../lib/i18n";
import { Toast } from "./Toast";

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and, when a new one is waiting, offers a reload. The new worker
 * only takes over after the tap (it waits for {type: "SKIP_WAITING"}), so no half-filled form
 * is lost to a surprise reload.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_swUrl, registration) {
      if (!registration) return;
      // An installed PWA can stay open for days: look for a new version every hour when online.
      setInterval(() => {
        if (navigator.onLine && !registration.installing) {
          registration.update().catch(() => undefined);
        }
      }, UPDATE_CHECK_MS);
    },
  });

  if (!needRefresh) return null;
  return (
    <Toast
      message={t("update.available")}
      actionLabel={t("update.reload")}
      onAction={() => void updateServiceWorker(true)}
      onDismiss={() => setNeedRefresh(false)}
    />
  );
}
