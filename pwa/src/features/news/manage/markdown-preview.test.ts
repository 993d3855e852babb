import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown-preview";

describe("parseInline", () => {
  it("finds bold and italic, with stars or underscores", () => {
    expect(parseInline("a **b** c *d* __e__ _f_")).toEqual([
      { kind: "text", text: "a " },
      { kind: "strong", text: "b" },
      { kind: "text", text: " c " },
      { kind: "em", text: "d" },
      { kind: "text", text: " " },
      { kind: "strong", text: "e" },
      { kind: "text", text: " " },
      { kind: "em", text: "f" },
    ]);
  });

  it("leaves HTML, lone stars and snake_case as plain text", () => {
    expect(parseInline("<img src=x onerror=alert(1)> 2 * 3 order_id_x")).toEqual([
      { kind: "text", text: "<img src=x onerror=alert(1)> 2 * 3 order_id_x" },
    ]);
  });
});

describe("parseMarkdown", () => {
  it("splits paragraphs on blank lines and joins their lines", () => {
    expect(parseMarkdown("Een\ntwee\n\nDrie")).toEqual([
      { kind: "p", content: [{ kind: "text", text: "Een twee" }] },
      { kind: "p", content: [{ kind: "text", text: "Drie" }] },
    ]);
  });

  it("reads bullet and numbered lists, and headings one level below the page title", () => {
    const blocks = parseMarkdown("# Kop\nIntro\n- een\n- **twee**\n  verder\n1. eerst\n2) dan");
    expect(blocks).toEqual([
      { kind: "h", level: 2, content: [{ kind: "text", text: "Kop" }] },
      { kind: "p", content: [{ kind: "text", text: "Intro" }] },
      {
        kind: "ul",
        items: [[{ kind: "text", text: "een" }], [{ kind: "strong", text: "twee" }, { kind: "text", text: " verder" }]],
      },
      { kind: "ol", items: [[{ kind: "text", text: "eerst" }], [{ kind: "text", text: "dan" }]] },
    ]);
  });

  it("gives nothing for an empty body", () => {
    expect(parseMarkdown(" \n\n")).toEqual([]);
  });
});
