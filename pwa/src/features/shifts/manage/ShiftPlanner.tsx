import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { getLocale, t } from "../../../lib/i18n";
import { currentQuery, replaceQuery } from "../../../lib/router";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { useMe } from "../../auth/use-me";
import { getAllStores, type Store } from "../../news/manage/manage-api";
import { canPlanShifts, choosesStore } from "../permissions";
import { formatShiftDay, formatShiftTimes, knownTimeZone } from "../shift-time";
import type { Shift } from "../shifts-api";
import { AddShiftForm } from "./AddShiftForm";
import { ImportShifts } from "./ImportShifts";
import { deleteShift, getSchedule, getStorePeople, type Person } from "./plan-api";
import { appendNew, byId } from "../../../lib/pages";

/**
 * Shift planning for managers (their store) and head office (any store): the next 14 days,
 * adding and removing a shift, and importing a roster file. A lazy chunk: staff never load it.
 */
export function ShiftPlanner() {
  const me = useMe();
  const picksStore = choosesStore(me);
  const [stores, setStores] = useState<Store[] | null>(null);
  const [chosenStoreId, setChosenStoreId] = useState<number | null>(() => {
    const fromQuery = Number(currentQuery().get("store"));
    return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
  });
  const storeId = picksStore ? chosenStoreId : (me?.store_id ?? null);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [deleting, setDeleting] = useState<number | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (!picksStore) return;
    getAllStores().then(
      (list) => setStores([...list].sort((a, b) => a.name.localeCompare(b.name))),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [picksStore]);

  async function loadSchedule(more: boolean) {
    if (storeId === null) return;
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await getSchedule(storeId, more ? cursor : null);
      if (request !== latest.current) return;
      setShifts((shown) => (more ? appendNew(shown, page.items, byId) : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      if (request !== latest.current) return;
      if (e instanceof ApiError && e.status === 403) setForbidden(true);
      else if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }

  useEffect(() => {
    setShifts([]);
    setCursor(null);
    setPeople(null);
    if (storeId === null) return;
    void loadSchedule(false);
    getStorePeople(storeId).then(setPeople, (e: unknown) => {
      if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    });
  }, [storeId]);

  if (forbidden || (me && !canPlanShifts(me))) return <Forbidden />;

  const store = picksStore ? stores?.find((s) => s.id === storeId) : me?.store;
  const zone = knownTimeZone(store?.timezone);
  const locale = getLocale();

  function chooseStore(value: string) {
    const id = Number(value) || null;
    setChosenStoreId(id);
    setNotice(null);
    const query = currentQuery();
    if (id) query.set("store", String(id));
    else query.delete("store");
    replaceQuery(query);
  }

  function added(shift: Shift) {
    setShifts((list) => [...list, shift].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at)));
    setNotice(t("plan.added"));
  }

  async function remove(shift: Shift) {
    const when = `${formatShiftDay(shift.starts_at, locale, zone)} ${formatShiftTimes(shift.starts_at, shift.ends_at, locale, zone)}`;
    if (!confirm(t("plan.deleteConfirm", { name: shift.user_name, when }))) return;
    setDeleting(shift.id);
    setError(null);
    try {
      await deleteShift(shift.id);
      setShifts((list) => list.filter((s) => s.id !== shift.id));
      setNotice(t("plan.deleted"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setShifts((list) => list.filter((s) => s.id !== shift.id));
      else if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    } finally {
      setDeleting(null);
    }
  }

  return (
    <section class="page" aria-labelledby="plan-heading">
      <h1 id="plan-heading" tabIndex={-1}>
        {t("plan.title")}
      </h1>

      {picksStore && (
        <div class="field">
          <label for="plan-store">{t("plan.store")}</label>
          <select
            id="plan-store"
            data-testid="plan-store"
            value={storeId ?? ""}
            disabled={!stores}
            onChange={(e) => chooseStore(e.currentTarget.value)}
          >
            <option value="">{stores ? t("plan.chooseStore") : t("common.loading")}</option>
            {stores?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {!picksStore && store && <p class="home__store">{store.name}</p>}
      {zone && (
        <p class="hint" data-testid="plan-zone">
          {t("plan.zoneHint", { zone })}
        </p>
      )}

      {notice && (
        <p class="push__status" role="status" data-testid="plan-notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert" data-testid="plan-error">
          {error}
        </p>
      )}

      {storeId !== null && (
        <>
          <AddShiftForm key={storeId} people={people} zone={zone} onAdded={added} />

          <section class="feed" aria-labelledby="plan-list-heading">
            <h2 id="plan-list-heading">{t("plan.next14")}</h2>
            <ul class="shift-list" data-testid="plan-shifts" aria-busy={loading} aria-labelledby="plan-list-heading">
              {shifts.map((shift) => (
                <li key={shift.id} class="shift shift--planned" data-testid="plan-shift" data-id={shift.id}>
                  <span class="shift__who">{shift.user_name}</span>
                  <time class="shift__day" dateTime={shift.starts_at}>
                    {formatShiftDay(shift.starts_at, locale, zone)}
                  </time>
                  <span class="shift__time">{formatShiftTimes(shift.starts_at, shift.ends_at, locale, zone)}</span>
                  <Button
                    variant="secondary"
                    data-testid="plan-delete"
                    busy={deleting === shift.id}
                    busyLabel={t("news.deleting")}
                    aria-label={t("plan.deleteLabel", {
                      name: shift.user_name,
                      when: formatShiftDay(shift.starts_at, locale, zone),
                    })}
                    onClick={() => void remove(shift)}
                  >
                    {t("plan.delete")}
                  </Button>
                </li>
              ))}
            </ul>
            {loading && shifts.length === 0 && <p role="status">{t("common.loading")}</p>}
            {!loading && shifts.length === 0 && (
              <p class="feed__empty" data-testid="plan-empty">
                {t("plan.empty")}
              </p>
            )}
            {cursor && shifts.length > 0 && (
              <Button
                variant="secondary"
                busy={loading}
                busyLabel={t("common.loading")}
                onClick={() => void loadSchedule(true)}
              >
                {t("shifts.loadMore")}
              </Button>
            )}
          </section>
        </>
      )}
      {storeId === null && picksStore && <p class="feed__empty">{t("plan.pickStoreFirst")}</p>}

      <ImportShifts onImported={() => void loadSchedule(false)} />
    </section>
  );
}
