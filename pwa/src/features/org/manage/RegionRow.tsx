import { useRef, useState } from "preact/hooks";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import type { Region } from "./org-api";
import { RegionForm } from "./RegionForm";

interface Props {
  region: Region;
  onShowStores: () => void;
  onRenamed: (region: Region) => void;
}

/** One region: its name, its stores one tap away, and a new name in place. */
export function RegionRow({ region, onShowStores, onRenamed }: Props) {
  const [renaming, setRenaming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);

  function close() {
    setRenaming(false);
    requestAnimationFrame(() => opener.current?.focus());
  }

  return (
    <li class="item-card org-row" data-testid="region-row" data-id={region.id}>
      <h3 class="item-card__title" data-testid="region-name">
        {region.name}
      </h3>
      {renaming ? (
        <RegionForm
          region={region}
          onCancel={close}
          onSaved={(saved) => {
            onRenamed(saved);
            close();
          }}
        />
      ) : (
        <div class="actions">
          <Button variant="secondary" data-testid="region-show-stores" onClick={onShowStores}>
            {t("org.region.showStores")}
            <span class="visually-hidden">: {region.name}</span>
          </Button>
          <button
            ref={opener}
            type="button"
            class="btn btn--secondary"
            data-testid="region-rename"
            onClick={() => setRenaming(true)}
          >
            {t("org.region.rename")}
            <span class="visually-hidden">: {region.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
