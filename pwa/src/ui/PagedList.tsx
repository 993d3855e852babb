import { toChildArray, type ComponentChildren, type RefObject } from "preact";
import { t } from "../lib/i18n";
import { Button } from "./Button";
import type { PagedListState } from "./paged-list";

interface Props<T> {
  /** usePagedList's answer: the rows and request states, reload (the retry) and more. */
  list: PagedListState<T> & { reload(): unknown; more(): unknown };
  /** Names the parts: `<testId>-error`, `<testId>-empty`, `<testId>-load-more`. */
  testId: string;
  /** The list element's test id; `<testId>-list` when left out. */
  listTestId?: string;
  /** The id of the heading that names the list, or else `label`. */
  labelledBy?: string;
  label?: string;
  /** An <ol> for lists whose order means something (the queue: oldest first). */
  ordered?: boolean;
  class?: string;
  /** The list element (the feed asks whether its top is in view). */
  listRef?: RefObject<HTMLElement | null>;
  /** Each row: an <li> with a key. */
  renderRow: (item: T) => ComponentChildren;
  /** The rows to show when the screen shows only some (my shifts: the coming ones); all by default. */
  rows?: T[];
  /** Rows above the loaded ones (questions waiting in the outbox); with them the list is not empty. */
  leading?: ComponentChildren;
  /** Between the error and the list (the feed's live pill and its announcement). */
  aboveList?: ComponentChildren;
  emptyText: ComponentChildren;
  moreText: ComponentChildren;
}

/**
 * A list screen's list: the error with a retry, the rows (aria-busy while a page loads), a
 * loading status before the first rows, the empty text, and "more" while there is a next page.
 * Every list screen uses it, so these behave and read the same everywhere.
 */
export function PagedList<T>(props: Props<T>) {
  const { list, testId } = props;
  const rows = props.rows ?? list.items;
  const List = props.ordered ? "ol" : "ul";
  const empty = rows.length === 0 && toChildArray(props.leading).length === 0;
  return (
    <>
      {list.error && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid={`${testId}-error`}>
            {list.error}
          </p>
          <Button variant="secondary" onClick={() => void list.reload()}>
            {t("home.retry")}
          </Button>
        </div>
      )}
      {props.aboveList}
      <List
        class={props.class ?? "news-list"}
        // <ul> or <ol>: either is the HTMLElement the caller asked for.
        ref={props.listRef as RefObject<never> | undefined}
        data-testid={props.listTestId ?? `${testId}-list`}
        aria-busy={list.loading || list.loadingMore}
        aria-labelledby={props.labelledBy}
        aria-label={props.label}
      >
        {props.leading}
        {rows.map((row) => props.renderRow(row))}
      </List>
      {list.loading && list.items.length === 0 && <p role="status">{t("common.loading")}</p>}
      {!list.loading && !list.error && empty && (
        <p class="feed__empty" data-testid={`${testId}-empty`}>
          {props.emptyText}
        </p>
      )}
      {list.cursor && !list.loading && (
        <Button
          variant="secondary"
          data-testid={`${testId}-load-more`}
          busy={list.loadingMore}
          busyLabel={t("common.loading")}
          onClick={() => void list.more()}
        >
          {props.moreText}
        </Button>
      )}
    </>
  );
}
