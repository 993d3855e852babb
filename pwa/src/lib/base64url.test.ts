import { describe, expect, it } from "vitest";
import { base64urlToBytes, bytesToBase64url } from "./base64url";

describe("base64url", () => {
  it("round-trips every byte value and every padding length", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let length = 0; length <= 256; length += 1) {
      const bytes = all.slice(0, length);
      expect(base64urlToBytes(bytesToBase64url(bytes))).toEqual(bytes);
    }
  });

  it("uses the URL-safe alphabet without padding", () => {
    const encoded = bytesToBase64url(Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe]));
    expect(encoded).toBe("-_-__g");
    expect(encoded).not.toMatch(/[+/=]/);
  });

  it("decodes a 65-byte uncompressed P-256 VAPID public key", () => {
    // The shape of GET /api/v1/push/key's public_key: 0x04 then X and Y (32 bytes each).
    const key = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : (i * 37) % 256));
    const encoded = bytesToBase64url(key);
    expect(encoded).toHaveLength(87);
    const decoded = base64urlToBytes(encoded);
    expect(decoded).toHaveLength(65);
    expect(decoded[0]).toBe(4);
    expect(decoded).toEqual(key);
  });

  it("accepts padded standard base64 input too", () => {
    expect(base64urlToBytes("aGk=")).toEqual(new TextEncoder().encode("hi"));
  });
});
