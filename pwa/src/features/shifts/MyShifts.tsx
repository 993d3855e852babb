import { getLocale, t } from "../../lib/i18n";
import { Link } from "../../ui/Link";
import { PagedList } from "../../ui/PagedList";
import { usePagedList } from "../../ui/use-paged-list";
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

/** The person's shifts: the coming ones first, then last week's, in the store's time zone. */
export function MyShifts() {
  const me = useMe();
  const list = usePagedList<Shift>(getMyShifts);

  const zone = knownTimeZone(me?.store?.timezone);
  const { upcoming, past } = splitShifts(list.items);
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

      <PagedList
        list={list}
        testId="shifts"
        listTestId="shifts-upcoming"
        label={t("shifts.title")}
        class="shift-list"
        rows={upcoming}
        renderRow={(shift) => <ShiftRow key={shift.id} shift={shift} zone={zone} />}
        emptyText={t("shifts.empty")}
        moreText={t("shifts.loadMore")}
      />

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
  return (
    <ul class="shift-list" data-testid={testId} aria-label={label}>
      {shifts.map((shift) => (
        <ShiftRow key={shift.id} shift={shift} zone={zone} />
      ))}
    </ul>
  );
}

function ShiftRow({ shift, zone }: { shift: Shift; zone: string | undefined }) {
  const now = isOnShift(shift.starts_at, shift.ends_at);
  const locale = getLocale();
  return (
    <li class={now ? "shift shift--now" : "shift"} data-testid="shift" data-id={shift.id}>
      <time class="shift__day" dateTime={shift.starts_at} data-testid="shift-day">
        {formatShiftDay(shift.starts_at, locale, zone)}
      </time>
      <span class="shift__time" data-testid="shift-time">
        {formatShiftTimes(shift.starts_at, shift.ends_at, locale, zone)}
      </span>
      {now && <span class="tag">{t("shifts.now")}</span>}
    </li>
  );
}
