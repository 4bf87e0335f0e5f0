/** An event's seats in words: how many are left, or that it is full and how many wait. */
import type { EventView } from '../../contracts/competitions';

export function seatsLeft(e: EventView): number {
  return Math.max(0, e.capacity - e.registered);
}

export function seatsText(e: EventView): string {
  const left = seatsLeft(e);
  if (left > 0) return `名额 ${e.capacity} 人，还剩 ${left} 个`;
  return e.waitlisted > 0 ? `名额已满，${e.waitlisted} 人在候补` : '名额已满，可以报名候补';
}
