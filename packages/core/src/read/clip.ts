/**
 * Cuts user-given names and paths (archive member names, XML names, XPaths) to a length that
 * reports can carry, with a visible mark saying how much was cut: a 1 MB member name must not
 * make a JSON, SARIF or JUnit report exceed what a reader of it can hold.
 */

/** Characters kept of a name (an archive member, an XML element) in a report. */
export const NAME_CHARS = 256;
/** Characters kept of an XPath in a report. */
export const XPATH_CHARS = 2048;

/**
 * `text` when it has at most `max` characters; otherwise its first `max` characters, then
 * `…[+N]` where N counts the characters cut. A surrogate pair is never split.
 */
export function clip(text: string, max: number = NAME_CHARS): string {
  if (text.length <= max) return text;
  let keep = max;
  const c = text.charCodeAt(keep - 1);
  if (c >= 0xd800 && c <= 0xdbff) keep--;
  return `${text.slice(0, keep)}…[+${text.length - keep}]`;
}
