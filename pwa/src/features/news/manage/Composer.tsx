import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, newIdempotencyKey } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { roleLabel, t, type Locale, type MessageKey } from "../../../lib/i18n";
import { navigate } from "../../../lib/router";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import type { Me } from "../../../lib/session";
import { useMe } from "../../auth/use-me";
import { canManagePost, canPublish, choosesAudience } from "../permissions";
import { isoToLocalInput, localInputToIso } from "./local-datetime";
import {
  AUDIENCE_ROLES,
  createPost,
  getAllRegions,
  getAllStores,
  getSource,
  updatePost,
  URGENCIES,
  type AudienceRole,
  type NewsCreate,
  type NewsSource,
  type NewsUpdate,
  type Region,
  type Store,
  type Urgency,
} from "./manage-api";
import { Check } from "./Check";
import { FieldBox } from "./FieldBox";
import { MarkdownPreview } from "./MarkdownPreview";

interface FormState {
  title: string;
  body: string;
  transTitle: string;
  transBody: string;
  storeIds: number[];
  regionIds: number[];
  roles: AudienceRole[];
  mustRead: boolean;
  urgency: Urgency;
  urgentReason: string;
  pinned: boolean;
  publishAt: string;
  expiresAt: string;
}

type Field = "title" | "body" | "transTitle" | "transBody" | "urgentReason" | "publishAt" | "expiresAt";
type Errors = Partial<Record<Field, string>>;
type Action = "draft" | "publish" | "save";

const EMPTY: FormState = {
  title: "",
  body: "",
  transTitle: "",
  transBody: "",
  storeIds: [],
  regionIds: [],
  roles: [],
  mustRead: false,
  urgency: "normal",
  urgentReason: "",
  pinned: false,
  publishAt: "",
  expiresAt: "",
};

const FIELD_IDS: Record<Field, string> = {
  title: "composer-title",
  body: "composer-body",
  transTitle: "composer-title-translation",
  transBody: "composer-body-translation",
  urgentReason: "composer-urgent-reason",
  publishAt: "composer-publish-at",
  expiresAt: "composer-expires-at",
};
/** Stores get a search box once the list is longer than a phone screen. */
const STORE_SEARCH_FROM = 8;

const other = (locale: Locale): Locale => (locale === "nl" ? "en" : "nl");
const sameIds = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

function fromSource(post: NewsSource): FormState {
  // The editor works on the original text and, beside it, the other language's translation.
  const translation = post.translations[other(post.locale)];
  return {
    ...EMPTY,
    title: post.title,
    body: post.body,
    transTitle: translation?.title ?? "",
    transBody: translation?.body ?? "",
    storeIds: post.audience.store_ids,
    regionIds: post.audience.region_ids,
    roles: post.audience.roles,
    mustRead: post.must_read,
    urgency: post.urgency,
    pinned: post.pinned,
    publishAt: isoToLocalInput(post.publish_at),
    expiresAt: isoToLocalInput(post.expires_at),
  };
}

/** Write (or edit, with `id`) a post: text and translation, audience, must-read, urgency, timing. */
export function Composer({ id }: { id?: number }) {
  const me = useMe();
  if (!me) {
    return (
      <section class="page">
        <h1 tabIndex={-1}>{t("common.loading")}</h1>
      </section>
    );
  }
  if (!canPublish(me)) return <Forbidden />;
  return <ComposerForm me={me} id={id} />;
}

