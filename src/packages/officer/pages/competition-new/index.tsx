/**
 * 新建竞赛 (officer): a short form — name, kind, venue, start, registration deadline, events with
 * their seats, per-unit quota, one event per person, late limit, a 领物资 list, scoring parts and
 * their weights — checked here field by field in words, then created for the officer's own union.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import {
  COMPETITION_KIND_TEXT,
  COMPETITION_KINDS,
  type CompetitionView,
} from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { FieldError } from '../../../../components/FieldError';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, errorText } from '../../../../services/api';
import { submissionKey } from '../../../../services/submission-key';
import { noticeOnNextPage } from '../../../../services/flash';
import { useMember } from '../../../../services/member';
import { scrollToId } from '../../../../services/scrollTo';
import { buildCompetition, emptyForm, type CompetitionForm, type Problems } from '../../competitionForm';
import { MANAGE_PAGE } from '../../competitionLinks';
import '../../officer.scss';

const YES_NO = ['yes', 'no'] as const;
const YES_NO_TEXT = { yes: '是', no: '否' };

/** A yes-or-no question as two chips, the answer said with ✓ as well as colour. */
function YesNo({
  id,
  label,
  on,
  onChange,
  spaced = false,
}: {
  id: string;
  label: string;
  on: boolean;
  onChange: (on: boolean) => void;
  /** after a button: room above, so the two do not touch */
  spaced?: boolean;
}) {
  return (
    <View className={spaced ? 'field cf-spaced' : 'field'}>
      <View className="field-label">{label}</View>
      <ChoiceChips
        id={id}
        options={YES_NO}
        labels={YES_NO_TEXT}
        selected={[on ? 'yes' : 'no']}
        onToggle={(v) => onChange(v === 'yes')}
      />
    </View>
  );
}

