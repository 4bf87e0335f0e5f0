/**
 * 为孩子申请金秋助学: the child (name, ID number, school, level, admission year), the campaign's
 * questions, the photo of the 录取通知书, and the guardian's consent. While the worker fills it
 * in, the card below says at once whether the child looks eligible, which amount applies for the
 * household (its group read from the union's records, never asked) and, when not, why (the
 * same rule the cloud applies: src/contracts/bursary-eligibility.ts). Wrong values are said next
 * to their field; missing ones after 「提交申请」. A returned application opens here too (?id=),
 * with the union's reason on top; its ID number stays as it was. Its corrections are saved first
 * (「保存修改」): the page then lists what the worker changed and says, as the cloud says it,
 * where resubmitting takes the application and why (e.g. the school changed, which the 基层
 * checked: back to the 基层), before 「重新提交」.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import {
  SCHOOL_LEVEL_TEXT,
  SCHOOL_LEVELS,
  type BursaryApplicationView,
  type CreateApplicationResponse,
  type CurrentCampaignResponse,
  type SchoolLevel,
} from '../../../../contracts/bursary';
import { judgeEligibility } from '../../../../contracts/bursary-eligibility';
import { findIdNumberProblem, ID_NUMBER_PROBLEM_TEXT } from '../../../../contracts/idNumber';
import { isPersonName } from '../../../../contracts/person-name';
import { Action } from '../../../../components/Action';
import { ChangeList } from '../../../../components/ChangeList';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { DigitsField } from '../../../../components/DigitsField';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { EvidenceUploader } from '../../../../components/EvidenceUploader';
import { FieldError } from '../../../../components/FieldError';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText } from '../../../../services/api';
import { submissionKey } from '../../../../services/submission-key';
import { askForProgressMessages, prefetchTemplates } from '../../../../services/subscriptions';
import { EligibilityCard } from '../../components/EligibilityCard';
import { CASE_PAGE, submittedNotice } from '../../links';
import '../../bursary.scss';

const MAX_PHOTOS = 4;
const YES_NO = ['no', 'yes'] as const;
const YES_NO_TEXT = { no: '不是', yes: '是' };

interface Fields {
  childName: string;
  childIdNumber: string;
  school: string;
  level: SchoolLevel | null;
  admissionYear: string | null;
  answers: Record<string, boolean>;
  proofFileIds: string[];
  consent: boolean;
}

const EMPTY: Fields = {
  childName: '',
  childIdNumber: '',
  school: '',
  level: null,
  admissionYear: null,
  answers: {},
  proofFileIds: [],
  consent: false,
};

function fieldsOf(view: BursaryApplicationView): Fields {
  return {
    childName: view.child.name,
    childIdNumber: '',
    school: view.child.school,
    level: view.child.level,
    admissionYear: String(view.child.admissionYear),
    answers: Object.fromEntries(view.answers.map((a) => [a.id, a.answer])),
    proofFileIds: view.proofFileIds,
    consent: true,
  };
}

/** The child's fields as the cloud takes them (a correction: PUT /applications/:id). */
function childOf(f: Fields) {
  return {
    childName: f.childName.trim(),
    school: f.school.trim(),
    level: f.level!,
    admissionYear: Number(f.admissionYear),
    answers: f.answers,
    proofFileIds: f.proofFileIds,
  };
}

/** What is wrong with each field; missing ones only once the worker tried to submit. */
function problemsOf(
  f: Fields,
  questions: readonly { id: string }[],
  editing: boolean,
  tried: boolean,
): Partial<Record<keyof Fields, string>> {
  const p: Partial<Record<keyof Fields, string>> = {};
  const name = f.childName.trim();
  if (name && !isPersonName(name)) p.childName = '孩子的姓名请填写 2 到 20 个汉字或字母';
  else if (!name && tried) p.childName = '请填写孩子的姓名';
  if (!editing) {
    const id = f.childIdNumber.trim();
    const problem = id ? findIdNumberProblem(id) : tried ? 'empty' : null;
    // while typing, only say the length once all 18 are in
    if (problem && (tried || id.length >= 18)) p.childIdNumber = ID_NUMBER_PROBLEM_TEXT[problem];
  }
  if (tried && f.school.trim().length < 2) p.school = '请填写孩子的学校名称';
  if (tried && !f.level) p.level = '请选择孩子在读或考上的学段';
  if (tried && !f.admissionYear) p.admissionYear = '请选择入学年份';
  const unanswered = questions.filter((q) => !(q.id in f.answers)).length;
  if (tried && unanswered > 0) p.answers = `还有 ${unanswered} 个问题没有回答`;
  if (tried && !editing && !f.consent) p.consent = '请先确认您是孩子的监护人并同意';
  return p;
}

