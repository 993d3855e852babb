import type { AnchorHTMLAttributes, ComponentChildren } from "preact";
import { followLink } from "../lib/router";

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren };

/** An <a> that routes inside the app without a page load. */
export function Link({ children, ...props }: Props) {
  return (
    <a {...props} onClick={followLink}>
      {children}
    </a>
  );
}
