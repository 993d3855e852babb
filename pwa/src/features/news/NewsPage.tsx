import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, t } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { useOutbox } from "../outbox/use-outbox";
import { useMe } from "../auth/use-me";
import { OutboxStatus } from "../outbox/OutboxStatus";
import { Comments } from "./Comments";
import { acknowledge, deletePost, getPost, markRead, type NewsItem } from "./news-api";
import { NewsBadges } from "./NewsBadges";
import { canManagePost, canSeeStats } from "./permissions";
import { Reactions } from "./Reactions";

/**
 * One post: marks it read on open; must-read posts get an "I have read this" button. Both go
 * through the outbox, so they count offline too ("acknowledged, waiting to send").
 */
export function NewsPage({ id }: { id: number }) {
  const me = useMe();
  const [ackItem] = useOutbox((item) => item.kind === "ack" && item.context.postId === id);
  const [post, setPost] = useState<NewsItem | null>(null);
  const [error, setError] = useState<{ message: string; notFound: boolean } | null>(null);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      const loaded = await getPost(id);
      setPost(loaded);
      if (!loaded.read && loaded.status === "published") {
        // Reading is opening: queued, so being offline never gets in the way.
        markRead(id).then(
          () => setPost((p) => (p && p.id === id ? { ...p, read: true } : p)),
          () => undefined,
        );
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      setError({ message: errorMessage(e), notFound: e instanceof ApiError && e.status === 404 });
    }
  }

  useEffect(() => {
    setPost(null);
    void load();
  }, [id]);

  async function ack() {
    setAcking(true);
    setAckError(null);
    try {
      await acknowledge(id);
      setPost((p) => (p ? { ...p, read: true, acknowledged: true } : p));
    } catch (e) {
      setAckError(errorMessage(e));
    } finally {
      setAcking(false);
    }
  }

  async function remove() {
    if (!confirm(t("news.deleteConfirm"))) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await deletePost(id);
      navigate("/", { replace: true });
    } catch (e) {
      setDeleteError(errorMessage(e));
      setDeleting(false);
    }
  }

  if (!post) {
    // An <article> with its <h1> first, like the loaded page: the heading the router focused
    // stays the same element (and keeps focus) when the post arrives.
    return (
      <article class="page news" aria-labelledby="news-title">
        <h1 id="news-title" tabIndex={-1}>
          {error ? (error.notFound ? t("news.notFound") : t("news.loadFailed")) : t("common.loading")}
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
        <p class="page__alt">
          <Link href="/">{t("news.back")}</Link>
        </p>
      </article>
    );
  }

  const when = post.published_at ?? post.publish_at;
  const manage = canManagePost(me, post.author.id);
  return (
    <article class="page news" aria-labelledby="news-title">
      <h1 id="news-title" data-testid="news-title" tabIndex={-1} lang={post.locale}>
        {post.title}
      </h1>
      <p class="news__meta">
        {t("news.by", { name: post.author.name })}
        {when && (
          <>
            {" · "}
            <time dateTime={when}>{formatDateTime(when)}</time>
          </>
        )}
      </p>
      <NewsBadges item={post} />

      {/* body_html is sanitised by the server (markdown-it without HTML, then nh3). */}
      <div
        class="prose"
        data-testid="news-body"
        lang={post.locale}
        dangerouslySetInnerHTML={{ __html: post.body_html }} />

      {post.must_read && (
        <div class="ack">
          {ackItem && ackItem.state !== "failed" ? (
            <p class="ack__done pending" role="status" data-testid="news-acknowledged" data-pending="true">
              {t("outbox.ackWaiting")}
            </p>
          ) : post.acknowledged && !ackItem ? (
            <p class="ack__done" role="status" data-testid="news-acknowledged">
              {t("news.acknowledged")}
            </p>
          ) : (
            <>
              <p>{t("news.mustReadHint")}</p>
              <Button data-testid="news-ack-button" busy={acking} busyLabel={t("common.saving")} onClick={() => void ack()}>
                {t("news.ack")}
              </Button>
              {ackError && (
                <p class="form-error" role="alert">
                  {ackError}
                </p>
              )}
              {ackItem && <OutboxStatus item={ackItem} />}
            </>
          )}
        </div>
      )}

      {(manage || canSeeStats(me, post.author.id)) && (
        <div class="actions" role="group" aria-label={t("news.manage")}>
          {canSeeStats(me, post.author.id) && (
            <Link href={`/news/${post.id}/stats`} class="btn btn--secondary" data-testid="news-stats-link">
              {t("news.stats")}
            </Link>
          )}
          {manage && (
            <Link href={`/news/${post.id}/edit`} class="btn btn--secondary" data-testid="news-edit">
              {t("news.edit")}
            </Link>
          )}
          {manage && (
            <Button
              variant="secondary"
              data-testid="news-delete"
              busy={deleting}
              busyLabel={t("news.deleting")}
              onClick={() => void remove()}
            >
              {t("news.delete")}
            </Button>
          )}
          {deleteError && (
            <p class="form-error" role="alert">
              {deleteError}
            </p>
          )}
        </div>
      )}

      {post.status === "published" && (
        <Reactions postId={post.id} initial={{ reactions: post.reactions, my_reactions: post.my_reactions }} />
      )}
      {post.status === "published" && (
        <Comments
          postId={post.id}
          onAdded={() => setPost((p) => (p ? { ...p, comment_count: p.comment_count + 1 } : p))}
        />
      )}

      <p class="page__alt">
        <Link href="/">{t("news.back")}</Link>
      </p>
    </article>
  );
}
