import { t } from "../../../lib/i18n";
import { percent } from "./manage-api";

interface BarProps {
  label: string;
  part: number;
  whole: number;
  testId: string;
  variant?: "read" | "ack";
}

/** A bar for the eye and the same numbers as text for everyone (the bar itself is hidden from AT). */
export function StatsBar({ label, part, whole, testId, variant = "read" }: BarProps) {
  const pct = percent(part, whole);
  return (
    <div class="bar" data-testid={testId}>
      <span class="bar__label">{label}</span>
      <span class="bar__track" aria-hidden="true">
        <span class={`bar__fill bar__fill--${variant}`} style={{ width: `${pct}%` }} />
      </span>
      <span class="bar__value" data-testid={`${testId}-value`}>
        {t("stats.value", { part, whole, percent: pct })}
      </span>
    </div>
  );
}
