/**
 * The home page's service tiles: two per row while every title fits on one line in half the
 * width, otherwise one per row (长辈版, a large WeChat font size, a narrow phone), so a title is
 * never broken in the middle of a word. An odd tile out at the end of two columns takes the row.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { effectiveRootPx, useDisplay } from '../services/display';
import { tileColumns } from '../services/tileColumns';
import { Tile } from './Tile';

export interface TileItem {
  id: string;
  title: string;
  note?: string;
  onClick: () => void;
}

function screenWidth(): number {
  if (process.env.TARO_ENV === 'h5') return document.documentElement.clientWidth || window.innerWidth;
  try {
    return Taro.getSystemInfoSync().windowWidth;
  } catch {
    return 375;
  }
}

export function TileGrid({ items }: { items: TileItem[] }) {
  const display = useDisplay();
  const columns = tileColumns({
    screenPx: screenWidth(),
    rootPx: effectiveRootPx(display),
    titles: items.map((i) => i.title),
  });
  return (
    <View className={columns === 1 ? 'tile-grid one-column' : 'tile-grid'} id="tile-grid">
      {items.map((item, i) => (
        <Tile
          key={item.id}
          id={item.id}
          title={item.title}
          note={item.note}
          wide={columns === 2 && items.length % 2 === 1 && i === items.length - 1}
          onClick={item.onClick}
        />
      ))}
    </View>
  );
}
