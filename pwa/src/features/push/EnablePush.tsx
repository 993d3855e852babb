import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import {
  browserErrorText,
  browserPushDevice,
  isSubscribed,
  turnOffPush,
  turnOnPush,
  type PushAvailability,
  type TurnOnResult,
} from "./push-device";
import { getPushKey } from "./push-api";

const DISMISSED_KEY = "wp.push_card_dismissed";

interface Props {
  /** "card": an offer in the inbox that hides once push is on or the person says "not now";
   *  "settings": the device's push status and its on/off switch, always shown. */
  variant: "card" | "settings";
}

type Message = { kind: "status" | "error"; text: string } | null;

/**
 * "Turn on notifications": asks for permission only when the person taps the button, and says
 * plainly what to do when the browser cannot (blocked, not installed on iOS, unsupported).
 */
export function EnablePush({ variant }: Props) {
  const device = browserPushDevice;
  const [availability, setAvailability] = useState<PushAvailability>(() => device.availability());
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [dismissed, setDismissed] = useState(() => readDismissed());
  const [acted, setActed] = useState(false);

  useEffect(() => {
    let live = true;
    if (availability === "granted" || availability === "default") {
      // Fetched now so the tap waits as little as possible (see getPushKey).
      getPushKey().catch(() => undefined);
    }
    if (availability === "granted") {
      void isSubscribed(device).then((on) => {
        if (live) setSubscribed(on);
        // Tell the server again (an upsert): it may have dropped the subscription, or another
        // person was logged in on this phone before.
        if (on && variant === "settings") turnOnPush(device).catch(() => undefined);
      });
    } else {
      setSubscribed(false);
    }
    return () => {
      live = false;
    };
  }, []);

  async function turnOn() {
    setActed(true);
    setBusy(true);
    setMessage(null);
    try {
      const result = await turnOnPush(device);
      setAvailability(device.availability());
      setSubscribed(result.status === "on");
      setMessage(describe(result));
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setActed(true);
    setBusy(true);
    setMessage(null);
    try {
      const serverError = await turnOffPush(device);
      setSubscribed(false);
      setMessage({ kind: "status", text: serverError ? t("push.offServerError") : t("push.turnedOff") });
    } finally {
      setBusy(false);
    }
  }

  function notNow() {
    try {
      localStorage.setItem(DISMISSED_KEY, "1");
    } catch {
      // storage disabled: hidden for this visit only
    }
    setDismissed(true);
  }

  const on = availability === "granted" && subscribed === true;
  if (variant === "card") {
    // An offer for those who can still say yes. Once tapped, it stays to show the outcome
    // (on, blocked, an error); blocked and unsupported browsers are otherwise explained in the
    // settings screen rather than every time the inbox opens.
    const offer =
      availability === "default" || availability === "install-first" || (availability === "granted" && subscribed === false);
    if (dismissed || subscribed === null || !(offer || acted)) return null;
  }

  return (
    <section
      class={variant === "card" ? "card push-card" : "push-settings"}
      aria-labelledby={`push-${variant}-title`}
      data-testid={variant === "card" ? "push-card" : "push-settings"}
      data-state={on ? "on" : availability}
    >
      <h2 id={`push-${variant}-title`}>{variant === "card" ? t("push.card.title") : t("settings.device")}</h2>
      {variant === "card" && !on && <p>{t("push.card.text")}</p>}
      <Explanation availability={availability} on={on} subscribed={subscribed} variant={variant} />

      {message && (
        <p
          class={message.kind === "error" ? "form-error" : "push__status"}
          role={message.kind === "error" ? "alert" : "status"}
          data-testid={message.kind === "error" ? "push-error" : "push-message"}
        >
          {message.text}
        </p>
      )}

      <div class="actions">
        {(availability === "default" || (availability === "granted" && !on)) && (
          <Button data-testid="push-enable" busy={busy} busyLabel={t("push.enabling")} onClick={() => void turnOn()}>
            {t("push.enable")}
          </Button>
        )}
        {on && variant === "settings" && (
          <Button
            variant="secondary"
            data-testid="push-disable"
            busy={busy}
            busyLabel={t("push.disabling")}
            onClick={() => void turnOff()}
          >
            {t("push.disable")}
          </Button>
        )}
        {variant === "card" && !on && (
          <Button variant="quiet" data-testid="push-not-now" onClick={notNow}>
            {t("push.notNow")}
          </Button>
        )}
      </div>
    </section>
  );
}

function Explanation(props: {
  availability: PushAvailability;
  on: boolean;
  subscribed: boolean | null;
  variant: Props["variant"];
}) {
  const { availability, on, subscribed, variant } = props;
  if (availability === "install-first") {
    return (
      <div class="push__help" data-testid="push-install-help">
        <p>{t("push.installFirst")}</p>
        <p>{t("push.installHelp")}</p>
      </div>
    );
  }
  if (availability === "unsupported") {
    return (
      <p class="push__help" data-testid="push-unsupported">
        {t("push.unsupported")}
      </p>
    );
  }
  if (availability === "denied") {
    return (
      <div class="push__help" data-testid="push-denied-help">
        <p>{t("push.denied")}</p>
        <p>{t("push.deniedHelp")}</p>
      </div>
    );
  }
  if (variant === "settings" && subscribed !== null) {
    return <p data-testid="push-state">{on ? t("push.on") : t("push.off")}</p>;
  }
  return null;
}

function describe(result: TurnOnResult): Message {
  switch (result.status) {
    case "on":
      return { kind: "status", text: t("push.on") };
    case "denied":
    case "unsupported":
    case "install-first":
      return null; // the explanation for the new state says it all
    case "dismissed":
      return { kind: "status", text: t("push.dismissed") };
    case "failed":
      if (result.step === "worker") return { kind: "error", text: t("push.failed.worker") };
      if (result.step === "subscribe") {
        const detail = browserErrorText(result.error) || t("push.failed.unknown");
        return { kind: "error", text: t("push.failed.subscribe", { detail }) };
      }
      if (result.error instanceof ApiError && result.error.isNetworkError) return { kind: "error", text: t("error.offline") };
      return { kind: "error", text: t("push.failed.server", { detail: errorMessage(result.error) }) };
  }
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === "1";
  } catch {
    return false;
  }
}
