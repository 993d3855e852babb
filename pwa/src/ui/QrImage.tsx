/**
 * A QR code from our own server, shown as an image: scaled to the size CSS gives it, with sharp
 * edges. As an <img> the SVG text cannot run anything, unlike SVG put into the page.
 */

interface Props {
  svg: string;
  /** What the code is for ("QR code to join Filiaal Utrecht"). */
  label: string;
  class?: string;
  testId?: string;
}

/** The server's QR code as an image that scales to the size CSS gives it, with sharp edges. */
export function QrImage({ svg, label, class: className, testId }: Props) {
  // width/height only give the aspect ratio; CSS sets the size.
  return <img class={className} src={svgDataUrl(svg)} alt={label} width={200} height={200} data-testid={testId} />;
}

/**
 * The server's QR SVG with a viewBox instead of a fixed width and height, so it scales to any
 * size (a phone held up to a screen, a poster) with sharp edges. Returned unchanged when its
 * size cannot be read.
 */
export function scalableSvg(svg: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const tag = open[0];
  if (/\bviewBox=/.test(tag)) return svg;
  const width = /\swidth="(\d+(?:\.\d+)?)"/.exec(tag)?.[1];
  const height = /\sheight="(\d+(?:\.\d+)?)"/.exec(tag)?.[1];
  if (!width || !height) return svg;
  const scalable = tag
    .replace(/\swidth="[^"]*"/, "")
    .replace(/\sheight="[^"]*"/, "")
    .replace(/^<svg\b/, `<svg viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges"`);
  return svg.slice(0, open.index) + scalable + svg.slice(open.index + tag.length);
}

/** An <img> source for an SVG (an image cannot run script, unlike SVG put into the page). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(scalableSvg(svg))}`;
}
