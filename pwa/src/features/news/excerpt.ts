/** A plain-text teaser from a Markdown body, for feed cards. */
export function excerpt(markdown: string, max = 140): string {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "") // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links keep their text
    .replace(/^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/gm, "") // block marks
    .replace(/\*\*|__|~~|`|\*/g, "")
    .replace(/(^|\W)_+|_+(?=\W|$)/g, "$1") // _emphasis_, but not snake_case
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
