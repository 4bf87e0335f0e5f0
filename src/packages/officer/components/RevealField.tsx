/**
 * A masked personal number with 「查看完整号码」: the full value is asked of the cloud only when the
 * officer taps, the cloud records who looked (audit), and the page says so. The value lives in
 * this component's memory only, never in storage. It shows in groups of four (3301 0619 …).
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { MaskedText } from '../../../components/MaskedText';
import { api, errorText } from '../../../services/api';
import { inGroupsOfFour } from '../../../services/digitGroups';

interface Props {
  id: string;
  label: string;
  masked: string | null;
  caseId: string;
  field: 'idNumber' | 'bankAccount';
}

export function RevealField({ id, label, masked, caseId, field }: Props) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reveal = () => {
    api
      .post<{ value: string }>(`/api/aid/cases/${caseId}/reveal`, { field })
      .then((r) => {
        setValue(r.value);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  };

  return (
    <View className="fact" id={id}>
      <View className="fact-label">{label}</View>
      <View className="fact-value reveal-line">
        {value ? (
          // in groups of four, to be checked by eye against a card
          <View id={`${id}-full`} className="reveal-full">
            {inGroupsOfFour(value)}
          </View>
        ) : (
          <MaskedText value={masked} fallback="未填" />
        )}
        {masked && !value ? (
          <View id={`${id}-reveal`} className="reveal-button" ariaRole="button" onClick={reveal}>
            查看完整号码
          </View>
        ) : null}
      </View>
      {value ? <View className="muted small">您查看了完整号码，系统已记录。请勿外传。</View> : null}
      {error ? (
        <View className="field-error" ariaRole="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
