/**
 * Choose one's 基层工会 from the org tree (市 → 区/县 → 镇/街道 → 基层): step by step, one level
 * at a time, or by typing part of the name (results grouped under their 街道/镇). Only a 基层
 * org can be chosen: every member belongs to exactly one (docs/domain.md).
 */
import { Input, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { ORG_LEVEL_TEXT, type Org } from '../../../contracts/orgs';
import { FieldError } from '../../../components/FieldError';

interface Props {
  orgs: Org[];
  value: string | null;
  onChange: (orgId: string | null) => void;
  error?: string | null;
}

export function OrgPicker({ orgs, value, onChange, error }: Props) {
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const children = useMemo(() => {
    const m = new Map<string | null, Org[]>();
    for (const o of orgs) {
      const list = m.get(o.parentId) ?? [];
      list.push(o);
      m.set(o.parentId, list);
    }
    return m;
  }, [orgs]);
  const chosen = value ? byId.get(value) : undefined;
  const [path, setPath] = useState<string[]>(() => (chosen ? chosen.path.slice(0, -1) : []));
  const [query, setQuery] = useState('');

  const chainText = (o: Org) =>
    o.path
      .map((id) => byId.get(id)?.name)
      .filter(Boolean)
      .join(' → ');

  if (chosen && chosen.level === 'base') {
    return (
      <View className="card" id="org-chosen">
        <View className="field-hint">已选择的工会</View>
        <View className="org-chain">{chainText(chosen)}</View>
        <View
          className="action secondary"
          id="org-change"
          hoverClass="row-pressed"
          ariaRole="button"
          onClick={() => {
            setPath(chosen.path.slice(0, -1));
            onChange(null);
          }}
        >
          重新选择
        </View>
      </View>
    );
  }

  const roots = children.get(null) ?? [];
  // a single 市总工会 needs no choice: start one level down
  const effectivePath = path.length === 0 && roots.length === 1 ? [roots[0].id] : path;
  const pick = (level: number, org: Org) => {
    const next = [...effectivePath.slice(0, level), org.id];
    if (org.level === 'base') {
      setPath(next.slice(0, -1));
      onChange(org.id);
    } else {
      setPath(next);
    }
  };

  const levels: { parentId: string | null; selected: string | undefined }[] = [];
  for (let i = 0; i <= effectivePath.length; i++) {
    const parentId = i === 0 ? null : effectivePath[i - 1];
    const options = children.get(parentId) ?? [];
    if (options.length === 0) break;
    levels.push({ parentId, selected: effectivePath[i] });
  }

  const q = query.trim();
  const matches = q ? orgs.filter((o) => o.level === 'base' && o.name.includes(q)) : [];
  const groups = new Map<string | null, Org[]>();
  for (const o of matches) groups.set(o.parentId, [...(groups.get(o.parentId) ?? []), o]);

  return (
    <View id="org-picker">
      <Input
        id="org-search"
        className="input"
        value={query}
        placeholder="输入单位名称查找，如：机械厂"
        onInput={(e) => setQuery(e.detail.value)}
      />
      {q ? (
        <View id="org-search-results">
          {matches.length === 0 ? <View className="muted">没有找到名称里有“{q}”的基层工会</View> : null}
          {[...groups.entries()].map(([parentId, list]) => {
            const parent = parentId ? byId.get(parentId) : undefined;
            return (
              <View key={parentId ?? 'root'}>
                <View className="org-group-title">{parent ? chainText(parent) : ''}</View>
                {list.map((o) => (
                  <OrgOption
                    key={o.id}
                    org={o}
                    selected={false}
                    onClick={() => {
                      setQuery('');
                      onChange(o.id);
                    }}
                  />
                ))}
              </View>
            );
          })}
        </View>
      ) : (
        levels.map(({ parentId, selected }, i) => {
          const options = children.get(parentId) ?? [];
          const level = options[0].level;
          const locked = i === 0 && roots.length === 1;
          if (locked) {
            return (
              <View key="root" className="org-level">
                <View className="org-level-title">{ORG_LEVEL_TEXT[level]}</View>
                <View className="org-chain">{roots[0].name}</View>
              </View>
            );
          }
          const shown = selected ? options.filter((o) => o.id === selected) : options;
          return (
            <View key={parentId ?? 'root'} className="org-level">
              <View className="org-level-title">
                {selected
                  ? `${ORG_LEVEL_TEXT[level]}（已选，点它可以改选）`
                  : `请选择${ORG_LEVEL_TEXT[level]}`}
              </View>
              {shown.map((o) => (
                <OrgOption
                  key={o.id}
                  org={o}
                  selected={o.id === selected}
                  onClick={() => (o.id === selected ? setPath(effectivePath.slice(0, i)) : pick(i, o))}
                />
              ))}
            </View>
          );
        })
      )}
      <FieldError id="org-error" message={error} />
    </View>
  );
}

function OrgOption({ org, selected, onClick }: { org: Org; selected: boolean; onClick: () => void }) {
  return (
    <View
      className={selected ? 'org-option selected' : 'org-option'}
      hoverClass="row-pressed"
      ariaRole="button"
      ariaLabel={selected ? `${org.name}，已选` : org.name}
      data-org-id={org.id}
      onClick={onClick}
    >
      <View>{org.name}</View>
      <View className="org-option-mark">{selected ? '已选 ✓' : '›'}</View>
    </View>
  );
}
