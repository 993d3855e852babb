import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { getLocale, roleLabel, t, type MessageKey } from "../../../lib/i18n";
import { currentQuery, replaceQuery } from "../../../lib/router";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { PagedList } from "../../../ui/PagedList";
import { usePagedList } from "../../../ui/use-paged-list";
import { useMe } from "../../auth/use-me";
import { canReadAudit } from "../../audit/permissions";
import { canImportPeople, canManageInvites } from "../../invites/permissions";
import { canManageOrg } from "../../org/permissions";
import { canSeeTeam, choosesTeamStore, filterableRoles } from "../permissions";
import { lastActiveText } from "./last-active";
import { getRegions, getStores, listPeople, type Person, type Region, type Store } from "./team-api";
import {
  filterFromQuery,
  filterToQuery,
  isFiltered,
  rememberListSearch,
  type Status,
  type TeamFilter,
} from "./team-filter";

const STATUSES: Array<{ value: Status; label: MessageKey; testId: string }> = [
  { value: "active", label: "team.status.active", testId: "team-status-active" },
  { value: "inactive", label: "team.status.inactive", testId: "team-status-inactive" },
  { value: "all", label: "team.status.all", testId: "team-status-all" },
];
/** Wait this long after the last key before searching: one request per word, not per letter. */
const TYPING_MS = 300;

/**
 * The people of the store (a manager) or of any store (head office, with region and store
 * filters): search by name or username, filter by role and by active or deactivated. Each row
 * opens the person. A lazy chunk: staff never download it.
 */
