/**
 * A tiny Markdown reader for the composer's preview: paragraphs, headings, lists, **bold** and
 * *italic*. It returns data, not HTML, so the preview is built from text nodes and can never
 * run what someone typed. The server's renderer (body_html) stays the one that readers see.
 */

export interface Inline {
  kind: "text" | "strong" | "em";
  text: string;
}

export type Block =
  | { kind: "p"; content: Inline[] }
  | { kind: "h"; level: 2 | 3 | 4; content: Inline[] }
  | { kind: "ul" | "ol"; items: Inline[][] };

const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$/;
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const EMPHASIS = /\*\*(?=\S)(.+?)\*\*|__(?=\S)(.+?)__|\*(?=[^\s*])(.+?)\*|(?<![\p{L}\p{N}_])_(?=\S)(.+?)_(?![\p{L}\p{N}_])/gu;

export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    if (match.index > last) result.push({ kind: "text", text: text.slice(last, match.index) });
    const strong = match[1] ?? match[2];
    result.push(strong !== undefined ? { kind: "strong", text: strong } : { kind: "em", text: match[3] ?? match[4] ?? "" });
    last = match.index + match[0].length;
  }
  if (last < text.length) result.push({ kind: "text", text: text.slice(last) });
  return result;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  // The cast stops TypeScript narrowing it to null: it cannot see endList() changing it.
  let list = null as { kind: "ul" | "ol"; items: string[] } | null;

  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: "p", content: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ kind: list.kind, items: list.items.map(parseInline) });
    list = null;
  };

  for (const line of source.replace(/\r\n?/g, "\n").split("\n")) {
    if (!line.trim()) {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      // The page title is the h1, so a post's own headings start one level lower.
      const level = Math.min(4, (heading[1]?.length ?? 1) + 1) as 2 | 3 | 4;
      blocks.push({ kind: "h", level, content: parseInline(heading[2] ?? "") });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endParagraph();
      const kind = bullet ? "ul" : "ol";
      if (!list || list.kind !== kind) {
        endList();
        list = { kind, items: [] };
      }
      list.items.push(item[1] ?? "");
      continue;
    }
    if (list && list.items.length > 0 && paragraph.length === 0) {
      // A line right under an item continues it (Markdown's "lazy continuation").
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return blocks;
}
