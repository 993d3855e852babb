/** Calls only the stores-and-regions screen needs: the lists, and making and changing both. */
import { api, type JsonBody, type JsonResponse } from "../../../api/client";
import type { CursorPage } from "../../../ui/paged-list";
import { getAllRegions } from "../../news/manage/manage-api";
import { forgetStoresAndRegions } from "../../team/manage/team-api";
import { storesQuery } from "./org-form";

export type Region = JsonResponse<"/api/v1/regions/{region_id}", "patch">;
export type Store = JsonResponse<"/api/v1/stores/{store_id}", "patch">;
export type RegionCreate = JsonBody<"/api/v1/regions", "post">;
export type StoreCreate = JsonBody<"/api/v1/stores", "post">;
export type StoreUpdate = JsonBody<"/api/v1/stores/{store_id}", "patch">;

/**
 * Every region, by name: the selects need them all anyway, and a chain has tens of regions,
 * so the list on the screen is this one answer rather than pages of its own.
 */
export async function listRegions(): Promise<CursorPage<Region>> {
  const regions = await getAllRegions();
  return { items: [...regions].sort((a, b) => a.name.localeCompare(b.name)), next_cursor: null };
}

/** The stores of one region, or of the whole chain, oldest first, a page at a time. */
export function listStores(regionId: number | null, cursor: string | null): Promise<CursorPage<Store>> {
  return api.get<CursorPage<Store>>(`/stores?${storesQuery(regionId, cursor).toString()}`);
}

// The team screens keep the lists for a visit: after a change they read them again.
async function changed<T>(request: Promise<T>): Promise<T> {
  const answer = await request;
  forgetStoresAndRegions();
  return answer;
}

/** 409 when another region has the name already. */
export function createRegion(data: RegionCreate): Promise<Region> {
  return changed(api.post<Region>("/regions", { json: data }));
}

export function renameRegion(id: number, name: string): Promise<Region> {
  return changed(api.patch<Region>(`/regions/${id}`, { json: { name } }));
}

/** 409 when another store has the code already. */
export function createStore(data: StoreCreate): Promise<Store> {
  return changed(api.post<Store>("/stores", { json: data }));
}

/** Only what is sent changes; the code never does. A new time zone re-plans held notifications. */
export function changeStore(id: number, changes: StoreUpdate): Promise<Store> {
  return changed(api.patch<Store>(`/stores/${id}`, { json: changes }));
}
