import { describe, expect, it } from "vitest";
import { excerpt } from "./excerpt";

describe("excerpt", () => {
  it("drops Markdown marks and keeps the words", () => {
    const body = "# Nieuwe kassa\n\nVanaf **maandag** werkt de _nieuwe_ kassa.\n\n- Lees de [handleiding](https://x.nl)\n- Vraag het Sam";
    expect(excerpt(body)).toBe("Nieuwe kassa Vanaf maandag werkt de nieuwe kassa. Lees de handleiding Vraag het Sam");
  });

  it("keeps underscores inside words and leaves images out", () => {
    expect(excerpt("Zie ![foto](/m/1.png) order_id *nu*")).toBe("Zie order_id nu");
  });

  it("cuts long text at a word boundary with an ellipsis", () => {
    const result = excerpt("woord ".repeat(50), 30);
    expect(result.endsWith("woord…")).toBe(true);
    expect(result.length).toBeLessThanOrEqual(31);
  });
});
