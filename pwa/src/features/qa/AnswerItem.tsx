import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, getLocale, t } from "../../lib/i18n";
import { relativeTime } from "../../lib/relative-time";
import { Button } from "../../ui/Button";
import type { Me } from "../../lib/session";
import { canVote } from "./permissions";
import { acceptAnswer, deleteAnswer, setVote, updateAnswer, type Answer, type Question } from "./qa-api";

interface Props {
  answer: Answer;
  me: Me | null;
  /** The reader may choose the best answer (the server's `can_accept`). */
  canAccept: boolean;
  onChange: (answer: Answer) => void;
  onAccepted: (question: Question) => void;
  onDeleted: (id: number) => void;
}

type Busy = "vote" | "accept" | "save" | "delete" | null;

/** One answer: its text, a vote toggle, "best answer" for the asker, edit and delete for moderators. */
export function AnswerItem({ answer, me, canAccept, onChange, onAccepted, onDeleted }: Props) {
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(answer.body);
  const votable = canVote(me, answer.author.id);
  const editId = `answer-edit-${answer.id}`;

  async function toggleVote() {
    if (busy) return;
    const on = !answer.voted;
    const before = answer;
    setBusy("vote");
    setError(null);
    // Shown at once; the server's refusal undoes it.
    onChange({ ...answer, voted: on, votes: Math.max(0, answer.votes + (on ? 1 : -1)) });
    try {
      await setVote(answer.id, on);
    } catch (e) {
      // 409: this person already voted (on another phone); 404 on take-back: the vote was
      // already gone. Either way the server is where this screen wanted it: keep what it shows.
      const already = e instanceof ApiError && (on ? e.status === 409 : e.status === 404);
      if (!already) {
        onChange(before);
        setError(errorMessage(e));
      }
    } finally {
      setBusy(null);
    }
  }

  async function accept() {
    if (busy) return;
    setBusy("accept");
    setError(null);
    try {
      onAccepted(await acceptAnswer(answer.question_id, answer.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    const body = text.trim();
    if (!body) {
      setError(t("form.required"));
      return;
    }
    setBusy("save");
    setError(null);
    try {
      onChange(await updateAnswer(answer.id, body));
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (busy || !confirm(t("qa.answerDeleteConfirm"))) return;
    setBusy("delete");
    setError(null);
    try {
      await deleteAnswer(answer.id);
      onDeleted(answer.id);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  }

  return (
    <li
      class={answer.accepted ? "answer answer--accepted" : "answer"}
      data-testid="answer-item"
      data-id={answer.id}
    >
      {answer.accepted && (
        <p class="answer__accepted" data-testid="answer-accepted">
          <span aria-hidden="true">✓ </span>
          {t("qa.accepted")}
        </p>
      )}
      <p class="comment__meta">
        <strong>{answer.author.name}</strong>
        {answer.author.is_expert && ` · ${t("qa.expert")}`}
        {" · "}
        <time dateTime={answer.created_at} title={formatDateTime(answer.created_at)}>
          {relativeTime(answer.created_at, getLocale())}
        </time>
        {answer.edited_at && ` · ${t("news.commentEdited")}`}
      </p>

      {editing ? (
        <form class="form" onSubmit={save} noValidate>
          <div class="field">
            <label for={editId}>{t("qa.answerEditLabel")}</label>
            <textarea
              id={editId}
              rows={4}
              maxLength={10000}
              value={text}
              data-testid="answer-edit-body"
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <div class="actions">
            <Button type="submit" busy={busy === "save"} busyLabel={t("common.saving")} data-testid="answer-save">
              {t("qa.save")}
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                setEditing(false);
                setText(answer.body);
                setError(null);
              }}
            >
              {t("compose.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        // body_html is sanitised by the server (markdown-it without HTML, then nh3).
        <div class="prose" data-testid="answer-body" dangerouslySetInnerHTML={{ __html: answer.body_html }} />
      )}

      <div class="actions">
        <button
          type="button"
          class="reaction"
          data-testid="answer-vote"
          aria-pressed={answer.voted}
          disabled={!votable}
          title={votable ? undefined : t("qa.voteOwn")}
          onClick={() => void toggleVote()}
        >
          <span aria-hidden="true">▲</span>
          <span>{t("qa.vote")}</span>
          <span class="reaction__count" data-testid="answer-votes">
            {answer.votes}
          </span>
        </button>
        {canAccept && !answer.accepted && (
          <Button
            variant="secondary"
            data-testid="answer-accept"
            busy={busy === "accept"}
            busyLabel={t("common.saving")}
            onClick={() => void accept()}
          >
            {t("qa.accept")}
          </Button>
        )}
        {answer.can_edit && !editing && (
          <>
            <Button variant="quiet" data-testid="answer-edit" onClick={() => setEditing(true)}>
              {t("news.edit")}
            </Button>
            <Button
              variant="quiet"
              data-testid="answer-delete"
              busy={busy === "delete"}
              busyLabel={t("news.deleting")}
              onClick={() => void remove()}
            >
              {t("news.delete")}
            </Button>
          </>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
