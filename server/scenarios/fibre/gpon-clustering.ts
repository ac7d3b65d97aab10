// Capacitated clustering of homes to GPON splitters by tree partitioning (DOMAIN.md §5.4.4): a post-order sweep of
// the trench tree from the leaves to the POP. At each node the homes still waiting for a splitter (the node's own and
// its children's open groups) are packed first-fit-decreasing into groups of at most `capacity`; the least-filled group
// stays open to merge further up, the others are closed there. Closing late keeps groups full (few splitters); packing
// by subtree keeps every group's homes on one branch, so its splitter sits at the branch point that joins them.
import type { RootedTree } from './rooted-tree.ts';

export interface HomeGroup {
  /** Tree node where the splitter goes: the deepest node that all members hang below (or on). */
  anchor: number;
  homes: number;
  /** Demand nodes and how many of their homes the group serves. */
  members: { node: number; homes: number }[];
}

export function clusterHomes(tree: RootedTree, homesAt: (node: number) => number, capacity: number): HomeGroup[] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Splitter capacity must be a positive integer, got ${capacity}`);
  const closed: HomeGroup[] = [];
  /** Open groups waiting at a node, handed up by its children (indexed by node: a Map was a third of the time). */
  const open: (HomeGroup[] | undefined)[] = new Array(tree.parent.length);
  const handUp = (x: number, group: HomeGroup) => {
    const waiting = open[tree.parent[x]];
    if (waiting) waiting.push(group);
    else open[tree.parent[x]] = [group];
  };
  for (let i = tree.order.length - 1; i >= 0; i--) {
    const x = tree.order[i];
    let own = homesAt(x);
    // A block larger than a splitter fills whole splitters at its own access point first.
    while (own >= capacity) {
      closed.push({ anchor: x, homes: capacity, members: [{ node: x, homes: capacity }] });
      own -= capacity;
    }
    const waiting = open[x];
    open[x] = undefined;
    const isRoot = tree.parent[x] < 0;
    if (own === 0 && waiting === undefined) continue;
    const items: HomeGroup[] = own > 0 ? [{ anchor: x, homes: own, members: [{ node: x, homes: own }] }] : [];
    if (waiting) for (const g of waiting) items.push(g);
    // Most tree nodes lie on a route section with one group passing through: nothing to pack, hand it up as is.
    if (items.length === 1) {
      if (isRoot) closed.push(items[0]);
      else handUp(x, items[0]);
      continue;
    }

    const bins = packFirstFitDecreasing(items, capacity, x);
    // Keep the least-filled group open (it has most room to merge further up); ties: the later-formed bin.
    let keep = -1;
    if (!isRoot) {
      keep = 0;
      for (let b = 1; b < bins.length; b++) if (bins[b].homes <= bins[keep].homes) keep = b;
    }
    bins.forEach((bin, b) => {
      if (b !== keep) closed.push(bin);
      else handUp(x, bin);
    });
  }
  return closed;
}

function packFirstFitDecreasing(items: HomeGroup[], capacity: number, at: number): HomeGroup[] {
  const sorted = [...items].sort((a, b) => b.homes - a.homes || a.anchor - b.anchor);
  const bins: { groups: HomeGroup[]; homes: number }[] = [];
  for (const item of sorted) {
    const bin = bins.find((b) => b.homes + item.homes <= capacity);
    if (bin) {
      bin.groups.push(item);
      bin.homes += item.homes;
    } else bins.push({ groups: [item], homes: item.homes });
  }
  // Open groups belong to this sweep alone, so a bin reuses its first group and appends the others' members in
  // place: copying the member lists at every merge (flatMap) made clustering quadratic in the group size.
  return bins.map((bin) => {
    const [first, ...others] = bin.groups;
    if (others.length === 0) return first;
    for (const g of others) for (const m of g.members) first.members.push(m);
    first.anchor = at;
    first.homes = bin.homes;
    return first;
  });
}
