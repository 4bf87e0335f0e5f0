/**
 * 办理, for any program of the review kit: the officer picks one of the actions the cloud offers
 * them on this case now (`offers`, drawn from the program's table), fills in what that action
 * needs, and confirms once. Nothing here knows a program's rules:
 *  - the fields shown are the action's needs, in the program's words (label, what to say when a
 *    required one is missing, the choices and the value to start from);
 *  - an action the case itself still holds (e.g. approval before the home visit is recorded)
 *    says why as soon as it is chosen; the cloud has the last word when it is confirmed;
 *  - the body sent is typed (DecisionBody); the page adds the case's version, so if someone else
 *    acted first the cloud answers VERSION_CONFLICT instead of acting twice.
 * Actions whose needs are asked elsewhere on the page (deciding an objection) are left to it.
 */
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActionOffer, DecisionBody, Need, NeedView } from '../contracts/workflow';
import { parseYuan, YUAN_PROBLEM } from '../services/money';
import { Action } from './Action';
import { ChoiceChips } from './ChoiceChips';
import { FieldError } from './FieldError';
import './DecisionPanel.scss';

/** The needs this panel asks for itself. */
const ASKED_HERE: readonly Need[] = ['comment', 'category', 'visit', 'amount', 'paymentKind', 'facts'];

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Values {
  comment: string;
  category: string | null;
  visitDate: string;
  findings: string;
  amount: string;
  paymentKind: string | null;
  /** a return: the facts the worker is asked to change */
  facts: string[];
}

/** The body for `offer` from what was filled in, or the first problem to say. */
function bodyOf(offer: ActionOffer, v: Values): DecisionBody | string {
  const body: DecisionBody = { action: offer.action };
  for (const n of offer.needs) {
    if (n.need === 'comment') {
      const text = v.comment.trim();
      if (text) body.comment = text;
      else if (n.required) return n.missing;
    } else if (n.need === 'category') {
      if (v.category) body.category = v.category;
      else if (n.required) return n.missing;
    } else if (n.need === 'visit') {
      const findings = v.findings.trim();
      if (findings.length >= 2) body.visit = { date: v.visitDate, findings };
      else if (n.required || findings) return n.missing;
    } else if (n.need === 'amount') {
      const fen = parseYuan(v.amount);
      if (fen === 'bad') return YUAN_PROBLEM;
      if (fen !== null && fen > 0) body.amountFen = fen;
      else if (n.required || fen !== null) return n.missing;
    } else if (n.need === 'paymentKind') {
      if (v.paymentKind) body.paymentKind = v.paymentKind;
      else if (n.required) return n.missing;
    } else if (n.need === 'facts') {
      if (v.facts.length) body.facts = v.facts;
      else if (n.required) return n.missing;
    }
  }
  return body;
}

const presetOf = (offers: ActionOffer[], need: Need) =>
  offers.flatMap((o) => o.needs).find((n) => n.need === need)?.preset ?? null;

const labelsOf = (n: NeedView) => Object.fromEntries((n.options ?? []).map((o) => [o.value, o.label]));

interface Props {
  id: string;
  offers: ActionOffer[];
  busy: boolean;
  /** the cloud's refusal of the last decision, said next to the button that was tapped */
  refusal: string | null;
  onDecide: (offer: ActionOffer, body: DecisionBody) => void;
}

export function DecisionPanel({ id, offers, busy, refusal, onDecide }: Props) {
  const offered = offers.filter(
    (o) => o.by === 'officer' && o.needs.every((n) => ASKED_HERE.includes(n.need)),
  );
  const [action, setAction] = useState<string | null>(offered.length === 1 ? offered[0].action : null);
  const [values, setValues] = useState<Values>(() => ({
    comment: '',
    category: presetOf(offered, 'category'),
    visitDate: today(),
    findings: '',
    amount: presetOf(offered, 'amount') ?? '',
    paymentKind: presetOf(offered, 'paymentKind'),
    facts: [],
  }));
  const [problem, setProblem] = useState<string | null>(null);

  if (offered.length === 0) return null;
  const offer = offered.find((o) => o.action === action) ?? null;
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  // what holds the chosen action, unless the cloud's refusal beside the button already says it
  const holds = offer?.blockedBy.map((b) => b.message).filter((m) => m !== refusal) ?? [];
  const blocked = holds.length ? holds.join('；') : null;

  const confirm = () => {
    if (!offer) return setProblem('请先选择要做什么');
    const body = bodyOf(offer, values);
    if (typeof body === 'string') return setProblem(body);
    setProblem(null);
    onDecide(offer, body);
  };

  /** A labelled text box for a need written in words. */
  const textBox = (boxId: string, n: NeedView, max: number, key: 'comment' | 'findings') => (
    <>
      <View className="field-label">{n.label}</View>
      <Textarea
        id={boxId}
        className="textarea"
        value={values[key]}
        maxlength={max}
        autoHeight
        placeholder={n.placeholder ?? undefined}
        onInput={(e) => set(key === 'comment' ? { comment: e.detail.value } : { findings: e.detail.value })}
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
              end={today()}
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
        return (
          <View key={key}>
            <View className="field-label">{n.label}</View>
            {n.hint ? <View className="field-hint">{n.hint}</View> : null}
            <ChoiceChips
              id={key === 'category' ? 'decision-category' : 'payment-kind'}
              options={(n.options ?? []).map((o) => o.value)}
              labels={labelsOf(n)}
              selected={values[key] ? [values[key]] : []}
              onToggle={(value) => set(key === 'category' ? { category: value } : { paymentKind: value })}
            />
          </View>
        );
      }
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
              onToggle={(value) =>
                set({
                  facts: values.facts.includes(value)
                    ? values.facts.filter((f) => f !== value)
                    : [...values.facts, value],
                })
              }
            />
          </View>
        );
      case 'comment':
        return <View key={n.need}>{textBox('decision-comment', n, 500, 'comment')}</View>;
      case 'amount':
        return (
          <View key={n.need}>
            <View className="field-label">{n.label}</View>
            <Input
              id="payment-amount"
              className="input"
              type="digit"
              maxlength={9}
              value={values.amount}
              placeholder={n.placeholder ?? undefined}
              onInput={(e) => set({ amount: e.detail.value })}
            />
          </View>
        );
      default:
        return null;
    }
  };

  return (
    <View className="card decision-panel" id={id}>
      <View className="section-title">办理</View>
      <ChoiceChips
        id="decision"
        options={offered.map((o) => o.action)}
        labels={Object.fromEntries(offered.map((o) => [o.action, o.label]))}
        selected={action ? [action] : []}
        onToggle={(a) => {
          setAction(a);
          setProblem(null);
        }}
      />
      {blocked ? (
        <View className="notice decision-blocked" id="decision-blocked">
          {blocked}
        </View>
      ) : null}
      {offer?.needs.map(field)}
      {offer?.note ? <View className="muted">{offer.note}</View> : null}
      <FieldError id="decision-problem" message={problem ?? refusal} />
      {offer ? (
        <Action id="decision-confirm" disabled={busy} onClick={confirm}>
          {busy ? '正在提交…' : `确认：${offer.label}`}
        </Action>
      ) : null}
    </View>
  );
}
