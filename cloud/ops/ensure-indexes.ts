/**
 * `npm run db:indexes`: creates every index the functions declare (cloud/platform/db/indexes.ts)
 * that the database lacks. Run it with each deploy, before the new code takes traffic: functions
 * never create indexes themselves. Uses the functions' configuration (MONGODB_URI, MONGODB_DB);
 * safe to run again (existing indexes are left as they are). A failure (say, duplicates that a
 * new unique index refuses) exits non-zero, so the deploy stops.
 */
import { ConfigError, getConfig } from '../platform/config/config';
import { closeDb, getDb } from '../platform/db/client';
import { declaredIndexes, ensureIndexes } from '../platform/db/indexes';
import '../functions/registry'; // every function, so every repository declares its indexes

async function main(): Promise<number> {
  try {
    if (!getConfig().mongoUri) throw new ConfigError('set MONGODB_URI to the database to prepare');
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`configuration error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  try {
    await ensureIndexes(await getDb());
    for (const [collection, indexes] of declaredIndexes())
      console.log(`${collection}: ${indexes.map((i) => i.name).join(', ')}`);
    return 0;
  } catch (e) {
    console.error('ensuring indexes failed:', e);
    return 1;
  } finally {
    await closeDb();
  }
}

void main().then((code) => process.exit(code));
