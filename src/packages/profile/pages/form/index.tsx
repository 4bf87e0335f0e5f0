/**
 * 实名信息: 姓名, 身份证号, 手机号, 所属基层工会. The ID number gets instant feedback in words
 * (the same GB 11643 checks the server applies, from src/contracts/idNumber.ts); the whole body
 * is checked with the shared UpdateProfileSchema before sending. After saving, the ID number
 * exists here only masked: the typed value is dropped and the server never sends it back.
 */
import { Input, View } from '@tarojs/components';
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
import { FieldError } from '../../../../components/FieldError';
import { MaskedText } from '../../../../components/MaskedText';
import { PageShell } from '../../../../components/PageShell';
import { api, ApiError, errorText } from '../../../../services/api';
import { hasCurrentConsent, PROFILE_CONSENT_PAGE, useMember } from '../../../../services/member';
import { setMember } from '../../../../services/session';
import { OrgPicker } from '../../components/OrgPicker';
import '../../profile.scss';

type Field = 'name' | 'idNumber' | 'phone' | 'orgId';
type Errors = Partial<Record<Field, string>>;

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
  const [saved, setSaved] = useState<UpdateProfileResponse | null>(null);

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

  const submit = async () => {
    if (busy) return;
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
    if (Object.keys(next).length > 0) {
      setFormError('还有内容需要修改，请看上面标出的地方');
      return;
    }
    setBusy(true);
    try {
      const result = await api.put<UpdateProfileResponse>(
        '/api/members/me',
        input satisfies UpdateProfileInput,
      );
      setMember(result);
      setSaved(result);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
      // the full number is not kept anywhere in the app once it is saved
      setIdNumber('');
      setPhone('');
      setIdBlurred(false);
    } catch (e) {
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code as ErrorCode] : undefined;
      if (field) setErrors({ [field]: e instanceof ApiError ? e.message : '' });
      if (e instanceof ApiError && e.code === 'CONSENT_REQUIRED')
        void Taro.redirectTo({ url: PROFILE_CONSENT_PAGE });
      setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <PageShell>
        <View className="notice success" id="profile-saved" ariaRole="alert">
          实名信息已保存。身份证号已加密保存，以后只显示前 3 位和后 4 位。
        </View>
        {saved.notices.map((n, i) => (
          <View key={i} className="notice" id={`profile-notice-${i}`}>
            {n}
          </View>
        ))}
        <View className="card">
          <View className="field-hint">姓名</View>
          <View className="field">{saved.name}</View>
          {saved.identityChangePending ? (
            <View className="field-hint" id="saved-pending">
              等工会确认后改为：{saved.identityChangePending.name}，身份证号{' '}
              {saved.identityChangePending.idNumberMasked}
            </View>
          ) : null}
          <View className="field-hint">身份证号（只显示前 3 位和后 4 位）</View>
          <View className="field saved-id">
            <MaskedText id="saved-id-number" value={saved.idNumberMasked} />
          </View>
          <View className="field-hint">手机号</View>
          <View className="field">
            <MaskedText value={saved.phoneMasked} />
          </View>
          <View className="field-hint">所属工会</View>
          <View>{saved.orgName}</View>
        </View>
        <Action id="back-to-mine" onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
          返回「我的」
        </Action>
        <Action kind="secondary" onClick={() => setSaved(null)}>
          修改信息
        </Action>
      </PageShell>
    );
  }

  const field = (f: Field) => (errors[f] ? 'input has-error' : 'input');
  const clearError = (f: Field) => setErrors((e) => (e[f] ? { ...e, [f]: undefined } : e));

  return (
    <PageShell>
      <View className="field">
        <View className="field-label">姓名</View>
        <Input
          id="field-name"
          className={field('name')}
          value={name}
          maxlength={20}
          placeholder="和身份证上一致"
          onInput={(e) => {
            setName(e.detail.value);
            clearError('name');
          }}
        />
        <FieldError id="name-error" message={errors.name} />
      </View>

      <View className="field">
        <View className="field-label">身份证号</View>
        {member?.idNumberMasked ? (
          <View className="field-hint" id="id-number-registered">
            已登记：
            <MaskedText value={member.idNumberMasked} />
            。为保护您的信息，这里不再显示完整号码，保存时请重新输入完整的身份证号。
          </View>
        ) : (
          <View className="field-hint">18 位，最后一位可以是 X</View>
        )}
        <Input
          id="field-id-number"
          className={idMessage ? 'input has-error' : 'input'}
          type="idcard"
          value={idNumber}
          maxlength={18}
          placeholder="请输入 18 位身份证号"
          onInput={(e) => {
            setIdNumber(e.detail.value);
            clearError('idNumber');
          }}
          onBlur={() => setIdBlurred(true)}
        />
        <FieldError id="id-number-error" message={idMessage} />
        {!idMessage && idOk ? (
          <View className="field-ok" id="id-number-ok">
            ✓ 身份证号格式正确
          </View>
        ) : null}
      </View>

      <View className="field">
        <View className="field-label">手机号</View>
        {member?.phoneMasked ? (
          <View className="field-hint">
            已登记：
            <MaskedText value={member.phoneMasked} />
            ，保存时请重新输入
          </View>
        ) : null}
        <Input
          id="field-phone"
          className={field('phone')}
          type="number"
          value={phone}
          maxlength={11}
          placeholder="11 位手机号"
          onInput={(e) => {
            setPhone(e.detail.value);
            clearError('phone');
          }}
        />
        <FieldError id="phone-error" message={errors.phone} />
      </View>

      <View className="field">
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
