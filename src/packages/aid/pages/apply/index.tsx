/**
 * 申请困难帮扶: the form, in the order a worker thinks about it (family, money, why, proof, where
 * to pay). Saved as it is typed (useAidDraft); wrong values are said next to their field at once,
 * missing ones only after 「提交申请」. The suggested category and its reason show before submit.
 * A returned case opens here too, with the officer's reason on top, and is resubmitted; above the
 * button it shows what the worker changed and where resubmitting takes the case, and why (a fact
 * the 基层 verified changed: back to the 基层), as the cloud says it after each save.
 */
import { Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CAUSE_TEXT, HARDSHIP_CAUSES, type AidCaseView, type HardshipCause } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { ChangeList } from '../../../../components/ChangeList';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { EvidenceUploader } from '../../../../components/EvidenceUploader';
import { FieldError } from '../../../../components/FieldError';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText } from '../../../../services/api';
import { useMember } from '../../../../services/member';
import { askForProgressMessages, prefetchTemplates } from '../../../../services/subscriptions';
import {
  checkFields,
  clearLocalDraft,
  DESCRIPTION_MIN,
  missingText,
  type ApplicationFields,
} from '../../applicationForm';
import { AssessmentCard } from '../../components/AssessmentCard';
import { HouseholdEditor } from '../../components/HouseholdEditor';
import { CASE_PAGE, submittedNotice } from '../../links';
import { useAidDraft, type SaveState } from '../../useAidDraft';
import '../../aid.scss';

const MAX_PHOTOS = 9;

function saveText(state: SaveState, savedAt: Date | null, error: string | null): string {
  const hhmm = savedAt
    ? `${String(savedAt.getHours()).padStart(2, '0')}:${String(savedAt.getMinutes()).padStart(2, '0')}`
    : '';
  switch (state) {
    case 'pending':
      return '已存在手机上，稍后自动保存';
    case 'saving':
      return '正在保存…';
    case 'saved':
      return `已自动保存（${hhmm}），关掉也不会丢`;
    case 'offline':
      return '网络不好，已先存在手机上，有网时会自动保存';
    case 'failed':
      return `没有保存成功：${error ?? ''}`;
    default:
      return '填写的内容会自动保存';
  }
}

