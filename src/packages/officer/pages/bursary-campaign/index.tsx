/**
 * 金秋助学设置 (区/市 officers): this year's campaign of the officer's own union. Once set it is
 * shown as the workers read it; until then a form with the published defaults (window 7月1日 to
 * 8月31日, every level, the example amount table, the usual exclusion questions and materials,
 * 5 days of 公示), each one changeable. The cloud checks the rest (dates that exist, inside the
 * year, an amount for every level chosen) and says what is wrong in words.
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
  windowText,
  type AmountTable,
  type BursaryGroup,
  type CampaignView,
  type CreateCampaignInput,
  type CurrentCampaignResponse,
  type SchoolLevel,
} from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact, FactCard } from '../../../../components/Facts';
import { PageShell } from '../../../../components/PageShell';
import { MoneyField } from '../../../../components/MoneyField';
import { TextField } from '../../../../components/TextField';
import { api, errorText, newIdempotencyKey } from '../../../../services/api';
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

export default function OfficerBursaryCampaignPage() {
  const [current, setCurrent] = useState<CurrentCampaignResponse | null>(null);
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
  const [key] = useState(newIdempotencyKey);

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

  const save = async () => {
    if (busy) return;
    const amounts = amountsOf();
    if (typeof amounts === 'string') return setError(amounts);
    const body: CreateCampaignInput = {
      year: Number(opensOn.slice(0, 4)),
      opensOn,
      closesOn,
      levels,
      amounts,
      exclusions: DEFAULT_EXCLUSIONS.filter((q) => exclusions.includes(q.id)),
      materials,
      publicityDays: Number(days),
    };
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<CampaignView>('/api/bursary/campaigns', body, { idempotencyKey: key });
      setCurrent((c) => (c ? { ...c, ownCampaign: created } : c));
    } catch (e) {
      setError(errorText(e));
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
  if (current.ownCampaign)
    return (
      <PageShell>
        <View className="notice success" id="campaign-set">
          ✓ 今年的金秋助学已经设置好，职工在报名时间内可以为孩子申请。
        </View>
        <CampaignFacts c={current.ownCampaign} />
      </PageShell>
    );

  return (
    <PageShell>
      <View className="muted small">
        设置后，本工会管辖范围内的职工就能在报名时间内为孩子申请。每年设置一次。
      </View>
      <View className="section-title">报名时间</View>
      <View className="campaign-dates">
        <Picker mode="date" value={opensOn} onChange={(e) => setOpensOn(e.detail.value)}>
          <View className="chip" id="campaign-opens">
            从 {opensOn}
          </View>
        </Picker>
        <Picker mode="date" value={closesOn} onChange={(e) => setClosesOn(e.detail.value)}>
          <View className="chip" id="campaign-closes">
            到 {closesOn}
          </View>
        </Picker>
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
        options={DEFAULT_EXCLUSIONS.map((q) => q.id)}
        labels={Object.fromEntries(DEFAULT_EXCLUSIONS.map((q) => [q.id, q.question]))}
        selected={exclusions}
        onToggle={(id) => setExclusions(toggle(exclusions, id))}
      />

      <View className="section-title">要准备的材料</View>
      <ChoiceChips
        id="campaign-materials"
        multiple
        options={DEFAULT_MATERIALS}
        labels={Object.fromEntries(DEFAULT_MATERIALS.map((m) => [m, m]))}
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

      <ErrorNotice id="campaign-error" message={error} />
      <Action id="campaign-save" disabled={busy} onClick={() => void save()}>
        {busy ? '正在保存…' : `保存 ${opensOn.slice(0, 4)} 年的设置`}
      </Action>
    </PageShell>
  );
}
