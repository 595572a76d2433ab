/**
 * The inline Markdown the rule texts use (`**strong**`, `*emphasis*`, `` `code` ``,
 * `[text](https://…)`), read into tokens that the page renders as elements: no HTML is ever
 * built from the text, so a rule text cannot inject markup.
 */

/** A piece of inline text. */
export type InlineToken = { kind: 'text'; text: string } | { kind: 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };

// Order matters: code first (its content is literal), then links, strong, emphasis.
const INLINE = /`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])/g;

/** Reads inline Markdown into tokens; anything that is not markup is text, as written. */
export function parseInline(source: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let last = 0;
  for (const match of source.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) tokens.push({ kind: 'text', text: source.slice(last, at) });
    const [, code, label, href, strong, em] = match;
    if (code !== undefined) tokens.push({ kind: 'code', text: code });
    else if (label !== undefined && href !== undefined) tokens.push({ kind: 'link', text: label, href });
    else if (strong !== undefined) tokens.push({ kind: 'strong', text: strong });
    else if (em !== undefined) tokens.push({ kind: 'em', text: em });
    last = at + match[0].length;
  }
  if (last < source.length) tokens.push({ kind: 'text', text: source.slice(last) });
  return tokens;
}
