/** Compares two release ids (`3.8.0` < `3.8.1` < `3.10.0`): negative, zero or positive. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Tells whether something valid `since` a release and `until` (exclusive) another applies at `release`. */
export function activeAt(item: { since: string; until?: string | null | undefined }, release: string): boolean {
  if (compareReleases(release, item.since) < 0) return false;
  return item.until == null || compareReleases(release, item.until) < 0;
}
