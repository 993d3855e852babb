import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { discard } from "../outbox/outbox";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Forbidden } from "../../ui/Forbidden";
import { session } from "../../lib/session";
import { useMe } from "../auth/use-me";
import { useOnline } from "../outbox/use-online";
import { categoryLabel } from "./category";
import { canAskStore } from "./permissions";
import {
  enqueueQuestion,
  getCategories,
  getQuestion,
  SCOPES,
  updateQuestion,
  type Question,
  type QuestionUpdate,
  type Scope,
} from "./qa-api";
import { SimilarQuestions } from "./SimilarQuestions";

interface Draft {
  title: string;
  body: string;
  category: string;
  scope: Scope;
}

type Field = keyof Draft;
type Errors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  title: "ask-title",
  body: "ask-body",
  category: "ask-category",
  scope: "ask-scope-store",
};
const FIELDS = Object.keys(FIELD_IDS) as Field[];
const TITLE_MIN = 3;
/** A half-written question survives a look at a similar one (and back) in this tab. */
const DRAFT_KEY = "wp.ask-draft";

function readDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

function writeDraft(draft: Draft | null): void {
  try {
    if (draft) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    else sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // storage disabled: the draft lasts as long as the screen
  }
}

// A half-written question must not greet the next person on a shared shop phone.
session.onMeChange((me) => {
  if (me === null) writeDraft(null);
});

function fromQuestion(question: Question): Draft {
  return { title: question.title, body: question.body, category: question.category, scope: question.scope };
}

/**
 * Ask a question (or edit one, with `id`): title, text, category and who may see it. While the
 * title is typed, questions already asked that look like it are shown (SimilarQuestions; not
 * offline). A new question goes through the outbox, so it can be asked without a connection and
 * shows in the list as "waiting to send"; editing one needs a connection.
 */
