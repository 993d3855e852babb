/** Calls only the team screens need: the people of a store, one person, and what is done to them. */
import { api, type JsonBody, type JsonResponse } from "../../../api/client";
import type { CursorPage } from "../../../ui/paged-list";
import { getAllRegions, getAllStores, type Region, type Store } from "../../news/manage/manage-api";
import { usersQuery, type TeamFilter } from "./team-filter";

/**
 * A person: as `GET /api/v1/users/{id}` shows them, and with `shifts_this_week` when the team
 * list (`GET /api/v1/users`) showed them (see `listed` below).
 */
export type Person = JsonResponse<"/api/v1/users/{user_id}", "get"> & {
  shifts_this_week?: number | null;
};
export type { Region, Store };
export type PersonUpdate = JsonBody<"/api/v1/users/{user_id}", "patch">;

/** `POST /api/v1/users/{id}/sign-in-code`: one use, 24 hours; its url opens /reset/<code>. */
export type SignInCode = JsonResponse<"/api/v1/users/{user_id}/sign-in-code", "post", 201>;

/**
 * People as the list last showed them: a person's page opens with them at once, and keeps the
 * list-only field (`shifts_this_week`) that `GET /users/{id}` does not carry.
 */
const listed = new Map<number, Person>();

export function listPeople(
  filter: TeamFilter,
  ownStoreId: number | null,
  cursor: string | null,
): Promise<CursorPage<Person>> {
  return api.get<CursorPage<Person>>(`/users?${usersQuery(filter, ownStoreId, cursor).toString()}`).then((page) => {
    for (const person of page.items) listed.set(person.id, person);
    return page;
  });
}

export function listedPerson(id: number): Person | null {
  return listed.get(id) ?? null;
}

export async function getPerson(id: number): Promise<Person> {
  const person = await api.get<Person>(`/users/${id}`);
  const known = listed.get(id);
  return known ? { ...known, ...person } : person;
}

/** Every login ends at once, devices get no more pushes; what they wrote stays. */
export function deactivate(id: number): Promise<void> {
  return api.post<void>(`/users/${id}/deactivate`);
}

/** The account works again; logins ended by the deactivation stay ended. */
export function reactivate(id: number): Promise<void> {
  return api.post<void>(`/users/${id}/reactivate`);
}

export function makeSignInCode(id: number): Promise<SignInCode> {
  return api.post<SignInCode>(`/users/${id}/sign-in-code`);
}

export function updatePerson(id: number, changes: PersonUpdate): Promise<Person> {
  return api.patch<Person>(`/users/${id}`, { json: changes });
}

/** The chain's stores and regions, for the filters and the home-store choice: read once per visit. */
let stores: Promise<Store[]> | null = null;
let regions: Promise<Region[]> | null = null;

function remembered<T>(load: () => Promise<T[]>, forget: () => void): Promise<T[]> {
  return load().catch((error: unknown) => {
    forget(); // try again next time
    throw error;
  });
}

export function getStores(): Promise<Store[]> {
  stores ??= remembered(
    () => getAllStores().then((list) => [...list].sort((a, b) => a.name.localeCompare(b.name))),
    () => (stores = null),
  );
  return stores;
}

export function getRegions(): Promise<Region[]> {
  regions ??= remembered(
    () => getAllRegions().then((list) => [...list].sort((a, b) => a.name.localeCompare(b.name))),
    () => (regions = null),
  );
  return regions;
}

/** A store or region was made or changed (features/org): read both lists again next time. */
export function forgetStoresAndRegions(): void {
  stores = null;
  regions = null;
}
