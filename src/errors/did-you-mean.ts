// The closest of the names a mistyped one was probably meant to be: most unknown keys, flags, ids and
// commands are typing mistakes of a letter or two, or a difference of case.
import { distance } from "fastest-levenshtein";

/** The known name within a letter or two of `name` (closer for short names), or undefined. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const key = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = k.toLowerCase() === key ? 0 : distance(k.toLowerCase(), key);
    if (!best || d < best.d) best = { name: k, d };
  }
  return best && best.d <= Math.max(1, Math.min(2, Math.floor(name.length / 2))) ? best.name : undefined;
}

/** " Did you mean `x`?" for a message, or nothing. */
export function didYouMean(name: string, known: Iterable<string>, quote = (s: string) => `\`${s}\``): string {
  const like = closest(name, known);
  return like ? ` Did you mean ${quote(like)}?` : "";
}
