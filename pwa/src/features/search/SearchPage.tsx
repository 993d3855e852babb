import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, getLocale, t } from "../../lib/i18n";
import { relativeTime } from "../../lib/relative-time";
import { currentQuery, replaceQuery } from "../../lib/router";
import { useLiveQuery } from "../../lib/use-live-query";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { StatusBadge } from "../qa/StatusBadge";
import { hitPath, search, type SearchHit, type SearchPage as Page } from "./search-api";
import { appendNew } from "../../lib/pages";

/** One letter matches nearly everything; from two on the results mean something. */
const MIN_CHARS = 2;

const firstPage = (text: string, signal: AbortSignal) => search(text, null, signal);

/**
 * Search store news and questions as you type (once typing pauses; older searches are
 * cancelled). The text stays in the address (?q=), so going back to the results keeps them.
 */
export function SearchPage() {
  const [text, setText] = useState(() => currentQuery().get("q") ?? "");
  const live = useLiveQuery<Page>(text, firstPage, { minLength: MIN_CHARS });
  const [items, setItems] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    setItems(live.result?.items ?? []);
    setCursor(live.result?.next_cursor ?? null);
    setMoreError(null);
  }, [live.result]);

  function type(value: string) {
    setText(value);
    const query = new URLSearchParams();
    if (value.trim()) query.set("q", value.trim());
    replaceQuery(query);
  }

  async function loadMore() {
    if (!cursor || loadingMore) return;
    const forText = live.text;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await search(forText, cursor);
      if (forText !== live.text) return;
      setItems((shown) => appendNew(shown, page.items, (hit) => `${hit.type}:${hit.id}`));
      setCursor(page.next_cursor);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }

  const searching = live.status === "waiting" || live.status === "loading";
  const done = live.status === "done";
  let status = "";
  if (live.status === "idle" && live.text) status = t("search.tooShort", { min: MIN_CHARS });
  else if (searching && items.length === 0) status = t("search.searching");
  else if (done && items.length === 0) status = t("search.nothing", { query: live.text });
  else if (done) status = t("search.results", { query: live.text });

  return (
    <section class="page" aria-labelledby="search-heading">
      <h1 id="search-heading" tabIndex={-1}>
        {t("search.title")}
      </h1>
      <form role="search" class="form" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="search-input">{t("search.label")}</label>
          <input
            id="search-input"
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            maxLength={200}
            value={text}
            data-testid="search-input"
            aria-describedby="search-status"
            onInput={(e) => type(e.currentTarget.value)}
          />
        </div>
      </form>

      <p id="search-status" class="muted" role="status" data-testid="search-status">
        {status}
      </p>
      {live.status === "error" && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="search-error">
            {errorMessage(live.error)}
          </p>
          <Button variant="secondary" onClick={live.retry}>
            {t("home.retry")}
          </Button>
        </div>
      )}

      <ul class="news-list" data-testid="search-results" aria-busy={searching} aria-label={t("search.resultsLabel")}>
        {items.map((hit) => (
          <li key={`${hit.type}:${hit.id}`} class="item-card" data-testid="search-hit" data-type={hit.type} data-id={hit.id}>
            <h2 class="item-card__title">
              <Link href={hitPath(hit)} class="item-card__link">
                {hit.title}
              </Link>
            </h2>
            {/* The server escapes the text and adds only <mark> around the matches. */}
            <p class="item-card__snippet" data-testid="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
            <p class="tags">
              <span class="tag tag--muted" data-testid="search-hit-type">
                {hit.type === "news" ? t("search.type.news") : t("search.type.question")}
              </span>
              {(hit.status === "open" || hit.status === "answered") && <StatusBadge status={hit.status} />}
              <time class="item-card__meta" dateTime={hit.created_at} title={formatDateTime(hit.created_at)}>
                {relativeTime(hit.created_at, getLocale())}
              </time>
            </p>
          </li>
        ))}
      </ul>

      {cursor && done && (
        <Button
          variant="secondary"
          data-testid="search-load-more"
          busy={loadingMore}
          busyLabel={t("common.loading")}
          onClick={() => void loadMore()}
        >
          {t("search.more")}
        </Button>
      )}
      {moreError && (
        <p class="form-error" role="alert">
          {moreError}
        </p>
      )}
    </section>
  );
}
