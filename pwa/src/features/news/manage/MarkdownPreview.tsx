import { t } from "../../../lib/i18n";
import { parseMarkdown, type Inline } from "./markdown-preview";

function text(parts: Inline[]) {
  return parts.map((part, i) =>
    part.kind === "strong" ? (
      <strong key={i}>{part.text}</strong>
    ) : part.kind === "em" ? (
      <em key={i}>{part.text}</em>
    ) : (
      part.text
    ),
  );
}

/** The composer's preview, built from text nodes only (see markdown-preview.ts). */
export function MarkdownPreview({ source, testId }: { source: string; testId?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <div class="prose preview" data-testid={testId}>
      {blocks.length === 0 && <p class="muted">{t("compose.previewEmpty")}</p>}
      {blocks.map((block, i) => {
        switch (block.kind) {
          case "p":
            return (
              <p key={i}>
                {text(block.content)}
              </p>
            );
          case "h": {
            const Heading = `h${block.level}` as "h2" | "h3" | "h4";
            return (
              <Heading key={i}>
                {text(block.content)}
              </Heading>
            );
          }
          default: {
            const List = block.kind;
            return (
              <List key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    {text(item)}
                  </li>
                ))}
              </List>
            );
          }
        }
      })}
    </div>
  );
}
