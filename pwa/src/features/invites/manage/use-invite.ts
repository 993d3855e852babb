import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { findInvite, type Invite } from "./invites-api";

export interface InviteState {
  invite: Invite | null;
  loading: boolean;
  /** Not there for this person (another store's, or no such invite). */
  missing: boolean;
  forbidden: boolean;
  error: string | null;
  retry(): void;
}

/** One invite for the detail and poster screens (see findInvite for how it is looked up). */
export function useInvite(id: number): InviteState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<InviteState, "retry">>({
    invite: null,
    loading: true,
    missing: false,
    forbidden: false,
    error: null,
  });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    findInvite(id).then(
      (invite) => live && setState({ invite, loading: false, missing: invite === null, forbidden: false, error: null }),
      (e: unknown) => {
        if (!live) return;
        const forbidden = e instanceof ApiError && e.status === 403;
        const quiet = forbidden || (e instanceof ApiError && e.status === 401);
        setState({ invite: null, loading: false, missing: false, forbidden, error: quiet ? null : errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