export function TeamList() {
  const me = useMe();
  const picksStore = choosesTeamStore(me);
  const [filter, setFilter] = useState<TeamFilter>(() => filterFromQuery(currentQuery()));
  const [typed, setTyped] = useState(filter.q);
  const [forbidden, setForbidden] = useState(false);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [regions, setRegions] = useState<Region[] | null>(null);
  const ownStoreId = picksStore ? null : (me?.store_id ?? null);

  const list = usePagedList<Person>((cursor) => listPeople(filter, ownStoreId, cursor), {
    deps: [filter.q, filter.role, filter.status, filter.regionId, filter.storeId, ownStoreId],
    handled: (e) => {
      if (!(e instanceof ApiError && e.status === 403)) return false;
      setForbidden(true);
      return true;
    },
  });

  useEffect(() => {
    if (!picksStore) return;
    getStores().then(setStores, () => setStores([]));
    getRegions().then(setRegions, () => setRegions([]));
  }, [picksStore]);

  useEffect(() => {
    const query = filterToQuery(filter);
    replaceQuery(query);
    const search = query.toString();
    rememberListSearch(search ? `?${search}` : "");
  }, [filter.q, filter.role, filter.status, filter.regionId, filter.storeId]);

  useEffect(() => {
    if (typed.trim() === filter.q.trim()) return;
    const timer = setTimeout(() => change({ q: typed.trim() }), TYPING_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  function change(next: Partial<TeamFilter>) {
    // Rows of the previous filter would be wrong answers while the new ones load.
    list.clear();
    setFilter((f) => ({ ...f, ...next }));
  }

  if (forbidden || (me && !canSeeTeam(me))) return <Forbidden />;

  const storeById = new Map((stores ?? []).map((s) => [s.id, s]));
  const regionStores = filter.regionId ? (stores ?? []).filter((s) => s.region_id === filter.regionId) : (stores ?? []);
  const locale = getLocale();
  const now = Date.now();

  return (
    <section class="page" aria-labelledby="team-heading">
      <div class="feed__head">
        <h1 id="team-heading" tabIndex={-1}>
          {t("team.title")}
        </h1>
        {canManageInvites(me) && (
          // Joiners come in through invites (features/invites), or for head office and admins
          // many at once from a CSV file: one tap from their team. Head office and admins also
          // run the stores and regions (features/org) and read the audit log (features/audit).
          <div class="actions">
            <Link href="/team/invites" class="btn btn--secondary" data-testid="team-invites">
              {t("invites.title")}
            </Link>
            {canImportPeople(me) && (
              <Link href="/team/import" class="btn btn--secondary" data-testid="team-import">
                {t("import.title")}
              </Link>
            )}
            {canManageOrg(me) && (
              <Link href="/team/stores" class="btn btn--secondary" data-testid="team-stores">
                {t("org.title")}
              </Link>
            )}
            {canReadAudit(me) && (
              <Link href="/team/audit" class="btn btn--secondary" data-testid="team-audit">
                {t("audit.title")}
              </Link>
            )}
          </div>
        )}
      </div>
      {!picksStore && me?.store && <p class="home__store">{me.store.name}</p>}

      <form
        role="search"
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          change({ q: typed.trim() });
        }}
      >
        <div class="field">
          <label for="team-q">{t("team.search")}</label>
          <input
            id="team-q"
            type="search"
            data-testid="team-search"
            value={typed}
            maxLength={100}
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </div>
      </form>

      {picksStore && (
        <div class="filter-pair">
          <div class="field">
            <label for="team-region">{t("team.region")}</label>
            <select
              id="team-region"
              data-testid="team-region"
              value={filter.regionId ?? ""}
              disabled={!regions}
              onChange={(e) => {
                const regionId = Number(e.currentTarget.value) || null;
                const store = filter.storeId ? storeById.get(filter.storeId) : undefined;
                // A store of another region would leave the list empty for a reason nobody sees.
                const keepStore = !regionId || (store !== undefined && store.region_id === regionId);
                change({ regionId, storeId: keepStore ? filter.storeId : null });
              }}
            >
              <option value="">{regions ? t("team.allRegions") : t("common.loading")}</option>
              {regions?.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="team-store">{t("team.store")}</label>
            <select
              id="team-store"
              data-testid="team-store"
              value={filter.storeId ?? ""}
              disabled={!stores}
              onChange={(e) => change({ storeId: Number(e.currentTarget.value) || null })}
            >
              <option value="">{stores ? t("team.allStores") : t("common.loading")}</option>
              {regionStores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}

      <div class="field">
        <label for="team-role">{t("team.role")}</label>
        <select
          id="team-role"
          data-testid="team-role"
          value={filter.role ?? ""}
          onChange={(e) => change({ role: (e.currentTarget.value || null) as TeamFilter["role"] })}
        >
          <option value="">{t("team.allRoles")}</option>
          {filterableRoles(me).map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </div>
      <div class="chips" role="group" aria-label={t("team.status.label")}>
        {STATUSES.map((s) => (
          <button
            key={s.value}
            type="button"
            class="chip"
            aria-pressed={s.value === filter.status}
            data-testid={s.testId}
            onClick={() => s.value !== filter.status && change({ status: s.value })}
          >
            {t(s.label)}
          </button>
        ))}
      </div>

      <PagedList
        list={list}
        testId="team"
        labelledBy="team-heading"
        renderRow={(person) => (
          <PersonRow
            key={person.id}
            person={person}
            store={picksStore && person.store_id ? (storeById.get(person.store_id)?.name ?? null) : null}
            lastActive={lastActiveText(person.last_active_on, locale, now)}
          />
        )}
        emptyText={isFiltered(filter) ? t("team.empty.filtered") : t("team.empty.all")}
        moreText={t("team.loadMore")}
      />
    </section>
  );
}

interface RowProps {
  person: Person;
  /** The home store's name, for head office's lists that span stores. */
  store: string | null;
  lastActive: string;
}

/** One person; the whole card is the link to them (their name is its accessible name). */
function PersonRow({ person, store, lastActive }: RowProps) {
  const shifts = person.shifts_this_week;
  return (
    <li class="item-card" data-testid="team-person" data-id={person.id}>
      <h2 class="item-card__title">
        <Link href={`/team/people/${person.id}`} class="item-card__link" data-testid="team-person-link">
          {person.name}
        </Link>
      </h2>
      <p class="item-card__meta">
        <span translate={false}>{person.username}</span>
        {" · "}
        {roleLabel(person.role)}
        {" · "}
        {t(`lang.${person.locale}`)}
        {store && ` · ${store}`}
      </p>
      <p class="item-card__meta">
        <span data-testid="team-person-last-active">
          {person.last_active_on ? (
            <time dateTime={person.last_active_on}>{t("team.lastActiveWhen", { when: lastActive })}</time>
          ) : (
            t("team.lastActiveWhen", { when: lastActive })
          )}
        </span>
        {typeof shifts === "number" && (
          <>
            {" · "}
            <span data-testid="team-person-shifts">
              {shifts === 1 ? t("team.shifts.one") : t("team.shifts.other", { count: shifts })}
            </span>
          </>
        )}
      </p>
      {!person.is_active && (
        <p class="tags">
          <span class="tag tag--urgent" data-testid="team-person-deactivated">
            {t("team.badge.deactivated")}
          </span>
        </p>
      )}
    </li>
  );
}
