/**
 * 家庭成员: one card per person living with the applicant (relation, age, work, yearly income),
 * each field's problem said next to it. The applicant is not listed: the card count is
 * household size − 1, and the page keeps the two together. Removing a card is undone on the
 * page, where the card was (no pop-up asks first; a slip is one tap to take back).
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { WORK_STATUSES, WORK_STATUS_TEXT } from '../../../contracts/aid';
import { Action } from '../../../components/Action';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FieldError } from '../../../components/FieldError';
import { MoneyField } from '../../../components/MoneyField';
import { TextField } from '../../../components/TextField';
import { EMPTY_MEMBER, type MemberProblems, type MemberRow } from '../applicationForm';

interface Props {
  members: MemberRow[];
  problems: MemberProblems;
  onChange: (members: MemberRow[]) => void;
}

export function HouseholdEditor({ members, problems, onChange }: Props) {
  /** the card last removed, and where it was, until it is put back or another change is made */
  const [removed, setRemoved] = useState<{ at: number; member: MemberRow } | null>(null);
  const change = (next: MemberRow[]) => {
    setRemoved(null);
    onChange(next);
  };
  const set = (i: number, patch: Partial<MemberRow>) =>
    change(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const remove = (i: number) => {
    onChange(members.filter((_, j) => j !== i));
    setRemoved({ at: i, member: members[i] });
  };
  const undo = () => {
    if (!removed) return;
    const at = Math.min(removed.at, members.length);
    change([...members.slice(0, at), removed.member, ...members.slice(at)]);
  };

  const undoNotice = removed ? (
    <View className="notice aid-member-removed" id="member-removed" ariaRole="alert">
      已删除第 {removed.at + 1} 位家庭成员
      {removed.member.relation.trim() ? `（${removed.member.relation.trim()}）` : ''}。
      <Action id="member-undo" kind="secondary" onClick={undo}>
        撤销删除，把这一位加回来
      </Action>
    </View>
  ) : null;

  return (
    <View id="household-members">
      {members.map((m, i) => {
        const p = problems[i] ?? {};
        return (
          <View key={i}>
            {removed?.at === i ? undoNotice : null}
            <View className="card aid-member" id={`member-${i}`}>
              <View className="aid-member-head">
                <View className="field-label">第 {i + 1} 位家庭成员</View>
                <View
                  id={`member-${i}-remove`}
                  className="aid-member-remove"
                  hoverClass="row-pressed"
                  ariaRole="button"
                  ariaLabel={`删除这一位（第 ${i + 1} 位家庭成员）`}
                  onClick={() => remove(i)}
                >
                  删除这一位
                </View>
              </View>
              <View className="aid-member-row">
                <View className="aid-member-relation">
                  <TextField
                    id={`member-${i}-relation`}
                    hint="和您的关系"
                    value={m.relation}
                    maxlength={10}
                    placeholder="例如 妻子"
                    error={p.relation}
                    onInput={(relation) => set(i, { relation })}
                  />
                </View>
                <View className="aid-member-age">
                  <TextField
                    id={`member-${i}-age`}
                    hint="年龄（岁）"
                    keypad="number"
                    value={m.age}
                    maxlength={4}
                    error={p.age}
                    onInput={(age) => set(i, { age })}
                  />
                </View>
              </View>
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
              <MoneyField
                id={`member-${i}-income`}
                hint="一年收入（元），没有填 0"
                value={m.incomeYuan}
                error={p.incomeYuan}
                onInput={(incomeYuan) => set(i, { incomeYuan })}
              />
            </View>
          </View>
        );
      })}
      {removed && removed.at >= members.length ? undoNotice : null}
      {members.length < 19 ? (
        <Action id="member-add" kind="secondary" onClick={() => change([...members, { ...EMPTY_MEMBER }])}>
          ＋ 添加一位家庭成员
        </Action>
      ) : null}
    </View>
  );
}
