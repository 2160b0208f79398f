/**
 * Maximum bipartite matching (augmenting paths, Kuhn's algorithm). QROCM-dep needs it: with
 * interchangeable fields, a greedy "first group that fits" can take the only group another field
 * could use and refuse a right answer. Sizes are tiny (≤ 6 fields, ≤ 12 groups).
 */

/** For each left item, the right item it is matched with in one maximum matching, or undefined. */
export function maximumMatching(left: number, right: number, fits: (l: number, r: number) => boolean): Array<number | undefined> {
  const ownerOfRight: Array<number | undefined> = new Array(right).fill(undefined);
  const tryAssign = (l: number, visited: boolean[]): boolean => {
    for (let r = 0; r < right; r++) {
      if (visited[r] || !fits(l, r)) continue;
      visited[r] = true;
      const owner = ownerOfRight[r];
      if (owner === undefined || tryAssign(owner, visited)) {
        ownerOfRight[r] = l;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < left; l++) tryAssign(l, new Array(right).fill(false));
  const matchOfLeft: Array<number | undefined> = new Array(left).fill(undefined);
  ownerOfRight.forEach((l, r) => {
    if (l !== undefined) matchOfLeft[l] = r;
  });
  return matchOfLeft;
}

export function hasPerfectMatching(left: number, right: number, fits: (l: number, r: number) => boolean): boolean {
  return maximumMatching(left, right, fits).every((r) => r !== undefined);
}
