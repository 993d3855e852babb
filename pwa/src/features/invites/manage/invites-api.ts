/** Calls for inviting people: open invites, creating and revoking one, and the CSV imports. */
import { api, ApiError, type JsonBody, type JsonResponse } from "../../../api/client";

export type InviteCreate = JsonBody<"/api/v1/invites", "post">;
export type InvitePage = JsonResponse<"/api/v1/invites", "get">;
export type Invite = InvitePage["items"][number];

/** What POST /users/import answers per account: the account and its first sign-in code. */
export type ImportedAccount = JsonResponse<"/api/v1/users/import", "post", 201>["items"][number];

export const INVITE_PAGE_SIZE = 20;

/** Open invites, newest first: a store's, or (head office, admins) every store's when null. */
export function listInvites(storeId: number | null, cursor: string | null): Promise<InvitePage> {
  const query = new URLSearchParams({ limit: String(INVITE_PAGE_SIZE) });
  if (storeId !== null) query.set("store_id", String(storeId));
  if (cursor) query.set("cursor", cursor);
  return api.get<InvitePage>(`/invites?${query.toString()}`);
}

// Invites shown in this tab (just made, or opened from the list): the detail and the poster
// show them at once, also for an invite that is used up and so no longer in the open list.
const known = new Map<number, Invite>();

export function remember(invite: Invite): void {
  known.set(invite.id, invite);
}

export async function createInvite(data: InviteCreate): Promise<Invite> {
  const invite = await api.post<Invite>("/invites", { json: data });
  remember(invite);
  return invite;
}

export function revokeInvite(id: number): Promise<void> {
  known.delete(id);
  return api.delete<void>(`/invites/${id}`);
}

/** One invite by id, used up or not (for the detail and the poster); null when this person
 * cannot see it or it does not exist. */
export async function findInvite(id: number, { fresh = false } = {}): Promise<Invite | null> {
  const cached = known.get(id);
  if (cached && !fresh) return cached;
  try {
    const found = await api.get<Invite>(`/invites/${id}`);
    remember(found);
    return found;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function upload(file: File): FormData {
  const formData = new FormData();
  formData.set("file", file, file.name);
  return formData;
}

/** Invites from a CSV (`store_code,role,uses`): all of them, or none and a 422 per bad line. */
export async function importInvites(file: File): Promise<Invite[]> {
  const answer = await api.post<{ imported: number; items: Invite[] }>("/invites/import", {
    formData: upload(file),
    timeoutMs: 60_000,
  });
  answer.items.forEach(remember);
  return answer.items;
}

/** Accounts from a CSV (`name,username,store_code,role`), each with a one-time sign-in code. */
export async function importAccounts(file: File): Promise<ImportedAccount[]> {
  const answer = await api.post<{ items: ImportedAccount[] }>("/users/import", {
    formData: upload(file),
    timeoutMs: 60_000,
  });
  return answer.items;
}
