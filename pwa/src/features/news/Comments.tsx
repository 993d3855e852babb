import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, getLocale, t } from "../../lib/i18n";
import { relativeTime } from "../../lib/relative-time";
import { Button } from "../../ui/Button";
import { PendingText } from "../outbox/PendingText";
import { enqueueComment, getComments, type Comment } from "./news-api";
import { appendNew, byId } from "../../lib/pages";
import { useOutbox, useOutboxSent } from "../outbox/use-outbox";

interface Props {
  postId: number;
  onAdded?: () => void;
}

/**
 * The comments under a post, oldest first, and the form to add one. A new comment goes through
 * the outbox: it shows at once after the real ones, "waiting to send", and is swapped for the
 * server's copy when it has been sent (here, in another tab or by the service worker).
 */
export function Comments({ postId, onAdded }: Props) {
  const [items, setItems] = useState<Comment[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const pending = useOutbox((item) => item.kind === "comment" && item.context.postId === postId);
  useOutboxSent((item, result) => {
    if (item.kind !== "comment" || item.context.postId !== postId) return;
    merge([result as Comment]);
    onAdded?.();
  });

  function merge(more: Comment[]) {
    setItems((shown) => appendNew(shown, more, byId));
  }

  async function load(more: boolean) {
    setLoading(true);
    setLoadError(null);
    try {
      const page = await getComments(postId, more ? cursor : null);
      merge(page.items);
      setCursor(page.next_cursor);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setLoadError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setItems([]);
    void load(false);
  }, [postId]);

  async function submit(event: Event) {
    event.preventDefault();
    const body = text.trim();
    if (sending) return;
    if (!body) {
      setSendError(t("form.required"));
      return;
    }
    setSending(true);
    setSendError(null);
    try {
      // Returns once it is stored on the phone; the outbox sends it (at once when online).
      await enqueueComment(postId, body);
      setText("");
    } catch (e) {
      setSendError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t("news.comments")}</h2>
      <ol class="comment-list" data-testid="comment-list" aria-busy={loading}>
        {items.map((comment) => (
          <li key={comment.id} class="comment" data-testid="comment-item" data-id={comment.id}>
            <p class="comment__meta">
              <strong>{comment.author.name}</strong>
              {" · "}
              <time dateTime={comment.created_at} title={formatDateTime(comment.created_at)}>
                {relativeTime(comment.created_at, getLocale())}
              </time>
              {comment.edited_at && ` · ${t("news.commentEdited")}`}
            </p>
            <p class="comment__body">{comment.body}</p>
          </li>
        ))}
        {pending.map((item) => (
          <PendingText key={`pending-${item.id}`} item={item} kind="comment" testId="pending-comment" />
        ))}
      </ol>
      {!loading && !loadError && items.length === 0 && pending.length === 0 && <p class="muted">{t("news.noComments")}</p>}
      {loadError && (
        <div class="notice">
          <p class="form-error" role="alert">
            {loadError}
          </p>
          <Button variant="secondary" onClick={() => void load(false)}>
            {t("home.retry")}
          </Button>
        </div>
      )}
      {cursor && (
        <Button variant="secondary" busy={loading} busyLabel={t("common.loading")} onClick={() => void load(true)}>
          {t("news.moreComments")}
        </Button>
      )}

      <form class="form" data-testid="comment-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="comment-body">{t("news.commentLabel")}</label>
          <textarea
            id="comment-body"
            name="body"
            rows={3}
            maxLength={4000}
            value={text}
            aria-invalid={sendError ? true : undefined}
            aria-describedby={sendError ? "comment-error" : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {sendError && (
            <p id="comment-error" class="field-error" role="alert">
              {sendError}
            </p>
          )}
        </div>
        <Button type="submit" busy={sending} busyLabel={t("news.commentSending")}>
          {t("news.commentSend")}
        </Button>
      </form>
    </section>
  );
}
