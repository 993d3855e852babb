import { t } from "../lib/i18n";

interface Props {
  message: string;
  actionLabel?: string;
  onAction?: () => void;
  onDismiss: () => void;
}

/** A message above the bottom nav; read out by screen readers without taking focus. */
export function Toast({ message, actionLabel, onAction, onDismiss }: Props) {
  return (
    <div class="toast" role="status" aria-live="polite">
      <p class="toast__message">{message}</p>
      <div class="toast__actions">
        {actionLabel && onAction && (
          <button type="button" class="btn btn--primary" onClick={onAction}>
            {actionLabel}
          </button>
        )}
        <button type="button" class="btn btn--quiet" onClick={onDismiss}>
          {t("common.dismiss")}
        </button>
      </div>
    </div>
  );
}
