/**
 * 办理: the officer picks one of the actions the workflow allows them on this case now (the
 * cloud lists them in `actions`), fills what that action needs, and confirms once. What each
 * action needs mirrors the workflow table's requirements, so a missing reason is said here
 * before the cloud would refuse it: return/reject need a reason, the home visit a date and
 * findings, 区/市 approval a category, a payment an amount in 元 and a kind.
 * The case's version travels with the action: if someone else acted first, the cloud answers
 * VERSION_CONFLICT and the page reloads the case instead of acting twice.
 */
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import {
  AID_ACTION_TEXT,
  CATEGORY_TEXT,
  HARDSHIP_CATEGORIES,
  PAYMENT_KIND_TEXT,
  PAYMENT_KINDS,
  type AidCaseView,
  type HardshipCategory,
  type PaymentKind,
} from '../../../contracts/aid';
import { Action } from '../../../components/Action';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FieldError } from '../../../components/FieldError';
import { parseYuan, YUAN_PROBLEM } from '../../../services/money';

/** The officer's own actions, in the order they are offered. */
export const DECISIONS = [
  'record_visit',
  'approve',
  'return',
  'reject',
  'set_category',
  'file',
  'record_payment',
] as const;
export type Decision = (typeof DECISIONS)[number];

const DECISION_TEXT: Record<Decision, string> = {
  record_visit: AID_ACTION_TEXT.record_visit,
  approve: '通过',
  return: AID_ACTION_TEXT.return,
  reject: AID_ACTION_TEXT.reject,
  set_category: AID_ACTION_TEXT.set_category,
  file: AID_ACTION_TEXT.file,
  record_payment: '记录发放帮扶金',
};

/** What the page sends: a transition body, or a payment. */
export type DecisionRequest =
  | { kind: 'transition'; body: Record<string, unknown> }
  | { kind: 'payment'; body: { amountFen: number; kind: PaymentKind } };

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Props {
  view: AidCaseView;
  busy: boolean;
  /** the cloud's refusal of the last decision, said next to the button that was tapped */
  refusal: string | null;
  onDecide: (action: Decision, request: DecisionRequest) => void;
}

export function AidDecisionPanel({ view, busy, refusal, onDecide }: Props) {
  const offered = DECISIONS.filter((a) => view.actions.includes(a));
  const [action, setAction] = useState<Decision | null>(offered.length === 1 ? offered[0] : null);
  const [comment, setComment] = useState('');
  const suggested = view.suggestedCategory === 'none' ? null : view.suggestedCategory;
  const [category, setCategory] = useState<HardshipCategory | null>(view.category ?? suggested);
  const [visitDate, setVisitDate] = useState(today());
  const [findings, setFindings] = useState('');
  const [amount, setAmount] = useState('');
  const [payKind, setPayKind] = useState<PaymentKind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (offered.length === 0) return null;
  const approving = view.status === 'city_approval';
  const needsCategory = (action === 'approve' && approving) || action === 'set_category';
  const showsCategory = action === 'set_category' || action === 'approve';

  const confirm = () => {
    if (!action) return setProblem('请先选择要做什么');
    const text = comment.trim();
    if ((action === 'return' || action === 'reject') && text.length === 0)
      return setProblem(action === 'return' ? '请写明要职工补充什么' : '请写明不予通过的原因');
    if (needsCategory && !category) return setProblem('请选择困难类别');
    if (action === 'approve' && view.status === 'submitted' && !view.visit)
      return setProblem('请先记录入户核查，再审核通过');
    if (action === 'record_visit' && findings.trim().length < 2)
      return setProblem('请填写入户核查看到的情况');
    if (action === 'record_payment') {
      const fen = parseYuan(amount);
      if (fen === null || fen === 'bad' || fen <= 0)
        return setProblem(fen === 'bad' ? YUAN_PROBLEM : '请填写发放金额');
      if (!payKind) return setProblem('请选择发放类型');
      setProblem(null);
      return onDecide(action, { kind: 'payment', body: { amountFen: fen, kind: payKind } });
    }
    setProblem(null);
    const body: Record<string, unknown> = { action };
    if (text) body.comment = text;
    if (showsCategory && category) body.category = category;
    if (action === 'record_visit') body.visit = { date: visitDate, findings: findings.trim() };
    onDecide(action, { kind: 'transition', body });
  };

  const commentLabel =
    action === 'return'
      ? '要职工补充什么（职工会看到）'
      : action === 'reject'
        ? '不予通过的原因（职工会看到）'
        : '意见（可以不填）';

  return (
    <View className="card officer-decide" id="aid-decide">
      <View className="section-title">办理</View>
      <ChoiceChips
        id="decision"
        options={offered}
        labels={DECISION_TEXT}
        selected={action ? [action] : []}
        onToggle={(a) => {
          setAction(a);
          setProblem(null);
        }}
      />

      {action === 'record_visit' ? (
        <>
          <View className="field-label">核查日期</View>
          <Picker mode="date" value={visitDate} end={today()} onChange={(e) => setVisitDate(e.detail.value)}>
            <View className="chip" id="visit-date">
              {visitDate}（点这里改）
            </View>
          </Picker>
          <View className="field-label">核查情况</View>
          <Textarea
            id="visit-findings"
            className="textarea"
            value={findings}
            maxlength={1000}
            autoHeight
            placeholder="例如：家中三口人，丈夫住院，情况属实"
            nativeProps={{ 'aria-label': '核查情况' }}
            onInput={(e) => setFindings(e.detail.value)}
          />
        </>
      ) : null}

      {showsCategory ? (
        <>
          <View className="field-label">困难类别{needsCategory ? '' : '（可以先不定）'}</View>
          {suggested ? <View className="field-hint">系统初步判断：{CATEGORY_TEXT[suggested]}</View> : null}
          <ChoiceChips
            id="decision-category"
            options={HARDSHIP_CATEGORIES}
            labels={CATEGORY_TEXT}
            selected={category ? [category] : []}
            onToggle={setCategory}
          />
        </>
      ) : null}

      {action === 'approve' || action === 'return' || action === 'reject' ? (
        <>
          <View className="field-label">{commentLabel}</View>
          <Textarea
            id="decision-comment"
            className="textarea"
            value={comment}
            maxlength={500}
            autoHeight
            nativeProps={{ 'aria-label': commentLabel }}
            onInput={(e) => setComment(e.detail.value)}
          />
        </>
      ) : null}

      {action === 'file' ? (
        <View className="muted">公示期已过、没有未处理的异议时可以建档；建档后可以发放帮扶金。</View>
      ) : null}

      {action === 'record_payment' ? (
        <>
          <View className="field-label">发放金额（元）</View>
          <Input
            id="payment-amount"
            className="input"
            type="digit"
            maxlength={9}
            value={amount}
            placeholder="例如 2000"
            nativeProps={{ 'aria-label': '发放金额（元）' }}
            onInput={(e) => setAmount(e.detail.value)}
          />
          <View className="field-label">发放类型</View>
          <ChoiceChips
            id="payment-kind"
            options={PAYMENT_KINDS}
            labels={PAYMENT_KIND_TEXT}
            selected={payKind ? [payKind] : []}
            onToggle={setPayKind}
          />
        </>
      ) : null}

      <FieldError id="decision-problem" message={problem ?? refusal} />
      {action ? (
        <Action id="decision-confirm" disabled={busy} onClick={confirm}>
          {busy ? '正在提交…' : `确认：${DECISION_TEXT[action]}`}
        </Action>
      ) : null}
    </View>
  );
}
