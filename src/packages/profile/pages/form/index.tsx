/**
 * 实名信息: 姓名, 身份证号, 手机号, 所属基层工会. The ID number gets instant feedback in words
 * (the same GB 11643 checks the server applies, from src/contracts/idNumber.ts) and shows in
 * groups of four as it is typed; the whole body is checked with the shared UpdateProfileSchema
 * before sending. What still stops the save is listed beside the button, each a link to its
 * field, and the list goes as the fields are fixed. Once saved, the worker goes back to where
 * they came from (e.g. the 困难帮扶 page that sent them here), which says it was saved, and what
 * waits for the union (a new name or ID number once they have a submitted application) or stays
 * with it (an application when they move union); the ID number then exists in the app only masked.
 */
import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { ErrorCode } from '../../../../contracts/errors';
import {
  findIdNumberProblem,
  ID_NUMBER_PROBLEM_TEXT,
  normalizeIdNumber,
} from '../../../../contracts/idNumber';
import {
  CURRENT_CONSENT_VERSION,
  UpdateProfileSchema,
  type UpdateProfileInput,
  type UpdateProfileResponse,
} from '../../../../contracts/members';
import type { OrgListResponse, Org } from '../../../../contracts/orgs';
import { Action } from '../../../../components/Action';
import { DigitsField } from '../../../../components/DigitsField';
import { MaskedText } from '../../../../components/MaskedText';
import { PageShell } from '../../../../components/PageShell';
import { ProblemSummary, type ProblemLink } from '../../../../components/ProblemSummary';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText } from '../../../../services/api';
import { noticeOnNextPage } from '../../../../services/flash';
import { scrollToId } from '../../../../services/scrollTo';
import { hasCurrentConsent, PROFILE_CONSENT_PAGE, useMember } from '../../../../services/member';
import { setMember } from '../../../../services/session';
import { OrgPicker } from '../../components/OrgPicker';
import '../../profile.scss';

type Field = 'name' | 'idNumber' | 'phone' | 'orgId';
type Errors = Partial<Record<Field, string>>;

const FIELD_NAME: Record<Field, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  orgId: '所属工会',
};
/** the element holding each field, its label included */
const FIELD_TARGET: Record<Field, string> = {
  name: 'field-name-field',
  idNumber: 'field-id-number-block',
  phone: 'field-phone-block',
  orgId: 'field-org',
};
const FIELDS: Field[] = ['name', 'idNumber', 'phone', 'orgId'];

/** Which field a server error belongs to, so its words appear next to that field. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, Field>> = {
  NAME_INVALID: 'name',
  ID_NUMBER_INVALID: 'idNumber',
  ID_NUMBER_TAKEN: 'idNumber',
  PHONE_INVALID: 'phone',
  ORG_NOT_FOUND: 'orgId',
  ORG_NOT_BASE: 'orgId',
};

/** While typing, speak up only when the problem is certain (a wrong character, or all 18 typed). */
function idFeedback(value: string, blurred: boolean): string | null {
  const problem = findIdNumberProblem(value);
  if (!problem) return null;
  const typed = normalizeIdNumber(value).length;
  if (blurred || problem === 'format' || typed >= 18) return ID_NUMBER_PROBLEM_TEXT[problem];
  return null;
}