export default function AidApplyPage() {
  const member = useMember();
  const { params } = useRouter();
  const d = useAidDraft(member?.id ?? null, params.id ?? null);
  const [showRequired, setShowRequired] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const f = d.fields;
  const bank = { typed: d.bankTyped, saved: Boolean(d.draft.bankMasked) };
  const { problems, members: memberProblems } = checkFields(f, bank, showRequired);
  // what is still missing, said under the button once the worker tried to submit (kept current as they fill it in)
  const missing = showRequired ? missingText(f, bank) : [];
  const update = (patch: Partial<ApplicationFields>) => d.setFields({ ...f, ...patch });
  const cls = (bad: string | undefined) => (bad ? 'input has-error' : 'input');

  // an application that is already with the union is followed on its own page, not edited
  const elsewhere = d.load.kind === 'elsewhere' ? d.load.caseId : null;
  useEffect(() => {
    if (elsewhere) void Taro.redirectTo({ url: `${CASE_PAGE}?id=${elsewhere}` });
  }, [elsewhere]);

  useEffect(prefetchTemplates, []);

  const submit = async () => {
    if (busy) return;
    askForProgressMessages('aidProgress');
    setShowRequired(true);
    setFormError(null);
    if (missingText(f, bank).length > 0) return;
    setBusy(true);
    try {
      const saved = await d.flush();
      if (!saved) {
        setFormError(`${d.saveError ?? '没有保存成功'}。内容还在手机上，请稍后再点提交。`);
        return;
      }
      const action = d.draft.status === 'returned' ? 'resubmit' : 'submit';
      const view = await api.post<AidCaseView>(`/api/aid/cases/${saved.id}/transitions`, {
        action,
        version: saved.version,
      });
      if (member) clearLocalDraft(member.id);
      submittedNotice.caseId = view.id;
      // opened from the case page (a returned case): go back to it rather than stacking a second copy
      const pages = Taro.getCurrentPages();
      const previous = pages[pages.length - 2]?.route?.replace(/^\//, '').split('?')[0];
      if (previous && `/${previous}` === CASE_PAGE) void Taro.navigateBack();
      else void Taro.redirectTo({ url: `${CASE_PAGE}?id=${view.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        await d.reload().catch(() => undefined);
        setFormError('这份申请刚在别处改过，已重新读取，请检查后再提交。');
      } else setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (d.load.kind === 'loading' || d.load.kind === 'elsewhere') {
    return (
      <PageShell>
        <View className="muted">正在读取…</View>
      </PageShell>
    );
  }
  if (d.load.kind === 'failed') {
    return (
      <PageShell>
        <View className="notice error" ariaRole="alert">
          {d.load.message}
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell>
      {d.draft.status === 'returned' ? (
        <View className="notice" id="aid-returned-reason">
          工会请您补充材料：{d.draft.returnReason ?? '请按工会的要求补充'}。改好后点最下面的「重新提交」。
        </View>
      ) : null}
      {d.load.offline ? <View className="notice">网络不好，先显示手机上保存的内容。</View> : null}

      <View className="muted small aid-form-lead">
        分五部分，大约 10 分钟。填写的内容会自动保存，中途退出也不会丢。
      </View>
      <View className="section-title">一、家庭情况</View>
      <TextField
        id="field-household-size"
        label="家庭人口（包括您本人）"
        type="number"
        maxlength={2}
        value={f.householdSize}
        placeholder="例如 3"
        error={problems.householdSize}
        errorId="household-size-error"
        onInput={(householdSize) => update({ householdSize })}
      />
      <View className="field">
        <View className="field-label">和您一起生活的家人</View>
        <View className="field-hint">除您本人外，每位家人填一张。</View>
        <HouseholdEditor
          members={f.members}
          problems={memberProblems}
          onChange={(members) => update({ members })}
        />
        <FieldError id="members-error" message={problems.members} />
      </View>

      <View className="section-title">二、收入和支出</View>
      <TextField
        id="field-income"
        label="全家一年的收入（元）"
        hint="工资、养老金、补贴等加在一起，扣税后的"
        type="digit"
        maxlength={12}
        value={f.incomeYuan}
        placeholder="例如 36000"
        error={problems.incomeYuan}
        errorId="income-error"
        onInput={(incomeYuan) => update({ incomeYuan })}
      />
      <TextField
        id="field-expense"
        label="一年的刚性支出（元）"
        hint="看病、孩子上学等必须花的钱，没有填 0"
        type="digit"
        maxlength={12}
        value={f.expenseYuan}
        placeholder="例如 6000"
        error={problems.expenseYuan}
        errorId="expense-error"
        onInput={(expenseYuan) => update({ expenseYuan })}
      />

      <View className="section-title">三、困难原因</View>
      <View className="field">
        <View className="field-label">主要原因（选一项）</View>
        <ChoiceChips
          id="cause-main"
          options={HARDSHIP_CAUSES}
          labels={CAUSE_TEXT}
          selected={f.mainCause ? [f.mainCause] : []}
          hasError={Boolean(problems.mainCause)}
          onToggle={(c) =>
            update({ mainCause: c, secondaryCauses: f.secondaryCauses.filter((x) => x !== c) })
          }
        />
        <FieldError id="main-cause-error" message={problems.mainCause} />
      </View>
      <View className="field">
        <View className="field-label">其他原因（可以多选，没有就不选）</View>
        <ChoiceChips
          id="cause-secondary"
          multiple
          options={HARDSHIP_CAUSES}
          labels={CAUSE_TEXT}
          selected={f.secondaryCauses}
          disabled={f.mainCause ? [f.mainCause as HardshipCause] : []}
          onToggle={(c) =>
            update({
              secondaryCauses: f.secondaryCauses.includes(c)
                ? f.secondaryCauses.filter((x) => x !== c)
                : [...f.secondaryCauses, c],
            })
          }
        />
      </View>
      <View className="field">
        <View className="field-label">情况说明</View>
        <View className="field-hint">用几句话说说家里的困难，例如谁生了什么病、花了多少钱。</View>
        <Textarea
          id="field-description"
          className={problems.description ? 'textarea has-error' : 'textarea'}
          value={f.description}
          maxlength={2000}
          autoHeight
          placeholder={`至少 ${DESCRIPTION_MIN} 个字`}
          onInput={(e) => update({ description: e.detail.value })}
        />
        <View className="muted small">已写 {f.description.trim().length} 字</View>
        <FieldError id="description-error" message={problems.description} />
      </View>

      <AssessmentCard fields={f} />

      <View className="section-title">四、证明材料照片</View>
      <View className="field">
        <View className="field-hint">
          例如病历、诊断证明、收入证明、残疾证。没有也可以先提交，工会需要时会请您补充。
        </View>
        <EvidenceUploader
          id="evidence"
          fileIds={f.evidenceFileIds}
          max={MAX_PHOTOS}
          onChange={(evidenceFileIds) => update({ evidenceFileIds })}
        />
      </View>

      <View className="section-title">五、收款银行卡</View>
      <View className="field">
        <View className="field-label">您本人的银行卡号</View>
        {d.draft.bankMasked ? (
          <View className="field-hint" id="bank-saved">
            已保存：{d.draft.bankMasked}。要换卡请输入新卡号。
          </View>
        ) : (
          <View className="field-hint">帮扶金会打到这张卡上，必须是您本人的卡</View>
        )}
        <Input
          id="field-bank"
          className={cls(problems.bankAccount)}
          type="number"
          maxlength={19}
          value={d.bankTyped}
          placeholder="12 到 19 位数字"
          onInput={(e) => d.setBankTyped(e.detail.value)}
          onBlur={() => d.commitBank()}
        />
        <FieldError id="bank-error" message={problems.bankAccount} />
      </View>

      {d.draft.status === 'returned' ? (
        <ChangeList
          id="aid-form-changes"
          title="重新提交前请看"
          changes={d.draft.changes}
          note={d.draft.resubmitNote}
        />
      ) : null}
      <View className="muted small" id="aid-save-state" ariaRole="status">
        {saveText(d.saveState, d.savedAt, d.saveError)}
      </View>
      {missing.length > 0 || formError ? (
        <View className="notice error" id="aid-form-error" ariaRole="alert">
          {missing.length > 0
            ? `还有 ${missing.length} 项要填好才能提交：${missing.join('、')}。请看上面标出的地方。`
            : formError}
        </View>
      ) : null}
      <Action id="aid-submit" disabled={busy} onClick={() => void submit()}>
        {busy ? '正在提交…' : d.draft.status === 'returned' ? '重新提交' : '提交申请'}
      </Action>
      <View className="muted small aid-submit-note">提交后不能再修改，除非工会退回请您补充。</View>
    </PageShell>
  );
}