export default function BursaryApplyPage() {
  const { params } = useRouter();
  const editingId = params.id ?? null;
  const [current, setCurrent] = useState<CurrentCampaignResponse | null>(null);
  const [returned, setReturned] = useState<BursaryApplicationView | null>(null);
  /** a returned application: its fields as last saved, to tell unsaved corrections */
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const [f, setF] = useState<Fields>(EMPTY);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // a retried or double-tapped submit registers the child once; a new one after the cloud answers
  const [submission] = useState(submissionKey);

  useEffect(prefetchTemplates, []);

  useEffect(() => {
    api
      .get<CurrentCampaignResponse>('/api/bursary/campaigns/current')
      .then(setCurrent)
      .catch((e: unknown) => setError(errorText(e)));
    if (editingId)
      api
        .get<BursaryApplicationView>(`/api/bursary/applications/${encodeURIComponent(editingId)}`)
        .then((view) => {
          setReturned(view);
          setF(fieldsOf(view));
          setSavedAs(JSON.stringify(childOf(fieldsOf(view))));
        })
        .catch((e: unknown) => setError(errorText(e)));
  }, [editingId]);

  const campaign = current?.campaign ?? null;
  const applicant = current?.applicant ?? null;
  const verdict = useMemo(
    () => (campaign && applicant ? judgeEligibility(campaign, applicant.group, f) : null),
    [campaign, applicant, f],
  );
  const questions = campaign?.exclusions ?? [];
  const problems = problemsOf(f, questions, Boolean(editingId), tried);
  const set = (patch: Partial<Fields>) => setF((x) => ({ ...x, ...patch }));
  const years = campaign ? Array.from({ length: 6 }, (_, i) => String(campaign.year - i)) : [];
  const unsaved = returned !== null && JSON.stringify(childOf(f)) !== savedAs;

  const submit = async () => {
    if (busy || !campaign) return;
    // inside the tap, before anything waits: WeChat shows its 允许 question only then
    askForProgressMessages('reviewProgress');
    setTried(true);
    setError(null);
    if (Object.keys(problemsOf(f, questions, Boolean(editingId), true)).length > 0) return;
    if (verdict?.eligible !== true) return;
    setBusy(true);
    const child = childOf(f);
    try {
      let id: string;
      if (returned && unsaved) {
        // saved first: the page then says what changed and where resubmitting takes it
        const saved = await api.put<BursaryApplicationView>(`/api/bursary/applications/${returned.id}`, {
          ...child,
          version: returned.version,
        });
        setReturned(saved);
        setSavedAs(JSON.stringify(child));
        return;
      }
      if (returned) {
        await api.post(`/api/bursary/applications/${returned.id}/transitions`, {
          action: 'resubmit',
          version: returned.version,
        });
        id = returned.id;
      } else {
        const body = { ...child, childIdNumber: f.childIdNumber.trim().toUpperCase(), guardianConsent: true };
        id = (
          await api.post<CreateApplicationResponse>('/api/bursary/applications', body, {
            idempotencyKey: submission.current,
          })
        ).id;
        submission.settle();
      }
      submittedNotice.caseId = id;
      void Taro.redirectTo({ url: `${CASE_PAGE}?id=${id}` });
    } catch (e) {
      submission.settle(e);
      setError(
        e instanceof ApiError && e.code === 'VERSION_CONFLICT'
          ? '这份申请刚在别处改过，请返回重新打开后再提交。'
          : errorText(e),
      );
    } finally {
      setBusy(false);
    }
  };

  if (!current) {
    return (
      <PageShell>
        <ErrorNotice message={error} />
        {error ? null : <View className="muted">正在读取…</View>}
      </PageShell>
    );
  }
  if (!campaign || !applicant) {
    return (
      <PageShell>
        <View className="notice" id="bursary-cannot-apply">
          {!applicant ? '请先登记您本人的实名信息，再为孩子申请。' : '您所在的工会今年还没有开展金秋助学。'}
        </View>
      </PageShell>
    );
  }

  const missingCount = Object.keys(problems).length;
  return (
    <PageShell>
      {returned ? (
        <View className="notice" id="bursary-returned-reason">
          工会请您补充：
          {[...returned.history].reverse().find((h) => h.action === 'return')?.comment ??
            '请按工会的要求补充'}
          。改好后点最下面的「保存修改」，看过改动再「重新提交」。
        </View>
      ) : null}

      <View className="section-title">一、孩子的情况</View>
      <TextField
        id="field-child-name"
        label="孩子的姓名"
        value={f.childName}
        maxlength={20}
        error={problems.childName}
        onInput={(childName) => set({ childName })}
      />
      {returned ? (
        <View className="field">
          <View className="field-label">孩子的身份证号</View>
          <View id="child-id-saved">{returned.child.idNumberMasked}（已保存，不能修改）</View>
        </View>
      ) : (
        <DigitsField
          id="field-child-id"
          label="孩子的身份证号"
          hint="只用于核对是否重复申请，加密保存，只显示前 3 位和后 4 位"
          idNumber
          digits={18}
          value={f.childIdNumber}
          placeholder="18 位，最后一位可能是 X"
          error={problems.childIdNumber}
          errorId="child-id-error"
          onInput={(childIdNumber) => set({ childIdNumber })}
        />
      )}
      <View className="field">
        <View className="field-label">在读或考上的学段</View>
        <ChoiceChips
          id="field-level"
          options={SCHOOL_LEVELS}
          labels={SCHOOL_LEVEL_TEXT}
          selected={f.level ? [f.level] : []}
          hasError={Boolean(problems.level)}
          onToggle={(level) => set({ level })}
        />
        <FieldError message={problems.level} />
      </View>
      <TextField
        id="field-school"
        label="学校名称"
        value={f.school}
        maxlength={40}
        placeholder="例如 浙江工业大学"
        error={problems.school}
        onInput={(school) => set({ school })}
      />
      <View className="field">
        <View className="field-label">入学年份</View>
        <ChoiceChips
          id="field-year"
          options={years}
          labels={Object.fromEntries(years.map((y) => [y, `${y} 年`]))}
          selected={f.admissionYear ? [f.admissionYear] : []}
          hasError={Boolean(problems.admissionYear)}
          onToggle={(admissionYear) => set({ admissionYear })}
        />
        <FieldError message={problems.admissionYear} />
      </View>

      <View className="section-title">二、请回答</View>
      {campaign.exclusions.map((q) => (
        <View key={q.id} className="field bursary-question" id={`question-${q.id}`}>
          <View className="field-label">{q.question}</View>
          <ChoiceChips
            id={`answer-${q.id}`}
            options={YES_NO}
            labels={YES_NO_TEXT}
            selected={q.id in f.answers ? [f.answers[q.id] ? 'yes' : 'no'] : []}
            hasError={tried && !(q.id in f.answers)}
            onToggle={(v) => set({ answers: { ...f.answers, [q.id]: v === 'yes' } })}
          />
        </View>
      ))}

      <FieldError id="answers-error" message={problems.answers} />
      <EligibilityCard verdict={verdict!} />

      <View className="section-title">三、录取通知书或在读证明</View>
      <View className="field">
        <View className="field-hint">
          拍清楚学校名称和孩子的名字。没有也可以先提交，工会需要时会请您补充。
        </View>
        <EvidenceUploader
          id="proof"
          fileIds={f.proofFileIds}
          max={MAX_PHOTOS}
          onChange={(proofFileIds) => set({ proofFileIds })}
        />
      </View>

      {returned ? null : (
        <View className="field">
          <ChoiceChips
            id="field-consent"
            multiple
            options={['agree']}
            labels={{ agree: '我是孩子的监护人，同意工会为办理金秋助学使用孩子的以上信息' }}
            selected={f.consent ? ['agree'] : []}
            hasError={Boolean(problems.consent)}
            onToggle={() => set({ consent: !f.consent })}
          />
          <FieldError message={problems.consent} />
        </View>
      )}

      {tried && (missingCount > 0 || verdict?.eligible === false) ? (
        <View className="notice error" id="bursary-form-problem" ariaRole="alert">
          {missingCount > 0
            ? `还有 ${missingCount} 项要填好才能提交，请看上面标出的地方。`
            : '按填写的情况，孩子不符合这次金秋助学的条件，不能提交。'}
        </View>
      ) : null}
      {returned && !unsaved ? (
        <ChangeList
          id="bursary-form-changes"
          title="重新提交前请看"
          changes={returned.changes.filter((c) => c.resubmittedAt === null)}
          note={returned.resubmitNote}
        />
      ) : null}
      <ErrorNotice id="bursary-form-error" message={error} />
      <Action id="bursary-submit" disabled={busy} onClick={() => void submit()}>
        {busy ? '正在提交…' : !returned ? '提交申请' : unsaved ? '保存修改' : '重新提交'}
      </Action>
    </PageShell>
  );
}
