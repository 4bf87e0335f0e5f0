/**
 * 我的申请, for any program: the worker's own cases, each a row that names it, says when it was
 * sent (or what it is about) and where it is now in words, and opens its page; or, before there
 * are any, what will appear here.
 */
import { View } from '@tarojs/components';
import type { CaseSummaryKit } from '../contracts/workflow';
import { EmptyState } from './EmptyState';
import './MyCaseList.scss';

interface Props<T extends CaseSummaryKit> {
  id: string;
  items: readonly T[] | null;
  label: (item: T) => string;
  note: (item: T) => string;
  onOpen: (item: T) => void;
}

export function MyCaseList<T extends CaseSummaryKit>({ id, items, label, note, onOpen }: Props<T>) {
  return (
    <>
      <View className="section-title">我的申请</View>
      {items && items.length === 0 ? (
        <EmptyState title="还没有申请">提交后，这里会显示办理到了哪一步。</EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <View className="list" id={id}>
          {items.map((item) => (
            <View
              key={item.id}
              className="row-entry my-case-row"
              hoverClass="row-pressed"
              ariaRole="button"
              onClick={() => onOpen(item)}
            >
              <View>
                <View className="row-entry-label">{label(item)}</View>
                <View className="muted small">{note(item)}</View>
              </View>
              <View className="my-case-status">{item.statusText} ›</View>
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}
