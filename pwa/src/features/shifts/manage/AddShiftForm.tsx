import { useRef, useState } from "preact/hooks";
import { ApiError, newIdempotencyKey } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import type { Shift } from "../shifts-api";
import { addShift, type Person } from "./plan-api";
import { wallTimeToIso } from "./zoned-time";

interface Props {
  people: Person[] | null;
  /** The store's IANA zone: the times typed are store time. */
  zone: string | undefined;
  onAdded: (shift: Shift) => void;
}

type Field = "user_id" | "starts_at" | "ends_at";
type Errors = Partial<Record<Field, string>>;

/** One shift for one person: who, start and end in store time. */
export function AddShiftForm({ people, zone, onAdded }: Props) {
  const [userId, setUserId] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The same key for retries of the same shift; a new one once it is saved.
  const key = useRef(newIdempotencyKey());

  function time(value: string): { iso?: string; error?: string } {
    if (!value) return { error: t("form.required") };
    const result = wallTimeToIso(value, zone);
    if ("iso" in result) return { iso: result.iso };
    return { error: result.error === "skipped" ? t("plan.skippedTime", { zone: zone ?? "" }) : t("plan.badTime") };
  }

  async function submit(event: Event) {
    event.preventDefault();
    setFormError(null);
    const startsAt = time(start);
    const endsAt = time(end);
    const problems: Errors = {};
    if (!userId) problems.user_id = t("plan.choosePerson");
    if (startsAt.error) problems.starts_at = startsAt.error;
    if (endsAt.error) problems.ends_at = endsAt.error;
    if (startsAt.iso && endsAt.iso && Date.parse(endsAt.iso) <= Date.parse(startsAt.iso)) {
      problems.ends_at = t("plan.endBeforeStart");
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !startsAt.iso || !endsAt.iso) return;

    setSaving(true);
    try {
      const shift = await addShift(
        { user_id: Number(userId), starts_at: startsAt.iso, ends_at: endsAt.iso },
        key.current,
      );
      key.current = newIdempotencyKey();
      setStart("");
      setEnd("");
      onAdded(shift);
    } catch (e) {
      if (e instanceof ApiError && e.code === "idempotency_key_reused") {
        setFormError(errorMessage(e)); // saved before, with other times: nothing to point at
      } else if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        const fields: Errors = {};
        const other: string[] = [];
        for (const { loc, message } of e.fieldErrors) {
          const field = loc[0] === "body" ? loc[1] : null;
          if (field === "user_id" || field === "starts_at" || field === "ends_at") fields[field] = message;
          else other.push(message);
        }
        setErrors(fields);
        setFormError(other.length > 0 ? other.join(" ") : t("settings.checkFields"));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setFormError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  }

  const described = (field: Field) => (errors[field] ? `plan-${field}-error` : undefined);
  return (
    <form class="fieldset form" noValidate onSubmit={(e) => void submit(e)} data-testid="plan-add-form">
      <h2>{t("plan.add")}</h2>
      <div class="field">
        <label for="plan-person">{t("plan.person")}</label>
        <select
          id="plan-person"
          data-testid="plan-person"
          value={userId}
          disabled={!people}
          aria-invalid={errors.user_id ? true : undefined}
          aria-describedby={described("user_id")}
          onChange={(e) => setUserId(e.currentTarget.value)}
        >
          <option value="">{people ? t("plan.choosePerson") : t("common.loading")}</option>
          {people?.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.username})
            </option>
          ))}
        </select>
        {errors.user_id && (
          <p id="plan-user_id-error" class="field-error">
            {errors.user_id}
          </p>
        )}
      </div>
      <div class="time-pair">
        <div class="field">
          <label for="plan-start">{t("plan.start")}</label>
          <input
            id="plan-start"
            type="datetime-local"
            data-testid="plan-start"
            value={start}
            aria-invalid={errors.starts_at ? true : undefined}
            aria-describedby={described("starts_at")}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
          {errors.starts_at && (
            <p id="plan-starts_at-error" class="field-error" data-testid="plan-start-error">
              {errors.starts_at}
            </p>
          )}
        </div>
        <div class="field">
          <label for="plan-end">{t("plan.end")}</label>
          <input
            id="plan-end"
            type="datetime-local"
            data-testid="plan-end"
            value={end}
            aria-invalid={errors.ends_at ? true : undefined}
            aria-describedby={described("ends_at")}
            onInput={(e) => setEnd(e.currentTarget.value)}
          />
          {errors.ends_at && (
            <p id="plan-ends_at-error" class="field-error" data-testid="plan-end-error">
              {errors.ends_at}
            </p>
          )}
        </div>
      </div>
      {formError && (
        <p class="form-error" role="alert" data-testid="plan-add-error">
          {formError}
        </p>
      )}
      <div class="actions">
        <Button type="submit" data-testid="plan-add" busy={saving} busyLabel={t("common.saving")}>
          {t("plan.addSubmit")}
        </Button>
      </div>
    </form>
  );
}
