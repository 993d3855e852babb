interface Props {
  id: string;
  name: string;
  label: string;
  value: string;
  /** Shown under the input and tied to it with aria-describedby. */
  error?: string;
  type?: "text" | "password";
  autoComplete?: string;
  /** Usernames, codes and passwords must not be capitalised by phone keyboards. */
  verbatim?: boolean;
  minLength?: number;
  maxLength?: number;
  onInput: (value: string) => void;
}

/** A labelled input with its error message. */
export function TextField(props: Props) {
  const { id, name, label, value, error, type = "text", autoComplete, verbatim, minLength, maxLength } =
    props;
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        {...(type === "password" ? { type: "password" as const } : { type: "text" as const })}
        value={value}
        required
        minLength={minLength}
        maxLength={maxLength}
        autoComplete={autoComplete}
        autoCapitalize={verbatim ? "none" : undefined}
        autoCorrect={verbatim ? "off" : undefined}
        spellcheck={verbatim ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
