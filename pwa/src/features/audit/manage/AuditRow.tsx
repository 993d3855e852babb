import { formatDateTime, getLocale, t } from "../../../lib/i18n";
import { Link } from "../../../ui/Link";
import type { AuditEntry } from "./audit-api";
import { auditSentence, auditTarget, type Names } from "./audit-sentence";

/** One entry: when, who, what in words, what it was about (a link for people and posts), from where. */
export function AuditRow({ entry, names }: { entry: AuditEntry; names: Names }) {
  const locale = getLocale();
  const target = auditTarget(entry, locale, names);
  const who = entry.actor_name ?? t("audit.target.user", { id: entry.actor_id });
  return (
    <li class="item-card audit-entry" data-testid="audit-entry" data-id={entry.id} data-action={entry.action}>
      <p class="item-card__meta">
        <time dateTime={entry.at} data-testid="audit-when">
          {formatDateTime(entry.at)}
        </time>
        {" · "}
        <span data-testid="audit-who">{t("audit.by", { name: who })}</span>
      </p>
      <p class="audit-entry__what" data-testid="audit-sentence">
        {auditSentence(entry, locale, names)}
      </p>
      <p class="audit-entry__about">
        {t("audit.about")}:{" "}
        {target.href ? (
          <Link href={target.href} class="audit-entry__link" data-testid="audit-target">
            {target.text}
          </Link>
        ) : (
          <span data-testid="audit-target">{target.text}</span>
        )}
      </p>
      {entry.ip && (
        <p class="item-card__meta">
          {t("audit.address")}:{" "}
          <span data-testid="audit-ip" translate={false}>
            {entry.ip}
          </span>
        </p>
      )}
    </li>
  );
}
