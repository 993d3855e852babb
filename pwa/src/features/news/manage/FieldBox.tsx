import type { ComponentChildren } from "preact";

interface Props {
  /** The id of the control inside; its error gets `${id}-error` (see describedBy in Composer). */
  id: string;
  label: string;
  error?: string;
  children: ComponentChildren;
}

/** A label, the control(s) passed in, and the field's error message under them. */
export function FieldBox({ id, label, error, children }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
