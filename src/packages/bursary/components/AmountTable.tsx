/** What each school level gets in this campaign for the worker's group, 元 from integer fen. */
import { View } from '@tarojs/components';
import {
  SCHOOL_LEVEL_TEXT,
  SCHOOL_LEVELS,
  type BursaryGroup,
  type CampaignView,
} from '../../../contracts/bursary';
import { tableAmount } from '../../../contracts/bursary-eligibility';
import { fenToYuanText } from '../../../contracts/money';

export function AmountTable({ campaign, group }: { campaign: CampaignView; group: BursaryGroup }) {
  return (
    <View id="bursary-amounts">
      {SCHOOL_LEVELS.map((level) => {
        const fen = campaign.levels.includes(level) ? tableAmount(campaign, level, group) : null;
        return (
          <View key={level} className="bursary-amount-row">
            <View>{SCHOOL_LEVEL_TEXT[level]}</View>
            <View className={fen === null ? 'muted' : 'bursary-amount'}>
              {fen === null ? '不在资助范围' : `${fenToYuanText(fen)} 元`}
            </View>
          </View>
        );
      })}
    </View>
  );
}
