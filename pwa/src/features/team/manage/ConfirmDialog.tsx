import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";

interface Props {
  /** Names the parts: `<testId>`, `<testId>-confirm`, `<testId>-cancel`, `<testId>-error`. */
  testId: string;
  title: string;
  /** What will happen, in full: the person reads this before the one tap that does it. */
  children: ComponentChildren;
  confirmText: string;
  busyText: string;
  busy: boolean;
  /** The refusal of the last try, shown in the dialog (the page below is inert). */
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation (the native <dialog>: focus stays inside, Escape cancels, the page
 * behind is inert) at the bottom of the screen, where a thumb reaches it. Focus starts on
 * "cancel", so a stray Enter does nothing drastic, and goes back to the button that opened it.
 */
export function ConfirmDialog(props: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    cancel.current?.focus();
    return () => {
      if (element.open) element.close();
      // The opener may have been replaced meanwhile (deactivate becomes reactivate): then the
      // screen moves focus itself.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const { testId } = props;
  return (
    <dialog
      ref={dialog}
      class="sheet"
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      aria-describedby={`${testId}-body`}
      onCancel={(event) => {
        event.preventDefault(); // Escape: closed by the parent, which owns the open state
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 id={`${testId}-title`}>{props.title}</h2>
      <div id={`${testId}-body`} class="sheet__body">
        {props.children}
      </div>
      {props.error && (
        <p class="form-error" role="alert" data-testid={`${testId}-error`}>
          {props.error}
        </p>
      )}
      <div class="sheet__actions">
        <Button
          variant="primary"
          data-testid={`${testId}-confirm`}
          busy={props.busy}
          busyLabel={props.busyText}
          onClick={props.onConfirm}
        >
          {props.confirmText}
        </Button>
        <button
          ref={cancel}
          type="button"
          class="btn btn--secondary"
          data-testid={`${testId}-cancel`}
          disabled={props.busy}
          onClick={props.onCancel}
        >
          {t("team.cancel")}
        </button>
      </div>
    </dialog>
  );
}
