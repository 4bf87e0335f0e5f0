/**
 * The in-app message centre (消息): the reliable channel for every decision. A message is keyed
 * by (member, dedupeKey) with a unique index, so the same event never notifies twice even when
 * a transition is retried. Marking a message read is a change like any other: audited.
 */
import { ObjectId, type ClientSession, type Db } from 'mongodb';
import { collections } from '../../platform/db/collections';
import type { NotificationListResponse } from '../../../src/contracts/notifications';
import { AppError } from '../../platform/http/app-error';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';

export interface NewNotification {
  memberId: string;
  title: string;
  body: string;
  link?: string | null;
  dedupeKey: string;
}

/**
 * Leaves the message once: an upsert on (member, dedupeKey) that inserts only when none exists.
 * Not an insert that swallows a duplicate-key error: inside a transaction a failed write aborts
 * the whole transaction on MongoDB, so a retried transition would fail at commit.
 */
export async function notify(db: Db, n: NewNotification, session?: ClientSession): Promise<void> {
  const memberId = new ObjectId(n.memberId);
  await collections(db).notifications.updateOne(
    { memberId, dedupeKey: n.dedupeKey },
    {
      $setOnInsert: {
        _id: new ObjectId(),
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        read: false,
        createdAt: new Date(),
      },
    },
    { upsert: true, session },
  );
}

export async function listNotifications(
  db: Db,
  memberId: string,
  limit = 50,
): Promise<NotificationListResponse> {
  const c = collections(db).notifications;
  const owner = new ObjectId(memberId);
  const [docs, unread] = await Promise.all([
    c.find({ memberId: owner }).sort({ createdAt: -1 }).limit(limit).toArray(),
    countUnread(db, memberId),
  ]);
  return {
    unread,
    items: docs.map((d) => ({
      id: d._id.toHexString(),
      title: d.title,
      body: d.body,
      link: d.link,
      read: d.read,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

/** The number on the 消息 tab: one count on the member's index, no messages read. */
export async function countUnread(db: Db, memberId: string): Promise<number> {
  return collections(db).notifications.countDocuments({ memberId: new ObjectId(memberId), read: false });
}

export async function markRead(db: Db, memberId: string, id: string, requestId: string): Promise<void> {
  if (!ObjectId.isValid(id)) throw new AppError('NOT_FOUND');
  await inTransaction(async (session) => {
    const r = await collections(db).notifications.updateOne(
      { _id: new ObjectId(id), memberId: new ObjectId(memberId) },
      { $set: { read: true } },
      { session },
    );
    if (r.matchedCount === 0) throw new AppError('NOT_FOUND');
    if (r.modifiedCount === 0) return; // already read: nothing changed
    await writeAudit(
      db,
      { actorId: memberId, action: 'notification.read', entity: 'notification', entityId: id, requestId },
      session,
    );
  });
}
