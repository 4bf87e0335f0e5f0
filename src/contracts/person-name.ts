/**
 * A person's name as members register it: 2–20 characters of Chinese characters or Latin
 * letters, with `·` between the parts of a transliterated name (买买提·艾力) and single spaces
 * between the words of a Latin one (Li Xiuying). No control characters, no line breaks, no tabs:
 * a name is printed on lists, 公示 notices and in the audit log on one line, and `"李秀\n英"`
 * would forge a second line there.
 */
import * as z from 'zod/mini';

const NAME_PATTERN = /^[\u4e00-\u9fa5A-Za-z·]+(?: [\u4e00-\u9fa5A-Za-z·]+)*$/;
const NAME_MESSAGE = '姓名请填写 2 到 20 个汉字或字母';

export function isPersonName(value: string): boolean {
  return value.length >= 2 && value.length <= 20 && NAME_PATTERN.test(value);
}

/** Surrounding spaces are dropped; anything else that is not a name is refused. */
export const PersonNameSchema = z.string().check(z.trim(), z.refine(isPersonName, NAME_MESSAGE));
