/**
 * The shared review layer says nothing in its own words: every sentence a worker or officer
 * reads comes from the program's table, so a program's wording is all in the program. Comments
 * may name domain words; code may not carry them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const KIT = path.resolve(__dirname, '../../cloud/core/workflow');
const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

const codeOf = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('the shared review layer', () => {
  it.each(readdirSync(KIT).filter((f) => f.endsWith('.ts')))(
    'has no Chinese text in the code of %s',
    (file) => {
      const lines = codeOf(readFileSync(path.join(KIT, file), 'utf8'))
        .split('\n')
        .filter((line) => CJK.test(line.replace(/\s\/\/.*$/, '')));
      expect(lines).toEqual([]);
    },
  );
});
