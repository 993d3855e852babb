import { useRef, useState } from "preact/hooks";
import { newIdempotencyKey } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { addAnswer, type Answer } from "./qa-api";

interface Props {
  questionId: number;
  onAdded: (answer: Answer) => void;
}

/** Write an answer; sent with an Idempotency-Key so a retry after a lost reply posts it once. */
export function AnswerForm({ questionId, onAdded }: Props) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const body = text.trim();
    if (sending) return;
    if (!body) {
      setError(t("form.required"));
      return;
    }
    setSending(true);
    setError(null);
    key.current ??= newIdempotencyKey();
    try {
      onAdded(await addAnswer(questionId, body, key.current));
      setText("");
      key.current = null;
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="form" data-testid="answer-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="answer-body">{t("qa.answerLabel")}</label>
        <textarea
          id="answer-body"
          name="body"
          rows={4}
          maxLength={10000}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "answer-error" : "answer-hint"}
          onInput={(e) => {
            setText(e.currentTarget.value);
            key.current = null; // different text, a different answer
          }}
        />
        <p id="answer-hint" class="hint">
          {t("compose.markdownHint")}
        </p>
        {error && (
          <p id="answer-error" class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" data-testid="answer-submit" busy={sending} busyLabel={t("news.commentSending")}>
        {t("qa.answerSend")}
      </Button>
    </form>
  );
}
