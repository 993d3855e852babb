import { describe, expect, it } from "vitest";
import { filterFromQuery, filterToQuery, isFiltered, usersQuery, type TeamFilter } from "./team-filter";

const none: TeamFilter = { q: "", role: null, status: "active", regionId: null, storeId: null };

describe("team filter", () => {
  it("reads what it wrote, and drops what it does not know", () => {
    const filter: TeamFilter = { q: "sam", role: "staff", status: "inactive", regionId: 3, storeId: 12 };
    expect(filterFromQuery(filterToQuery(filter))).toEqual(filter);
    expect(filterFromQuery(new URLSearchParams("role=boss&status=gone&store=-1&region=x"))).toEqual(none);
    expect(filterToQuery(none).toString()).toBe("");
  });

  it("asks a manager's list for their own store whatever the address says", () => {
    const query = usersQuery({ ...none, storeId: 99, regionId: 4 }, 7, null);
    expect(query.get("store_id")).toBe("7");
    expect(query.has("region_id")).toBe(false);
    expect(query.get("active")).toBe("true");
  });

  it("asks head office's list for the chosen store, else the region, else everyone", () => {
    expect(usersQuery({ ...none, storeId: 12, regionId: 3 }, null, null).get("store_id")).toBe("12");
    const region = usersQuery({ ...none, regionId: 3 }, null, null);
    expect(region.get("region_id")).toBe("3");
    expect(region.has("store_id")).toBe(false);
    const chain = usersQuery({ ...none, status: "all" }, null, "abc");
    expect([...chain.keys()].sort()).toEqual(["cursor", "limit"]);
  });

  it("sends the search, role and status", () => {
    const query = usersQuery({ ...none, q: "  sam ", role: "store_manager", status: "inactive" }, 7, null, 20);
    expect(query.toString()).toBe("limit=20&store_id=7&q=sam&role=store_manager&active=false");
  });

  it("knows when the list is narrowed", () => {
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, q: " " })).toBe(false);
    expect(isFiltered({ ...none, status: "all" })).toBe(true);
    expect(isFiltered({ ...none, role: "staff" })).toBe(true);
  });
});
