import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { getMe, type Me } from "./auth-api";
import { session } from "../../lib/session";

/**
 * The signed-in person for screens that only need their id and role: the cached answer at
 * once (also offline), fetched when there is none yet, and updated whenever /me is loaded
 * again (a role or expert category changed) or the person logs out.
 */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(() => session.getCachedMe());
  useEffect(() => {
    const stop = session.onMeChange(setMe);
    setMe(session.getCachedMe()); // an answer that came in before this subscribed
    return stop;
  }, []);
  useEffect(() => {
    if (me || !session.isLoggedIn()) return;
    getMe().then(setMe, (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      // Offline or logged out (the client sends 401s to /login): nothing to show yet.
    });
  }, []);
  return me;
}
