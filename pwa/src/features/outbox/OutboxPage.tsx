import { t } from "../../lib/i18n";
import { useOutbox } from "./use-outbox";
import { Link } from "../../ui/Link";
import { kindLabel, placeOf, preview } from "./describe";
import { OutboxStatus } from "./OutboxStatus";

/** Everything queued on this phone, oldest first: waiting, being sent, or refused (fix or discard). */
export function OutboxPage() {
  const items = useOutbox();
  return (
    <section class="page" aria-labelledby="outbox-heading">
      <h1 id="outbox-heading" tabIndex={-1}>
        {t("outbox.title")}
      </h1>
      <p class="hint">{t("outbox.intro")}</p>
      {items.length === 0 ? (
        <p class="feed__empty" data-testid="outbox-empty">
          {t("outbox.empty")}
        </p>
      ) : (
        <ul class="outbox-list" data-testid="outbox-list">
          {items.map((item) => {
            const place = placeOf(item);
            return (
              <li key={item.id} class="outbox-item" data-testid="outbox-item" data-id={item.id} data-kind={item.kind}>
                <p class="outbox-item__kind">
                  <strong>{kindLabel(item)}</strong>
                  {place && (
                    <>
                      {" · "}
                      <Link href={place.href}>{place.label}</Link>
                    </>
                  )}
                </p>
                {preview(item) && <p class="outbox-item__text">{preview(item)}</p>}
                <OutboxStatus item={item} discardWaiting />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
