/**
 * One secondary index: a key pattern over dotted fields, optional unique / sparse /
 * partialFilterExpression / expireAfterSeconds. It keeps (a) a map from the full key tuple to
 * document ids (unique checks, exact lookups), (b) a map from the first field's value to ids
 * plus a lazily sorted list of first-field values, so equality and range predicates on the
 * leading field read only the matching documents, and (c) for compound keys, a map per longer
 * prefix, so equality on the first k fields reads only those documents. Arrays are multikey:
 * one entry per element.
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import { compareValues, readPath, valueKey } from './values';

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

export class SecondaryIndex {
  readonly fields: string[];
  private readonly partial: Query | null;
  private readonly full = new Map<string, Set<string>>();
  private readonly lead = new Map<string, { value: unknown; ids: Set<string> }>();
  private sorted: { value: unknown; ids: Set<string> }[] | null = null;
  /** prefixes[k] maps the key of the first k+2 fields to ids (k = 0 … fields.length − 2) */
  private readonly prefixes: Map<string, Set<string>>[] = [];
  /** set once any document had an array on the leading field: range plans are then unsafe */
  multikey = false;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : null;
    for (let k = 2; k < this.fields.length; k++) this.prefixes.push(new Map());
  }

  get name(): string {
    return this.spec.name;
  }

  /** The key tuples this document contributes (none when sparse/partial exclude it). */
  entries(doc: Document): { tupleKey: string; leadValue: unknown; tuple: unknown[]; keys: string[] }[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => readPath(doc, f));
    if (perField[0].some(Array.isArray)) this.multikey = true;
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    const expanded = perField.map(expand);
    let tuples: unknown[][] = [[]];
    for (const values of expanded) tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    const seen = new Set<string>();
    const result: { tupleKey: string; leadValue: unknown; tuple: unknown[]; keys: string[] }[] = [];
    for (const tuple of tuples) {
      const keys = tuple.map(valueKey);
      const tupleKey = keys.join('\u0001');
      if (seen.has(tupleKey)) continue;
      seen.add(tupleKey);
      result.push({ tupleKey, leadValue: tuple[0], tuple, keys });
    }
    return result;
  }

  /** The id of another document holding one of these keys, if the index is unique. */
  conflict(doc: Document, id: string): { tuple: unknown[] } | null {
    if (!this.spec.unique) return null;
    for (const e of this.entries(doc)) {
      const ids = this.full.get(e.tupleKey);
      if (ids) for (const other of ids) if (other !== id) return { tuple: e.tuple };
    }
    return null;
  }

  add(doc: Document, id: string): void {
    for (const e of this.entries(doc)) {
      let ids = this.full.get(e.tupleKey);
      if (!ids) this.full.set(e.tupleKey, (ids = new Set()));
      ids.add(id);
      const lk = valueKey(e.leadValue);
      let lead = this.lead.get(lk);
      if (!lead) {
        this.lead.set(lk, (lead = { value: e.leadValue, ids: new Set() }));
        this.sorted = null;
      }
      lead.ids.add(id);
      this.prefixes.forEach((map, k) => {
        const pk = e.keys.slice(0, k + 2).join('\u0001');
        let pids = map.get(pk);
        if (!pids) map.set(pk, (pids = new Set()));
        pids.add(id);
      });
    }
  }

  remove(doc: Document, id: string): void {
    for (const e of this.entries(doc)) {
      const ids = this.full.get(e.tupleKey);
      if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.full.delete(e.tupleKey);
      }
      const lk = valueKey(e.leadValue);
      const lead = this.lead.get(lk);
      if (lead) {
        lead.ids.delete(id);
        if (lead.ids.size === 0) {
          this.lead.delete(lk);
          this.sorted = null;
        }
      }
      this.prefixes.forEach((map, k) => {
        const pk = e.keys.slice(0, k + 2).join('\u0001');
        const pids = map.get(pk);
        if (pids) {
          pids.delete(id);
          if (pids.size === 0) map.delete(pk);
        }
      });
    }
  }

  /** ids whose first `valuesPerField.length` fields equal one of the given values each */
  idsForPrefix(valuesPerField: unknown[][]): Set<string> {
    const k = valuesPerField.length;
    if (k === 1) return this.idsForValues(valuesPerField[0]);
    const map = k === this.fields.length ? this.full : this.prefixes[k - 2];
    let keys: string[] = [''];
    valuesPerField.forEach((values, i) => {
      keys = keys.flatMap((prefix) =>
        values.map((v) => (i === 0 ? valueKey(v) : `${prefix}\u0001${valueKey(v)}`)),
      );
    });
    const out = new Set<string>();
    for (const key of keys) for (const id of map.get(key) ?? []) out.add(id);
    return out;
  }

  /** ids whose leading field equals one of these values */
  idsForValues(values: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const v of values) {
      const lead = this.lead.get(valueKey(v));
      if (lead) for (const id of lead.ids) out.add(id);
    }
    return out;
  }

  /** ids whose leading field lies in the range (bounds compared in BSON order) */
  idsForRange(range: { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown }): Set<string> {
    if (!this.sorted) this.sorted = [...this.lead.values()].sort((a, b) => compareValues(a.value, b.value));
    const list = this.sorted;
    const lower = range.gte ?? range.gt;
    let lo = 0;
    if (lower !== undefined) {
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = compareValues(list[mid].value, lower);
        if (c < 0 || (c === 0 && range.gt !== undefined)) lo = mid + 1;
        else hi = mid;
      }
    }
    const out = new Set<string>();
    const upper = range.lte ?? range.lt;
    for (let i = lo; i < list.length; i++) {
      if (upper !== undefined) {
        const c = compareValues(list[i].value, upper);
        if (c > 0 || (c === 0 && range.lt !== undefined)) break;
      }
      for (const id of list[i].ids) out.add(id);
    }
    return out;
  }

  clear(): void {
    this.full.clear();
    this.lead.clear();
    this.prefixes.forEach((m) => m.clear());
    this.sorted = null;
  }

  describe(): Document {
    const { name, key, ...rest } = this.spec;
    return { v: 2, key, name, ...rest };
  }
}
