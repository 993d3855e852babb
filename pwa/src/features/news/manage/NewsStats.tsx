import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { Link } from "../../../ui/Link";
import { getPost, type NewsItem } from "../news-api";
import { getAllStores, getStats, percent, type NewsStats as Stats, type Store } from "./manage-api";
import { StatsBar } from "./StatsBar";

interface Loaded {
  post: NewsItem;
  stats: Stats;
  stores: Map<number, Store>;
}

/** Read (and acknowledged) rates of one post, in total and as a bar per store. */
export function NewsStats({ id }: { id: number }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      const [post, stats, stores] = await Promise.all([getPost(id), getStats(id), getAllStores()]);
      setData({ post, stats, stores: new Map(stores.map((s) => [s.id, s])) });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    }
  }

  useEffect(() => {
    void load();
  }, [id]);

  if (!data) {
    return (
      <section class="page" aria-labelledby="stats-heading">
        <h1 id="stats-heading" tabIndex={-1}>
          {error ? t("news.loadFailed") : t("common.loading")}
        </h1>
        {error && (
          <div class="notice">
            <p class="form-error" role="alert" data-testid="form-error">
              {error}
            </p>
            <Button variant="secondary" onClick={() => void load()}>
              {t("home.retry")}
            </Button>
          </div>
        )}
        <p class="page__alt">
          <Link href={`/news/${id}`}>{t("stats.back")}</Link>
        </p>
      </section>
    );
  }

  const { post, stats, stores } = data;
  const withAck = post.must_read;
  const name = (storeId: number) => stores.get(storeId)?.name ?? t("stats.unknownStore", { id: storeId });
  const rows = [...stats.by_store].sort((a, b) => name(a.store_id).localeCompare(name(b.store_id)));

  return (
    <section class="page" aria-labelledby="stats-heading">
      <h1 id="stats-heading" tabIndex={-1}>
        {t("stats.title")}
      </h1>
      <p class="page__alt">
        <Link href={`/news/${post.id}`} lang={post.locale}>
          {post.title}
        </Link>
      </p>

      <dl class="stats-totals" data-testid="stats-totals">
        <div>
          <dt>{t("stats.audience")}</dt>
          <dd data-testid="stats-total-audience">{stats.audience_size}</dd>
        </div>
        <div>
          <dt>{t("stats.read")}</dt>
          <dd data-testid="stats-total-read">
            {t("stats.value", { part: stats.read, whole: stats.audience_size, percent: percent(stats.read, stats.audience_size) })}
          </dd>
        </div>
        {withAck && (
          <div>
            <dt>{t("stats.acknowledged")}</dt>
            <dd data-testid="stats-total-acknowledged">
              {t("stats.value", {
                part: stats.acknowledged,
                whole: stats.audience_size,
                percent: percent(stats.acknowledged, stats.audience_size),
              })}
            </dd>
          </div>
        )}
      </dl>

      <h2 id="stats-by-store">{t("stats.byStore")}</h2>
      {rows.length === 0 && <p class="muted">{t("stats.noStores")}</p>}
      <ul class="stats-chart" data-testid="stats-chart" aria-labelledby="stats-by-store">
        {rows.map((row) => (
          <li key={row.store_id} class="stats-row" data-testid="stats-row" data-store-id={row.store_id}>
            <h3 class="stats-row__name">{name(row.store_id)}</h3>
            <StatsBar
              label={t("stats.read")}
              part={row.read}
              whole={row.audience}
              testId="stats-read"
            />
            {withAck && (
              <StatsBar
                label={t("stats.acknowledged")}
                part={row.acknowledged}
                whole={row.audience}
                testId="stats-acknowledged"
                variant="ack"
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
