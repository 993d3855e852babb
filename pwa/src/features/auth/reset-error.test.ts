import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { setLocale, t } from "../../lib/i18n";
import { resetProblem } from "./reset-error";

describe("resetProblem", () => {
  it("tells a wrong code from a used or expired one, at the field and by the button", () => {
    for (const locale of ["nl", "en"] as const) {
      setLocale(locale);
      expect(resetProblem(new ApiError(400, "Unknown code"))).toEqual({
        code: t("reset.codeWrong"),
        summary: t("reset.codeWrong"),
      });
      expect(resetProblem(new ApiError(410, "Used"))).toEqual({ code: t("reset.codeUsed"), summary: t("reset.codeUsed") });
    }
    setLocale("nl");
    expect(t("reset.codeUsed")).toMatch(/al gebruikt of verlopen/);
  });

  it("says how long to wait when guessing was rate limited, and when the phone is offline", () => {
    setLocale("nl");
    expect(resetProblem(new ApiError(429, "Too many", { retryAfter: 600 }))).toEqual({
      code: null,
      summary: t("error.tooManyAttempts", { minutes: 10 }),
    });
    expect(resetProblem(new ApiError(0, "timeout")).summary).toBe(t("error.offline"));
  });
});
