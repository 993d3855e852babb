import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { formatDateTime, roleLabel, t } from "../../../lib/i18n";
import { navigate } from "../../../lib/router";
import { copyText, shareOrCopy, type ShareData, type ShareOutcome } from "../../../lib/share";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { QrImage } from "../../../ui/QrImage";
import { useMe } from "../../auth/use-me";
import { canManageInvites, choosesInviteStore } from "../permissions";
import { InviteMissing } from "./InviteMissing";
import { groupCode, isOpen, usesLeft } from "./invite-view";
import { revokeInvite } from "./invites-api";
import { useInvite } from "./use-invite";
import { useStores } from "./use-stores";

/**
 * /team/invites/<id>: the code in large type and a QR code big enough to scan from a phone held
 * up to this screen; Share (the phone's share sheet, or copy), Print poster and Revoke.
 */
export function InviteDetail({ id }: { id: number }) {
  const me = useMe();
  const { invite, loading, missing, forbidden, error, retry } = useInvite(id);
  const stores = useStores(me, choosesInviteStore(me));
  const [shared, setShared] = useState<ShareOutcome | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (forbidden || (me && !canManageInvites(me))) return <Forbidden />;
  if (missing) return <InviteMissing />;
  if (!invite) {
    return (
      <section class="page" aria-busy={loading}>
        <h1 tabIndex={-1}>{loading ? t("common.loading") : t("invites.detail")}</h1>
        {error && (
          <div class="notice">
            <p class="form-error" role="alert">
              {error}
            </p>
            <Button variant="secondary" onClick={retry}>
              {t("home.retry")}
            </Button>
          </div>
        )}
      </section>
    );
  }

  const storeName = stores.name(invite.store_id);
  const code = groupCode(invite.code);
  const open = isOpen(invite);
  const left = usesLeft(invite);
  const data: ShareData = {
    title: t("invites.shareTitle", { store: storeName }),
    text: t("invites.shareText", { store: storeName, role: roleLabel(invite.role), code }),
    url: invite.url,
  };

  async function share() {
    setShared(null);
    setShared(await shareOrCopy(navigator, data));
  }

  async function revoke() {
    if (!invite || !confirm(t("invites.revokeConfirm", { what: code }))) return;
    setRevoking(true);
    setActionError(null);
    try {
      await revokeInvite(invite.id);
      navigate("/team/invites");
    } catch (e) {
      setRevoking(false);
      if (e instanceof ApiError && e.status === 404) navigate("/team/invites");
      else if (!(e instanceof ApiError && e.status === 401)) setActionError(errorMessage(e));
    }
  }

  return (
    <section class="page" aria-labelledby="invite-heading">
      <h1 id="invite-heading" tabIndex={-1}>
        {t("invites.detail")}
      </h1>
      <p class="home__store" data-testid="invite-for">
        {storeName} · {roleLabel(invite.role)}
      </p>

      {!open && (
        <p class="form-error" role="status" data-testid="invite-closed">
          {invite.is_revoked ? t("invites.isRevoked") : left === 0 ? t("invites.isUsedUp") : t("invites.isExpired")}
        </p>
      )}

      <div class="invite-show">
        <p class="invite-show__label" id="invite-code-label">
          {t("invites.code")}
        </p>
        <p class="invite-code" data-testid="invite-code" aria-describedby="invite-code-label">
          {code}
        </p>
        <QrImage
          class="invite-qr"
          svg={invite.qr_svg}
          label={t("invites.qrLabel", { store: storeName })}
          testId="invite-qr"
        />
      </div>

      <dl class="invite-facts">
        <dt>{t("invites.usesLeftLabel")}</dt>
        <dd data-testid="invite-detail-left">{t("invites.usesLeft", { left, max: invite.max_uses })}</dd>
        <dt>{t("invites.validUntilLabel")}</dt>
        <dd>
          <time dateTime={invite.expires_at}>{formatDateTime(invite.expires_at)}</time>
        </dd>
      </dl>

      <div class="actions">
        <Button data-testid="invite-share" onClick={() => void share()}>
          {t("invites.share")}
        </Button>
        <Link href={`/team/invites/${invite.id}/print`} class="btn btn--secondary" data-testid="invite-print">
          {t("invites.printPoster")}
        </Link>
      </div>
      {/* Always in the page, so screen readers announce what the Share button did. */}
      <p class="push__status" role="status" data-testid="invite-share-status">
        {shared === "copied" ? t("invites.copied") : shared === "shared" ? t("invites.sharedDone") : ""}
      </p>
      {shared === "manual" && (
        <div class="field">
          <label for="invite-copy-text">{t("invites.copyYourself")}</label>
          <textarea
            id="invite-copy-text"
            data-testid="invite-copy-text"
            readOnly
            rows={3}
            value={copyText(data)}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}

      {actionError && (
        <p class="form-error" role="alert">
          {actionError}
        </p>
      )}
      {open && (
        <div class="actions">
          <Button
            variant="secondary"
            data-testid="invite-detail-revoke"
            busy={revoking}
            busyLabel={t("invites.revoking")}
            onClick={() => void revoke()}
          >
            {t("invites.revoke")}
          </Button>
        </div>
      )}
      <p class="page__alt">
        <Link href="/team/invites" data-testid="invite-back">
          {t("invites.backToList")}
        </Link>
      </p>
    </section>
  );
}
