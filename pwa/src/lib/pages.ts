/**
 * Cursor-paged lists: a next page is appended to what is shown, skipping rows already there
 * (a row that moved between pages while someone was paging would otherwise show twice).
 */
export function appendNew<T>(shown: T[], page: T[], key: (item: T) => string | number): T[] {
  const seen = new Set(shown.map(key));
  return [...shown, ...page.filter((item) => !seen.has(key(item)))];
}

export const byId = (item: { id: number }): number => item.id;
