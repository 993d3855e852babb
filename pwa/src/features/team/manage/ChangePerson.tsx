import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { roleLabel, t } from "../../../lib/i18n";
import type { Me } from "../../../lib/session";
import { Button } from "../../../ui/Button";
import { Check } from "../../news/manage/Check";
import { categoryLabel } from "../../qa/category";
import { getCategories } from "../../qa/qa-api";
import { assignableRoles, roleHasStore } from "../permissions";
import { getStores, updatePerson, type Person, type PersonUpdate, type Store } from "./team-api";

interface Props {
  me: Me;
  person: Person;
  onSaved: (person: Person) => void;
}

type Role = Person["role"];

/**
 * Role, home store and expert categories, for head office and admins. Only what the server would
 * accept is offered: no role choice on your own account, no admin role for head office, a home
 * store exactly when the role has one.
 */
export function ChangePerson({ me, person, onSaved }: Props) {
  const roles = assignableRoles(me, person);
  const [role, setRole] = useState<Role>(person.role);
  const [storeId, setStoreId] = useState<string>(person.store_id ? String(person.store_id) : "");
  const [categories, setCategories] = useState<string[]>(person.expert_categories);
  const [known, setKnown] = useState<string[] | null>(null);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [storeError, setStoreError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getStores().then(setStores, (e: unknown) => setError(errorMessage(e)));
    getCategories().then(setKnown, () => setKnown([]));
  }, []);

  const needsStore = roleHasStore(role);
  // A category the server no longer lists still shows, so it can be taken away.
  const offered = [...new Set([...(known ?? []), ...person.expert_categories])];

  function toggle(name: string, on: boolean) {
    setSaved(false);
    setCategories((list) => (on ? [...list.filter((c) => c !== name), name] : list.filter((c) => c !== name)));
  }

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    if (needsStore && !storeId) {
      setStoreError(t("team.change.storeRequired"));
      return;
    }
    setStoreError(null);
    const changes: PersonUpdate = {
      store_id: needsStore ? Number(storeId) : null,
      expert_categories: offered.filter((c) => categories.includes(c)),
    };
    // Your own role is not yours to change (409 own_role): it is never sent.
    if (roles.length > 0) changes.role = role;
    setSaving(true);
    try {
      const updated = await updatePerson(person.id, changes);
      setSaved(true);
      onSaved(updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      if (e instanceof ApiError && e.status === 422 && e.fieldErrors.some((f) => f.field === "store_id")) {
        setStoreError(e.fieldErrors.find((f) => f.field === "store_id")?.message ?? null);
      }
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="fieldset form" noValidate onSubmit={(e) => void save(e)} data-testid="person-change-form">
      <h2>{t("team.change.title")}</h2>
      {roles.length > 0 ? (
        <div class="field">
          <label for="person-role">{t("team.role")}</label>
          <select
            id="person-role"
            data-testid="person-role"
            value={role}
            onChange={(e) => {
              setRole(e.currentTarget.value as Role);
              setSaved(false);
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p class="hint" data-testid="person-role-fixed">
          {t("team.change.ownRole", { role: roleLabel(person.role) })}
        </p>
      )}
      {needsStore ? (
        <div class="field">
          <label for="person-store">{t("team.homeStore")}</label>
          <select
            id="person-store"
            data-testid="person-store"
            value={storeId}
            disabled={!stores}
            aria-invalid={storeError ? true : undefined}
            aria-describedby={storeError ? "person-store-error" : undefined}
            onChange={(e) => {
              setStoreId(e.currentTarget.value);
              setSaved(false);
            }}
          >
            <option value="">{stores ? t("team.change.chooseStore") : t("common.loading")}</option>
            {stores?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {storeError && (
            <p id="person-store-error" class="field-error">
              {storeError}
            </p>
          )}
        </div>
      ) : (
        <p class="hint">{t("team.change.noStore")}</p>
      )}
      <fieldset class="fieldset fieldset--inner" data-testid="person-categories">
        <legend>{t("team.expertise")}</legend>
        <p class="hint">{t("team.change.expertiseHint")}</p>
        {known === null && <p role="status">{t("common.loading")}</p>}
        <div class="checklist">
          {offered.map((name) => (
            <Check
              key={name}
              label={categoryLabel(name)}
              checked={categories.includes(name)}
              testId={`person-category-${name}`}
              onChange={(on) => toggle(name, on)}
            />
          ))}
        </div>
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-testid="person-change-error">
          {error}
        </p>
      )}
      <p role="status" class="push__status" data-testid="person-change-saved">
        {saved ? t("team.change.saved") : ""}
      </p>
      <div class="actions">
        <Button type="submit" data-testid="person-change-save" busy={saving} busyLabel={t("common.saving")}>
          {t("team.change.save")}
        </Button>
      </div>
    </form>
  );
}
