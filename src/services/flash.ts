/**
 * A one-time notice for the page the worker lands on next, e.g. "实名信息已保存" after the
 * profile form sends them back to where they came from. PageShell shows it once, at the top of
 * the next page shown, in words (no pop-up).
 */
let pending: string | null = null;

export function noticeOnNextPage(text: string): void {
  pending = text;
}

/** The notice waiting for the page now shown, taken once. */
export function takeNextPageNotice(): string | null {
  const text = pending;
  pending = null;
  return text;
}
