/**
 * Brings an element into view after the next render: the first problem after a failed submit,
 * the notice after a decision. In the browser Taro scrolls each page inside its own element and
 * keeps hidden pages in the document, so the element is looked up among the visible ones and
 * its page scrolled; in the mini program, pageScrollTo with a selector. `offset` leaves room
 * above (a field's label).
 */
import Taro from '@tarojs/taro';

const ROOM_ABOVE_PX = 72;

function scrollInBrowser(id: string): void {
  const el = Array.from(document.querySelectorAll<HTMLElement>(`[id="${id}"]`)).find(
    (e) => e.offsetParent !== null,
  );
  if (!el) return;
  const scrolls = (b: HTMLElement) =>
    /(auto|scroll)/.test(getComputedStyle(b).overflowY) && b.scrollHeight > b.clientHeight + 1;
  let box: HTMLElement | null = el.parentElement;
  while (box && !scrolls(box)) box = box.parentElement;
  const scroller = box ?? (document.scrollingElement as HTMLElement | null);
  if (!scroller) return;
  const top = el.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  scroller.scrollTop = Math.max(0, scroller.scrollTop + top - ROOM_ABOVE_PX);
}

export function scrollToId(id: string): void {
  // after React and Taro have drawn the change that made the element appear
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') scrollInBrowser(id);
    else void Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -ROOM_ABOVE_PX, duration: 200 });
  }, 50);
}
