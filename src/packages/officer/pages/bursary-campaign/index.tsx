/**
 * 金秋助学设置 (区/市 officers): this year's campaign of the officer's own union. Once set it is
 * shown as the workers read it; until then a form with the published defaults (window 7月1日 to
 * 8月31日, every level, the example amount table, the usual exclusion questions and materials,
 * 5 days of 公示), each one changeable. The cloud checks the rest (dates that exist, inside the
 * year, an amount for every level chosen) and says what is wrong in words.
 * 修改设置 opens the same form filled with the campaign's terms; once anyone has applied, only
 * the closing day can change (the page says so and shows only that), as the cloud decides.
 */
import { Picker, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  BURSARY_GROUP_TEXT,
  BURSARY_GROUPS,
  DEFAULT_EXCLUSIONS,
  DEFAULT_MATERIALS,
  SCHOOL_LEVEL_TEXT,
  SCHOOL_LEVELS,
  monthDayText,
  windowText,
  type AmountTable,
  type BursaryGroup,
  type CampaignView,
  type CreateCampaignInput,
  type CurrentCampaignResponse,
  type SchoolLevel,
  type UpdateCampaignInput,
} from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact, FactCard } from '../../../../components/Facts';
import { PageShell } from '../../../../components/PageShell';
import { MoneyField } from '../../../../components/MoneyField';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText } from '../../../../services/api';
import { scrollToId } from '../../../../services/scrollTo';
import { submissionKey } from '../../../../services/submission-key';
import { parseYuan, yuanProblem } from '../../../../services/money';
import '../../officer.scss';

type Yuan = Record<SchoolLevel, Record<BursaryGroup, string>>;

/** The published example: on file 5000 (higher education) / 3000 (high school); not on file 4000 / 2000. */
const EXAMPLE: Yuan = {
  postgraduate: { on_file: '5000', newly_filed: '5000', temporary: '4000' },
  undergraduate: { on_file: '5000', newly_filed: '5000', temporary: '4000' },
  vocational_college: { on_file: '5000', newly_filed: '5000', temporary: '4000' },
  high_school: { on_file: '3000', newly_filed: '3000', temporary: '2000' },
};

function CampaignFacts({ c }: { c: CampaignView }) {
  return (
    <FactCard id="campaign-facts" title={`${c.orgName} ${c.year} 年金秋助学`}>
      <Fact label="报名时间">{windowText(c)}</Fact>
      {c.levels.map((level) => (
        <Fact key={level} label={SCHOOL_LEVEL_TEXT[level]}>
          {BURSARY_GROUPS.map((g) => {
            const fen = c.amounts[level]?.[g];
            return `${BURSARY_GROUP_TEXT[g]} ${fen === undefined ? '不资助' : `${fenToYuanText(fen)} 元`}`;
          }).join('；')}
        </Fact>
      ))}
      <Fact label="不予资助的情形">{c.exclusions.map((q) => q.question).join(' ') || '无'}</Fact>
      <Fact label="要准备的材料">{c.materials.join('、') || '无'}</Fact>
      <Fact label="公示天数">{c.publicityDays} 天</Fact>
    </FactCard>
  );
}

/** The amount table as the form's yuan texts (blank where a group is not funded). */
function yuanOf(amounts: AmountTable): Yuan {
  const blank = { on_file: '', newly_filed: '', temporary: '' };
  return Object.fromEntries(
    SCHOOL_LEVELS.map((level) => {
      const row = amounts[level];
      if (!row) return [level, EXAMPLE[level]];
      return [
        level,
        Object.fromEntries(
          BURSARY_GROUPS.map((g) => [g, row[g] === undefined ? blank[g] : fenToYuanText(row[g]!)]),
        ),
      ];
    }),
  ) as Yuan;
}

/** Once anyone has applied, the cloud takes a new closing day and nothing else. */
const onlyClosingDay = (c: CampaignView) => (c.applications ?? 0) > 0;

/** The defaults and whatever else the campaign has (one set up through the API may have its own). */
const withOwn = <T,>(defaults: readonly T[], own: readonly T[], same: (a: T, b: T) => boolean) => [
  ...defaults,
  ...own.filter((o) => !defaults.some((d) => same(d, o))),
];

