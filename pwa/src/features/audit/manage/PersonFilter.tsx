import { useEffect, useState } from "preact/hooks";
import { isAbortError } from "../../../api/client";
import { t } from "../../../lib/i18n";
import { findPeople, getPerson, type PersonChoice } from "./audit-api";

interface Props {
  actorId: number | null;
  onChange: (actorId: number | null) => void;
}

/** Wait this long after the last key before searching: one request per word, not per letter. */
const TYPING_MS = 300;

/**
 * Whose actions an admin reads: type part of a name, then pick the person from the select
 * (which starts with "everyone"). The chosen person stays in the select while others are found.
 */
export function PersonFilter({ actorId, onChange }: Props) {
  const [typed, setTyped] = useState("");
  const [found, setFound] = useState<PersonChoice[] | null>(null);
  const [chosen, setChosen] = useState<PersonChoice | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      findPeople(typed, controller.signal).then(setFound, (e: unknown) => {
        if (!isAbortError(e)) setFound([]);
      });
    }, typed ? TYPING_MS : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed]);

  useEffect(() => {
    // A filter from the address: its person's name for the select.
    if (actorId === null || chosen?.id === actorId) return;
    const unknown = { id: actorId, name: t("audit.target.user", { id: actorId }), username: "" };
    getPerson(actorId).then(setChosen, () => setChosen(unknown));
  }, [actorId]);

  const options = [...(chosen && !found?.some((p) => p.id === chosen.id) ? [chosen] : []), ...(found ?? [])];
  return (
    <div class="filter-pair">
      <div class="field">
        <label for="audit-person-q">{t("audit.filter.search")}</label>
        <input
          id="audit-person-q"
          type="search"
          data-testid="audit-person-search"
          value={typed}
          maxLength={100}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="audit-person">{t("audit.filter.person")}</label>
        <select
          id="audit-person"
          data-testid="audit-person"
          value={actorId ?? ""}
          onChange={(e) => {
            const id = Number(e.currentTarget.value) || null;
            setChosen(options.find((p) => p.id === id) ?? null);
            onChange(id);
          }}
        >
          <option value="">{found === null ? t("common.loading") : t("audit.filter.everyone")}</option>
          {options.map((person) => (
            <option key={person.id} value={person.id}>
              {person.username ? `${person.name} (${person.username})` : person.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
