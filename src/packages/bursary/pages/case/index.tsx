/**
 * 我的金秋助学申请: the kit's page of the worker's own case (OwnerCasePage) with 金秋助学's lines:
 * the child and the amount (the table's, then the approved one) on top, the 公示 dates while on
 * notice, a returned application corrected in the form, the child's facts.
 */
import Taro from '@tarojs/taro';
import type { BursaryApplicationView } from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { BursaryCaseFacts } from '../../../../components/BursaryCaseFacts';
import { StatusLine } from '../../../../components/CaseStatusCard';
import { OwnerCasePage } from '../../../../components/OwnerCasePage';
import { formatDateTime } from '../../../../services/format';
import { APPLY_PAGE, submittedNotice } from '../../links';
import '../../bursary.scss';

const PAYMENT_TEXT = { schooling: '金秋助学金' };

export default function BursaryCasePage() {
  return (
    <OwnerCasePage<BursaryApplicationView>
      prefix="bursary"
      path="/api/bursary/applications"
      submitted={submittedNotice}
      statusLines={(view) => (
        <>
          <StatusLine>
            {view.child.name} · {view.amount ? '批准' : '按标准'}{' '}
            {fenToYuanText(view.amount?.approvedFen ?? view.standardAmountFen)} 元
          </StatusLine>
          {view.publicity && view.status === 'publicity' ? (
            <StatusLine>
              公示时间：{formatDateTime(view.publicity.startsAt)} 至 {formatDateTime(view.publicity.endsAt)}
            </StatusLine>
          ) : null}
        </>
      )}
      editLabel={() => '补充材料，重新提交'}
      onEdit={(view) => void Taro.navigateTo({ url: `${APPLY_PAGE}?id=${view.id}` })}
      paymentKindText={PAYMENT_TEXT}
      facts={(view) => <BursaryCaseFacts view={view} />}
      withdrawMeaning="撤回后这份申请就不再办理了。今年还在报名时间内的，可以重新申请。"
    />
  );
}
