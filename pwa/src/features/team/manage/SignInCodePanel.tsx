import { useEffect, useRef, useState } from "preact/hooks";
import { formatDateTime, t } from "../../../lib/i18n";
import { shareOrCopy, type ShareOutcome } from "../../../lib/share";
import { Button } from "../../../ui/Button";
import { QrImage } from "../../../ui/QrImage";
import type { SignInCode } from "./team-api";

interface Props {
  code: SignInCode;
  name: string;
  onDone: () => void;
}

/**
 * A fresh sign-in code, to read out, to scan, or to send: the code in large type, the QR code
 * big enough for a phone held up to this screen, when it stops working, and a share button.
 */
export function SignInCodePanel({ code, name, onDone }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<ShareOutcome | null>(null);
  const [sharing, setSharing] = useState(false);
  const expires = formatDateTime(code.expires_at);

  // A new code: tell screen readers and bring it into view (it appears below the buttons).
  useEffect(() => {
    heading.current?.focus();
  }, [code.code]);

  async function share() {
    setSharing(true);
    setOutcome(null);
    try {
      const result = await shareOrCopy(navigator, {
        title: t("app.name"),
        text: t("team.code.shareText", { name, code: code.code, expires }),
        url: code.url,
      });
      setOutcome(result);
    } finally {
      setSharing(false);
    }
  }

  return (
    <section class="signin-code" aria-labelledby="signin-code-heading" data-testid="signin-code">
      <h2 id="signin-code-heading" ref={heading} tabIndex={-1}>
        {t("team.code.title", { name })}
      </h2>
      <p>{t("team.code.howTo", { name })}</p>
      <p class="signin-code__code" data-testid="signin-code-value" translate={false}>
        {code.code}
      </p>
      <QrImage
        class="signin-code__qr"
        svg={code.qr_svg}
        label={t("team.code.qrAlt", { name })}
        testId="signin-code-qr"
      />
      <p data-testid="signin-code-expiry">
        <strong>{t("team.code.validUntil", { time: expires })}</strong> {t("team.code.once")}
      </p>
      <div class="actions">
        <Button
          variant="primary"
          data-testid="signin-code-share"
          busy={sharing}
          busyLabel={t("team.code.sharing")}
          onClick={() => void share()}
        >
          {t("team.code.share")}
        </Button>
        <Button variant="secondary" data-testid="signin-code-done" onClick={onDone}>
          {t("team.code.done")}
        </Button>
      </div>
      <p role="status" data-testid="signin-code-status" class="push__status">
        {outcome === "copied" ? t("team.code.copied") : ""}
      </p>
      {outcome === "manual" && (
        <div class="field">
          <label for="signin-code-url">{t("team.code.copyByHand")}</label>
          <input
            id="signin-code-url"
            type="text"
            readOnly
            value={code.url}
            data-testid="signin-code-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </section>
  );
}
