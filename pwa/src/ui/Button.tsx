import type { ButtonHTMLAttributes, ComponentChildren } from "preact";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "quiet";
  /** Shows `busyLabel` and blocks double taps while a request runs. */
  busy?: boolean;
  busyLabel?: string;
  children: ComponentChildren;
};

export function Button({ variant = "primary", busy = false, busyLabel, children, ...props }: Props) {
  return (
    <button
      type="button"
      {...props}
      class={`btn btn--${variant}`}
      disabled={busy || props.disabled}
      aria-busy={busy || undefined}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
