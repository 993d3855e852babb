import { useRef, useState } from "preact/hooks";
import { t } from "../../../lib/i18n";
import type { Region, Store } from "./org-api";
import { StoreForm } from "./StoreForm";

interface Props {
  store: Store;
  /** Every region, for the name of the store's and for moving it; null while loading. */
  regions: Region[] | null;
  onChanged: (store: Store) => void;
}

/** One store: code, region and time zone, and its name, region and time zone changed in place. */
export function StoreRow({ store, regions, onChanged }: Props) {
  const [changing, setChanging] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const regionName =
    regions?.find((r) => r.id === store.region_id)?.name ?? t("org.store.unknownRegion", { id: store.region_id });

  function close() {
    setChanging(false);
    requestAnimationFrame(() => opener.current?.focus());
  }

  return (
    <li class="item-card org-row" data-testid="store-row" data-id={store.id}>
      <h3 class="item-card__title" data-testid="store-name">
        {store.name}
      </h3>
      <dl class="details">
        <div>
          <dt>{t("org.store.code")}</dt>
          <dd data-testid="store-code" translate={false}>
            {store.code}
          </dd>
        </div>
        <div>
          <dt>{t("org.store.region")}</dt>
          <dd data-testid="store-region">{regionName}</dd>
        </div>
        <div>
          <dt>{t("org.store.timezone")}</dt>
          <dd data-testid="store-timezone" translate={false}>
            {store.timezone}
          </dd>
        </div>
      </dl>
      {changing && regions ? (
        <StoreForm
          store={store}
          regions={regions}
          onCancel={close}
          onSaved={(saved) => {
            onChanged(saved);
            close();
          }}
        />
      ) : (
        <div class="actions">
          <button
            ref={opener}
            type="button"
            class="btn btn--secondary"
            data-testid="store-change"
            disabled={!regions}
            onClick={() => setChanging(true)}
          >
            {t("org.store.change")}
            <span class="visually-hidden">: {store.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
