/**
 * The system's first reading of the application, asked of the cloud (POST /api/aid/assessment)
 * once household size, income and costs are filled in: per-capita monthly income, the suggested
 * category and the reason in words. The officer decides the final category; the card says so.
 */
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { fenToYuanText, reasonWithoutCategory, type AidAssessmentResponse } from '../../../contracts/aid';
import { api } from '../../../services/api';
import { keepWithUnit } from '../../../services/format';
import { toAidForm, type ApplicationFields } from '../applicationForm';

/** The assessment's inputs once all three are valid, read the same way the form sends them. */
function inputs(f: ApplicationFields) {
  const { householdSize, annualIncomeFen, rigidExpenseFen } = toAidForm(f, '');
  if (householdSize === undefined || annualIncomeFen === undefined || rigidExpenseFen === undefined)
    return null;
  return { householdSize, annualIncomeFen, rigidExpenseFen, mainCause: f.mainCause || 'other' };
}

export function AssessmentCard({ fields }: { fields: ApplicationFields }) {
  const body = inputs(fields);
  const key = body ? JSON.stringify(body) : null;
  const [result, setResult] = useState<{ key: string; value: AidAssessmentResponse } | null>(null);

  useEffect(() => {
    if (!key) return;
    let alive = true;
    const t = setTimeout(() => {
      api
        .post<AidAssessmentResponse>('/api/aid/assessment', JSON.parse(key), { retries: 0 })
        .then((value) => alive && setResult({ key, value }))
        .catch(() => undefined); // only a hint: the form works without it
    }, 600);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [key]);

  if (!key) {
    return (
      <View className="card aid-assessment muted" id="aid-assessment">
        填好家庭人口、年收入和刚性支出后，这里会算出家庭人均月收入，并给出初步判断。
      </View>
    );
  }
  const a = result?.key === key ? result.value : null;
  return (
    <View className="card aid-assessment" id="aid-assessment" ariaRole="status">
      {a ? (
        <>
          <View className="aid-assessment-line">
            家庭人均月收入：
            <View className="strong-inline nowrap" id="aid-per-capita">
              {keepWithUnit(`${fenToYuanText(a.perCapitaMonthlyFen)} 元`)}
            </View>
          </View>
          <View className="aid-assessment-line">
            初步判断：
            <View className="strong-inline" id="aid-suggested-category">
              {a.categoryText}
            </View>
          </View>
          <View className="aid-assessment-reason">{keepWithUnit(reasonWithoutCategory(a.reason))}</View>
          <View className="muted small">这只是系统的初步判断，最后由工会审核确定。</View>
        </>
      ) : (
        <View className="muted">正在计算…</View>
      )}
    </View>
  );
}
