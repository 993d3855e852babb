import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { t } from "../../../lib/i18n";
import { currentQuery, replaceQuery } from "../../../lib/router";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { PagedList } from "../../../ui/PagedList";
import { usePagedList } from "../../../ui/use-paged-list";
import { useMe } from "../../auth/use-me";
import { teamListHref } from "../../team/manage/team-filter";
import { canManageOrg } from "../permissions";
import { listRegions, listStores, type Region, type Store } from "./org-api";
import { regionFromQuery, regionToQuery } from "./org-form";
import { RegionForm } from "./RegionForm";
import { RegionRow } from "./RegionRow";
import { StoreForm } from "./StoreForm";
import { StoreRow } from "./StoreRow";

/**
 * /team/stores, for head office and admins: the chain's regions (new ones, new names) and
 * their stores (new ones; a store's name, region and time zone). The region whose stores are
 * shown is kept in the address. A lazy chunk: staff and store managers never download it.
 */
export function StoresAndRegions() {
  const me = useMe();
  const [forbidden, setForbidden] = useState(false);
  const [regionId, setRegionId] = useState<number | null>(() => regionFromQuery(currentQuery()));
  const [adding, setAdding] = useState(false);
  // Stores made on this visit, on top of the list: the list is oldest first, so a new store
  // would otherwise sit on its last page.
  const [created, setCreated] = useState<Store[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const handled = (e: unknown) => {
    if (!(e instanceof ApiError && e.status === 403)) return false;
    setForbidden(true);
    return true;
  };
  const regions = usePagedList<Region>(() => listRegions(), { handled });
  const stores = usePagedList<Store>((cursor) => listStores(regionId, cursor), { deps: [regionId], handled });

  useEffect(() => replaceQuery(regionToQuery(regionId)), [regionId]);

  if (forbidden || (me && !canManageOrg(me))) return <Forbidden text={t("forbidden.headOffice")} />;

  const allRegions = regions.loading && regions.items.length === 0 ? null : regions.items;
  const shownRegion = regionId === null ? null : allRegions?.find((r) => r.id === regionId);

  function showRegion(id: number | null, focus = false) {
    if (id !== regionId) {
      stores.clear(); // the other region's stores would be wrong answers while these load
      setRegionId(id);
    }
    if (focus) {
      requestAnimationFrame(() => {
        const heading = document.getElementById("stores-heading");
        heading?.scrollIntoView({ block: "start" });
        heading?.focus();
      });
    }
  }

  function storeChanged(saved: Store) {
    const swap = (list: Store[]) => list.map((s) => (s.id === saved.id ? saved : s));
    setCreated(swap);
    stores.update(swap);
    setNotice(t("org.store.saved", { name: saved.name }));
  }

  const createdIds = new Set(created.map((s) => s.id));
  const inView = (s: Store) => regionId === null || s.region_id === regionId;
  const storeRow = (store: Store) => (
    <StoreRow key={store.id} store={store} regions={allRegions} onChanged={storeChanged} />
  );

  return (
    <section class="page" aria-labelledby="org-heading">
      <p class="page__alt">
        <Link href={teamListHref()} data-testid="org-back">
          {t("team.back")}
        </Link>
      </p>
      <h1 id="org-heading" tabIndex={-1}>
        {t("org.title")}
      </h1>
      {/* Always there, so screen readers hear what changes in it. */}
      <p class="push__status" role="status" data-testid="org-notice">
        {notice ?? ""}
      </p>

      <section class="page" aria-labelledby="regions-heading">
        <h2 id="regions-heading">{t("org.regions.title")}</h2>
        <RegionForm
          onSaved={(region) => {
            setNotice(t("org.region.created", { name: region.name }));
            void regions.reload();
          }}
        />
        <PagedList
          list={regions}
          testId="regions"
          labelledBy="regions-heading"
          renderRow={(region) => (
            <RegionRow
              key={region.id}
              region={region}
              onShowStores={() => showRegion(region.id, true)}
              onRenamed={(saved) => {
                regions.update((list) => list.map((r) => (r.id === saved.id ? saved : r)));
                setNotice(t("org.region.renamed", { name: saved.name }));
              }}
            />
          )}
          emptyText={t("org.regions.empty")}
          moreText={t("team.loadMore")}
        />
      </section>

      <section class="page" aria-labelledby="stores-heading">
        <div class="feed__head">
          <h2 id="stores-heading" tabIndex={-1}>
            {shownRegion ? t("org.stores.inRegion", { region: shownRegion.name }) : t("org.stores.title")}
          </h2>
          {!adding && (
            <Button
              data-testid="store-new-open"
              disabled={!allRegions || allRegions.length === 0}
              onClick={() => {
                setNotice(null);
                setAdding(true);
              }}
            >
              {t("org.store.new")}
            </Button>
          )}
        </div>
        {adding && allRegions && (
          <div class="fieldset" data-testid="store-new">
            <h3>{t("org.store.new")}</h3>
            <StoreForm
              regions={allRegions}
              regionId={regionId}
              onCancel={() => {
                setAdding(false);
                requestAnimationFrame(() =>
                  document.querySelector<HTMLElement>("[data-testid=store-new-open]")?.focus(),
                );
              }}
              onSaved={(store) => {
                setCreated((list) => [store, ...list]);
                setAdding(false);
                setNotice(t("org.store.created", { name: store.name }));
                // Show the region the store is in, with the new store on top.
                if (regionId !== null && regionId !== store.region_id) showRegion(store.region_id);
                const row = `[data-testid=store-row][data-id="${store.id}"]`;
                requestAnimationFrame(() =>
                  document.querySelector<HTMLElement>(`${row} [data-testid=store-change]`)?.focus(),
                );
              }}
            />
          </div>
        )}
        <div class="field">
          <label for="stores-region">{t("team.region")}</label>
          <select
            id="stores-region"
            data-testid="stores-region"
            value={regionId ?? ""}
            disabled={!allRegions}
            onChange={(e) => showRegion(Number(e.currentTarget.value) || null)}
          >
            <option value="">{allRegions ? t("team.allRegions") : t("common.loading")}</option>
            {allRegions?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <PagedList
          list={stores}
          testId="stores"
          labelledBy="stores-heading"
          leading={created.filter(inView).map(storeRow)}
          rows={stores.items.filter((s) => !createdIds.has(s.id))}
          renderRow={storeRow}
          emptyText={regionId === null ? t("org.stores.empty.all") : t("org.stores.empty.region")}
          moreText={t("org.stores.loadMore")}
        />
      </section>
    </section>
  );
}
