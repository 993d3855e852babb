/**
 * Whose login an access token is: its `sub` claim, read without checking the signature (the
 * server checks it; here it only decides which queued items belong to the token's user).
 */
import { base64urlToBytes } from "../base64url";

export function userIdOfToken(token: string | null | undefined): number | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(base64urlToBytes(payload))) as { sub?: unknown };
    const id = Number(claims.sub);
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}
