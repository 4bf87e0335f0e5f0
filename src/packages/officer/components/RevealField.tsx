/**
 * A masked personal number with 「查看完整号码」: the officer first says why (a purpose from a short
 * list, and words of their own, needed for 其他), on the page itself; only then is the full value
 * asked of the cloud, which records who looked, why and for which case (audit), and counts it
 * against the officer's hourly limit. The value lives in this component's memory only, never in
 * storage, and shows in groups of four (3301 0619 …) to be checked by eye against a card. `path`
 * is the case's reveal route (any program of the review kit).
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Action } from '../../../components/Action';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { MaskedText } from '../../../components/MaskedText';
import { TextField } from '../../../components/TextField';
import {
  REVEAL_PURPOSE_TEXT,
  REVEAL_PURPOSES,
  type RevealField as Field,
  type RevealPurpose,
} from '../../../contracts/privacy';
import { api, errorText } from '../../../services/api';
import { inGroupsOfFour } from '../../../services/digitGroups';

interface Props {
  id: string;
  label: string;
  masked: string | null;
  /** e.g. /api/aid/cases/<id>/reveal */
  path: string;
  field: Field;
  /** the case's state needs the value at my level now (the case view's `revealable`) */
  needed: boolean;
}

export function RevealField({ id, label, masked, path, field, needed }: Props) {
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState<RevealPurpose | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reveal = () => {
    if (!purpose) return setError('请先选择为什么要查看');
    if (purpose === 'other' && note.trim().length < 2) return setError('选了“其他”，请写明为什么要查看');
    setBusy(true);
    api
      .post<{ value: string }>(path, { field, purpose, ...(note.trim() ? { note: note.trim() } : {}) })
      .then((r) => {
        setValue(r.value);
        setAsking(false);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="fact" id={id}>
      <View className="fact-label">{label}</View>
      <View className="fact-value reveal-line">
        {value ? (
          <View id={`${id}-full`} className="reveal-full">
            {inGroupsOfFour(value)}
          </View>
        ) : (
          <MaskedText value={masked} fallback="未填" />
        )}
        {masked && !value && !asking && needed ? (
          <View
            id={`${id}-reveal`}
            className="reveal-button"
            ariaRole="button"
            onClick={() => {
              setAsking(true);
              setError(null);
            }}
          >
            查看完整号码
          </View>
        ) : null}
      </View>
      {asking ? (
        <View className="reveal-ask" id={`${id}-ask`}>
          <View className="field-label">为什么要查看？（会记录下来）</View>
          <ChoiceChips
            id={`${id}-purpose`}
            options={REVEAL_PURPOSES}
            labels={REVEAL_PURPOSE_TEXT}
            selected={purpose ? [purpose] : []}
            onToggle={(p) => {
              setPurpose(p);
              setError(null);
            }}
          />
          <TextField
            id={`${id}-note`}
            label="说明（选“其他”时必填）"
            maxlength={100}
            value={note}
            placeholder="例如：电话核对身份"
            onInput={setNote}
          />
          <Action id={`${id}-confirm`} disabled={busy} onClick={reveal}>
            {busy ? '正在读取…' : '确认查看'}
          </Action>
          <Action kind="secondary" onClick={() => setAsking(false)}>
            不看了
          </Action>
        </View>
      ) : null}
      {value ? <View className="muted small">您查看了完整号码，系统已记录用途。请勿外传。</View> : null}
      {error ? (
        <View className="field-error" ariaRole="alert" id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  );
}
