/** Calls for logging in, joining with an invite, and the current user (`/me`). */
import { api, type JsonBody, type JsonResponse } from "../../api/client";
import type { Locale } from "../../lib/i18n";
import { userIdOfToken } from "../../lib/outbox/owner";
import { clearOutbox } from "../outbox/outbox";
import { session, type Me } from "../../lib/session";

export type { Me };
export type TokenResponse = JsonResponse<"/api/v1/auth/token", "post">;
export type Invite = JsonResponse<"/api/v1/auth/invites/{code}", "get">;
export type JoinRequest = JsonBody<"/api/v1/auth/join", "post">;
export type MeUpdate = JsonBody<"/api/v1/me", "patch">;

/** OAuth2 password flow: form fields, not JSON. Stores the tokens on success. */
export async function login(username: string, password: string): Promise<void> {
  const pair = await api.post<TokenResponse>("/auth/token", {
    form: { username, password },
    auth: false,
  });
  session.save(pair);
}

export function getInvite(code: string): Promise<Invite> {
  return api.get<Invite>(`/auth/invites/${encodeURIComponent(code)}`, { auth: false });
}

/** Create the account (201 with a token pair) and store the tokens. */
export async function join(data: JoinRequest): Promise<void> {
  const pair = await api.post<JsonResponse<"/api/v1/auth/join", "post", 201>>("/auth/join", {
    json: data,
    auth: false,
  });
  session.save(pair);
}

/**
 * `POST /api/v1/auth/reset` (API.md "Team and organisation"): a sign-in code from a manager and
 * a new password give a token pair; every earlier login of that account ends. 400 wrong code,
 * 410 used or expired, 429 too many tries.
 */
export async function resetPassword(code: string, password: string): Promise<void> {
  const pair = await api.post<TokenResponse>("/auth/reset", { json: { code, password }, auth: false });
  // Someone else's login on this (shared) phone ends first, and their unsent outbox with it:
  // it must never go out under this account.
  const current = userIdOfToken(session.getAccess());
  if (session.isLoggedIn() && current !== userIdOfToken(pair.access_token)) await logout();
  session.save(pair);
}

/**
 * Revoke the login on the server if we can reach it; the device forgets it either way, and its
 * unsent outbox too: on a shared shop phone one person's queued posts must never go out as the
 * next person's. (A login lost by a refused refresh keeps the outbox for the same person.)
 */
export async function logout(): Promise<void> {
  try {
    if (session.getAccess()) await api.post<void>("/auth/logout", { timeoutMs: 5000 });
  } catch {
    // Offline or already revoked: the tokens die with their expiry; clear locally regardless.
  } finally {
    await clearOutbox();
    session.clear();
  }
}

export async function getMe(): Promise<Me> {
  const me = await api.get<Me>("/me");
  session.cacheMe(me);
  return me;
}

export async function updateMe(changes: MeUpdate): Promise<Me> {
  const me = await api.patch<Me>("/me", { json: changes });
  session.cacheMe(me);
  return me;
}

export function updateLocale(locale: Locale): Promise<Me> {
  return updateMe({ locale });
}
