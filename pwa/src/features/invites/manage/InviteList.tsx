import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { formatDateTime, roleLabel, t } from "../../../lib/i18n";
import { currentQuery, replaceQuery } from "../../../lib/router";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { PagedList } from "../../../ui/PagedList";
import { usePagedList } from "../../../ui/use-paged-list";
import { useMe } from "../../auth/use-me";
import { canImportPeople, canManageInvites, choosesInviteStore } from "../permissions";
import { groupCode, usesLeft } from "./invite-view";
import { listInvites, remember, revokeInvite, type Invite } from "./invites-api";
import { useStores } from "./use-stores";

/**
 * /team/invites: the invites that still work, for managers (their store) and head office (any
 * store or all), with uses left, expiry, and Revoke. A lazy chunk: staff never download it.
 */
export function InviteList() {
  const me = useMe();
  const picksStore = choosesInviteStore(me);
  const stores = useStores(me, picksStore);
  const [storeFilter, setStoreFilter] = useState<number | null>(() => {
    const fromQuery = Number(currentQuery().get("store"));
    return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
  });
  // A manager's list is their store's whatever is asked (the server scopes it).
  const storeId = picksStore ? storeFilter : null;
  const [forbidden, setForbidden] = useState(false);
  const [revoking, setRevoking] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Each row's detail then opens at once, without looking the invite up again.
  const fetchPage = (cursor: string | null) =>
    listInvites(storeId, cursor).then((page) => {
      page.items.forEach(remember);
      return page;
    });
  const list = usePagedList<Invite>(fetchPage, {
    deps: [storeId],
    handled: (e) => {
      if (!(e instanceof ApiError && e.status === 403)) return false;
      setForbidden(true);
      return true;
    },
  });

  if (forbidden || (me && !canManageInvites(me))) return <Forbidden />;

  function chooseStore(value: string) {
    const id = Number(value) || null;
    setStoreFilter(id);
    setNotice(null);
    const query = currentQuery();
    if (id) query.set("store", String(id));
    else query.delete("store");
    replaceQuery(query);
  }

  async function revoke(invite: Invite) {
    const what = inviteName(invite, stores.name(invite.store_id));
    if (!confirm(t("invites.revokeConfirm", { what }))) return;
    setRevoking(invite.id);
    setNotice(null);
    list.setError(null);
    try {
      await revokeInvite(invite.id);
      list.update((items) => items.filter((i) => i.id !== invite.id));
      setNotice(t("invites.revoked", { code: groupCode(invite.code) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) list.update((items) => items.filter((i) => i.id !== invite.id));
      else if (!(e instanceof ApiError && e.status === 401)) list.setError(errorMessage(e));
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section class="page" aria-labelledby="invites-heading">
      <h1 id="invites-heading" tabIndex={-1}>
        {t("invites.title")}
      </h1>
      {!picksStore && me?.store && <p class="home__store">{me.store.name}</p>}
      <p class="hint">{t("invites.intro")}</p>

      <div class="actions">
        <Link href="/team/invites/new" class="btn btn--primary" data-testid="invites-new">
          {t("invites.new")}
        </Link>
        {canImportPeople(me) && (
          <Link href="/team/import" class="btn btn--secondary" data-testid="invites-import">
            {t("import.title")}
          </Link>
        )}
      </div>

      {picksStore && (
        <div class="field">
          <label for="invites-store">{t("invites.store")}</label>
          <select
            id="invites-store"
            data-testid="invites-store"
            value={storeFilter ?? ""}
            disabled={!stores.list}
            onChange={(e) => chooseStore(e.currentTarget.value)}
          >
            <option value="">{stores.list ? t("invites.allStores") : t("common.loading")}</option>
            {stores.list?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {stores.error && (
        <p class="form-error" role="alert">
          {stores.error}
        </p>
      )}
      {notice && (
        <p class="push__status" role="status" data-testid="invites-notice">
          {notice}
        </p>
      )}

      <h2 id="invites-open-heading">{t("invites.open")}</h2>
      <PagedList
        list={list}
        testId="invites"
        labelledBy="invites-open-heading"
        class="news-list"
        renderRow={(invite) => {
          const name = inviteName(invite, stores.name(invite.store_id));
          const left = usesLeft(invite);
          return (
            <li key={invite.id} class="item-card" data-testid="invite-row" data-id={invite.id}>
              <h3 class="item-card__title">{roleLabel(invite.role)}</h3>
              <p class="item-card__meta">
                {(picksStore || invite.store_id === null) && (
                  <>
                    <span data-testid="invite-store">{stores.name(invite.store_id)}</span>
                    {" · "}
                  </>
                )}
                <span class="invite-row__code">{groupCode(invite.code)}</span>
              </p>
              <p class="item-card__meta">
                <span data-testid="invite-uses-left" data-left={left}>
                  {t("invites.usesLeft", { left, max: invite.max_uses })}
                </span>
                {" · "}
                <time dateTime={invite.expires_at}>
                  {t("invites.validUntil", { when: formatDateTime(invite.expires_at) })}
                </time>
              </p>
              <div class="actions">
                <Link
                  href={`/team/invites/${invite.id}`}
                  class="btn btn--secondary"
                  data-testid="invite-open"
                  aria-label={t("invites.showLabel", { what: name })}
                >
                  {t("invites.show")}
                </Link>
                <Button
                  variant="secondary"
                  data-testid="invite-revoke"
                  busy={revoking === invite.id}
                  busyLabel={t("invites.revoking")}
                  aria-label={t("invites.revokeLabel", { what: name })}
                  onClick={() => void revoke(invite)}
                >
                  {t("invites.revoke")}
                </Button>
              </div>
            </li>
          );
        }}
        emptyText={t("invites.empty")}
        moreText={t("invites.loadMore")}
      />

      <p class="page__alt">
        <Link href="/team" data-testid="invites-back-team">
          {t("invites.backToTeam")}
        </Link>
      </p>
    </section>
  );
}

/** "Medewerker, Filiaal Utrecht, 7KQ2M-X9D4P": which invite a button is about. */
export function inviteName(invite: Invite, storeName: string): string {
  return t("invites.name", { role: roleLabel(invite.role), store: storeName, code: groupCode(invite.code) });
}
