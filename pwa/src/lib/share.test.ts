import { describe, expect, it, vi } from "vitest";
import { copyText, shareOrCopy, shareWay, type ShareNavigator } from "./share";

const data = { title: "Uitnodiging", text: "Code: 7KQ2M-X9D4P", url: "https://w.example/join/7KQ2M-X9D4P" };

describe("shareWay", () => {
  it("prefers the share sheet, then the clipboard, then copying by hand", () => {
    const share = () => Promise.resolve();
    const writeText = () => Promise.resolve();
    expect(shareWay({ share, clipboard: { writeText } }, data)).toBe("share");
    expect(shareWay({ clipboard: { writeText } }, data)).toBe("copy");
    expect(shareWay({}, data)).toBe("manual");
    expect(shareWay({ clipboard: {} }, data)).toBe("manual");
  });

  it("skips a share sheet that says it cannot share this", () => {
    const nav: ShareNavigator = {
      share: () => Promise.resolve(),
      canShare: () => false,
      clipboard: { writeText: () => Promise.resolve() },
    };
    expect(shareWay(nav, data)).toBe("copy");
  });
});

describe("shareOrCopy", () => {
  it("shares title, text and link through the share sheet", async () => {
    const share = vi.fn(() => Promise.resolve());
    const writeText = vi.fn(() => Promise.resolve());
    expect(await shareOrCopy({ share, clipboard: { writeText } }, data)).toBe("shared");
    expect(share).toHaveBeenCalledWith(data);
    expect(writeText).not.toHaveBeenCalled();
  });

  it("does nothing more when the person closes the share sheet", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const nav: ShareNavigator = {
      share: () => Promise.reject(new DOMException("closed", "AbortError")),
      clipboard: { writeText },
    };
    expect(await shareOrCopy(nav, data)).toBe("cancelled");
    expect(writeText).not.toHaveBeenCalled();
  });

  it("copies the text and link when the share sheet fails or is missing", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const failing: ShareNavigator = {
      share: () => Promise.reject(new DOMException("no targets", "NotAllowedError")),
      clipboard: { writeText },
    };
    expect(await shareOrCopy(failing, data)).toBe("copied");
    expect(await shareOrCopy({ clipboard: { writeText } }, data)).toBe("copied");
    expect(writeText).toHaveBeenCalledWith(copyText(data));
    expect(copyText(data)).toBe("Code: 7KQ2M-X9D4P\nhttps://w.example/join/7KQ2M-X9D4P");
  });

  it("asks to copy by hand when the clipboard refuses too", async () => {
    const nav: ShareNavigator = { clipboard: { writeText: () => Promise.reject(new Error("denied")) } };
    expect(await shareOrCopy(nav, data)).toBe("manual");
    expect(await shareOrCopy({ share: () => Promise.reject(new TypeError("x")) }, data)).toBe("manual");
  });

  it("asks to copy by hand when the browser offers neither way", async () => {
    expect(await shareOrCopy({}, data)).toBe("manual");
  });

  it("copies without opening a share sheet that says it cannot share this", async () => {
    const share = vi.fn(() => Promise.resolve());
    const writeText = vi.fn(() => Promise.resolve());
    expect(await shareOrCopy({ share, canShare: () => false, clipboard: { writeText } }, data)).toBe("copied");
    expect(share).not.toHaveBeenCalled();
    expect(writeText).toHaveBeenCalledWith(copyText(data));
  });
});
