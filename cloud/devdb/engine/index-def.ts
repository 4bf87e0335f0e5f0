/**
 * One secondary index: a key pattern over dotted fields, optional unique / sparse /
 * partialFilterExpression / expireAfterSeconds. Its keys live in a trie (key-trie.ts): level i
 * holds the i-th field's values, every node knows the ids below it. Unique checks and exact
 * lookups walk to a leaf; equality on the first k fields walks k levels; the planner (planner.ts)
 * reads a level in BSON order for ranges and sorts. Arrays are multikey: one key per element.
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import { KeyNode } from './key-trie';
import { readPath, valueKey } from './values';

export interface IndexSpec {
  name: string;
  key: Document;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

function expand(values: unknown[]): unknown[] {
  if (values.length === 0) return [null];
  const out: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...(v.length ? v : [undefined]));
    else out.push(v);
  }
  return out;
}

export interface IndexEntry {
  tuple: unknown[];
  keys: string[];
}

export class SecondaryIndex {
  readonly fields: string[];
  readonly root = new KeyNode(undefined, false);
  private readonly partial: Query | null;
  /** fields on which some document had an array: ranges and ordered reads must allow for it */
  readonly multikeyFields = new Set<string>();

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : null;
  }

  get name(): string {
    return this.spec.name;
  }

  /** true when some document had an array on the leading field */
  get multikey(): boolean {
    return this.multikeyFields.has(this.fields[0]);
  }

  /** The key tuples this document contributes (none when sparse/partial exclude it). */
  entries(doc: Document): IndexEntry[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => readPath(doc, f));
    perField.forEach((vals, i) => {
      if (vals.some(Array.isArray)) this.multikeyFields.add(this.fields[i]);
    });
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    if (perField.length === 1) {
      // the common single-field index: no cross product needed
      const values = expand(perField[0]);
      if (values.length === 1) return [{ tuple: values, keys: [valueKey(values[0])] }];
    }
    const expanded = perField.map(expand);
    let tuples: unknown[][] = [[]];
    for (const values of expanded) tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    const seen = new Set<string>();
    const result: IndexEntry[] = [];
    for (const tuple of tuples) {
      const keys = tuple.map(valueKey);
      const tupleKey = keys.join('\u0001');
      if (seen.has(tupleKey)) continue;
      seen.add(tupleKey);
      result.push({ tuple, keys });
    }
    return result;
  }

  /** The key tuple another document already holds, if this index is unique and `doc` collides. */
  conflict(doc: Document, id: string): { tuple: unknown[] } | null {
    if (!this.spec.unique) return null;
    for (const e of this.entries(doc)) {
      let node: KeyNode | undefined = this.root;
      for (const key of e.keys) node = node?.children?.get(key);
      if (node) for (const other of node.ids) if (other !== id) return { tuple: e.tuple };
    }
    return null;
  }

  add(doc: Document, id: string): void {
    this.addEntries(this.entries(doc), id);
  }

  /**
   * Moves a document from its old keys to its new ones, touching only keys that changed: most
   * updates leave indexed fields alone, and re-adding an unchanged key would still shift the
   * sorted level of a large index (key-trie.ts) twice.
   */
  replace(old: Document, doc: Document, id: string): void {
    const before = this.entries(old);
    const after = this.entries(doc);
    const key = (e: IndexEntry) => e.keys.join('\u0001');
    const had = new Set(before.map(key));
    const has = new Set(after.map(key));
    this.removeEntries(
      before.filter((e) => !has.has(key(e))),
      id,
      after,
    );
    this.addEntries(
      after.filter((e) => !had.has(key(e))),
      id,
    );
  }

  private addEntries(entries: IndexEntry[], id: string): void {
    const last = this.fields.length - 1;
    for (const e of entries) {
      let node = this.root;
      node.ids.add(id);
      for (let i = 0; i <= last; i++) {
        node = node.childOrCreate(e.keys[i], e.tuple[i], i === last);
        node.ids.add(id);
      }
    }
  }

  remove(doc: Document, id: string): void {
    this.removeEntries(this.entries(doc), id);
  }

  /** Removes these keys of a document; nodes on the path of a key in `keep` still hold it. */
  private removeEntries(entries: IndexEntry[], id: string, keep: IndexEntry[] = []): void {
    const kept = new Set<string>();
    for (const e of keep) {
      let prefix = '';
      for (const k of e.keys) kept.add((prefix += `${k}\u0001`));
    }
    if (entries.length && keep.length === 0) this.root.ids.delete(id);
    for (const e of entries) {
      const path: [KeyNode, string, string][] = [];
      let node: KeyNode | undefined = this.root;
      let prefix = '';
      for (const key of e.keys) {
        const child: KeyNode | undefined = node.children?.get(key);
        if (!child) break;
        path.push([node, key, (prefix += `${key}\u0001`)]);
        node = child;
      }
      // from the leaf up: forget the id, and drop nodes nobody is below any more; stop where a
      // kept key of the same document shares the path
      for (let i = path.length - 1; i >= 0; i--) {
        const [parent, key, at] = path[i];
        if (kept.has(at)) break;
        const child = parent.children!.get(key)!;
        child.ids.delete(id);
        if (child.ids.size === 0) parent.removeChild(key);
      }
    }
  }

  /** Nodes at depth k for every combination of the given values of the first k fields. */
  nodesFor(valuesPerField: unknown[][]): KeyNode[] {
    let nodes: KeyNode[] = [this.root];
    for (const values of valuesPerField) {
      if (values.length === 1) {
        // the common case: one value per field, no set of keys to build
        const key = valueKey(values[0]);
        const next: KeyNode[] = [];
        for (const n of nodes) {
          const child = n.children?.get(key);
          if (child) next.push(child);
        }
        nodes = next;
        continue;
      }
      const next: KeyNode[] = [];
      const keys = new Set(values.map(valueKey));
      for (const n of nodes) {
        for (const k of keys) {
          const child = n.children?.get(k);
          if (child) next.push(child);
        }
      }
      nodes = next;
    }
    return nodes;
  }

  describe(): Document {
    const { name, key, ...rest } = this.spec;
    return { v: 2, key, name, ...rest };
  }
}
