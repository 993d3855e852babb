import { useEffect } from "preact/hooks";
import { getLocale, t } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { useMe } from "../auth/use-me";
import {
  differsFromDevice,
  formatShiftDay,
  formatShiftTimes,
  isOnShift,
  knownTimeZone,
  splitShifts,
} from "./shift-time";
import { getMyShifts, type Shift } from "./shifts-api";
import { useCursorList } from "../../ui/use-cursor-list";

/** The person's shifts: the coming ones first, then last week's, in the store's time zone. */
export function MyShifts() {
  const me = useMe();
  const { items: shifts, cursor, loading, error, load } = useCursorList<Shift>(getMyShifts);

  useEffect(() => {
    void load(false);
  }, []);

  const zone = knownTimeZone(me?.store?.timezone);
  const { upcoming, past } = splitShifts(shifts);
  return (
    <section class="page" aria-labelledby="shifts-heading">
      <h1 id="shifts-heading" tabIndex={-1}>
        {t("shifts.title")}
      </h1>
      <p class="hint">
        {t("shifts.intro")} <Link href="/settings/notifications">{t("settings.title")}</Link>
      </p>
      {differsFromDevice(zone) && (
        <p class="hint" data-testid="shifts-zone">
          {t("shifts.zone", { zone: zone ?? "" })}
        </p>
      )}

      {error && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="shifts-error">
            {error}
          </p>
          <Button variant="secondary" onClick={() => void load(false)}>
            {t("home.retry")}
          </Button>
        </div>
      )}

      <ShiftList shifts={upcoming} zone={zone} testId="shifts-upcoming" label={t("shifts.title")} />
      {loading && shifts.length === 0 && <p role="status">{t("common.loading")}</p>}
      {!loading && !error && upcoming.length === 0 && (
        <p class="feed__empty" data-testid="shifts-empty">
          {t("shifts.empty")}
        </p>
      )}
      {cursor && shifts.length > 0 && (
        <Button
          variant="secondary"
          data-testid="shifts-load-more"
          busy={loading}
          busyLabel={t("common.loading")}
          onClick={() => void load(true)}
        >
          {t("shifts.loadMore")}
        </Button>
      )}

      {past.length > 0 && (
        <section class="feed" aria-labelledby="shifts-past-heading">
          <h2 id="shifts-past-heading">{t("shifts.past")}</h2>
          <ShiftList shifts={past} zone={zone} testId="shifts-past" label={t("shifts.past")} />
        </section>
      )}
    </section>
  );
}

function ShiftList(props: { shifts: Shift[]; zone: string | undefined; testId: string; label: string }) {
  const { shifts, zone, testId, label } = props;
  if (shifts.length === 0) return null;
  const locale = getLocale();
  return (
    <ul class="shift-list" data-testid={testId} aria-label={label}>
      {shifts.map((shift) => {
        const now = isOnShift(shift.starts_at, shift.ends_at);
        return (
          <li key={shift.id} class={now ? "shift shift--now" : "shift"} data-testid="shift" data-id={shift.id}>
            <time class="shift__day" dateTime={shift.starts_at} data-testid="shift-day">
              {formatShiftDay(shift.starts_at, locale, zone)}
            </time>
            <span class="shift__time" data-testid="shift-time">
              {formatShiftTimes(shift.starts_at, shift.ends_at, locale, zone)}
            </span>
            {now && <span class="tag">{t("shifts.now")}</span>}
          </li>
        );
      })}
    </ul>
  );
}
