/**
 * 办理, for any program of the review kit: the officer picks one of the actions the cloud offers
 * them on this case now (`offers`, drawn from the program's table), fills in what that action
 * needs, and confirms once. Nothing here knows a program's rules:
 *  - only what is open now is offered: an action the case itself still holds (`blockedBy`, e.g.
 *    approval before the home visit is recorded) is listed under 暂时不能办理 with the reason,
 *    not offered to fail; the cloud still has the last word when one is confirmed;
 *  - the fields shown are the action's needs, in the program's words; a choice or an amount
 *    starts from the cloud's preset only when the action requires it (金秋助学's approval: its
 *    table's amount; an optional one, 可以先不定, starts empty with the suggestion as a hint, so
 *    nothing is decided by not looking);
 *  - the body sent is typed (DecisionBody); the page adds the case's version, so if someone else
 *    acted first the cloud answers VERSION_CONFLICT instead of acting twice;
 *  - when the cloud asks to confirm first (`ask`, e.g. the same payment again), the question is
 *    said here, on the page, and confirming sends the same decision with `confirmed`;
 *  - once a decision went through (`done`), that is said where the officer's eyes are, at the
 *    top of this panel, which is brought into view; nothing is chosen for the next one.
 *  - an amount starts from the program's standard amount when it has one (the cloud's preset);
 *    a return may name the facts it asks the worker to change (`facts`, several may be chosen).
 * Actions whose needs are asked elsewhere on the page (deciding an objection) are left to it.
 */
import { Picker, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ActionOffer, DecisionBody, Need, NeedView } from '../contracts/workflow';
import { todayInChina } from '../contracts/calendar-date';
import { parseYuan, yuanProblem } from '../services/money';
import { scrollToId } from '../services/scrollTo';
import { Action } from './Action';
import { ChoiceChips } from './ChoiceChips';
import { FieldError } from './FieldError';
import { TextArea } from './TextArea';
import { MoneyField } from './MoneyField';
import './DecisionPanel.scss';

/** The needs this panel asks for itself. */
const ASKED_HERE: readonly Need[] = ['comment', 'category', 'visit', 'amount', 'paymentKind', 'facts'];

type Choice = 'category' | 'paymentKind';

interface Values {
  comment: string;
  /** undefined: not touched, the action's start value applies */
  category?: string | null;
  visitDate: string;
  findings: string;
  /** undefined: not touched, the action's start value applies (e.g. a program's standard amount) */
  amount?: string;
  paymentKind?: string | null;
  /** a return: the facts the worker is asked to change */
  facts: string[];
}

/** The amount as typed, else the program's standard amount for the action. */
const amountOf = (n: NeedView, v: Values) => v.amount ?? n.preset ?? '';

/** A choice's value: the officer's, else the preset when the action requires the need. */
function choiceOf(offer: ActionOffer, v: Values, need: Choice): string | null {
  if (v[need] !== undefined) return v[need] ?? null;
  const n = offer.needs.find((x) => x.need === need);
  return n?.required ? n.preset : null;
}

/** The body for `offer` from what was filled in, or the first problem to say. */
function bodyOf(offer: ActionOffer, v: Values): DecisionBody | string {
  const body: DecisionBody = { action: offer.action };
  for (const n of offer.needs) {
    if (n.need === 'comment') {
      const text = v.comment.trim();
      if (text) body.comment = text;
      else if (n.required) return n.missing;
    } else if (n.need === 'category' || n.need === 'paymentKind') {
      const value = choiceOf(offer, v, n.need);
      if (value) body[n.need] = value;
      else if (n.required) return n.missing;
    } else if (n.need === 'visit') {
      const findings = v.findings.trim();
      if (findings.length >= 2) body.visit = { date: v.visitDate, findings };
      else if (n.required || findings) return n.missing;
    } else if (n.need === 'amount') {
      const typed = amountOf(n, v);
      const fen = parseYuan(typed);
      if (fen === 'bad') return yuanProblem(typed);
      if (fen !== null && fen > 0) body.amountFen = fen;
      else if (n.required || fen !== null) return n.missing;
    } else if (n.need === 'facts') {
      if (v.facts.length) body.facts = v.facts;
      else if (n.required) return n.missing;
    }
  }
  return body;
}

const labelsOf = (n: NeedView) => Object.fromEntries((n.options ?? []).map((o) => [o.value, o.label]));

interface Props {
  id: string;
  offers: ActionOffer[];
  busy: boolean;
  /** the cloud's refusal of the last decision, said next to the button that was tapped */
  refusal: string | null;
  /** said once the last decision went through */
  done?: string | null;
  /** the cloud asks to confirm the last decision first: the question, in words */
  ask?: string | null;
  onDecide: (offer: ActionOffer, body: DecisionBody) => void;
  /** the officer does not confirm what was asked */
  onCancelAsk?: () => void;
}

