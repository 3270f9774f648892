/**
 * A URL or path without its trailing slashes, in one backward pass. Not `/\/+$/`: a regex
 * engine retries that from every slash of a long run that is not at the end, which is
 * quadratic on text a server or a pasted token controls.
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end -= 1;
  return text.slice(0, end);
}
