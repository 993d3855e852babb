import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, t } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { useOutbox, useOutboxSent } from "../outbox/use-outbox";
import { useMe } from "../auth/use-me";
import { PendingText } from "../outbox/PendingText";
import { AnswerForm } from "./AnswerForm";
import { AnswerItem } from "./AnswerItem";
import { categoryLabel } from "./category";
import { deleteQuestion, getQuestion, type Answer, type Question } from "./qa-api";
import { StatusBadge } from "./StatusBadge";

/** One question with its answers (the accepted one first, then by votes) and the answer form. */
export function QuestionPage({ id }: { id: number }) {
  const me = useMe();
  const [question, setQuestion] = useState<Question | null>(null);
  const [error, setError] = useState<{ message: string; notFound: boolean } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // Answers written here (maybe offline) that the server has not confirmed yet.
  const pending = useOutbox((item) => item.kind === "answer" && item.context.questionId === id);
  useOutboxSent((item, result) => {
    if (item.kind === "answer" && item.context.questionId === id) {
      setQuestion((q) => q && withAnswer(q, result as Answer));
    }
  });

  async function load() {
    setError(null);
    try {
      setQuestion(await getQuestion(id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      setError({ message: errorMessage(e), notFound: e instanceof ApiError && e.status === 404 });
    }
  }

  useEffect(() => {
    setQuestion(null);
    void load();
  }, [id]);

  async function remove() {
    if (!confirm(t("qa.deleteConfirm"))) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await deleteQuestion(id);
      navigate("/questions", { replace: true });
    } catch (e) {
      setDeleteError(errorMessage(e));
      setDeleting(false);
    }
  }

  const back = (
    <p class="page__alt">
      <Link href="/questions">{t("qa.back")}</Link>
    </p>
  );

  if (!question) {
    // The same <h1> as the loaded page, so the heading the router focused keeps focus.
    return (
      <article class="page" aria-labelledby="question-title">
        <h1 id="question-title" tabIndex={-1}>
          {error ? (error.notFound ? t("qa.notFound") : t("qa.loadFailed")) : t("common.loading")}
        </h1>
        {error && !error.notFound && (
          <div class="notice">
            <p class="form-error" role="alert" data-testid="form-error">
              {error.message}
            </p>
            <Button variant="secondary" onClick={() => void load()}>
              {t("home.retry")}
            </Button>
          </div>
        )}
        {back}
      </article>
    );
  }

  const changeAnswer = (changed: Answer) =>
    setQuestion((q) => q && { ...q, answers: q.answers.map((a) => (a.id === changed.id ? changed : a)) });
  const removeAnswer = (removed: number) =>
    setQuestion(
      (q) =>
        q && {
          ...q,
          answers: q.answers.filter((a) => a.id !== removed),
          answer_count: Math.max(0, q.answer_count - 1),
          ...(q.accepted_answer_id === removed ? { accepted_answer_id: null, status: "open" as const } : {}),
        },
    );

  return (
    <article class="page" aria-labelledby="question-title">
      <h1 id="question-title" data-testid="question-title" tabIndex={-1} lang={question.locale}>
        {question.title}
      </h1>
      <p class="news__meta">
        {t("qa.askedBy", { name: question.author.name })}
        {" · "}
        <time dateTime={question.created_at}>{formatDateTime(question.created_at)}</time>
        {question.edited_at && ` · ${t("news.commentEdited")}`}
      </p>
      <p class="tags">
        <StatusBadge status={question.status} />
        <span class="tag tag--muted">{categoryLabel(question.category)}</span>
        <span class="tag tag--muted">
          {question.scope === "company" ? t("qa.scope.company") : t("qa.scope.store")}
        </span>
      </p>

      {question.body_html && (
        // body_html is sanitised by the server (markdown-it without HTML, then nh3).
        <div
          class="prose"
          data-testid="question-body"
          lang={question.locale}
          dangerouslySetInnerHTML={{ __html: question.body_html }}
        />
      )}

      {question.can_edit && (
        <div class="actions" role="group" aria-label={t("news.manage")}>
          <Link href={`/questions/${question.id}/edit`} class="btn btn--secondary" data-testid="question-edit">
            {t("news.edit")}
          </Link>
          <Button
            variant="secondary"
            data-testid="question-delete"
            busy={deleting}
            busyLabel={t("news.deleting")}
            onClick={() => void remove()}
          >
            {t("news.delete")}
          </Button>
          {deleteError && (
            <p class="form-error" role="alert">
              {deleteError}
            </p>
          )}
        </div>
      )}

      <section class="comments" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("qa.answers", { count: question.answers.length })}</h2>
        {question.can_accept && question.status === "open" && question.answers.length > 0 && (
          <p class="hint">{t("qa.acceptHint")}</p>
        )}
        <ol class="comment-list" data-testid="answer-list">
          {question.answers.map((answer) => (
            <AnswerItem
              key={answer.id}
              answer={answer}
              me={me}
              canAccept={question.can_accept}
              onChange={changeAnswer}
              onAccepted={setQuestion}
              onDeleted={removeAnswer}
            />
          ))}
        </ol>
        {pending.length > 0 && (
          <ol class="comment-list" data-testid="pending-answer-list">
            {pending.map((item) => (
              <PendingText key={item.id} item={item} kind="answer" testId="pending-answer" />
            ))}
          </ol>
        )}
        {question.answers.length === 0 && pending.length === 0 && (
          <p class="muted" data-testid="answers-empty">
            {t("qa.noAnswers")}
          </p>
        )}
        <AnswerForm questionId={question.id} />
      </section>

      {back}
    </article>
  );
}

/** The question with a new answer added once (a resent answer comes back with the same id). */
function withAnswer(question: Question, added: Answer): Question {
  if (question.answers.some((a) => a.id === added.id)) return question;
  return { ...question, answers: [...question.answers, added], answer_count: question.answer_count + 1 };
}
