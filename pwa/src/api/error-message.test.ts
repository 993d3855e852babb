import { describe, expect, it } from "vitest";
import { setLocale, t } from "../lib/i18n";
import { ApiError } from "./client";
import { errorMessage } from "./error-message";

describe("errorMessage", () => {
  it("says what known codes mean in the person's language, in both languages", () => {
    for (const locale of ["nl", "en"] as const) {
      setLocale(locale);
      const reused = new ApiError(422, "This Idempotency-Key was used for a different request.", { code: "idempotency_key_reused" });
      expect(errorMessage(reused)).toBe(t("error.alreadySent"));
      expect(errorMessage(new ApiError(410, "gone", { code: "idempotency_original_gone" }))).toBe(t("error.originalGone"));
      expect(errorMessage(new ApiError(413, "The request body is larger than 192 KB", { code: "too_large" }))).toBe(
        t("error.tooLarge"),
      );
    }
    setLocale("nl");
    expect(t("error.alreadySent")).toMatch(/al verstuurd/);
  });

  it("shows the server's words for other refusals", () => {
    expect(errorMessage(new ApiError(409, "That username is taken", { code: "conflict" }))).toBe("That username is taken");
  });
});
