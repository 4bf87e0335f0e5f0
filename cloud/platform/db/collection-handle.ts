/**
 * A collection's handle, made once per Db. A Collection is only a name and its Db's options, so
 * one handle serves every request; making it per call cost a few µs each time (collections.ts
 * does the same for the platform's own collections).
 */
import type { Collection, Db, Document } from 'mongodb';

export function collectionHandle<T extends Document>(name: string): (db: Db) => Collection<T> {
  const handles = new WeakMap<Db, Collection<T>>();
  return (db) => {
    let c = handles.get(db);
    if (!c) handles.set(db, (c = db.collection<T>(name)));
    return c;
  };
}
