/**
 * What PagedList shows in each state. It has no hooks, so it is called as a function and its
 * element tree is read directly (no DOM here); Button elements are checked by their props.
 */
import { h, isValidElement, type VNode } from "preact";
import { describe, expect, it, vi } from "vitest";
import { t } from "../lib/i18n";
import { Button } from "./Button";
import type { PagedListState } from "./paged-list";
import { PagedList } from "./PagedList";

interface Row {
  id: number;
}

type Props = Record<string, unknown> & { children?: unknown };

function state(overrides: Partial<PagedListState<Row>> = {}) {
  return {
    items: [] as Row[],
    cursor: null,
    loading: false,
    loadingMore: false,
    error: null,
    reload: vi.fn(),
    more: vi.fn(),
    ...overrides,
  };
}

function render(list: ReturnType<typeof state>, extra: Record<string, unknown> = {}) {
  return PagedList<Row>({
    list,
    testId: "things",
    labelledBy: "things-heading",
    renderRow: (row) => h("li", { key: row.id, "data-testid": "row" }, String(row.id)),
    emptyText: "Nothing yet",
    moreText: "More things",
    ...extra,
  });
}

/** Every element in the tree, depth first. */
function all(node: unknown): VNode<Props>[] {
  if (Array.isArray(node)) return node.flatMap(all);
  if (!isValidElement(node)) return [];
  const vnode = node as VNode<Props>;
  return [vnode, ...all(vnode.props.children)];
}

const byTestId = (tree: unknown, id: string) => all(tree).filter((n) => n.props["data-testid"] === id);
const one = (tree: unknown, id: string) => {
  const found = byTestId(tree, id);
  expect(found, id).toHaveLength(1);
  return found[0]!;
};
const statuses = (tree: unknown) => all(tree).filter((n) => n.props.role === "status");
const retryButtons = (tree: unknown) => all(tree).filter((n) => n.type === Button && !n.props["data-testid"]);
const rows = (tree: unknown) => byTestId(tree, "row");

describe("PagedList", () => {
  it("loading: a busy, empty list and a loading status; no empty text, no more", () => {
    const tree = render(state({ loading: true }));
    const list = one(tree, "things-list");
    expect(list.type).toBe("ul");
    expect(list.props["aria-busy"]).toBe(true);
    expect(list.props["aria-labelledby"]).toBe("things-heading");
    expect(statuses(tree).map((n) => n.props.children)).toEqual([t("common.loading")]);
    expect(byTestId(tree, "things-empty")).toHaveLength(0);
    expect(byTestId(tree, "things-load-more")).toHaveLength(0);
  });

  it("empty: the empty text, nothing busy", () => {
    const tree = render(state());
    expect(one(tree, "things-empty").props.children).toBe("Nothing yet");
    expect(one(tree, "things-list").props["aria-busy"]).toBe(false);
    expect(statuses(tree)).toHaveLength(0);
    expect(rows(tree)).toHaveLength(0);
  });

  it("not empty while it has leading rows (questions waiting in the outbox)", () => {
    const tree = render(state(), { leading: [h("li", { key: "p", "data-testid": "pending" })] });
    expect(byTestId(tree, "things-empty")).toHaveLength(0);
    expect(byTestId(tree, "pending")).toHaveLength(1);
  });

  it("error: the message as an alert and a retry that loads the first page again", () => {
    const list = state({ items: [{ id: 1 }], error: "Server busy" });
    const tree = render(list);
    const alert = one(tree, "things-error");
    expect(alert.props.role).toBe("alert");
    expect(alert.props.children).toBe("Server busy");
    expect(rows(tree)).toHaveLength(1);
    // A failed list is not "empty": the error says what happened.
    expect(byTestId(render(state({ error: "Server busy" })), "things-empty")).toHaveLength(0);

    const [retry] = retryButtons(tree);
    expect(retry!.props.children).toBe(t("home.retry"));
    (retry!.props.onClick as () => void)();
    expect(list.reload).toHaveBeenCalledOnce();
    expect(list.more).not.toHaveBeenCalled();
  });

  it("more: the rows and a button that loads the next page, busy while it does", () => {
    const list = state({ items: [{ id: 1 }, { id: 2 }], cursor: "c2" });
    const tree = render(list);
    expect(rows(tree).map((n) => n.props.children)).toEqual(["1", "2"]);
    const more = one(tree, "things-load-more");
    expect(more.type).toBe(Button);
    expect(more.props.children).toBe("More things");
    expect(more.props.busy).toBe(false);
    (more.props.onClick as () => void)();
    expect(list.more).toHaveBeenCalledOnce();

    const loadingMore = render(state({ items: [{ id: 1 }], cursor: "c2", loadingMore: true }));
    expect(one(loadingMore, "things-load-more").props.busy).toBe(true);
    expect(one(loadingMore, "things-list").props["aria-busy"]).toBe(true);
    // The rows stay; no loading status under them.
    expect(statuses(loadingMore)).toHaveLength(0);
  });

  it("end: no cursor, no more button", () => {
    const tree = render(state({ items: [{ id: 1 }] }));
    expect(byTestId(tree, "things-load-more")).toHaveLength(0);
    expect(byTestId(tree, "things-empty")).toHaveLength(0);
    expect(retryButtons(tree)).toHaveLength(0);
  });

  it("reloading (a new filter): no more button until the first page is back", () => {
    const tree = render(state({ items: [{ id: 1 }], cursor: "c2", loading: true }));
    expect(byTestId(tree, "things-load-more")).toHaveLength(0);
    // Rows on screen already: no loading text under them, the list is busy instead.
    expect(statuses(tree)).toHaveLength(0);
    expect(one(tree, "things-list").props["aria-busy"]).toBe(true);
  });

  it("shows only the rows given, in an ordered list with its own test id and label", () => {
    const tree = render(state({ items: [{ id: 1 }, { id: 2 }] }), {
      rows: [{ id: 2 }],
      ordered: true,
      listTestId: "upcoming",
      labelledBy: undefined,
      label: "Coming",
      class: "shift-list",
    });
    const list = one(tree, "upcoming");
    expect(list.type).toBe("ol");
    expect(list.props).toMatchObject({ "aria-label": "Coming", class: "shift-list" });
    expect(rows(tree).map((n) => n.props.children)).toEqual(["2"]);
    // Rows loaded but none of them shown here (only past shifts): the empty text says so.
    const noneShown = render(state({ items: [{ id: 1 }] }), { rows: [] });
    expect(one(noneShown, "things-empty").props.children).toBe("Nothing yet");
  });
});
