import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import {
  checkRegionName,
  checkStore,
  COMMON_TIME_ZONES,
  normaliseCode,
  refusal,
  regionFromQuery,
  regionToQuery,
  storesQuery,
  timeZoneChoices,
  timeZoneLabel,
} from "./org-form";

const JANUARY = Date.UTC(2026, 0, 15, 12);
const JULY = Date.UTC(2026, 6, 15, 12);

describe("time zones", () => {
  it("offers the common European zones, and a store's own zone first when it is another", () => {
    expect(timeZoneChoices("Europe/Brussels")).toEqual([...COMMON_TIME_ZONES]);
    expect(timeZoneChoices(null)).toContain("Europe/Amsterdam");
    expect(timeZoneChoices(null)).toContain("Europe/London");
    const choices = timeZoneChoices("America/Curacao");
    expect(choices[0]).toBe("America/Curacao");
    expect(choices).toHaveLength(COMMON_TIME_ZONES.length + 1);
  });

  it("names each zone with its offset on the day, summer time included", () => {
    expect(timeZoneLabel("Europe/Amsterdam", "en", JANUARY)).toBe("Europe/Amsterdam (GMT+1)");
    expect(timeZoneLabel("Europe/Amsterdam", "en", JULY)).toBe("Europe/Amsterdam (GMT+2)");
    // ICU versions differ on zero: "GMT" or "GMT+0".
    expect(timeZoneLabel("Europe/London", "en", JANUARY)).toMatch(/^Europe\/London \(GMT(\+0)?\)$/);
    expect(timeZoneLabel("Not/AZone", "nl", JANUARY)).toBe("Not/AZone");
  });
});

describe("checks before sending", () => {
  const good = { code: " ams-01 ", name: "Amsterdam Centrum", regionId: 3 };

  it("accepts a new store the server would accept, the code in upper case", () => {
    expect(checkStore(good, true)).toEqual({});
    expect(normaliseCode(good.code)).toBe("AMS-01");
  });

  it("names each missing or malformed field", () => {
    expect(checkStore({ code: "", name: " ", regionId: null }, true)).toEqual({
      code: "org.store.codeRequired",
      name: "org.store.nameRequired",
      region_id: "org.store.regionRequired",
    });
    expect(checkStore({ ...good, code: "A" }, true)).toEqual({ code: "org.store.codeFormat" });
    expect(checkStore({ ...good, code: "-AB" }, true)).toEqual({ code: "org.store.codeFormat" });
    expect(checkStore({ ...good, code: "A".repeat(21) }, true)).toEqual({ code: "org.store.codeFormat" });
    expect(checkStore({ ...good, code: "AB_1" }, true)).toEqual({ code: "org.store.codeFormat" });
  });

  it("never checks the code of an existing store: it cannot change", () => {
    expect(checkStore({ ...good, code: "" }, false)).toEqual({});
  });

  it("wants a region name", () => {
    expect(checkRegionName("  ")).toBe("org.region.nameRequired");
    expect(checkRegionName("Noord")).toBeNull();
  });
});

describe("where a refusal is shown", () => {
  const fields = ["code", "name", "region_id", "timezone"] as const;

  it("puts a 409 next to the field whose value is taken, in the server's words", () => {
    const taken = new ApiError(409, "A store with code 'AMS-01' already exists", { code: "store_exists" });
    expect(refusal(taken, fields, "code")).toEqual({
      fields: { code: "A store with code 'AMS-01' already exists" },
      form: null,
    });
    expect(refusal(taken, fields, null)).toEqual({ fields: {}, form: "A store with code 'AMS-01' already exists" });
  });

  it("puts a 422's messages next to their fields, and the rest on the form", () => {
    const invalid = new ApiError(422, "", {
      fieldErrors: [
        { field: "timezone", message: "Value error, 'Mars/Base' is not an IANA time zone", loc: ["body", "timezone"] },
        { field: "region_id", message: "Region 9 does not exist", loc: ["body", "region_id"] },
        { field: "extra", message: "Extra inputs are not permitted", loc: ["body", "extra"] },
      ],
    });
    expect(refusal(invalid, fields, "code")).toEqual({
      fields: {
        timezone: "Value error, 'Mars/Base' is not an IANA time zone",
        region_id: "Region 9 does not exist",
      },
      form: "Extra inputs are not permitted",
    });
  });

  it("shows other failures on the form, and nothing for a 401", () => {
    expect(refusal(new ApiError(403, "Only headquarters can change regions and stores"), fields, "code")).toEqual({
      fields: {},
      form: "Only headquarters can change regions and stores",
    });
    expect(refusal(new ApiError(401, "expired"), fields, "code")).toEqual({ fields: {}, form: null });
  });
});

describe("the list request and the address", () => {
  it("asks for one region's stores, or every store", () => {
    expect(storesQuery(3, null).toString()).toBe("limit=50&region_id=3");
    expect(storesQuery(null, "abc", 20).toString()).toBe("limit=20&cursor=abc");
  });

  it("reads what it wrote and drops what is no region id", () => {
    expect(regionFromQuery(regionToQuery(12))).toBe(12);
    expect(regionToQuery(null).toString()).toBe("");
    for (const bad of ["region=0", "region=-3", "region=x", "region=1.5", ""]) {
      expect(regionFromQuery(new URLSearchParams(bad))).toBeNull();
    }
  });
});
