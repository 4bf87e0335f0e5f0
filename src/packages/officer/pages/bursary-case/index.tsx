/**
 * 金秋助学 · 审核: one application as a reviewing officer sees it. On top, whether it is mine to
 * act on now (or read-only, and why); the child and the parent (ID numbers masked; the 基层 may
 * see the parent's in full while it checks the application, with a purpose, audited);
 * the shared decision panel with the actions the cloud offers me now (the 区/市 approval starts
 * from the campaign table's amount and asks for a reason when it is changed); the facts, the
 * money paid and the timeline.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BursaryApplicationView } from '../../../../contracts/bursary';
import type { DecisionBody } from '../../../../contracts/workflow';
import { BursaryCaseFacts } from '../../../../components/BursaryCaseFacts';
import { DecisionPanel } from '../../../../components/DecisionPanel';
import { api } from '../../../../services/api';
import { useCaseDecision } from '../../../../services/useCaseDecision';
import { useShownData } from '../../../../services/useShownData';
import { CaseHead } from '../../components/CaseHead';
import { OfficerCaseShell } from '../../components/OfficerCaseShell';
import { ApplicantIdNumber } from '../../components/ApplicantIdNumber';
import { CaseRecord } from '../../components/CaseRecord';
import '../../officer.scss';

const PAYMENT_TEXT = { schooling: '金秋助学金' };

const requestOf = (view: BursaryApplicationView, d: DecisionBody) => ({
  path: `/api/bursary/applications/${view.id}/transitions`,
  body: {
    action: d.action,
    version: view.version,
    comment: d.comment,
    amountFen: d.amountFen,
    facts: d.facts,
  },
});

export default function OfficerBursaryCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const shown = useShownData(() =>
    api.get<BursaryApplicationView>(`/api/bursary/applications/${encodeURIComponent(id)}`),
  );
  const { data: view, error } = shown;
  const decision = useCaseDecision(shown, requestOf);

  return (
    <OfficerCaseShell view={view} error={error}>
      {(view) => (
        <>
          <CaseHead
            title={`${view.child.name}（家长 ${view.applicantName}）`}
            orgName={view.orgName}
            statusText={view.statusText}
            readOnlyReason={view.readOnlyReason}
          >
            <ApplicantIdNumber view={view} path="/api/bursary/applications" label="家长的身份证号" />
            <View className="muted small">
              孩子的身份证号：<View className="masked">{view.child.idNumberMasked}</View>
            </View>
          </CaseHead>

          <DecisionPanel
            key={`${view.id}-${decision.round}`}
            id="bursary-decide"
            offers={view.offers}
            busy={decision.busy}
            refusal={error}
            done={decision.done}
            onDecide={(_offer, body) => void decision.send(body)}
          />

          <CaseRecord view={view} paymentKindText={PAYMENT_TEXT} facts={<BursaryCaseFacts view={view} />} />
        </>
      )}
    </OfficerCaseShell>
  );
}