export default function NewCompetitionPage() {
  const member = useMember();
  const [f, setF] = useState<CompetitionForm>(emptyForm);
  const [problems, setProblems] = useState<Problems>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // one key per form: a retried or double-tapped submit creates one competition
  // a retried or double-tapped save creates one competition; a new one after the cloud answers
  const submission = useMemo(submissionKey, []);

  const set = <K extends keyof CompetitionForm>(k: K, v: CompetitionForm[K]) =>
    setF((old) => ({ ...old, [k]: v }));
  const setEvent = (i: number, k: 'name' | 'capacity', v: string) =>
    set(
      'events',
      f.events.map((e, j) => (j === i ? { ...e, [k]: v } : e)),
    );
  const setPart = (i: number, k: 'name' | 'weight', v: string) =>
    set(
      'parts',
      f.parts.map((p, j) => (j === i ? { ...p, [k]: v } : p)),
    );

  const submit = async () => {
    if (!member || busy) return;
    const { body, problems: found } = buildCompetition(f, member, new Date());
    setProblems(found);
    if (!body) {
      setFailed('还有没填好的地方，请看标出的说明');
      scrollToId('competition-form-problem');
      return;
    }
    setBusy(true);
    setFailed(null);
    try {
      const c = await api.post<CompetitionView>('/api/competitions', body, {
        idempotencyKey: submission.current,
      });
      submission.settle();
      noticeOnNextPage(`已创建「${c.title}」，现在开始报名。`);
      void Taro.redirectTo({ url: `${MANAGE_PAGE}?id=${c.id}` });
    } catch (e) {
      submission.settle(e);
      setFailed(errorText(e));
      scrollToId('competition-form-problem');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <TextField
        id="cf-title"
        label="竞赛名称"
        value={f.title}
        placeholder="例如 2026年职工技能比武"
        error={problems.title}
        onInput={(v) => set('title', v)}
      />
      <View className="field">
        <View className="field-label">类别</View>
        <ChoiceChips
          id="cf-kind"
          options={COMPETITION_KINDS}
          labels={COMPETITION_KIND_TEXT}
          selected={[f.kind]}
          onToggle={(k) => set('kind', k)}
        />
      </View>
      <TextField
        id="cf-venue"
        label="比赛地点"
        value={f.venue}
        error={problems.venue}
        onInput={(v) => set('venue', v)}
      />
      <TextField
        id="cf-starts"
        label="比赛开始时间"
        hint="例如 2026-05-01 09:00"
        value={f.startsAt}
        error={problems.startsAt}
        onInput={(v) => set('startsAt', v)}
      />
      <TextField
        id="cf-closes"
        label="报名截止时间"
        hint="保存后马上开始报名，到这个时间截止"
        value={f.registrationClosesAt}
        error={problems.registrationClosesAt}
        onInput={(v) => set('registrationClosesAt', v)}
      />

      <View className="section-title">比赛项目和名额</View>
      {f.events.map((e, i) => (
        <View key={i} className="card" id={`cf-event-${i}`}>
          <TextField
            id={`cf-event-${i}-name`}
            label={`项目 ${i + 1} 名称`}
            value={e.name}
            placeholder="例如 叉车"
            onInput={(v) => setEvent(i, 'name', v)}
          />
          <TextField
            id={`cf-event-${i}-capacity`}
            label="名额（人）"
            keypad="number"
            value={e.capacity}
            onInput={(v) => setEvent(i, 'capacity', v)}
          />
          <FieldError message={problems[`event-${i}`]} />
          {f.events.length > 1 ? (
            <Action
              kind="secondary"
              onClick={() =>
                set(
                  'events',
                  f.events.filter((_, j) => j !== i),
                )
              }
            >
              删除项目 {i + 1}
            </Action>
          ) : null}
        </View>
      ))}
      <Action
        id="cf-event-add"
        kind="secondary"
        onClick={() => set('events', [...f.events, { name: '', capacity: '' }])}
      >
        再加一个项目
      </Action>

      <View className="section-title">报名规则</View>
      <TextField
        id="cf-quota"
        label="每个基层工会每个项目最多几人"
        hint="不限就空着"
        keypad="number"
        value={f.perUnitQuota}
        error={problems.perUnitQuota}
        onInput={(v) => set('perUnitQuota', v)}
      />
      <YesNo
        id="cf-one"
        label="每人只能报一个项目"
        on={f.onePerPerson}
        onChange={(v) => set('onePerPerson', v)}
      />
      <TextField
        id="cf-late"
        label="迟到多少分钟后不能入场"
        keypad="number"
        value={f.lateLimitMinutes}
        error={problems.lateLimitMinutes}
        onInput={(v) => set('lateLimitMinutes', v)}
      />
      <YesNo
        id="cf-goods"
        label="另设「领物资」签到"
        on={f.goodsList}
        onChange={(v) => set('goodsList', v)}
      />

      <View className="section-title">评分</View>
      <View className="muted small">总分满分 100，各项按权重折算，权重加起来为 100。</View>
      {f.parts.map((p, i) => (
        <View key={i} className="card" id={`cf-part-${i}`}>
          <TextField
            id={`cf-part-${i}-name`}
            label={`评分项 ${i + 1}`}
            value={p.name}
            onInput={(v) => setPart(i, 'name', v)}
          />
          <TextField
            id={`cf-part-${i}-weight`}
            label="权重（%）"
            keypad="number"
            value={p.weight}
            onInput={(v) => setPart(i, 'weight', v)}
          />
          <FieldError message={problems[`part-${i}`]} />
        </View>
      ))}
      <FieldError id="cf-parts-error" message={problems.parts} />
      {f.parts.length < 6 ? (
        <Action kind="secondary" onClick={() => set('parts', [...f.parts, { name: '', weight: '' }])}>
          再加一个评分项
        </Action>
      ) : null}
      <YesNo
        spaced
        id="cf-judge"
        label="我担任评委（录入成绩）"
        on={f.iAmJudge}
        onChange={(v) => set('iAmJudge', v)}
      />

      <View id="competition-form-problem">
        <ErrorNotice message={failed ? `✕ ${failed}` : null} />
      </View>
      <Action id="cf-submit" disabled={busy} onClick={() => void submit()}>
        {busy ? '正在创建…' : '创建竞赛，开始报名'}
      </Action>
    </PageShell>
  );
}