export function AskQuestion({ id }: { id?: number }) {
  const me = useMe();
  const editing = id !== undefined;
  const storeAllowed = canAskStore(me);
  const [original, setOriginal] = useState<Question | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<Draft>(
    () => (!editing && readDraft()) || { title: "", body: "", category: "", scope: "store" },
  );
  const [categories, setCategories] = useState<string[] | null>(null);
  const [categoriesError, setCategoriesError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const online = useOnline();
  const focusFirstError = useRef(false);

  async function loadCategories() {
    setCategoriesError(null);
    try {
      setCategories(await getCategories());
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setCategoriesError(errorMessage(e));
    }
  }

  useEffect(() => {
    void loadCategories();
  }, []);

  useEffect(() => {
    if (id === undefined) return;
    getQuestion(id).then(
      (question) => {
        setOriginal(question);
        setForm(fromQuestion(question));
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  }, [id]);

  // Head office and admins have no store: their questions go to the whole company.
  useEffect(() => {
    if (!storeAllowed && form.scope === "store" && !editing) setForm((f) => ({ ...f, scope: "company" }));
  }, [storeAllowed]);

  useEffect(() => {
    if (!editing) writeDraft(form.title || form.body ? form : null);
  }, [form]);

  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    const first = FIELDS.find((f) => errors[f]);
    document.getElementById(first ? FIELD_IDS[first] : "ask-form-error")?.focus();
  }, [errors, formError]);

  if (editing && !original) {
    return (
      <section class="page" aria-labelledby="ask-heading">
        <h1 id="ask-heading" tabIndex={-1}>
          {loadError ? t("qa.loadFailed") : t("common.loading")}
        </h1>
        {loadError && (
          <p class="form-error" role="alert">
            {loadError}
          </p>
        )}
      </section>
    );
  }
  if (original && !original.can_edit) return <Forbidden text={t("qa.editForbidden")} />;

  function set<K extends Field>(field: K, value: Draft[K]) {
    setForm((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function validate(): Errors {
    const found: Errors = {};
    if (form.title.trim().length < TITLE_MIN) {
      found.title = form.title.trim() ? t("qa.titleTooShort", { min: TITLE_MIN }) : t("form.required");
    }
    if (!form.category) found.category = t("qa.chooseCategory");
    return found;
  }

  /** Only what changed, so an edit never rewrites what a moderator changed meanwhile. */
  function changes(before: Draft): QuestionUpdate {
    const update: QuestionUpdate = {};
    if (form.title.trim() !== before.title) update.title = form.title.trim();
    if (form.body.trim() !== before.body) update.body = form.body.trim();
    if (form.category !== before.category) update.category = form.category;
    if (form.scope !== before.scope) update.scope = form.scope;
    return update;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t("qa.checkFields"));
      focusFirstError.current = true;
      return;
    }
    setFormError(null);
    setSending(true);
    try {
      if (original) {
        const saved = await updateQuestion(original.id, changes(fromQuestion(original)));
        navigate(`/questions/${saved.id}`, { replace: true });
      } else {
        // Stored on the phone and sent at once when online: open it when the server has it,
        // else the list shows it as waiting to send. Refused at once: fix it right here.
        const delivery = await enqueueQuestion({
          title: form.title.trim(),
          body: form.body.trim(),
          category: form.category,
          scope: form.scope,
        });
        if (delivery.outcome === "failed") {
          await discard(delivery.item.id);
          const refusal = delivery.item.lastError;
          throw new ApiError(refusal?.status ?? 400, refusal?.detail ?? "", {
            fieldErrors: (refusal?.fieldErrors ?? []).map((error) => ({ ...error, loc: [error.field] })),
          });
        }
        writeDraft(null);
        const saved = delivery.outcome === "sent" ? (delivery.result as Question | undefined) : undefined;
        navigate(saved ? `/questions/${saved.id}` : "/questions", { replace: true });
      }
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError && e.isNetworkError) {
        setFormError(t("outbox.editOffline"));
      } else if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        // The server's words next to the field they are about; anything else above the button.
        const fromServer: Errors = {};
        const rest: string[] = [];
        for (const { field, message } of e.fieldErrors) {
          if ((FIELDS as string[]).includes(field)) fromServer[field as Field] ??= message;
          else rest.push(message);
        }
        setErrors(fromServer);
        setFormError(rest.length > 0 ? rest.join(" ") : t("qa.checkFields"));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setFormError(errorMessage(e));
      }
      focusFirstError.current = true;
    }
  }

  const described = (field: Field, hint?: string) => {
    const ids = [hint, errors[field] ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(" ");
    return { "aria-invalid": errors[field] ? true : undefined, "aria-describedby": ids || undefined };
  };
  const fieldError = (field: Field) =>
    errors[field] && (
      <p id={`${FIELD_IDS[field]}-error`} class="field-error" data-testid={`ask-${field}-error`}>
        {errors[field]}
      </p>
    );

  return (
    <section class="page" aria-labelledby="ask-heading">
      <h1 id="ask-heading" tabIndex={-1}>
        {editing ? t("qa.editTitle") : t("qa.askTitle")}
      </h1>
      <form class="form" data-testid="ask-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={FIELD_IDS.title}>{t("qa.field.title")}</label>
          <input
            id={FIELD_IDS.title}
            type="text"
            maxLength={200}
            required
            autoComplete="off"
            value={form.title}
            data-testid="ask-title"
            {...described("title", editing || !online ? undefined : "ask-similar-status")}
            onInput={(e) => set("title", e.currentTarget.value)}
          />
          {fieldError("title")}
        </div>
        {!editing && online && <SimilarQuestions title={form.title} statusId="ask-similar-status" />}

        <div class="field">
          <label for={FIELD_IDS.body}>{t("qa.field.body")}</label>
          <textarea
            id={FIELD_IDS.body}
            rows={5}
            maxLength={10000}
            value={form.body}
            data-testid="ask-body"
            {...described("body", "ask-body-hint")}
            onInput={(e) => set("body", e.currentTarget.value)}
          />
          <p id="ask-body-hint" class="hint">
            {t("compose.markdownHint")}
          </p>
          {fieldError("body")}
        </div>

        <div class="field">
          <label for={FIELD_IDS.category}>{t("qa.field.category")}</label>
          <select
            id={FIELD_IDS.category}
            required
            value={form.category}
            data-testid="ask-category"
            {...described("category")}
            onChange={(e) => set("category", e.currentTarget.value)}
          >
            <option value="" disabled>
              {categories ? t("qa.chooseCategory") : t("common.loading")}
            </option>
            {(categories ?? (form.category ? [form.category] : [])).map((name) => (
              <option key={name} value={name}>
                {categoryLabel(name)}
              </option>
            ))}
          </select>
          {fieldError("category")}
          {categoriesError && (
            <div class="notice">
              <p class="form-error" role="alert">
                {categoriesError}
              </p>
              <Button variant="secondary" onClick={() => void loadCategories()}>
                {t("home.retry")}
              </Button>
            </div>
          )}
        </div>

        <fieldset
          class="fieldset"
          data-testid="ask-scope"
          aria-describedby={errors.scope ? `${FIELD_IDS.scope}-error` : undefined}
        >
          <legend>{t("qa.field.scope")}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} class="check">
              <input
                id={scope === "store" ? FIELD_IDS.scope : `ask-scope-${scope}`}
                type="radio"
                name="scope"
                value={scope}
                checked={form.scope === scope}
                disabled={!editing && scope === "store" && !storeAllowed}
                onChange={() => set("scope", scope)}
              />
              <span>{scope === "store" ? t("qa.scope.storeLong") : t("qa.scope.companyLong")}</span>
            </label>
          ))}
          {fieldError("scope")}
        </fieldset>

        {formError && (
          <p id="ask-form-error" class="form-error" role="alert" tabIndex={-1} data-testid="form-error">
            {formError}
          </p>
        )}
        <div class="actions">
          <Button type="submit" data-testid="ask-submit" busy={sending} busyLabel={t("common.saving")}>
            {editing ? t("qa.save") : t("qa.submit")}
          </Button>
          <Button
            variant="quiet"
            onClick={() => {
              if (!original) writeDraft(null);
              navigate(original ? `/questions/${original.id}` : "/questions");
            }}
          >
            {t("compose.cancel")}
          </Button>
        </div>
      </form>
    </section>
  );
}
