import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { createRegion, renameRegion, type Region } from "./org-api";
import { checkRegionName, REGION_NAME_MAX, refusal } from "./org-form";

interface Props {
  /** The region to rename; a new region when left out. */
  region?: Region;
  onSaved: (region: Region) => void;
  /** Renaming only: back to the row without saving. */
  onCancel?: () => void;
}

/**
 * A region's name: a new region, or a new name for one. A name that is taken (409) or that the
 * server refuses (422) is said next to the field, in the server's words.
 */
export function RegionForm({ region, onSaved, onCancel }: Props) {
  const prefix = region ? `region-${region.id}` : "region-new";
  const [name, setName] = useState(region?.name ?? "");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Opened from a row's "rename": the name is what the person came to change.
    if (region) {
      input.current?.focus();
      input.current?.select();
    }
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    const missing = checkRegionName(name);
    if (missing) {
      setFieldError(t(missing));
      input.current?.focus();
      return;
    }
    setFieldError(null);
    if (region && name.trim() === region.name) {
      onCancel?.(); // nothing to change
      return;
    }
    setSaving(true);
    try {
      const saved = region ? await renameRegion(region.id, name.trim()) : await createRegion({ name: name.trim() });
      setSaving(false);
      if (!region) setName("");
      onSaved(saved);
    } catch (e) {
      setSaving(false);
      const why = refusal(e, ["name"] as const, "name");
      setFieldError(why.fields.name ?? null);
      setFormError(why.form);
      if (why.fields.name) input.current?.focus();
    }
  }

  const errorId = `${prefix}-name-error`;
  return (
    <form class="form org-form" noValidate onSubmit={(e) => void save(e)} data-testid={`${prefix}-form`}>
      <div class="field">
        <label for={`${prefix}-name`}>{region ? t("org.region.newName") : t("org.region.name")}</label>
        <input
          ref={input}
          id={`${prefix}-name`}
          type="text"
          data-testid={`${prefix}-name`}
          value={name}
          maxLength={REGION_NAME_MAX}
          autoComplete="off"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? errorId : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {fieldError && (
          <p id={errorId} class="field-error" data-testid={`${prefix}-name-error`}>
            {fieldError}
          </p>
        )}
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
          busyLabel={region ? t("common.saving") : t("org.adding")}
        >
          {region ? t("org.region.save") : t("org.region.create")}
        </Button>
        {onCancel && (
          <Button variant="secondary" data-testid={`${prefix}-cancel`} disabled={saving} onClick={onCancel}>
            {t("team.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
