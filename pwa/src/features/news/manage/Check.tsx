interface Props {
  label: string;
  checked: boolean;
  testId?: string;
  onChange: (on: boolean) => void;
}

/** A checkbox whose whole row (at least 44 px high) is its label. */
export function Check({ label, checked, testId, onChange }: Props) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={checked}
        data-testid={testId}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
