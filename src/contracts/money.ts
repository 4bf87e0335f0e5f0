/** Money is integer fen (分) everywhere in the API; people read and type yuan (元). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuanText = (fen: number): string => (fen / 100).toFixed(2).replace(/\.00$/, '');

/** One payment or grant: whole fen, at most 10 万元 (more in one go is a typing mistake). */
export const MAX_PAYMENT_FEN = 10_000_000;
