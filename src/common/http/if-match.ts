/**
 * If-Match (RFC 9110 13.1.1): `*` matches any current representation; otherwise one of the listed tags
 * must equal the current ETag by the strong comparison, so a weak tag (`W/"..."`) never matches. An
 * absent header always holds.
 */
export function ifMatchHolds(ifMatch: string | undefined, current: string): boolean {
  if (ifMatch === undefined) return true;
  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current);
}
