import { useState } from "preact/hooks";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { enqueueAnswer } from "./qa-api";

interface Props {
  questionId: number;
}

/**
 * Write an answer. It goes through the outbox (one Idempotency-Key for all its retries), so it
 * is kept offline; QuestionPage shows it as pending until the server's copy replaces it.
 */
export function AnswerForm({ questionId }: Props) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
    try {
      await enqueueAnswer(questionId, body);
      setText("");
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
          onInput={(e) => setText(e.currentTarget.value)}
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
