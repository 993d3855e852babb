import { useEffect, useRef, useState } from "preact/hooks";
import { getLocale, t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { changeStore, createStore, type Region, type Store, type StoreUpdate } from "./org-api";
import {
  checkStore,
  DEFAULT_TIME_ZONE,
  normaliseCode,
  refusal,
  STORE_NAME_MAX,
  timeZoneChoices,
  timeZoneLabel,
  type StoreField,
} from "./org-form";

interface Props {
  /** The store to change; a new store when left out. */
  store?: Store;
  regions: Region[];
  /** A new store's region to start with (the one the list shows). */
  regionId?: number | null;
  onSaved: (store: Store) => void;
  onCancel: () => void;
}

type Errors = Partial<Record<StoreField, string>>;
const FIELDS = ["code", "name", "region_id", "timezone"] as const;

/**
 * A new store (code, name, region, time zone), or a store's name, region and time zone. The
 * code is fixed once made: it is printed on posters and in CSV files. A new time zone makes
 * the server plan again what it holds back for the store's people, so the form says so.
 */
export function StoreForm({ store, regions, regionId = null, onSaved, onCancel }: Props) {
  const isNew = store === undefined;
  const prefix = store ? `store-${store.id}` : "store-new";
  const [code, setCode] = useState("");
  const [name, setName] = useState(store?.name ?? "");
  const [region, setRegion] = useState<string>(String(store?.region_id ?? regionId ?? ""));
  const [zone, setZone] = useState(store?.timezone ?? DEFAULT_TIME_ZONE);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>("input, select")?.focus();
  }, []);

  function focusFirstError(found: Errors) {
    const first = FIELDS.find((field) => found[field]);
    if (first) requestAnimationFrame(() => document.getElementById(`${prefix}-${first}`)?.focus());
  }

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    const regionNumber = Number(region) || null;
    const checked = checkStore({ code, name, regionId: regionNumber }, isNew);
    const found: Errors = Object.fromEntries(Object.entries(checked).map(([field, key]) => [field, t(key)]));
    setErrors(found);
    if (Object.keys(found).length > 0 || regionNumber === null) {
      setFormError(t("settings.checkFields"));
      focusFirstError(found);
      return;
    }
    // Only what changed is sent: the server re-plans notifications only for a new time zone.
    const changes: StoreUpdate = {};
    if (store) {
      if (name.trim() !== store.name) changes.name = name.trim();
      if (regionNumber !== store.region_id) changes.region_id = regionNumber;
      if (zone !== store.timezone) changes.timezone = zone;
      if (Object.keys(changes).length === 0) {
        onCancel(); // nothing to change
        return;
      }
    }
    setSaving(true);
    try {
      const saved = store
        ? await changeStore(store.id, changes)
        : await createStore({ code: normaliseCode(code), name: name.trim(), region_id: regionNumber, timezone: zone });
      setSaving(false);
      onSaved(saved);
    } catch (e) {
      setSaving(false);
      const why = refusal(e, FIELDS, isNew ? "code" : null);
      setErrors(why.fields);
      setFormError(why.form);
      focusFirstError(why.fields);
    }
  }

  const id = (field: StoreField) => `${prefix}-${field}`;
  const described = (field: StoreField, ...hints: string[]) =>
    [...hints, errors[field] ? `${id(field)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: StoreField) =>
    errors[field] && (
      <p id={`${id(field)}-error`} class="field-error" data-testid={`${id(field)}-error`}>
        {errors[field]}
      </p>
    );
  const locale = getLocale();
  const now = Date.now();

  return (
    <form ref={form} class="form org-form" noValidate onSubmit={(e) => void save(e)} data-testid={`${prefix}-form`}>
      {isNew ? (
        <div class="field">
          <label for={id("code")}>{t("org.store.code")}</label>
          <input
            id={id("code")}
            type="text"
            data-testid={id("code")}
            value={code}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={described("code", `${id("code")}-hint`)}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <p id={`${id("code")}-hint`} class="hint">
            {t("org.store.codeHint")}
          </p>
          {fieldError("code")}
        </div>
      ) : (
        <p class="hint" data-testid={`${prefix}-code-fixed`}>
          {t("org.store.codeFixed", { code: store.code })}
        </p>
      )}
      <div class="field">
        <label for={id("name")}>{t("org.store.name")}</label>
        <input
          id={id("name")}
          type="text"
          data-testid={id("name")}
          value={name}
          maxLength={STORE_NAME_MAX}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={described("name")}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {fieldError("name")}
      </div>
      <div class="field">
        <label for={id("region_id")}>{t("org.store.region")}</label>
        <select
          id={id("region_id")}
          data-testid={`${prefix}-region`}
          value={region}
          aria-invalid={errors.region_id ? true : undefined}
          aria-describedby={described("region_id")}
          onChange={(e) => setRegion(e.currentTarget.value)}
        >
          {isNew && <option value="">{t("org.store.chooseRegion")}</option>}
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        {fieldError("region_id")}
      </div>
      <div class="field">
        <label for={id("timezone")}>{t("org.store.timezone")}</label>
        <select
          id={id("timezone")}
          data-testid={id("timezone")}
          value={zone}
          aria-invalid={errors.timezone ? true : undefined}
          aria-describedby={described("timezone", `${id("timezone")}-note`)}
          onChange={(e) => setZone(e.currentTarget.value)}
        >
          {timeZoneChoices(store?.timezone ?? null).map((choice) => (
            <option key={choice} value={choice}>
              {timeZoneLabel(choice, locale, now)}
            </option>
          ))}
        </select>
        <p id={`${id("timezone")}-note`} class="hint">
          {isNew ? t("org.store.timezoneHint") : t("org.store.timezoneNote")}
        </p>
        {fieldError("timezone")}
      </div>
      {formError && (
        <p class="form-error" role="alert" data-testid={`${prefix}-error`}>
          {formError}
        </p>
      )}
      <div class="actions">
        <Button
          type="submit"
          data-testid={`${prefix}-save`}
          busy={saving}
          busyLabel={isNew ? t("org.adding") : t("common.saving")}
        >
          {isNew ? t("org.store.create") : t("org.store.save")}
        </Button>
        <Button variant="secondary" data-testid={`${prefix}-cancel`} disabled={saving} onClick={onCancel}>
          {t("team.cancel")}
        </Button>
      </div>
    </form>
  );
}