export default function OfficerBursaryCampaignPage() {
  const [current, setCurrent] = useState<CurrentCampaignResponse | null>(null);
  /** the campaign being changed, or null while setting up a new one or only reading */
  const [editing, setEditing] = useState<CampaignView | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const year = current ? Number(current.today.slice(0, 4)) : new Date().getFullYear();
  const [opensOn, setOpensOn] = useState(`${year}-07-01`);
  const [closesOn, setClosesOn] = useState(`${year}-08-31`);
  const [levels, setLevels] = useState<SchoolLevel[]>([...SCHOOL_LEVELS]);
  const [yuan, setYuan] = useState<Yuan>(EXAMPLE);
  const [exclusions, setExclusions] = useState(DEFAULT_EXCLUSIONS.map((q) => q.id));
  const [materials, setMaterials] = useState(DEFAULT_MATERIALS);
  const [days, setDays] = useState('5');
  const [busy, setBusy] = useState(false);
  // a double tap or a retry saves once; a new request after the cloud answers
  const [submission] = useState(submissionKey);

  useEffect(() => {
    api
      .get<CurrentCampaignResponse>('/api/bursary/campaigns/current')
      .then((c) => {
        setCurrent(c);
        const y = c.today.slice(0, 4);
        setOpensOn(`${y}-07-01`);
        setClosesOn(`${y}-08-31`);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  /** The amount table in fen, or the first problem in words. */
  function amountsOf(): AmountTable | string {
    const table: AmountTable = {};
    for (const level of levels) {
      const row: Partial<Record<BursaryGroup, number>> = {};
      for (const g of BURSARY_GROUPS) {
        const fen = parseYuan(yuan[level][g]);
        if (fen === 'bad')
          return `${SCHOOL_LEVEL_TEXT[level]}·${BURSARY_GROUP_TEXT[g]}：${yuanProblem(yuan[level][g])}`;
        if (fen !== null && fen > 0) row[g] = fen;
      }
      table[level] = row;
    }
    return table;
  }

  const exclusionOptions = withOwn(DEFAULT_EXCLUSIONS, editing?.exclusions ?? [], (a, b) => a.id === b.id);
  const materialOptions = withOwn(DEFAULT_MATERIALS, editing?.materials ?? [], (a, b) => a === b);
  const closingOnly = editing !== null && onlyClosingDay(editing);

  function startEditing(c: CampaignView) {
    setOpensOn(c.opensOn);
    setClosesOn(c.closesOn);
    setLevels([...c.levels]);
    setYuan(yuanOf(c.amounts));
    setExclusions(c.exclusions.map((q) => q.id));
    setMaterials([...c.materials]);
    setDays(String(c.publicityDays));
    setError(null);
    setSaved(false);
    setEditing(c);
    submission.settle(); // a new edit: a new request
    // the form opens where the officer reads from its top, not where 修改设置 was tapped
    scrollToId(onlyClosingDay(c) ? 'campaign-closing-only' : 'campaign-form-top');
  }

  const save = async () => {
    if (busy) return;
    let terms: Omit<UpdateCampaignInput, 'version'>;
    if (editing && closingOnly) terms = { ...editing, closesOn };
    else {
      const amounts = amountsOf();
      if (typeof amounts === 'string') return setError(amounts);
      terms = {
        opensOn,
        closesOn,
        levels,
        amounts,
        exclusions: exclusionOptions.filter((q) => exclusions.includes(q.id)),
        materials: materialOptions.filter((m) => materials.includes(m)),
        publicityDays: Number(days),
      };
    }
    setBusy(true);
    setError(null);
    try {
      let campaign: CampaignView;
      if (editing) {
        const body: UpdateCampaignInput = {
          opensOn: terms.opensOn,
          closesOn: terms.closesOn,
          levels: terms.levels,
          amounts: terms.amounts,
          exclusions: terms.exclusions,
          materials: terms.materials,
          publicityDays: terms.publicityDays,
          version: editing.version,
        };
        campaign = await api.put<CampaignView>(`/api/bursary/campaigns/${editing.id}`, body, {
          idempotencyKey: submission.current,
        });
      } else {
        const body: CreateCampaignInput = { year: Number(opensOn.slice(0, 4)), ...terms };
        campaign = await api.post<CampaignView>('/api/bursary/campaigns', body, {
          idempotencyKey: submission.current,
        });
      }
      submission.settle();
      setCurrent((c) => (c ? { ...c, ownCampaign: campaign } : c));
      setSaved(Boolean(editing));
      setEditing(null);
      scrollToId('campaign-set'); // the confirmation is at the top, the save button was at the bottom
    } catch (e) {
      submission.settle(e);
      setError(errorText(e));
      // someone applied meanwhile: read the campaign again, so the form offers only the closing day
      if (editing && e instanceof ApiError && e.code === 'BURSARY_CAMPAIGN_IN_USE') {
        const fresh = await api
          .get<CurrentCampaignResponse>('/api/bursary/campaigns/current')
          .catch(() => null);
        if (fresh?.ownCampaign) {
          setCurrent(fresh);
          setEditing(fresh.ownCampaign);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  if (!current)
    return (
      <PageShell>
        <ErrorNotice message={error} />
        {error ? null : <View className="muted">正在读取…</View>}
      </PageShell>
    );
  const own = current.ownCampaign;
  if (own && !editing)
    return (
      <PageShell>
        <View className="notice success" id="campaign-set">
          {saved
            ? '✓ 修改已保存，职工看到的是新的设置。'
            : '✓ 今年的金秋助学已经设置好，职工在报名时间内可以为孩子申请。'}
        </View>
        <CampaignFacts c={own} />
        <View className="muted small" id="campaign-applications">
          已收到 {own.applications ?? 0} 份申请（含还没提交的草稿）。
        </View>
        <Action id="campaign-edit" kind="secondary" onClick={() => startEditing(own)}>
          修改设置
        </Action>
      </PageShell>
    );

  const closingPicker = (
    <Picker mode="date" value={closesOn} onChange={(e) => setClosesOn(e.detail.value)}>
      <View className="chip" id="campaign-closes">
        到 {closesOn}
      </View>
    </Picker>
  );
  const actions = (
    <>
      <ErrorNotice id="campaign-error" message={error} />
      <Action id="campaign-save" disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : editing ? '保存修改' : `保存 ${opensOn.slice(0, 4)} 年的设置`}
      </Action>
      {editing ? (
        <Action
          id="campaign-cancel"
          kind="secondary"
          disabled={busy}
          onClick={() => {
            setEditing(null);
            scrollToId('campaign-facts');
          }}
        >
          不改了
        </Action>
      ) : null}
    </>
  );

  if (editing && closingOnly)
    return (
      <PageShell>
        <View className="notice" id="campaign-closing-only">
          {`已经有 ${editing.applications} 份申请了。为了对已经申请的人公平，现在只能改报名截止日期：可以延后，也可以提前，最早到今天（${monthDayText(current.today)}）。`}
        </View>
        <View className="section-title">报名截止日期</View>
        <View className="campaign-dates">{closingPicker}</View>
        {actions}
      </PageShell>
    );

  return (
    <PageShell>
      <View className="muted small" id="campaign-form-top">
        {editing
          ? '还没有人申请，每一项都可以改。保存后职工马上看到新的设置。'
          : '设置后，本工会管辖范围内的职工就能在报名时间内为孩子申请。每年设置一次。'}
      </View>
      <View className="section-title">报名时间</View>
      <View className="campaign-dates">
        <Picker mode="date" value={opensOn} onChange={(e) => setOpensOn(e.detail.value)}>
          <View className="chip" id="campaign-opens">
            从 {opensOn}
          </View>
        </Picker>
        {closingPicker}
      </View>

      <View className="section-title">资助哪些学段</View>
      <ChoiceChips
        id="campaign-levels"
        multiple
        options={SCHOOL_LEVELS}
        labels={SCHOOL_LEVEL_TEXT}
        selected={levels}
        onToggle={(l) => setLevels(toggle(levels, l))}
      />

      <View className="section-title">资助金额（元，不资助的留空）</View>
      {levels.map((level) => (
        <View key={level} className="card" id={`amounts-${level}`}>
          <View className="field-label">{SCHOOL_LEVEL_TEXT[level]}</View>
          {BURSARY_GROUPS.map((g) => (
            <MoneyField
              key={g}
              id={`amount-${level}-${g}`}
              label={BURSARY_GROUP_TEXT[g]}
              value={yuan[level][g]}
              onInput={(v) => setYuan({ ...yuan, [level]: { ...yuan[level], [g]: v } })}
            />
          ))}
        </View>
      ))}

      <View className="section-title">不予资助的情形（职工申请时要回答）</View>
      <ChoiceChips
        id="campaign-exclusions"
        multiple
        options={exclusionOptions.map((q) => q.id)}
        labels={Object.fromEntries(exclusionOptions.map((q) => [q.id, q.question]))}
        selected={exclusions}
        onToggle={(id) => setExclusions(toggle(exclusions, id))}
      />

      <View className="section-title">要准备的材料</View>
      <ChoiceChips
        id="campaign-materials"
        multiple
        options={materialOptions}
        labels={Object.fromEntries(materialOptions.map((m) => [m, m]))}
        selected={materials}
        onToggle={(m) => setMaterials(toggle(materials, m))}
      />

      <TextField
        id="campaign-days"
        label="审批通过后公示几天"
        keypad="number"
        maxlength={2}
        value={days}
        onInput={setDays}
      />

      {actions}
    </PageShell>
  );
}
