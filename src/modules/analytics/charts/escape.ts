/**
 * Escaping for the SVG we build as strings. Every text node and attribute value goes through
 * `escapeXml`, so a hostile label (a branch or service name from data) cannot open a tag or break
 * out of an attribute. Characters XML 1.0 forbids (C0 controls other than tab, LF and CR, lone
 * surrogates, U+FFFE/U+FFFF) are dropped first, since even escaped they make the document
 * ill-formed and the browser would show nothing.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching the forbidden controls is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * An id usable in `id="…"` and `url(#…)`: letters, digits, `-` and `_`, starting with a letter.
 * Chart ids come from code, but a stray space or `#` would silently break the references.
 */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]+/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}
