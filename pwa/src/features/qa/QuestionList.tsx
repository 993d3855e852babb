import { useEffect, useState } from "preact/hooks";
import { t, type MessageKey } from "../../lib/i18n";
import { currentQuery, replaceQuery } from "../../lib/router";
import { Link } from "../../ui/Link";
import { PagedList } from "../../ui/PagedList";
import { usePagedList } from "../../ui/use-paged-list";
import { categoryLabel } from "./category";
import { getCategories, listQuestions, type QuestionFilter, type QuestionStatus, type QuestionSummary } from "./qa-api";
import { QuestionCard } from "./QuestionCard";
import { useOutbox, useOutboxSent } from "../outbox/use-outbox";
import { OutboxStatus } from "../outbox/OutboxStatus";

const STATUSES: Array<{ value: QuestionStatus | null; label: MessageKey; testId: string }> = [
  { value: null, label: "qa.filter.all", testId: "qa-filter-all" },
  { value: "open", label: "qa.filter.open", testId: "qa-filter-open" },
  { value: "answered", label: "qa.filter.answered", testId: "qa-filter-answered" },
];

/** The filters live in the address, so coming back from a question shows the same list. */
function filterFromAddress(): QuestionFilter {
  const query = currentQuery();
  const status = query.get("status");
  return {
    status: status === "open" || status === "answered" ? status : null,
    category: query.get("category") || null,
    mine: query.get("mine") === "1",
  };
}

function filterToAddress(filter: QuestionFilter): void {
  const query = new URLSearchParams();
  if (filter.status) query.set("status", filter.status);
  if (filter.category) query.set("category", filter.category);
  if (filter.mine) query.set("mine", "1");
  replaceQuery(query);
}

/** Questions the reader may see, newest first: filter by status, category and "mine"; load more. */
export function QuestionList() {
  const [filter, setFilter] = useState<QuestionFilter>(filterFromAddress);
  const [categories, setCategories] = useState<string[]>([]);
  const list = usePagedList<QuestionSummary>((cursor) => listQuestions(filter, cursor), {
    deps: [filter.status, filter.category, filter.mine],
  });
  // Questions asked on this phone that the server has not confirmed yet (maybe offline).
  const pending = useOutbox((item) => item.kind === "question");
  useOutboxSent((item, result) => {
    if (item.kind !== "question") return;
    const asked = result as QuestionSummary;
    // The new question is open, in the asker's category, and theirs: show it where it belongs.
    if (filter.status === "answered" || (filter.category && filter.category !== asked.category)) return;
    list.update((shown) => (shown.some((q) => q.id === asked.id) ? shown : [asked, ...shown]));
  });

  useEffect(() => {
    // Without the list the filter offers "all categories" only; nothing else depends on it.
    getCategories().then(setCategories, () => undefined);
  }, []);

  useEffect(() => {
    filterToAddress(filter);
  }, [filter.status, filter.category, filter.mine]);

  function change(next: Partial<QuestionFilter>) {
    // Cards of the previous filter would be wrong answers while the new ones load.
    list.clear();
    setFilter((f) => ({ ...f, ...next }));
  }

  const filtered = filter.status !== null || filter.category !== null || filter.mine;
  // A category in the address that the server no longer has still shows as chosen.
  const categoryOptions =
    filter.category && !categories.includes(filter.category) ? [...categories, filter.category] : categories;

  return (
    <section class="page" aria-labelledby="qa-heading">
      <div class="feed__head">
        <h1 id="qa-heading" tabIndex={-1}>
          {t("qa.title")}
        </h1>
        <Link href="/questions/new" class="btn btn--primary" data-testid="qa-ask">
          {t("qa.ask")}
        </Link>
      </div>

      <div class="chips" role="group" aria-label={t("qa.filter.status")}>
        {STATUSES.map((s) => (
          <button
            key={s.testId}
            type="button"
            class="chip"
            aria-pressed={s.value === filter.status}
            data-testid={s.testId}
            onClick={() => s.value !== filter.status && change({ status: s.value })}
          >
            {t(s.label)}
          </button>
        ))}
        <button
          type="button"
          class="chip"
          aria-pressed={filter.mine}
          data-testid="qa-filter-mine"
          onClick={() => change({ mine: !filter.mine })}
        >
          {t("qa.filter.mine")}
        </button>
      </div>
      <div class="field">
        <label for="qa-filter-category">{t("qa.filter.category")}</label>
        <select
          id="qa-filter-category"
          data-testid="qa-filter-category"
          value={filter.category ?? ""}
          onChange={(e) => change({ category: e.currentTarget.value || null })}
        >
          <option value="">{t("qa.filter.allCategories")}</option>
          {categoryOptions.map((name) => (
            <option key={name} value={name}>
              {categoryLabel(name)}
            </option>
          ))}
        </select>
      </div>

      <PagedList
        list={list}
        testId="qa"
        labelledBy="qa-heading"
        leading={pending.map((item) => (
          <li key={`pending-${item.id}`} class="item-card pending" data-testid="pending-question" data-outbox-id={item.id}>
            <h2 class="item-card__title">{item.context.title}</h2>
            <OutboxStatus item={item} />
          </li>
        ))}
        renderRow={(question) => <QuestionCard key={question.id} question={question} />}
        emptyText={filtered ? t("qa.empty.filtered") : t("qa.empty.all")}
        moreText={t("qa.loadMore")}
      />
    </section>
  );
}
