/** Money is integer fen (分) everywhere in the API; people read and type yuan (元). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuanText = (fen: number): string => (fen / 100).toFixed(2).replace(/\.00$/, '');
