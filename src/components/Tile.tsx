import { View } from '@tarojs/components';

interface Props {
  id?: string;
  title: string;
  note?: string;
  /** full row (an odd tile out at the end) */
  wide?: boolean;
  onClick: () => void;
}

/**
 * A home-page tile: big label, one line of plain explanation, the whole tile is the tap target.
 * Its accessible name is its text (title, then note), so what is read matches what is seen.
 */
export function Tile({ id, title, note, wide, onClick }: Props) {
  return (
    <View
      id={id}
      className={wide ? 'tile wide' : 'tile'}
      hoverClass="tile-pressed"
      ariaRole="button"
      onClick={onClick}
    >
      <View className="tile-title">{title}</View>
      {note ? <View className="tile-note">{note}</View> : null}
    </View>
  );
}
