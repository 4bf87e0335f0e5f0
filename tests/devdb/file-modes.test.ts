/**
 * devdb's journal holds every document, personal data included: its files are created readable
 * by their owner only (0600, directory 0700), whatever the umask, and so is the file a
 * compaction writes and renames over the journal.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { openJournal } from '../../cloud/devdb/journal/journal';
import { removeDir, tempDir } from './helpers';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('journal file modes', () => {
  it('creates the journal and its compacted replacement with mode 600, in a directory of mode 700', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'db');
    const previous = process.umask(0o022);
    try {
      const journal = await openJournal(dir);
      await journal.append([{ op: 'put', db: 'union', coll: 'members', doc: { _id: 1, name: '李秀英' } }]);
      expect(mode(path.join(dir, 'journal.bin'))).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
      await journal.compact(() => [
        { op: 'put', db: 'union', coll: 'members', doc: { _id: 1, name: '李秀英' } },
      ]);
      await journal.append([{ op: 'delete', db: 'union', coll: 'members', id: 1 }]);
      expect(mode(path.join(dir, 'journal.bin'))).toBe(0o600);
      await journal.close();
    } finally {
      process.umask(previous);
      removeDir(parent);
    }
  });
});
