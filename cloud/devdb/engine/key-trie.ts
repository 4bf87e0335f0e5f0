/**
 * The key trie behind a secondary index. Level i of the trie holds the values of the index's
 * i-th field; a node keeps the ids of every document below it, so equality on the first k fields
 * is one walk down k levels, and a node's children sorted by value (BSON order) let the planner
 * read the next field in key order (sort + limit stops early) or within a range (binary search).
 *
 * The sorted list of a node's children is built on the first ordered read and from then on kept
 * up to date by binary-search insert/remove, so mixed reads and writes never re-sort a level.
 */
import { compareValues } from './values';

export class KeyNode {
  /** ids of every document with a key below this node */
  readonly ids = new Set<string>();
  /** children by canonical value key (values.ts valueKey); null on the last level */
  readonly children: Map<string, KeyNode> | null;
  private order: KeyNode[] | null = null;

  constructor(
    readonly value: unknown,
    leaf: boolean,
  ) {
    this.children = leaf ? null : new Map();
  }

  childOrCreate(key: string, value: unknown, leaf: boolean): KeyNode {
    const children = this.children!;
    let child = children.get(key);
    if (!child) {
      child = new KeyNode(value, leaf);
      children.set(key, child);
      if (this.order) this.order.splice(this.lowerBound(value, false), 0, child);
    }
    return child;
  }

  removeChild(key: string): void {
    const child = this.children!.get(key);
    if (!child) return;
    this.children!.delete(key);
    if (this.order) {
      let i = this.lowerBound(child.value, false);
      while (i < this.order.length && this.order[i] !== child) i++;
      if (i < this.order.length) this.order.splice(i, 1);
    }
  }

  /** Children in ascending BSON order of their value. */
  sorted(): KeyNode[] {
    if (!this.order) {
      this.order = [...(this.children?.values() ?? [])].sort((a, b) => compareValues(a.value, b.value));
    }
    return this.order;
  }

  /** Position of the first child whose value is ≥ `value` (> `value` when `strict`). */
  lowerBound(value: unknown, strict: boolean): number {
    const list = this.order ?? this.sorted();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compareValues(list[mid].value, value);
      if (c < 0 || (c === 0 && strict)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
