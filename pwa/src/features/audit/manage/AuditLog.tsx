import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { t } from "../../../lib/i18n";
import { currentQuery, replaceQuery } from "../../../lib/router";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { PagedList } from "../../../ui/PagedList";
import { usePagedList } from "../../../ui/use-paged-list";
import { useMe } from "../../auth/use-me";
import { getRegions, getStores, type Region, type Store } from "../../team/manage/team-api";
import { teamListHref } from "../../team/manage/team-filter";
import { canReadAudit, readsEveryonesAudit } from "../permissions";
import { listAudit, type AuditEntry } from "./audit-api";
import {
  AUDIT_ACTIONS,
  filterFromQuery,
  filterToQuery,
  isAuditAction,
  isFiltered,
  type AuditFilter,
} from "./audit-filter";
import type { Names } from "./audit-sentence";
import { AuditRow } from "./AuditRow";
import { PersonFilter } from "./PersonFilter";

/**
 * /team/audit: accountable actions, newest first; admins read everyone's (and filter by
 * person), head office its own. Filter by action; the filter is kept in the address. A lazy
 * chunk: staff and store managers never download it.
 */
export function AuditLog() {
  const me = useMe();
  const everyone = readsEveryonesAudit(me);
  const [filter, setFilter] = useState<AuditFilter>(() => filterFromQuery(currentQuery()));
  const [forbidden, setForbidden] = useState(false);
  const [stores, setStores] = useState<Store[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);

  const list = usePagedList<AuditEntry>((cursor) => listAudit(filter, everyone, cursor), {
    deps: [filter.action, filter.actorId, everyone],
    handled: (e) => {
      if (!(e instanceof ApiError && e.status === 403)) return false;
      setForbidden(true);
      return true;
    },
  });

  useEffect(() => {
    // Entries name stores and regions by id: their names make the sentences readable.
    getStores().then(setStores, () => undefined);
    getRegions().then(setRegions, () => undefined);
  }, []);

  useEffect(() => replaceQuery(filterToQuery(filter)), [filter.action, filter.actorId]);

  function change(next: Partial<AuditFilter>) {
    list.clear(); // rows of the previous filter would be wrong answers while the new ones load
    setFilter((f) => ({ ...f, ...next }));
  }

  if (forbidden || (me && !canReadAudit(me))) return <Forbidden text={t("forbidden.headOffice")} />;

  const storeNames = new Map(stores.map((s) => [s.id, s.name]));
  const regionNames = new Map(regions.map((r) => [r.id, r.name]));
  const names: Names = {
    store: (id) => storeNames.get(id) ?? null,
    region: (id) => regionNames.get(id) ?? null,
  };

  return (
    <section class="page" aria-labelledby="audit-heading">
      <p class="page__alt">
        <Link href={teamListHref()} data-testid="audit-back">
          {t("team.back")}
        </Link>
      </p>
      <h1 id="audit-heading" tabIndex={-1}>
        {t("audit.title")}
      </h1>
      <p class="hint" data-testid="audit-intro">
        {me && !everyone ? t("audit.intro.own") : t("audit.intro.all")}
      </p>

      <div class="field">
        <label for="audit-action">{t("audit.filter.action")}</label>
        <select
          id="audit-action"
          data-testid="audit-action"
          value={filter.action ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            change({ action: isAuditAction(value) ? value : null });
          }}
        >
          <option value="">{t("audit.filter.allActions")}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`audit.action.${action}`)}
            </option>
          ))}
        </select>
      </div>
      {everyone && <PersonFilter actorId={filter.actorId} onChange={(actorId) => change({ actorId })} />}

      <PagedList
        list={list}
        testId="audit"
        labelledBy="audit-heading"
        renderRow={(entry) => <AuditRow key={entry.id} entry={entry} names={names} />}
        emptyText={isFiltered(filter, everyone) ? t("audit.empty.filtered") : t("audit.empty.all")}
        moreText={t("audit.loadMore")}
      />
    </section>
  );
}
