import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { roleLabel, t } from "../../../lib/i18n";
import { navigate } from "../../../lib/router";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { useMe } from "../../auth/use-me";
import { canManageInvites, choosesInviteStore, invitableRoles, STORE_ROLES, type Role } from "../permissions";
import {
  dateInputValue,
  DEFAULT_EXPIRY_DAYS,
  EXPIRY_PRESETS,
  expiryInDays,
  expiryOnDate,
  MAX_EXPIRY_DAYS,
} from "./invite-view";
import { createInvite } from "./invites-api";
import { useStores } from "./use-stores";

type Field = "store_id" | "role" | "max_uses" | "expires_at";
type Errors = Partial<Record<Field, string>>;
type Expiry = (typeof EXPIRY_PRESETS)[number] | "date";

const MAX_USES = 10_000;
const USES_PRESETS = [1, 10, 50] as const;

/**
 * /team/invites/new: role, number of uses, how long it works and (head office) the store; on
 * success the invite's page with its code and QR code.
 */
export function NewInvite() {
  const me = useMe();
  const picksStore = choosesInviteStore(me);
  const stores = useStores(me, picksStore);
  const roles = invitableRoles(me);
  const [role, setRole] = useState<Role>("staff");
  const [storeId, setStoreId] = useState("");
  const [uses, setUses] = useState("1");
  const [expiry, setExpiry] = useState<Expiry>(DEFAULT_EXPIRY_DAYS);
  const [date, setDate] = useState(() => dateInputValue(DEFAULT_EXPIRY_DAYS));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (me && !canManageInvites(me)) return <Forbidden />;

  const needsStore = STORE_ROLES.includes(role);

  function validate(): { errors: Errors; expiresAt?: string; maxUses?: number; store?: number | null } {
    const found: Errors = {};
    const maxUses = Number(uses);
    if (!/^\d+$/.test(uses.trim()) || maxUses < 1 || maxUses > MAX_USES) {
      found.max_uses = t("invites.usesInvalid", { max: MAX_USES });
    }
    let store: number | null = null;
    if (needsStore) {
      store = picksStore ? Number(storeId) || null : (me?.store_id ?? null);
      if (store === null) found.store_id = picksStore ? t("invites.chooseStore") : t("invites.noOwnStore");
    }
    let expiresAt: string | undefined;
    if (expiry === "date") {
      const result = expiryOnDate(date);
      if ("iso" in result) expiresAt = result.iso;
      else found.expires_at = t(`invites.date.${result.error}`, { days: MAX_EXPIRY_DAYS });
    } else {
      expiresAt = expiryInDays(expiry);
    }
    return { errors: found, expiresAt, maxUses, store };
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    const checked = validate();
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      setFormError(t("settings.checkFields"));
      return;
    }
    setSaving(true);
    try {
      const invite = await createInvite({
        store_id: checked.store ?? null,
        role,
        max_uses: checked.maxUses ?? 1,
        expires_at: checked.expiresAt,
      });
      navigate(`/team/invites/${invite.id}`);
    } catch (e) {
      setSaving(false);
      if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        const fields: Errors = {};
        const other: string[] = [];
        for (const { loc, message } of e.fieldErrors) {
          const field = loc[0] === "body" ? loc[1] : null;
          if (field === "store_id" || field === "role" || field === "max_uses" || field === "expires_at") {
            fields[field] = message;
          } else {
            other.push(message);
          }
        }
        setErrors(fields);
        setFormError(other.length > 0 ? other.join(" ") : t("settings.checkFields"));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setFormError(errorMessage(e));
      }
    }
  }

  const described = (field: Field, hint?: string) =>
    [hint, errors[field] ? `invite-${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: Field) =>
    errors[field] && (
      <p id={`invite-${field}-error`} class="field-error" data-testid={`invite-${field}-error`}>
        {errors[field]}
      </p>
    );

  return (
    <section class="page" aria-labelledby="new-invite-heading">
      <h1 id="new-invite-heading" tabIndex={-1}>
        {t("invites.new")}
      </h1>
      <form class="form" noValidate onSubmit={(e) => void submit(e)} data-testid="invite-form">
        <fieldset class="fieldset">
          <legend>{t("invites.role")}</legend>
          {roles.map((value) => (
            <label key={value} class="choice">
              <input
                type="radio"
                name="role"
                value={value}
                checked={role === value}
                data-testid={`invite-role-${value}`}
                onChange={() => setRole(value)}
              />
              <span class="choice__label">{roleLabel(value)}</span>
            </label>
          ))}
          {fieldError("role")}
        </fieldset>

        {needsStore && picksStore && (
          <div class="field">
            <label for="invite-store">{t("invites.store")}</label>
            <select
              id="invite-store"
              data-testid="invite-store"
              value={storeId}
              disabled={!stores.list}
              aria-invalid={errors.store_id ? true : undefined}
              aria-describedby={described("store_id")}
              onChange={(e) => setStoreId(e.currentTarget.value)}
            >
              <option value="">{stores.list ? t("invites.chooseStore") : t("common.loading")}</option>
              {stores.list?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {fieldError("store_id")}
          </div>
        )}
        {needsStore && !picksStore && (
          <div class="field">
            <span class="field__label">{t("invites.store")}</span>
            <p class="audience-fixed" data-testid="invite-store-fixed">
              {me?.store?.name ?? "…"}
            </p>
            {fieldError("store_id")}
          </div>
        )}
        {!needsStore && <p class="hint">{t("invites.noStoreHint")}</p>}

        <div class="field">
          <label for="invite-uses">{t("invites.uses")}</label>
          <p class="hint" id="invite-uses-hint">
            {t("invites.usesHint")}
          </p>
          <div class="segmented segmented--small" role="group" aria-label={t("invites.usesPresets")}>
            {USES_PRESETS.map((n) => (
              <button
                key={n}
                type="button"
                class="segmented__option"
                aria-pressed={uses === String(n)}
                data-testid={`invite-uses-${n}`}
                onClick={() => setUses(String(n))}
              >
                {n}
              </button>
            ))}
          </div>
          <input
            id="invite-uses"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_USES}
            step={1}
            data-testid="invite-uses"
            value={uses}
            aria-invalid={errors.max_uses ? true : undefined}
            aria-describedby={described("max_uses", "invite-uses-hint")}
            onInput={(e) => setUses(e.currentTarget.value)}
          />
          {fieldError("max_uses")}
        </div>

        <fieldset class="fieldset">
          <legend>{t("invites.expiry")}</legend>
          <div class="segmented" role="group" aria-label={t("invites.expiry")}>
            {[...EXPIRY_PRESETS, "date" as const].map((value) => (
              <button
                key={value}
                type="button"
                class="segmented__option"
                aria-pressed={expiry === value}
                data-testid={`invite-expiry-${value}`}
                onClick={() => setExpiry(value)}
              >
                {value === "date"
                  ? t("invites.expiryDate")
                  : value === 1
                    ? t("invites.expiryOneDay")
                    : t("invites.expiryDays", { days: value })}
              </button>
            ))}
          </div>
          {expiry === "date" && (
            <div class="field">
              <label for="invite-date">{t("invites.lastDay")}</label>
              <input
                id="invite-date"
                type="date"
                data-testid="invite-date"
                value={date}
                min={dateInputValue(0)}
                max={dateInputValue(MAX_EXPIRY_DAYS - 1)}
                aria-invalid={errors.expires_at ? true : undefined}
                aria-describedby={described("expires_at")}
                onInput={(e) => setDate(e.currentTarget.value)}
              />
            </div>
          )}
          {fieldError("expires_at")}
        </fieldset>

        {formError && (
          <p class="form-error" role="alert" data-testid="invite-form-error">
            {formError}
          </p>
        )}
        <div class="actions">
          <Button type="submit" data-testid="invite-create" busy={saving} busyLabel={t("invites.creating")}>
            {t("invites.create")}
          </Button>
        </div>
      </form>
      <p class="page__alt">
        <Link href="/team/invites">{t("invites.backToList")}</Link>
      </p>
    </section>
  );
}
