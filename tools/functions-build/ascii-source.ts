/**
 * A bundle written in ASCII only. V8 keeps a script's source as one byte per character only when
 * every character fits in one (Latin-1); one Chinese character anywhere (a message, a comment,
 * a regular expression: esbuild escapes string literals but keeps comments and regular
 * expressions as written) makes the whole 3 MB source two bytes per character, which a cold
 * start pays for in reading, hashing and compiling it (measured: docs/benchmarks.md).
 *
 * Every character above U+007F becomes a `\uXXXX` escape (a pair of them beyond the BMP). That
 * means the same thing wherever JavaScript allows it: in string and template literals, in
 * regular expressions (a pair is one code point under the `u` flag), in identifiers, and in
 * comments, where nothing reads it; an escaped character (`\，`) becomes the escape alone
 * (tests/unit/ascii-source.test.ts runs code both ways). The
 * one place it would differ, a tagged template's raw strings (`String.raw`), holds no such
 * character in our code or in what the functions bundle.
 */
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function asciiSource(source: string): string {
  return source.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes: string, c: string) => {
    // after an odd run of backslashes the character was escaped: `\，` means `，` (an identity
    // escape), so the escape replaces it rather than follows a backslash that would now escape
    // the `\u`; a backslash before a line separator continues the line and stands for nothing
    if (slashes.length % 2 === 1) {
      const kept = slashes.slice(1);
      return c === '\u2028' || c === '\u2029' ? kept : kept + unicodeEscape(c);
    }
    return slashes + unicodeEscape(c);
  });
}
