import { useState } from "preact/hooks";
import { errorMessage } from "../../api/error-message";
import { t, type MessageKey } from "../../lib/i18n";
import { REACTION_KINDS, setReaction, type ReactionKind, type Reactions as ReactionState } from "./news-api";

const EMOJI: Record<ReactionKind, string> = {
  like: "👍",
  heart: "❤️",
  clap: "👏",
  laugh: "😄",
  wow: "😮",
  thanks: "🙏",
};

interface Props {
  postId: number;
  initial: ReactionState;
}

/** Toggle buttons, one per kind, with counts; the change shows at once and the server's answer wins. */
export function Reactions({ postId, initial }: Props) {
  const [state, setState] = useState<ReactionState>(initial);
  const [busy, setBusy] = useState<ReadonlySet<ReactionKind>>(new Set());
  const [error, setError] = useState<string | null>(null);

  async function toggle(kind: ReactionKind) {
    if (busy.has(kind)) return;
    const on = !state.my_reactions.includes(kind);
    const before = state;
    setError(null);
    setBusy((b) => new Set(b).add(kind));
    setState(optimistic(state, kind, on));
    try {
      setState(await setReaction(postId, kind, on));
    } catch (e) {
      setState(before);
      setError(errorMessage(e));
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(kind);
        return next;
      });
    }
  }

  return (
    <div class="reactions-block">
      <div class="reactions" role="group" aria-label={t("news.reactions")}>
        {REACTION_KINDS.map((kind) => {
          const count = state.reactions[kind] ?? 0;
          return (
            <button
              key={kind}
              type="button"
              class="reaction"
              data-testid={`reaction-${kind}`}
              aria-pressed={state.my_reactions.includes(kind)}
              onClick={() => void toggle(kind)}
            >
              <span aria-hidden="true">{EMOJI[kind]}</span>
              <span class="visually-hidden">{t(`news.reaction.${kind}` as MessageKey)}</span>
              <span class="reaction__count">{count}</span>
            </button>
          );
        })}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function optimistic(state: ReactionState, kind: ReactionKind, on: boolean): ReactionState {
  const count = Math.max(0, (state.reactions[kind] ?? 0) + (on ? 1 : -1));
  return {
    reactions: { ...state.reactions, [kind]: count },
    my_reactions: on ? [...state.my_reactions, kind] : state.my_reactions.filter((k) => k !== kind),
  };
}
