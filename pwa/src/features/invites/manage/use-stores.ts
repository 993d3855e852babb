import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { t } from "../../../lib/i18n";
import type { Me } from "../../../lib/session";
import { getAllStores, type Store } from "../../news/manage/manage-api";

export type { Store };

export interface Stores {
  /** Every store by name (head office and admins); null while loading or for a manager. */
  list: Store[] | null;
  error: string | null;
  /** A store's name for showing: the manager's own from /me, else from the list. */
  name(id: number | null): string;
}

/** The stores head office chooses from and that invites name; a manager needs only their own. */
export function useStores(me: Me | null, wanted: boolean): Stores {
  const [list, setList] = useState<Store[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    getAllStores().then(
      (stores) => setList([...stores].sort((a, b) => a.name.localeCompare(b.name))),
      (e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
      },
    );
  }, [wanted]);
  return {
    list,
    error,
    name(id) {
      if (id === null) return t("invites.noStore");
      if (me?.store && me.store.id === id) return me.store.name;
      return list?.find((store) => store.id === id)?.name ?? t("invites.storeNumber", { id });
    },
  };
}
