/**
 * 申请困难帮扶: the form in five short steps (applicationSteps.ts: family, money, why, proof, where
 * to pay), each about a screen, with 下一步 / 上一步 and a step bar to jump to any step. Saved as it
 * is typed (useAidDraft). Wrong values are said next to their field at once; missing ones only
 * when it is the worker's turn: 下一步 checks its own step, 提交 checks all, and either brings the
 * first problem into view; on the last step the list of what is missing names each field as a
 * link to it. The suggested category shows under the money it is worked out from. It opens on
 * the first step that still needs something (a finished one on the last, where 提交 is). A
 * returned case opens here too, with the officer's reason on top, and is resubmitted; under each
 * step it shows what the worker changed and where resubmitting takes the case, and why (a fact
 * the 基层 verified changed: back to the 基层), as the cloud says it after each save.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { CAUSE_TEXT, HARDSHIP_CAUSES, type AidCaseView, type HardshipCause } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { ChangeList } from '../../../../components/ChangeList';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { DigitsField } from '../../../../components/DigitsField';
import { EvidenceUploader } from '../../../../components/EvidenceUploader';
import { FieldError } from '../../../../components/FieldError';
import { MoneyField } from '../../../../components/MoneyField';
import { PageShell } from '../../../../components/PageShell';
import { ProblemSummary } from '../../../../components/ProblemSummary';
import { StepBar, type StepInfo } from '../../../../components/StepBar';
import { TextArea } from '../../../../components/TextArea';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText } from '../../../../services/api';
import { useMember } from '../../../../services/member';
import { scrollToId } from '../../../../services/scrollTo';
import { askForProgressMessages, prefetchTemplates } from '../../../../services/subscriptions';
import {
  checkFields,
  DESCRIPTION_MIN,
  membersForSize,
  parseInt10,
  type ApplicationFields,
  type FieldKey,
  type MemberRow,
} from '../../applicationForm';
import { AID_STEPS, firstOpenStep, formProblems, LAST_STEP, type FormProblem } from '../../applicationSteps';
import { AssessmentCard } from '../../components/AssessmentCard';
import { HouseholdEditor } from '../../components/HouseholdEditor';
import { CASE_PAGE, submittedNotice } from '../../links';
import { clearLocalDraft } from '../../localDraft';
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

const stepOf = (key: FieldKey) => AID_STEPS.findIndex((s) => s.fields.includes(key));

export default function AidApplyPage() {
  const member = useMember();
  const { params } = useRouter();
  const d = useAidDraft(member?.id ?? null, params.id ?? null);
  const [step, setStep] = useState(0);
  /** steps whose 下一步 was tapped: their missing fields are said (all of them after 提交) */
  const [checked, setChecked] = useState<readonly number[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const f = d.fields;
  const bank = { typed: d.bankTyped, saved: Boolean(d.draft.bankMasked), typing: d.bankTyping };
  const typedWrong = checkFields(f, bank, false);
  const missing = checkFields(f, bank, true);
  const due = (key: FieldKey) => checked.includes(stepOf(key));
  const problem = (key: FieldKey) => (due(key) ? missing.problems[key] : typedWrong.problems[key]);
  const memberProblems = due('members') ? missing.members : typedWrong.members;
  const all = formProblems(f, bank);
  const submitTried = checked.includes(LAST_STEP);
  const update = (patch: Partial<ApplicationFields>) => d.setFields({ ...f, ...patch });

  // open on the first step that still needs something, once the draft is read
  const opened = useRef(false);
  useEffect(() => {
    if (d.load.kind !== 'ready' || opened.current) return;
    opened.current = true;
    setStep(firstOpenStep(all));
  }, [d.load.kind, all]);

  // an application that is already with the union is followed on its own page, not edited
  const elsewhere = d.load.kind === 'elsewhere' ? d.load.caseId : null;
  useEffect(() => {
    if (elsewhere) void Taro.redirectTo({ url: `${CASE_PAGE}?id=${elsewhere}` });
  }, [elsewhere]);

  useEffect(prefetchTemplates, []);

  const goTo = (next: number, target = 'aid-steps') => {
    d.commitBank();
    setStep(next);
    scrollToId(target);
  };
  const goToProblem = (p: FormProblem) => goTo(p.step, p.targetId);

  const next = () => {
    setChecked((c) => (c.includes(step) ? c : [...c, step]));
    const here = all.filter((p) => p.step === step);
    if (here.length) scrollToId(here[0].targetId);
    else goTo(step + 1);
  };

  const setHouseholdSize = (householdSize: string) => {
    const size = parseInt10(householdSize);
    const members =
      typeof size === 'number' && size >= 1 && size <= 20 ? membersForSize(f.members, size) : f.members;
    update({ householdSize, members });
  };
  // a card added or removed changes the household size with it, once a size was given
  const setMembers = (members: MemberRow[]) => {
    const size = parseInt10(f.householdSize);
    update(typeof size === 'number' ? { members, householdSize: String(members.length + 1) } : { members });
  };

  const submit = async () => {
    if (busy) return;
    askForProgressMessages('reviewProgress');
    setChecked(AID_STEPS.map((_, i) => i));
    setFormError(null);
    if (all.length > 0) {
      // the list beside the button names each one; bring the first of this step, or the list, into view
      const here = all.find((p) => p.step === step);
      scrollToId(here ? here.targetId : 'aid-form-problems');
      return;
    }
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

  const steps: StepInfo[] = AID_STEPS.map((s, i) => ({
    label: s.label,
    title: s.title,
    state: all.some((p) => p.step === i)
      ? checked.includes(i)
        ? 'problem'
        : 'todo'
      : i === 3 && f.evidenceFileIds.length === 0
        ? 'todo'
        : 'done',
  }));

  return (
    <PageShell>
      {d.draft.status === 'returned' ? (
        <View className="notice" id="aid-returned-reason">
          <View className="strong-inline">工会请您补充材料：</View>
          <View className="aid-returned-quote">{d.draft.returnReason ?? '请按工会的要求补充'}</View>
          <View>补好后，在最后一步点「重新提交」。</View>
        </View>
      ) : null}
      {d.load.offline ? <View className="notice">网络不好，先显示手机上保存的内容。</View> : null}

      <StepBar id="aid-steps" steps={steps} current={step} onGo={(i) => goTo(i)} />

      {step === 0 ? (
        <View id="aid-step-household">
          <View className="muted small aid-form-lead">
            一共五步，大约 10 分钟。填写的内容会自动保存，中途退出也不会丢。
          </View>
          <TextField
            id="field-household-size"
            label="家里一共几口人（包括您本人）"
            keypad="number"
            maxlength={3}
            value={f.householdSize}
            placeholder="例如 3"
            error={problem('householdSize')}
            errorId="household-size-error"
            onInput={setHouseholdSize}
          />
          <View className="field">
            <View className="field-label">和您一起生活的家人</View>
            <View className="field-hint">填了人数，下面就有几张家人卡片（除您本人外每人一张）。</View>
            <HouseholdEditor members={f.members} problems={memberProblems} onChange={setMembers} />
            <FieldError id="members-error" message={problem('members')} />
          </View>
        </View>
      ) : null}

      {step === 1 ? (
        <View id="aid-step-money">
          <MoneyField
            id="field-income"
            label="全家一年的收入（元）"
            hint="工资、养老金、补贴等加在一起，扣税后的。可以写 36000，也可以写 3.6万"
            value={f.incomeYuan}
            placeholder="例如 36000"
            error={problem('incomeYuan')}
            errorId="income-error"
            onInput={(incomeYuan) => update({ incomeYuan })}
          />
          <MoneyField
            id="field-expense"
            label="一年的刚性支出（元）"
            hint="看病、孩子上学等必须花的钱，没有填 0"
            value={f.expenseYuan}
            placeholder="例如 6000"
            error={problem('expenseYuan')}
            errorId="expense-error"
            onInput={(expenseYuan) => update({ expenseYuan })}
          />
          <AssessmentCard fields={f} />
        </View>
      ) : null}

      {step === 2 ? (
        <View id="aid-step-causes">
          <View className="field" id="cause-main-field">
            <View className="field-label">主要原因（选一项）</View>
            <ChoiceChips
              id="cause-main"
              options={HARDSHIP_CAUSES}
              labels={CAUSE_TEXT}
              selected={f.mainCause ? [f.mainCause] : []}
              hasError={Boolean(problem('mainCause'))}
              onToggle={(c) =>
                update({ mainCause: c, secondaryCauses: f.secondaryCauses.filter((x) => x !== c) })
              }
            />
            <FieldError id="main-cause-error" message={problem('mainCause')} />
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
          <View className="field" id="field-description-field">
            <View className="field-label">情况说明</View>
            <View className="field-hint">用几句话说说家里的困难，例如谁生了什么病、花了多少钱。</View>
            <TextArea
              id="field-description"
              label="情况说明"
              value={f.description}
              maxlength={2000}
              hasError={Boolean(problem('description'))}
              placeholder={`至少 ${DESCRIPTION_MIN} 个字`}
              onInput={(description) => update({ description })}
            />
            <View className="muted small">已写 {f.description.trim().length} 字</View>
            <FieldError id="description-error" message={problem('description')} />
          </View>
        </View>
      ) : null}

      {step === 3 ? (
        <View className="field" id="aid-step-photos">
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
      ) : null}

      {step === LAST_STEP ? (
        <View id="aid-step-bank">
          {d.draft.bankMasked ? (
            <View className="field-hint" id="bank-saved">
              已保存：{d.draft.bankMasked}。要换卡请输入新卡号。
            </View>
          ) : null}
          <DigitsField
            id="field-bank"
            label="您本人的银行卡号"
            hint="帮扶金会打到这张卡上，必须是您本人的卡。输入时每 4 位自动空一格，方便对照卡片"
            digits={19}
            value={d.bankTyped}
            placeholder="12 到 19 位数字"
            error={problem('bankAccount')}
            errorId="bank-error"
            onInput={d.setBankTyped}
            onBlur={() => d.commitBank()}
          />
          <ProblemSummary
            id="aid-form-problems"
            lead={`还有 ${all.length} 项要填好才能提交，点一项就去那里：`}
            problems={submitTried ? all : []}
            onGo={(p) => goToProblem(p as FormProblem)}
          />
        </View>
      ) : null}

      {d.draft.status === 'returned' ? (
        <ChangeList
          id="aid-form-changes"
          title="重新提交前请看"
          changes={d.draft.changes}
          note={d.draft.resubmitNote}
        />
      ) : null}
      <View className="muted small aid-save-state" id="aid-save-state" ariaRole="status">
        {saveText(d.saveState, d.savedAt, d.saveError)}
      </View>
      {formError ? (
        <View className="notice error" id="aid-form-error" ariaRole="alert">
          {formError}
        </View>
      ) : null}

      {step < LAST_STEP ? (
        <Action id="aid-next" onClick={next}>
          下一步：{AID_STEPS[step + 1].title.replace(/，.*$/, '')}
        </Action>
      ) : (
        <>
          <Action id="aid-submit" disabled={busy} onClick={() => void submit()}>
            {busy ? '正在提交…' : d.draft.status === 'returned' ? '重新提交' : '提交申请'}
          </Action>
          <View className="muted small aid-submit-note">提交后不能再修改，除非工会退回请您补充。</View>
        </>
      )}
      {step > 0 ? (
        <Action id="aid-back" kind="secondary" onClick={() => goTo(step - 1)}>
          上一步
        </Action>
      ) : null}
    </PageShell>
  );
}
