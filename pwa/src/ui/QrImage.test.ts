import { describe, expect, it } from "vitest";
import { scalableSvg, svgDataUrl } from "./QrImage";

describe("scalableSvg", () => {
  const segno =
    '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" class="segno">' +
    '<path d="M2 2.5h7"/></svg>';

  it("swaps the fixed size for a viewBox so the code scales", () => {
    expect(scalableSvg(segno)).toBe(
      '<svg viewBox="0 0 132 132" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg"' +
        ' class="segno"><path d="M2 2.5h7"/></svg>',
    );
  });

  it("leaves an SVG that already scales, or whose size it cannot read, alone", () => {
    const withViewBox = '<svg viewBox="0 0 10 10" width="10" height="10"></svg>';
    expect(scalableSvg(withViewBox)).toBe(withViewBox);
    expect(scalableSvg('<svg width="100%"></svg>')).toBe('<svg width="100%"></svg>');
    expect(scalableSvg("not svg")).toBe("not svg");
  });

  it("keeps an XML declaration in front", () => {
    expect(scalableSvg('<?xml version="1.0"?>\n<svg width="8" height="8"/>')).toBe(
      '<?xml version="1.0"?>\n<svg viewBox="0 0 8 8" shape-rendering="crispEdges"/>',
    );
  });

  it("makes an image URL of it", () => {
    const url = svgDataUrl(segno);
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(url.split(",")[1] ?? "")).toBe(scalableSvg(segno));
  });
});