function ComposerForm({ me, id }: { me: Me; id?: number }) {
  const editing = id !== undefined;
  const [original, setOriginal] = useState<NewsSource | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [tab, setTab] = useState<"main" | "translation">("main");
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [storeQuery, setStoreQuery] = useState("");
  // One key per kind of submit: a retry after a lost answer gives back the same post.
  const keys = useRef({ draft: newIdempotencyKey(), publish: newIdempotencyKey() });
  const focusFirstError = useRef(false);
  const wide = choosesAudience(me);
  const mainLocale: Locale = original?.locale ?? "nl";
  const translationLocale = other(mainLocale);

  useEffect(() => {
    if (id === undefined) return;
    getSource(id).then(
      (post) => {
        setOriginal(post);
        setForm(fromSource(post));
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  }, [id]);

  async function loadLists() {
    setListError(null);
    try {
      const [s, r] = await Promise.all([getAllStores(), getAllRegions()]);
      setStores(s);
      setRegions(r);
    } catch (e) {
      setListError(errorMessage(e));
    }
  }

  useEffect(() => {
    if (wide) void loadLists();
  }, [wide]);

  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    const first = (Object.keys(FIELD_IDS) as Field[]).find((f) => errors[f]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
    else document.getElementById("composer-form-error")?.focus();
  }, [errors, formError, tab]);

  if (editing && !original) {
    return (
      <section class="page" aria-labelledby="composer-heading">
        <h1 id="composer-heading" tabIndex={-1}>
          {loadError ? t("news.loadFailed") : t("common.loading")}
        </h1>
        {loadError && (
          <p class="form-error" role="alert">
            {loadError}
          </p>
        )}
      </section>
    );
  }
  if (original && !canManagePost(me, original.author_id)) return <Forbidden />;

  function set<K extends keyof FormState>(key: K, value: FormState[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  }

  function toggle<K extends "storeIds" | "regionIds" | "roles">(key: K, value: FormState[K][number], on: boolean) {
    setForm((f) => {
      const list = f[key] as Array<FormState[K][number]>;
      const next = on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
      return { ...f, [key]: next };
    });
  }

  function validate(): Errors {
    const found: Errors = {};
    if (!form.title.trim()) found.title = t("form.required");
    if (!form.body.trim()) found.body = t("form.required");
    const translated = form.transTitle.trim() || form.transBody.trim();
    if (translated && !form.transTitle.trim()) found.transTitle = t("compose.translationIncomplete");
    if (translated && !form.transBody.trim()) found.transBody = t("compose.translationIncomplete");
    if (form.urgency === "urgent" && !form.urgentReason.trim()) found.urgentReason = t("compose.urgentReasonRequired");
    const publishAt = form.publishAt ? localInputToIso(form.publishAt) : null;
    const expiresAt = form.expiresAt ? localInputToIso(form.expiresAt) : null;
    if (form.publishAt && !publishAt) found.publishAt = t("compose.badTime");
    if (form.expiresAt && !expiresAt) found.expiresAt = t("compose.badTime");
    if (expiresAt) {
      const starts = publishAt ? Date.parse(publishAt) : Date.now();
      if (Date.parse(expiresAt) <= starts) found.expiresAt = t("compose.expiresTooEarly");
    }
    return found;
  }

  function audience(): NonNullable<NewsCreate["audience"]> {
    if (wide) return { store_ids: form.storeIds, region_ids: form.regionIds, roles: form.roles };
    // A store manager publishes to their own store; the server refuses anything else.
    return { store_ids: me.store_id !== null ? [me.store_id] : [], region_ids: [], roles: form.roles };
  }

  function translations(): NewsCreate["translations"] {
    if (!form.transTitle.trim() && !form.transBody.trim()) return {};
    return { [translationLocale]: { title: form.transTitle.trim(), body: form.transBody.trim() } };
  }

  function createBody(draft: boolean): NewsCreate {
    const publishAt = localInputToIso(form.publishAt);
    const expiresAt = localInputToIso(form.expiresAt);
    return {
      title: form.title.trim(),
      body: form.body.trim(),
      audience: audience(),
      must_read: form.mustRead,
      urgency: form.urgency,
      ...(form.urgency === "urgent" ? { urgent_reason: form.urgentReason.trim() } : {}),
      pinned: form.pinned,
      draft,
      ...(publishAt ? { publish_at: publishAt } : {}),
      ...(expiresAt ? { expires_at: expiresAt } : {}),
      locale: mainLocale,
      translations: translations(),
    };
  }

  /** Only what changed, so an edit never rewrites fields someone else changed meanwhile. */
  function updateBody(before: FormState, draft: boolean | undefined): NewsUpdate {
    const changes: NewsUpdate = {};
    if (form.title.trim() !== before.title) changes.title = form.title.trim();
    if (form.body.trim() !== before.body) changes.body = form.body.trim();
    if (
      !sameIds(form.storeIds, before.storeIds) ||
      !sameIds(form.regionIds, before.regionIds) ||
      !sameIds(form.roles, before.roles)
    ) {
      changes.audience = audience();
    }
    if (form.mustRead !== before.mustRead) changes.must_read = form.mustRead;
    if (form.pinned !== before.pinned) changes.pinned = form.pinned;
    if (form.urgency !== before.urgency) {
      changes.urgency = form.urgency;
      if (form.urgency === "urgent") changes.urgent_reason = form.urgentReason.trim();
    }
    if (form.publishAt !== before.publishAt) changes.publish_at = localInputToIso(form.publishAt);
    if (form.expiresAt !== before.expiresAt) changes.expires_at = localInputToIso(form.expiresAt);
    if (form.transTitle.trim() !== before.transTitle || form.transBody.trim() !== before.transBody) {
      changes.translations = translations();
    }
    if (draft !== undefined) changes.draft = draft;
    return changes;
  }

  async function submit(action: Action) {
    if (busy) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t("compose.checkFields"));
      if (found.title || found.body) setTab("main");
      else if (found.transTitle || found.transBody) setTab("translation");
      if (found.title || found.body || found.transTitle || found.transBody) setPreview(false);
      focusFirstError.current = true;
      return;
    }
    setFormError(null);
    setBusy(action);
    try {
      const saved = original
        ? await updatePost(original.id, updateBody(fromSource(original), action === "save" ? undefined : action === "draft"))
        : await createPost(createBody(action === "draft"), action === "draft" ? keys.current.draft : keys.current.publish);
      navigate(`/news/${saved.id}`, { replace: true });
    } catch (e) {
      setBusy(null);
      if (e instanceof ApiError && e.status === 403) {
        setFormError(`${t("compose.forbidden")} ${e.detail}`.trim());
      } else if (e instanceof ApiError && e.status === 422) {
        setFormError(t("compose.rejected", { detail: e.detail || String(e.status) }));
      } else {
        setFormError(errorMessage(e));
      }
      focusFirstError.current = true;
    }
  }

  const isDraft = !original || original.status === "draft";
  const textFields = (which: "main" | "translation") => {
    const main = which === "main";
    const titleKey: Field = main ? "title" : "transTitle";
    const bodyKey: Field = main ? "body" : "transBody";
    const locale = main ? mainLocale : translationLocale;
    return (
      <div
        id={`composer-panel-${which}`}
        class="composer__panel"
        hidden={tab !== which}
        lang={locale}
        data-testid={main ? "composer-panel-main" : "composer-panel-translation"}
      >
        {!main && <p class="hint">{t("compose.translationHint", { language: t(`lang.${locale}`) })}</p>}
        <FieldBox id={FIELD_IDS[titleKey]} label={t("compose.title")} error={errors[titleKey]}>
          <input
            id={FIELD_IDS[titleKey]}
            type="text"
            maxLength={200}
            required={main}
            value={form[titleKey as "title" | "transTitle"]}
            data-testid={main ? "composer-title" : "composer-title-translation"}
            {...describedBy(FIELD_IDS[titleKey], errors[titleKey])}
            onInput={(e) => set(titleKey as "title" | "transTitle", e.currentTarget.value)}
          />
        </FieldBox>
        <div class="field">
          <div class="field__row">
            <label for={FIELD_IDS[bodyKey]}>{t("compose.body")}</label>
            <div class="segmented segmented--small" role="group" aria-label={t("compose.view")}>
              <button type="button" class="segmented__option" aria-pressed={!preview} onClick={() => setPreview(false)}>
                {t("compose.write")}
              </button>
              <button
                type="button"
                class="segmented__option"
                aria-pressed={preview}
                data-testid={main ? "composer-preview-tab" : "composer-preview-tab-translation"}
                onClick={() => setPreview(true)}
              >
                {t("compose.preview")}
              </button>
            </div>
          </div>
          <textarea
            id={FIELD_IDS[bodyKey]}
            rows={10}
            maxLength={20000}
            required={main}
            hidden={preview}
            value={form[bodyKey as "body" | "transBody"]}
            data-testid={main ? "composer-body" : "composer-body-translation"}
            {...describedBy(FIELD_IDS[bodyKey], errors[bodyKey], `${FIELD_IDS[bodyKey]}-hint`)}
            onInput={(e) => set(bodyKey as "body" | "transBody", e.currentTarget.value)}
          />
          {preview && (
            <MarkdownPreview
              source={form[bodyKey as "body" | "transBody"]}
              testId={main ? "composer-preview" : "composer-preview-translation"}
            />
          )}
          <p id={`${FIELD_IDS[bodyKey]}-hint`} class="hint">
            {t("compose.markdownHint")}
          </p>
          {errors[bodyKey] && (
            <p id={`${FIELD_IDS[bodyKey]}-error`} class="field-error">
              {errors[bodyKey]}
            </p>
          )}
        </div>
      </div>
    );
  };

  const query = storeQuery.trim().toLowerCase();
  const shownStores = (stores ?? []).filter(
    (s) => !query || form.storeIds.includes(s.id) || `${s.name} ${s.code}`.toLowerCase().includes(query),
  );
  const chosen = form.storeIds.length + form.regionIds.length;

  return (
    <section class="page composer" aria-labelledby="composer-heading">
      <h1 id="composer-heading" tabIndex={-1}>
        {editing ? t("compose.editTitle") : t("compose.newTitle")}
      </h1>
      <form
        class="form"
        data-testid="composer-form"
        noValidate
        // Enter in the title must not publish to a whole chain: only the buttons submit.
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="segmented" role="group" aria-label={t("compose.language")}>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={tab === "main"}
            aria-controls="composer-panel-main"
            data-testid="composer-tab-main"
            onClick={() => setTab("main")}
          >
            {t(`lang.${mainLocale}`)}
          </button>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={tab === "translation"}
            aria-controls="composer-panel-translation"
            data-testid="composer-tab-translation"
            onClick={() => setTab("translation")}
          >
            {t("compose.translationTab", { language: t(`lang.${translationLocale}`) })}
          </button>
        </div>
        {textFields("main")}
        {textFields("translation")}

        <fieldset class="fieldset" data-testid="composer-audience">
          <legend>{t("compose.audience")}</legend>
          {wide ? (
            <>
              <p class="hint" data-testid="composer-audience-summary">
                {chosen === 0
                  ? t("compose.audienceEveryone")
                  : t("compose.audienceChosen", { stores: form.storeIds.length, regions: form.regionIds.length })}
              </p>
              {listError && (
                <div class="notice">
                  <p class="form-error" role="alert">
                    {listError}
                  </p>
                  <Button variant="secondary" onClick={() => void loadLists()}>
                    {t("home.retry")}
                  </Button>
                </div>
              )}
              {!stores && !listError && <p role="status">{t("common.loading")}</p>}
              {stores && (
                <fieldset class="fieldset fieldset--inner">
                  <legend>{t("compose.stores")}</legend>
                  {stores.length >= STORE_SEARCH_FROM && (
                    <div class="field">
                      <label for="composer-store-search">{t("compose.storeSearch")}</label>
                      <input
                        id="composer-store-search"
                        type="search"
                        value={storeQuery}
                        onInput={(e) => setStoreQuery(e.currentTarget.value)}
                      />
                    </div>
                  )}
                  <div class="checklist" data-testid="composer-stores">
                    {shownStores.map((store) => (
                      <Check
                        key={store.id}
                        label={`${store.name} (${store.code})`}
                        checked={form.storeIds.includes(store.id)}
                        onChange={(on) => toggle("storeIds", store.id, on)}
                      />
                    ))}
                    {shownStores.length === 0 && <p class="muted">{t("compose.noStoresFound")}</p>}
                  </div>
                </fieldset>
              )}
              {regions && regions.length > 0 && (
                <fieldset class="fieldset fieldset--inner">
                  <legend>{t("compose.regions")}</legend>
                  <div class="checklist" data-testid="composer-regions">
                    {regions.map((region) => (
                      <Check
                        key={region.id}
                        label={region.name}
                        checked={form.regionIds.includes(region.id)}
                        onChange={(on) => toggle("regionIds", region.id, on)}
                      />
                    ))}
                  </div>
                </fieldset>
              )}
            </>
          ) : (
            <p class="audience-fixed" data-testid="composer-audience-fixed">
              {t("compose.ownStore", { store: me.store?.name ?? "—" })}
            </p>
          )}
          <fieldset class="fieldset fieldset--inner">
            <legend>{t("compose.roles")}</legend>
            <p class="hint">{t("compose.rolesHint")}</p>
            <div class="checklist" data-testid="composer-roles">
              {AUDIENCE_ROLES.map((role) => (
                <Check
                  key={role}
                  label={roleLabel(role)}
                  checked={form.roles.includes(role)}
                  onChange={(on) => toggle("roles", role, on)}
                />
              ))}
            </div>
          </fieldset>
        </fieldset>

        <fieldset class="fieldset">
          <legend>{t("compose.options")}</legend>
          <div class="checklist">
            <Check
              label={t("compose.mustRead")}
              checked={form.mustRead}
              testId="composer-must-read"
              onChange={(on) => set("mustRead", on)}
            />
            <Check
              label={t("compose.pinned")}
              checked={form.pinned}
              testId="composer-pinned"
              onChange={(on) => set("pinned", on)}
            />
          </div>
          <div class="field">
            <label for="composer-urgency">{t("compose.urgency")}</label>
            <select
              id="composer-urgency"
              data-testid="composer-urgency"
              value={form.urgency}
              onChange={(e) => set("urgency", e.currentTarget.value as Urgency)}
            >
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`compose.urgency.${u}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          {form.urgency === "urgent" && (
            <FieldBox id={FIELD_IDS.urgentReason} label={t("compose.urgentReason")} error={errors.urgentReason}>
              <p id="composer-urgent-hint" class="hint">
                {t("compose.urgentHint")}
              </p>
              <textarea
                id={FIELD_IDS.urgentReason}
                rows={2}
                maxLength={500}
                required
                value={form.urgentReason}
                data-testid="composer-urgent-reason"
                {...describedBy(FIELD_IDS.urgentReason, errors.urgentReason, "composer-urgent-hint")}
                onInput={(e) => set("urgentReason", e.currentTarget.value)}
              />
            </FieldBox>
          )}
        </fieldset>

        <fieldset class="fieldset">
          <legend>{t("compose.timing")}</legend>
          <FieldBox id={FIELD_IDS.publishAt} label={t("compose.publishAt")} error={errors.publishAt}>
            <input
              id={FIELD_IDS.publishAt}
              type="datetime-local"
              value={form.publishAt}
              data-testid="composer-publish-at"
              disabled={original?.status === "published"}
              {...describedBy(FIELD_IDS.publishAt, errors.publishAt)}
              onInput={(e) => set("publishAt", e.currentTarget.value)}
            />
          </FieldBox>
          <FieldBox id={FIELD_IDS.expiresAt} label={t("compose.expiresAt")} error={errors.expiresAt}>
            <input
              id={FIELD_IDS.expiresAt}
              type="datetime-local"
              value={form.expiresAt}
              data-testid="composer-expires-at"
              {...describedBy(FIELD_IDS.expiresAt, errors.expiresAt)}
              onInput={(e) => set("expiresAt", e.currentTarget.value)}
            />
          </FieldBox>
        </fieldset>

        {formError && (
          <p id="composer-form-error" class="form-error" role="alert" tabIndex={-1} data-testid="form-error">
            {formError}
          </p>
        )}

        <div class="actions">
          {isDraft && (
            <Button
              variant="secondary"
              data-testid="composer-draft"
              busy={busy === "draft"}
              busyLabel={t("common.saving")}
              disabled={busy !== null}
              onClick={() => void submit("draft")}
            >
              {t("compose.saveDraft")}
            </Button>
          )}
          <Button
            data-testid="composer-publish"
            busy={busy === "publish" || busy === "save"}
            busyLabel={t("common.saving")}
            disabled={busy !== null}
            onClick={() => void submit(isDraft ? "publish" : "save")}
          >
            {!isDraft ? t("compose.save") : form.publishAt ? t("compose.schedule") : t("compose.publish")}
          </Button>
        </div>
        <p class="page__alt">
          <Link href={original ? `/news/${original.id}` : "/"}>{t("compose.cancel")}</Link>
        </p>
      </form>
    </section>
  );
}


function describedBy(id: string, error: string | undefined, hint?: string) {
  const ids = [hint, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}
