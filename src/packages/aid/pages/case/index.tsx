/**
 * 我的帮扶申请: the kit's page of the worker's own case (OwnerCasePage) with aid's lines: the
 * category decided and the 公示 dates on top, a draft continued or a returned case corrected in
 * the form, the aid kinds paid, the application's facts.
 */
import Taro from '@tarojs/taro';
import { CATEGORY_TEXT, PAYMENT_KIND_TEXT, type AidCaseView } from '../../../../contracts/aid';
import { AidCaseFacts } from '../../../../components/AidCaseFacts';
import { StatusLine } from '../../../../components/CaseStatusCard';
import { OwnerCasePage } from '../../../../components/OwnerCasePage';
import { formatDateTime } from '../../../../services/format';
import { APPLY_PAGE, submittedNotice } from '../../links';
import '../../aid.scss';

export default function AidCasePage() {
  return (
    <OwnerCasePage<AidCaseView>
      prefix="aid"
      path="/api/aid/cases"
      submitted={submittedNotice}
      statusLines={(view) => (
        <>
          {view.category ? <StatusLine>困难类别：{CATEGORY_TEXT[view.category]}</StatusLine> : null}
          {view.publicity ? (
            <StatusLine>
              公示时间：{formatDateTime(view.publicity.startsAt)} 至 {formatDateTime(view.publicity.endsAt)}
            </StatusLine>
          ) : null}
        </>
      )}
      editLabel={(view) => (view.status === 'returned' ? '补充材料，重新提交' : '继续填写')}
      onEdit={(view) => void Taro.navigateTo({ url: `${APPLY_PAGE}?id=${view.id}` })}
      paymentKindText={PAYMENT_KIND_TEXT}
      facts={(view) => <AidCaseFacts view={view} />}
      withdrawMeaning="撤回后这份申请就不再办理了。需要时可以重新申请。"
    />
  );
}