export default function ProfileFormPage() {
  const member = useMember();
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [name, setName] = useState(member?.name ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [idBlurred, setIdBlurred] = useState(false);
  const [phone, setPhone] = useState('');
  const [orgId, setOrgId] = useState<string | null>(member?.orgId ?? null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** 保存 was tapped: from then on, what still stops it is listed beside the button */
  const [tried, setTried] = useState(false);

  useLoad(() => {
    if (!hasCurrentConsent(member)) {
      void Taro.redirectTo({ url: PROFILE_CONSENT_PAGE });
      return;
    }
    api
      .get<OrgListResponse>('/api/orgs')
      .then((r) => setOrgs(r.orgs))
      .catch((e: unknown) => setFormError(errorText(e)));
  });

  const idMessage = errors.idNumber ?? idFeedback(idNumber, idBlurred);
  const idOk = idNumber.length > 0 && findIdNumberProblem(idNumber) === null;
  // what still stops the save, from the fields as they are now: fixed ones drop out of the list
  const current: Errors = { ...errors, idNumber: idMessage ?? undefined };
  const problems: ProblemLink[] = FIELDS.filter((f) => current[f]).map((f) => ({
    label: FIELD_NAME[f],
    message: current[f],
    targetId: FIELD_TARGET[f],
  }));

  const submit = async () => {
    if (busy) return;
    setTried(true);
    setFormError(null);
    const input = {
      name: name.trim(),
      idNumber: normalizeIdNumber(idNumber),
      phone: phone.trim(),
      orgId: orgId ?? '',
      consentVersion: CURRENT_CONSENT_VERSION,
    };
    const parsed = UpdateProfileSchema.safeParse(input);
    const next: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
    }
    // the schema only knows "not empty"; the org must also be a 基层工会
    const org = orgs?.find((o) => o.id === orgId);
    if (!org || org.level !== 'base') next.orgId = '请选择到具体的基层工会';
    setErrors(next);
    setIdBlurred(true);
    const first = FIELDS.find((f) => next[f]);
    if (first) {
      scrollToId(FIELD_TARGET[first]);
      return;
    }
    setBusy(true);
    try {
      const result = await api.put<UpdateProfileResponse>(
        '/api/members/me',
        input satisfies UpdateProfileInput,
      );
      setMember(result);
      // the full number is not kept anywhere in the app once it is saved
      setIdNumber('');
      setPhone('');
      setIdBlurred(false);
      // back to where the worker came from (困难帮扶, 我的 …), which says it is saved
      // and what waits or stays (a change of name or ID number the union must confirm, cases that stay with their union)
      noticeOnNextPage(
        [
          `实名信息已保存：${result.name}，身份证号 ${result.idNumberMasked ?? ''}（已加密保存，以后只显示前 3 位和后 4 位）。`,
          ...result.notices,
        ].join(''),
      );
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.switchTab({ url: '/pages/mine/index' });
    } catch (e) {
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code as ErrorCode] : undefined;
      if (field) {
        setErrors({ [field]: e instanceof ApiError ? e.message : '' });
        scrollToId(FIELD_TARGET[field]);
      } else setFormError(errorText(e));
      if (e instanceof ApiError && e.code === 'CONSENT_REQUIRED')
        void Taro.redirectTo({ url: PROFILE_CONSENT_PAGE });
    } finally {
      setBusy(false);
    }
  };

  const clearError = (f: Field) => setErrors((e) => (e[f] ? { ...e, [f]: undefined } : e));

  return (
    <PageShell>
      <TextField
        id="field-name"
        label="姓名"
        value={name}
        maxlength={20}
        placeholder="和身份证上一致"
        error={errors.name}
        errorId="name-error"
        onInput={(v) => {
          setName(v);
          clearError('name');
        }}
      />

      <View className="field" id="field-id-number-block">
        <View className="field-label">身份证号</View>
        {member?.idNumberMasked ? (
          <View className="field-hint" id="id-number-registered">
            已登记：
            <MaskedText value={member.idNumberMasked} />
            。为保护您的信息，这里不再显示完整号码，保存时请重新输入完整的身份证号。
          </View>
        ) : (
          <View className="field-hint">18 位，最后一位可以是 X。每 4 位自动空一格，方便对照身份证</View>
        )}
        <DigitsField
          id="field-id-number"
          idNumber
          digits={18}
          value={idNumber}
          placeholder="请输入 18 位身份证号"
          error={idMessage}
          errorId="id-number-error"
          onInput={(v) => {
            setIdNumber(v);
            clearError('idNumber');
          }}
          onBlur={() => setIdBlurred(true)}
        />
        {!idMessage && idOk ? (
          <View className="field-ok" id="id-number-ok">
            ✓ 身份证号格式正确
          </View>
        ) : null}
      </View>

      <View className="field" id="field-phone-block">
        <View className="field-label">手机号</View>
        {member?.phoneMasked ? (
          <View className="field-hint">
            已登记：
            <MaskedText value={member.phoneMasked} />
            ，保存时请重新输入
          </View>
        ) : null}
        <TextField
          id="field-phone"
          keypad="number"
          value={phone}
          maxlength={11}
          placeholder="11 位手机号"
          error={errors.phone}
          errorId="phone-error"
          onInput={(v) => {
            setPhone(v.replace(/\s/g, ''));
            clearError('phone');
          }}
        />
      </View>

      <View className="field" id="field-org">
        <View className="field-label">所属工会</View>
        <View className="field-hint">
          选到您所在单位的基层工会。灵活就业或下岗的职工，请选所在街道或社区的工会。
        </View>
        {orgs ? (
          <OrgPicker
            orgs={orgs}
            value={orgId}
            onChange={(id) => {
              setOrgId(id);
              clearError('orgId');
            }}
            error={errors.orgId}
          />
        ) : (
          <View className="muted">正在读取工会列表…</View>
        )}
      </View>

      <ProblemSummary
        id="form-problems"
        lead="还有这些要改好才能保存，点一项就去那里："
        problems={tried ? problems : []}
        onGo={(p) => scrollToId(p.targetId)}
      />
      {formError ? (
        <View className="notice error" id="form-error" ariaRole="alert">
          {formError}
        </View>
      ) : null}
      <Action id="profile-submit" onClick={() => void submit()} disabled={busy}>
        {busy ? '正在保存…' : '保存'}
      </Action>
    </PageShell>
  );
}
