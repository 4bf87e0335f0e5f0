/**
 * 家庭成员: one card per person living with the applicant (relation, age, work, yearly income),
 * each field's problem said next to it. The applicant is not listed: the card count is
 * household size − 1, and the page says so.
 */
import { View } from '@tarojs/components';
import { WORK_STATUSES, WORK_STATUS_TEXT } from '../../../contracts/aid';
import { Action } from '../../../components/Action';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FieldError } from '../../../components/FieldError';
import { TextField } from '../../../components/TextField';
import { EMPTY_MEMBER, type MemberProblems, type MemberRow } from '../applicationForm';

interface Props {
  members: MemberRow[];
  problems: MemberProblems;
  onChange: (members: MemberRow[]) => void;
}

export function HouseholdEditor({ members, problems, onChange }: Props) {
  const set = (i: number, patch: Partial<MemberRow>) =>
    onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  return (
    <View id="household-members">
      {members.map((m, i) => {
        const p = problems[i] ?? {};
        return (
          <View key={i} className="card aid-member" id={`member-${i}`}>
            <View className="aid-member-head">
              <View className="field-label">第 {i + 1} 位家庭成员</View>
            </View>
            <TextField
              id={`member-${i}-relation`}
              hint="和您的关系"
              value={m.relation}
              maxlength={10}
              placeholder="例如 妻子、儿子、母亲"
              error={p.relation}
              onInput={(relation) => set(i, { relation })}
            />
            <TextField
              id={`member-${i}-age`}
              hint="年龄（岁）"
              type="number"
              value={m.age}
              maxlength={3}
              error={p.age}
              onInput={(age) => set(i, { age })}
            />
            <View className="field">
              <View className="field-hint">工作情况</View>
              <ChoiceChips
                id={`member-${i}-work`}
                options={WORK_STATUSES}
                labels={WORK_STATUS_TEXT}
                selected={m.workStatus ? [m.workStatus] : []}
                hasError={Boolean(p.workStatus)}
                onToggle={(v) => set(i, { workStatus: v })}
              />
              <FieldError message={p.workStatus} />
            </View>
            <TextField
              id={`member-${i}-income`}
              hint="一年收入（元），没有填 0"
              type="digit"
              value={m.incomeYuan}
              maxlength={12}
              error={p.incomeYuan}
              onInput={(incomeYuan) => set(i, { incomeYuan })}
            />
            <Action
              id={`member-${i}-remove`}
              kind="secondary"
              onClick={() => onChange(members.filter((_, j) => j !== i))}
            >
              删除第 {i + 1} 位
            </Action>
          </View>
        );
      })}
      {members.length < 19 ? (
        <Action id="member-add" kind="secondary" onClick={() => onChange([...members, { ...EMPTY_MEMBER }])}>
          ＋ 添加一位家庭成员
        </Action>
      ) : null}
    </View>
  );
}
