import { setElderMode, useDisplay } from '../services/display';
import { RowEntry } from './RowEntry';

/** 长辈版 switch, on 首页 and in 我的: the state is said in words (已开启/未开启), not by colour. */
export function ElderToggle({ id }: { id: string }) {
  const { elder } = useDisplay();
  return (
    <RowEntry
      id={id}
      label="长辈版（大字）"
      value={elder ? '已开启 · 点此关闭' : '未开启 · 点此开启'}
      role="switch"
      checked={elder}
      onClick={() => setElderMode(!elder)}
    />
  );
}
