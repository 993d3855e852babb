import { useState } from "preact/hooks";
import { t } from "../../lib/i18n";
import { fix, type StoredOutboxItem } from "./outbox";
import { Button } from "../../ui/Button";

interface Props {
  item: StoredOutboxItem;
  onDone: () => void;
}

/** Correct a refused comment, answer or question and send it again (with a new key). */
export function FixForm({ item, onDone }: Props) {
  const withTitle = item.kind === "question";
  const [title, setTitle] = useState(item.context.title ?? "");
  const [body, setBody] = useState(item.context.body ?? "");
  const [saving, setSaving] = useState(false);
  const errorFor = (field: string) => item.lastError?.fieldErrors.find((e) => e.field === field)?.message;
  const id = `outbox-fix-${item.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    await fix(item.id, withTitle ? { title: title.trim(), body: body.trim() } : { body: body.trim() });
    onDone();
  }

  return (
    <form class="form outbox-fix" data-testid="outbox-fix-form" onSubmit={submit} noValidate>
      {withTitle && (
        <div class="field">
          <label for={`${id}-title`}>{t("outbox.field.title")}</label>
          <input
            id={`${id}-title`}
            type="text"
            maxLength={200}
            value={title}
            aria-invalid={errorFor("title") ? true : undefined}
            aria-describedby={errorFor("title") ? `${id}-title-error` : undefined}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          {errorFor("title") && (
            <p id={`${id}-title-error`} class="field-error">
              {errorFor("title")}
            </p>
          )}
        </div>
      )}
      <div class="field">
        <label for={`${id}-body`}>{t("outbox.field.text")}</label>
        <textarea
          id={`${id}-body`}
          rows={4}
          maxLength={10000}
          value={body}
          data-testid="outbox-fix-text"
          aria-invalid={errorFor("body") ? true : undefined}
          aria-describedby={errorFor("body") ? `${id}-body-error` : undefined}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        {errorFor("body") && (
          <p id={`${id}-body-error`} class="field-error">
            {errorFor("body")}
          </p>
        )}
      </div>
      <div class="actions">
        <Button type="submit" data-testid="outbox-fix-send" busy={saving}>
          {t("outbox.sendAgain")}
        </Button>
        <Button variant="quiet" onClick={onDone}>
          {t("outbox.cancel")}
        </Button>
      </div>
    </form>
  );
}
