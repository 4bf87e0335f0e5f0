/**
 * 致困原因 (causes of hardship, docs/domain.md): 疾病, 残疾, 子女就学, 下岗失业, 灾害, 意外, 其他. The ids
 * and labels are the shared contract's; this module adds the rule that 灾害 and 意外 are the
 * accident-type causes behind 意外致困 (injury, disability or death in a disaster or accident).
 */
import { CAUSE_TEXT, HARDSHIP_CAUSES, type HardshipCause } from '../../../src/contracts/aid';

export { CAUSE_TEXT, HARDSHIP_CAUSES, type HardshipCause };

export const ACCIDENT_CAUSES: readonly HardshipCause[] = ['accident', 'disaster'];

export function isAccidentCause(cause: HardshipCause): boolean {
  return ACCIDENT_CAUSES.includes(cause);
}
