/**
 * How many tile columns fit (components/TileGrid.tsx): two when each title, at the tile title's
 * size, fits on one line inside half the width. The sizes mirror app.scss (.shell padding 1rem,
 * .tile width 48.5%, padding 0.875rem, border 1px; .tile-title 1.1875rem, 1.2rem in 长辈版).
 * A Chinese character is 1em wide; digits, Latin letters and dots about 0.6em.
 */
export interface TileColumnsInput {
  /** screen (window) width, CSS px */
  screenPx: number;
  /** the root font size actually in effect, px */
  rootPx: number;
  titles: readonly string[];
  /** title size in rem; 1.2 covers both modes */
  titleRem?: number;
}

export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u0000-\u00ff]/.test(ch) ? 0.6 : 1;
  return em;
}

export function tileColumns({ screenPx, rootPx, titles, titleRem = 1.2 }: TileColumnsInput): 1 | 2 {
  const content = screenPx - 2 * rootPx;
  const inner = content * 0.485 - 2 * 0.875 * rootPx - 2;
  const widest = Math.max(0, ...titles.map(textWidthEm)) * titleRem * rootPx;
  return widest <= inner ? 2 : 1;
}
