/**
 * A small, strict XML reader for the chart tests (no XML parser is among the dependencies): it
 * throws on anything not well-formed that our SVG could plausibly get wrong — unbalanced or
 * crossed tags, unquoted or duplicate attributes, a raw `<` or a bare `&` in text or attribute
 * values, unknown entities, text outside the root — and returns a tree to query.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The decoded text directly inside this element. */
  text: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<\\?[\\s\\S]*?\\?>|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|<|[^<]+`,
  'g',
);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function decode(raw: string, where: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/.test(raw)) {
    throw new Error(`bare & in ${where}: ${raw}`);
  }
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return raw.replace(ENTITY, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : named[e]!,
  );
}

export function parseXml(xml: string): XmlNode {
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  for (const m of xml.matchAll(TOKEN)) {
    const [token, close, open, attrText, selfClose] = m;
    if (token.startsWith('<!--') || token.startsWith('<?')) continue;
    if (token === '<')
      throw new Error(`malformed tag at ${m.index}: ${xml.slice(m.index, m.index + 60)}`);
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== close) throw new Error(`</${close}> closes <${top?.name}>`);
      continue;
    }
    if (open) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} on <${open}>`);
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? '', `attribute ${a[1]}`);
      }
      const node: XmlNode = { name: open, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else if (root) throw new Error('a second root element');
      else root = node;
      if (!selfClose) stack.push(node);
      continue;
    }
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (token.trim() !== '') throw new Error(`text outside the root: ${token.slice(0, 40)}`);
      continue;
    }
    parent.text += decode(token, `text of <${parent.name}>`);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element in document order. */
export function allNodes(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(bl!);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
