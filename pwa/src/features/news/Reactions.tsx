import { useState } from "preact/hooks";
import { errorMessage } from "../../api/error-message";
import { t, type MessageKey } from "../../lib/i18n";
import type { StoredOutboxItem } from "../outbox/outbox";
import { useOutbox, useOutboxSent } from "../outbox/use-outbox";
import { preview } from "../outbox/describe";
import { OutboxStatus } from "../outbox/OutboxStatus";
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

/** A tap not in the outbox yet (stored a moment later): shown at once all the same. */
interface Tap {
  kind: ReactionKind;
  on: boolean;
}

/**
 * Toggle buttons, one per kind, with counts. A tap shows at once and goes through the outbox
 * (offline too; a button still waiting to send looks subtly different). What is shown is always
 * worked out afresh: the server's last answer with the wishes still queued laid over it, so a
 * wish that is refused or discarded drops out of the counts by itself.
 */
export function Reactions({ postId, initial }: Props) {
  const ofThisPost = (item: StoredOutboxItem) => item.kind === "reaction" && item.context.postId === postId;
  const [confirmed, setConfirmed] = useState<ReactionState>(initial);
  const [taps, setTaps] = useState<Tap[]>([]);
  const [error, setError] = useState<string | null>(null);
  const queued = useOutbox(ofThisPost);
  useOutboxSent((item, result) => {
    if (ofThisPost(item)) setConfirmed(result as ReactionState);
  });
  const state = taps.reduce((shown, tap) => wish(shown, tap.kind, tap.on), withQueued(confirmed, queued));

  async function toggle(kind: ReactionKind) {
    const tap: Tap = { kind, on: !state.my_reactions.includes(kind) };
    setError(null);
    setTaps((all) => [...all, tap]);
    try {
      await setReaction(postId, kind, tap.on); // in the outbox (and its list) once this resolves
    } catch (e) {
      setError(errorMessage(e)); // not even stored on the phone (no login, no storage)
    } finally {
      setTaps((all) => all.filter((t) => t !== tap));
    }
  }

  return (
    <div class="reactions-block">
      <div class="reactions" role="group" aria-label={t("news.reactions")}>
        {REACTION_KINDS.map((kind) => {
          const count = state.reactions[kind] ?? 0;
          const waiting = queued.some((item) => item.context.reaction === kind && item.state !== "failed");
          return (
            <button
              key={kind}
              type="button"
              class={waiting ? "reaction pending-reaction" : "reaction"}
              data-testid={`reaction-${kind}`}
              data-pending={waiting || undefined}
              aria-pressed={state.my_reactions.includes(kind)}
              onClick={() => void toggle(kind)}
            >
              <span aria-hidden="true">{EMOJI[kind]}</span>
              <span class="visually-hidden">{t(`news.reaction.${kind}` as MessageKey)}</span>
              <span class="reaction__count">{count}</span>
              {waiting && <span class="visually-hidden">{t("outbox.state.waiting")}</span>}
            </button>
          );
        })}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {queued
        .filter((item) => item.state === "failed")
        .map((item) => (
          <div key={item.id} class="pending" data-testid="pending-reaction" data-outbox-id={item.id}>
            <p>{preview(item)}</p>
            <OutboxStatus item={item} />
          </div>
        ))}
    </div>
  );
}

/** The server's state with the wishes not sent yet laid over it (oldest first, as they go out). */
function withQueued(state: ReactionState, queued: StoredOutboxItem[]): ReactionState {
  return queued.reduce((shown, item) => {
    const kind = item.context.reaction as ReactionKind | undefined;
    if (!kind || item.state === "failed") return shown;
    return wish(shown, kind, item.method === "PUT");
  }, state);
}

/** `state` with `kind` on or off; unchanged when it already is (a wish the answer includes). */
function wish(state: ReactionState, kind: ReactionKind, on: boolean): ReactionState {
  if (state.my_reactions.includes(kind) === on) return state;
  const count = Math.max(0, (state.reactions[kind] ?? 0) + (on ? 1 : -1));
  return {
    reactions: { ...state.reactions, [kind]: count },
    my_reactions: on ? [...state.my_reactions, kind] : state.my_reactions.filter((k) => k !== kind),
  };
}