export function DecisionPanel({
  id,
  offers,
  busy,
  refusal,
  done = null,
  ask = null,
  onDecide,
  onCancelAsk,
}: Props) {
  const mine = offers.filter((o) => o.by === 'officer' && o.needs.every((n) => ASKED_HERE.includes(n.need)));
  const open = mine.filter((o) => o.blockedBy.length === 0);
  const held = offers.filter((o) => o.by === 'officer' && o.blockedBy.length > 0);
  const [action, setAction] = useState<string | null>(open.length === 1 && !done ? open[0].action : null);
  // today as the cloud counts it (China time, its clock), else as this phone does in China time
  const today = offers.flatMap((o) => o.needs).find((n) => n.need === 'visit')?.preset ?? todayInChina();
  const [values, setValues] = useState<Values>(() => ({
    comment: '',
    visitDate: today,
    findings: '',
    facts: [],
  }));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (done) scrollToId('decision-done');
  }, [done]);

  if (open.length === 0 && held.length === 0 && !done) return null;
  const offer = open.find((o) => o.action === action) ?? null;
  const set = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    // a question about the decision as it was no longer stands once it is changed
    if (ask) onCancelAsk?.();
  };

  const confirm = () => {
    if (!offer) return setProblem('请先选择要做什么');
    const body = bodyOf(offer, values);
    if (typeof body === 'string') return setProblem(body);
    setProblem(null);
    onDecide(offer, ask ? { ...body, confirmed: true } : body);
  };

  /** A labelled box for a need written in words. */
  const textBox = (boxId: string, n: NeedView, max: number, key: 'comment' | 'findings') => (
    <>
      <View className="field-label">{n.label}</View>
      <TextArea
        id={boxId}
        label={n.label}
        value={values[key]}
        maxlength={max}
        placeholder={n.placeholder ?? undefined}
        onInput={(text) => set({ [key]: text })}
      />
    </>
  );

  const field = (n: NeedView) => {
    switch (n.need) {
      case 'visit':
        return (
          <View key={n.need}>
            <View className="field-label">核查日期</View>
            <Picker
              mode="date"
              value={values.visitDate}
              end={today}
              onChange={(e) => set({ visitDate: e.detail.value })}
            >
              <View className="chip" id="visit-date">
                {values.visitDate}（点这里改）
              </View>
            </Picker>
            {textBox('visit-findings', n, 1000, 'findings')}
          </View>
        );
      case 'category':
      case 'paymentKind': {
        const key = n.need;
        const value = offer ? choiceOf(offer, values, key) : null;
        return (
          <View key={key}>
            <View className="field-label">{n.label}</View>
            {n.hint ? <View className="field-hint">{n.hint}</View> : null}
            <ChoiceChips
              id={key === 'category' ? 'decision-category' : 'payment-kind'}
              options={(n.options ?? []).map((o) => o.value)}
              labels={labelsOf(n)}
              selected={value ? [value] : []}
              onToggle={(v) => set({ [key]: v })}
            />
          </View>
        );
      }
      case 'comment':
        return <View key={n.need}>{textBox('decision-comment', n, 500, 'comment')}</View>;
      case 'facts':
        return (
          <View key={n.need}>
            <View className="field-label">{n.label}</View>
            <ChoiceChips
              id="decision-facts"
              multiple
              options={(n.options ?? []).map((o) => o.value)}
              labels={labelsOf(n)}
              selected={values.facts}
              onToggle={(f) =>
                set({
                  facts: values.facts.includes(f)
                    ? values.facts.filter((x) => x !== f)
                    : [...values.facts, f],
                })
              }
            />
          </View>
        );
      case 'amount':
        return (
          <MoneyField
            key={n.need}
            id="payment-amount"
            label={n.label}
            hint={n.hint ?? undefined}
            value={amountOf(n, values)}
            placeholder={n.placeholder ?? undefined}
            onInput={(amount) => set({ amount })}
          />
        );
      default:
        return null;
    }
  };

  return (
    <View className="card decision-panel" id={id}>
      {done ? (
        <View className="notice success" id="decision-done" ariaRole="alert">
          ✓ {done}
        </View>
      ) : null}
      {open.length > 0 ? (
        <>
          <View className="section-title">{done ? '继续办理' : '办理'}</View>
          <ChoiceChips
            id="decision"
            options={open.map((o) => o.action)}
            labels={Object.fromEntries(open.map((o) => [o.action, o.label]))}
            selected={action ? [action] : []}
            onToggle={(a) => {
              setAction(a);
              setProblem(null);
              onCancelAsk?.();
            }}
          />
        </>
      ) : null}
      {held.length > 0 ? (
        <View className="decision-held" id="decision-held">
          <View className="field-hint">暂时不能办理：</View>
          {held.map((o) => (
            <View key={o.action} className="decision-held-item" id={`decision-held-${o.action}`}>
              {o.label}：{o.blockedBy.map((b) => b.message).join('；')}
            </View>
          ))}
        </View>
      ) : null}
      {offer?.needs.map(field)}
      {offer?.note ? <View className="muted">{offer.note}</View> : null}
      {offer && ask ? (
        <View className="notice decision-ask" id="decision-ask" ariaRole="alert">
          {ask}
        </View>
      ) : (
        <FieldError id="decision-problem" message={problem ?? refusal} />
      )}
      {offer ? (
        <Action id="decision-confirm" disabled={busy} onClick={confirm}>
          {busy ? '正在提交…' : ask ? `确认无误，再${offer.label}一次` : `确认：${offer.label}`}
        </Action>
      ) : null}
      {offer && ask ? (
        <Action id="decision-cancel" kind="secondary" disabled={busy} onClick={() => onCancelAsk?.()}>
          不用了，不再{offer.label}
        </Action>
      ) : null}
    </View>
  );
}
