import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t, type MessageKey } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { useMe } from "../auth/use-me";
import { EnablePush } from "../push/EnablePush";
import { knownTimeZone } from "../shifts/shift-time";
import {
  CATEGORIES,
  getPreferences,
  savePreferences,
  type Category,
  type OffShift,
  type Preferences as Prefs,
} from "./notifications-api";
import { preferenceErrors, validatePreferences, type PreferenceErrors } from "./preferences-form";

const HEAD_OFFICE_ZONE = "Europe/Amsterdam";

const CATEGORY_LABELS: Record<Category, MessageKey> = {
  news: "settings.category.news",
  qa: "settings.category.qa",
};

/** Push on this device, quiet hours, what happens off shift, and which kinds are pushed. */
export function Preferences() {
  const me = useMe();
  const [form, setForm] = useState<Prefs | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<PreferenceErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function load() {
    setLoadError(null);
    try {
      setForm(await getPreferences());
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setLoadError(errorMessage(e));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  function change(next: Prefs) {
    setForm(next);
    setSaved(false);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    setFormError(null);
    const problems = validatePreferences(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setFormError(t("settings.checkFields"));
      return;
    }
    setSaving(true);
    try {
      const answer = await savePreferences({
        quiet_hours: form.quiet_hours,
        off_shift: form.off_shift,
        // Every category the server knows is sent back, also ones this version has no switch for.
        categories: { ...Object.fromEntries(CATEGORIES.map((c) => [c, true])), ...form.categories },
      });
      setForm(answer);
      setSaved(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        const fields = preferenceErrors(e.fieldErrors);
        setErrors(fields);
        setFormError(fields.form ?? t("settings.checkFields"));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setFormError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  }

  // Quiet hours are store time; people without a store (head office) get the server's default
  // zone (DEFAULT_TIMEZONE in api/notifications/recipients.py).
  const zone = knownTimeZone(me ? (me.store?.timezone ?? HEAD_OFFICE_ZONE) : null);
  const quietError = errors.quietHours;
  const describedBy = (id: string, error: string | undefined) =>
    [error ? `${id}-error` : null, quietError ? "pref-quiet-error" : null].filter(Boolean).join(" ") || undefined;

  return (
    <section class="page" aria-labelledby="settings-heading">
      <h1 id="settings-heading" tabIndex={-1}>
        {t("settings.title")}
      </h1>

      <EnablePush variant="settings" />

      {loadError && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="pref-load-error">
            {loadError}
          </p>
          <Button variant="secondary" onClick={() => void load()}>
            {t("home.retry")}
          </Button>
        </div>
      )}
      {!form && !loadError && <p role="status">{t("common.loading")}</p>}

      {form && (
        <form class="form" noValidate onSubmit={(e) => void save(e)} data-testid="pref-form">
          <fieldset class="fieldset" aria-describedby="pref-quiet-hint">
            <legend>{t("settings.quietHours")}</legend>
            <p id="pref-quiet-hint" class="hint">
              {t("settings.quietHoursHint", { zone: zone ?? t("settings.deviceTime") })}
            </p>
            <div class="time-pair">
              <div class="field">
                <label for="pref-quiet-start">{t("settings.quietFrom")}</label>
                <input
                  id="pref-quiet-start"
                  type="time"
                  step={60}
                  required
                  value={form.quiet_hours.start}
                  data-testid="pref-quiet-start"
                  aria-invalid={errors.start || quietError ? true : undefined}
                  aria-describedby={describedBy("pref-quiet-start", errors.start)}
                  onInput={(e) => change({ ...form, quiet_hours: { ...form.quiet_hours, start: e.currentTarget.value } })}
                />
                {errors.start && (
                  <p id="pref-quiet-start-error" class="field-error" data-testid="pref-quiet-start-error">
                    {errors.start}
                  </p>
                )}
              </div>
              <div class="field">
                <label for="pref-quiet-end">{t("settings.quietUntil")}</label>
                <input
                  id="pref-quiet-end"
                  type="time"
                  step={60}
                  required
                  value={form.quiet_hours.end}
                  data-testid="pref-quiet-end"
                  aria-invalid={errors.end || quietError ? true : undefined}
                  aria-describedby={describedBy("pref-quiet-end", errors.end)}
                  onInput={(e) => change({ ...form, quiet_hours: { ...form.quiet_hours, end: e.currentTarget.value } })}
                />
                {errors.end && (
                  <p id="pref-quiet-end-error" class="field-error" data-testid="pref-quiet-end-error">
                    {errors.end}
                  </p>
                )}
              </div>
            </div>
            {quietError && (
              <p id="pref-quiet-error" class="field-error" data-testid="pref-quiet-error">
                {quietError}
              </p>
            )}
          </fieldset>

          <fieldset class="fieldset" aria-describedby={errors.offShift ? "pref-off-shift-error" : undefined}>
            <legend>{t("settings.offShift")}</legend>
            {(["hold", "deliver"] as const satisfies readonly OffShift[]).map((value) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name="off_shift"
                  value={value}
                  checked={form.off_shift === value}
                  data-testid={`pref-off-shift-${value}`}
                  aria-describedby={`pref-off-shift-${value}-hint`}
                  onChange={() => change({ ...form, off_shift: value })}
                />
                <span>
                  <span class="choice__label">{t(`settings.offShift.${value}`)}</span>
                  <span id={`pref-off-shift-${value}-hint`} class="hint choice__hint">
                    {t(`settings.offShift.${value}Hint`)}
                  </span>
                </span>
              </label>
            ))}
            {errors.offShift && (
              <p id="pref-off-shift-error" class="field-error">
                {errors.offShift}
              </p>
            )}
          </fieldset>

          <fieldset class="fieldset" aria-describedby="pref-categories-hint">
            <legend>{t("settings.categories")}</legend>
            <p id="pref-categories-hint" class="hint">
              {t("settings.categoriesHint")}
            </p>
            {CATEGORIES.map((category) => (
              <label key={category} class="check">
                <input
                  type="checkbox"
                  checked={form.categories[category] ?? true}
                  data-testid={`pref-category-${category}`}
                  onChange={(e) =>
                    change({ ...form, categories: { ...form.categories, [category]: e.currentTarget.checked } })
                  }
                />
                <span>{t(CATEGORY_LABELS[category])}</span>
              </label>
            ))}
            {errors.categories && <p class="field-error">{errors.categories}</p>}
          </fieldset>

          {formError && (
            <p class="form-error" role="alert" data-testid="form-error">
              {formError}
            </p>
          )}
          {saved && (
            <p class="push__status" role="status" data-testid="pref-saved">
              {t("settings.saved")}
            </p>
          )}
          <div class="actions">
            <Button type="submit" data-testid="pref-save" busy={saving} busyLabel={t("common.saving")}>
              {t("settings.save")}
            </Button>
          </div>
        </form>
      )}

      <p class="page__alt">
        <Link href="/shifts">{t("shifts.title")}</Link>
      </p>
    </section>
  );
}
