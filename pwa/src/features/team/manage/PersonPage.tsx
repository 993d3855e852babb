import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { getLocale, roleLabel, t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { useMe } from "../../auth/use-me";
import { categoryLabel } from "../../qa/category";
import { canEditPerson, canManageAccount, canSeeTeam, choosesTeamStore } from "../permissions";
import { ChangePerson } from "./ChangePerson";
import { ConfirmDialog } from "./ConfirmDialog";
import { lastActiveText } from "./last-active";
import { SignInCodePanel } from "./SignInCodePanel";
import {
  deactivate,
  getPerson,
  getStores,
  listedPerson,
  makeSignInCode,
  reactivate,
  type Person,
  type SignInCode,
  type Store,
} from "./team-api";
import { teamListHref } from "./team-filter";

type Action = "deactivate" | "reactivate";

/**
 * One person of the team: who they are, and what a manager can do about their account:
 * deactivate (with what that means spelled out first), reactivate, a sign-in code for a
 * forgotten password, and (head office) their role, home store and expertise.
 */
export function PersonPage({ id }: { id: number }) {
  const me = useMe();
  const [person, setPerson] = useState<Person | null>(() => listedPerson(id));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState<Action | "code" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [code, setCode] = useState<SignInCode | null>(null);

  async function load() {
    setLoadError(null);
    try {
      setPerson(await getPerson(id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setPerson(null); // gone, or moved out of this manager's store, since the list was read
        setMissing(true);
      }
      else if (!(e instanceof ApiError && e.status === 401)) setLoadError(errorMessage(e));
    }
  }

  useEffect(() => {
    void load();
  }, [id]);

  const picksStore = choosesTeamStore(me);
  useEffect(() => {
    // A manager's people are in their own store (named in /me); head office looks the store up.
    if (picksStore) getStores().then(setStores, () => setStores([]));
  }, [picksStore]);

  if (me && !canSeeTeam(me)) return <Forbidden />;
  const back = (
    <p class="page__alt">
      <Link href={teamListHref()} data-testid="person-back">
        {t("team.back")}
      </Link>
    </p>
  );

  if (!person) {
    return (
      <section class="page" aria-labelledby="person-heading">
        <h1 id="person-heading" tabIndex={-1}>
          {missing ? t("team.person.notFound") : loadError ? t("team.person.loadFailed") : t("common.loading")}
        </h1>
        {loadError && (
          <div class="notice">
            <p class="form-error" role="alert" data-testid="person-load-error">
              {loadError}
            </p>
            <Button variant="secondary" onClick={() => void load()}>
              {t("home.retry")}
            </Button>
          </div>
        )}
        {back}
      </section>
    );
  }

  const shown = person;
  const manages = canManageAccount(me, shown);
  const storeName =
    shown.store_id === null
      ? null
      : me?.store?.id === shown.store_id
        ? me.store.name
        : (stores?.find((s) => s.id === shown.store_id)?.name ?? t("team.unknownStore", { id: shown.store_id }));

  function focusLater(testId: string) {
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());
  }

  async function confirm(action: Action) {
    setBusy(action);
    setDialogError(null);
    try {
      if (action === "deactivate") await deactivate(shown.id);
      else await reactivate(shown.id);
      setPerson({ ...shown, is_active: action === "reactivate" });
      setConfirming(null);
      setCode(null);
      setNotice(
        action === "deactivate"
          ? t("team.deactivated", { name: shown.name })
          : t("team.reactivated", { name: shown.name }),
      );
      // The button that opened the dialog is gone (deactivate became reactivate and back).
      focusLater(action === "deactivate" ? "person-reactivate" : "person-deactivate");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      setDialogError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function newCode() {
    setBusy("code");
    setActionError(null);
    setNotice(null);
    try {
      setCode(await makeSignInCode(shown.id));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setActionError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  function open(action: Action) {
    setDialogError(null);
    setActionError(null);
    setNotice(null);
    setConfirming(action);
  }

  const locale = getLocale();
  const lastActive = lastActiveText(shown.last_active_on, locale, Date.now());
  return (
    <section class="page" aria-labelledby="person-heading">
      {back}
      <h1 id="person-heading" tabIndex={-1} data-testid="person-name">
        {shown.name}
      </h1>
      {!shown.is_active && (
        <p class="tags">
          <span class="tag tag--urgent" data-testid="person-deactivated">
            {t("team.badge.deactivated")}
          </span>
        </p>
      )}

      <dl class="details" data-testid="person-details">
        <div>
          <dt>{t("team.username")}</dt>
          <dd data-testid="person-username" translate={false}>
            {shown.username}
          </dd>
        </div>
        <div>
          <dt>{t("team.role")}</dt>
          <dd data-testid="person-role-text">{roleLabel(shown.role)}</dd>
        </div>
        {storeName !== null && (
          <div>
            <dt>{t("team.homeStore")}</dt>
            <dd data-testid="person-store-text">{storeName}</dd>
          </div>
        )}
        <div>
          <dt>{t("team.language")}</dt>
          <dd>{t(`lang.${shown.locale}`)}</dd>
        </div>
        <div>
          <dt>{t("team.lastActive")}</dt>
          <dd data-testid="person-last-active">
            {shown.last_active_on ? <time dateTime={shown.last_active_on}>{lastActive}</time> : lastActive}
          </dd>
        </div>
        {typeof shown.shifts_this_week === "number" && (
          <div>
            <dt>{t("team.shiftsThisWeek")}</dt>
            <dd>{shown.shifts_this_week}</dd>
          </div>
        )}
        {shown.expert_categories.length > 0 && (
          <div>
            <dt>{t("team.expertise")}</dt>
            <dd data-testid="person-expertise">{shown.expert_categories.map(categoryLabel).join(", ")}</dd>
          </div>
        )}
      </dl>

      {/* Always there, so screen readers hear what changes in it. */}
      <p class="push__status" role="status" data-testid="person-notice">
        {notice ?? ""}
      </p>

      {manages && (
        <div class="actions actions--stack" data-testid="person-actions">
          {shown.is_active && (
            <Button
              variant="primary"
              data-testid="person-make-code"
              busy={busy === "code"}
              busyLabel={t("team.code.making")}
              onClick={() => void newCode()}
            >
              {t("team.code.make")}
            </Button>
          )}
          {shown.is_active ? (
            <Button variant="secondary" data-testid="person-deactivate" onClick={() => open("deactivate")}>
              {t("team.deactivate")}
            </Button>
          ) : (
            <Button variant="primary" data-testid="person-reactivate" onClick={() => open("reactivate")}>
              {t("team.reactivate")}
            </Button>
          )}
        </div>
      )}
      {actionError && (
        <p class="form-error" role="alert" data-testid="person-action-error">
          {actionError}
        </p>
      )}
      {!manages && me && me.id === shown.id && <p class="hint">{t("team.person.yourself")}</p>}

      {code && (
        <SignInCodePanel
          code={code}
          name={shown.name}
          onDone={() => {
            setCode(null);
            focusLater("person-make-code");
          }}
        />
      )}

      {me && canEditPerson(me, shown) && (
        <ChangePerson
          key={shown.id}
          me={me}
          person={shown}
          onSaved={(saved) => setPerson((before) => ({ ...before, ...saved }))}
        />
      )}

      {confirming === "deactivate" && (
        <ConfirmDialog
          testId="deactivate-dialog"
          title={t("team.deactivateDialog.title", { name: shown.name })}
          confirmText={t("team.deactivate")}
          busyText={t("team.deactivating")}
          busy={busy === "deactivate"}
          error={dialogError}
          onConfirm={() => void confirm("deactivate")}
          onCancel={() => setConfirming(null)}
        >
          <p>{t("team.deactivateDialog.intro", { name: shown.name })}</p>
          <ul>
            <li>{t("team.deactivateDialog.signedOut")}</li>
            <li>{t("team.deactivateDialog.noPush")}</li>
            <li>{t("team.deactivateDialog.contentStays")}</li>
          </ul>
          <p>{t("team.deactivateDialog.undo")}</p>
        </ConfirmDialog>
      )}
      {confirming === "reactivate" && (
        <ConfirmDialog
          testId="reactivate-dialog"
          title={t("team.reactivateDialog.title", { name: shown.name })}
          confirmText={t("team.reactivate")}
          busyText={t("team.reactivating")}
          busy={busy === "reactivate"}
          error={dialogError}
          onConfirm={() => void confirm("reactivate")}
          onCancel={() => setConfirming(null)}
        >
          <p>{t("team.reactivateDialog.intro", { name: shown.name })}</p>
          <p>{t("team.reactivateDialog.sessions", { name: shown.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
