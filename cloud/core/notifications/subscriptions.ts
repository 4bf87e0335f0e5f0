/**
 * Subscription-message grants (订阅消息): each 允许 the member taps in
 * wx.requestSubscribeMessage allows one message of that template. We count them per member and
 * template and spend one atomically (conditional $inc) per message, so concurrent decisions
 * never send more messages than were granted. Delivery happens after the decision commits and
 * never fails it: the in-app message (消息) is the reliable channel. Recorded grants are
 * audited (they are the member's permission to be messaged).
 */
import { ObjectId, type Db } from 'mongodb';
import { collections } from '../../platform/db/collections';
import type { AppConfig } from '../../platform/config/config';
import { sendSubscriptionMessage } from '../../platform/wechat/subscribe-message';
import { findMemberById } from '../members/repository';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';

export async function recordGrants(
  db: Db,
  memberId: string,
  results: Record<string, string>,
  allowedTemplates: string[],
  requestId: string,
): Promise<Record<string, number>> {
  const grants = collections(db).subscriptionGrants;
  const accepted = allowedTemplates.filter((t) => results[t] === 'accept');
  if (accepted.length > 0) {
    await inTransaction(async (session) => {
      for (const templateId of accepted) {
        await grants.updateOne(
          { _id: `${memberId}:${templateId}` },
          {
            $inc: { remaining: 1 },
            $set: { updatedAt: new Date() },
            $setOnInsert: { memberId: new ObjectId(memberId), templateId },
          },
          { upsert: true, session },
        );
      }
      await writeAudit(
        db,
        {
          actorId: memberId,
          action: 'subscription.granted',
          entity: 'member',
          entityId: memberId,
          requestId,
          data: { templates: accepted },
        },
        session,
      );
    });
  }
  const out: Record<string, number> = {};
  for (const templateId of allowedTemplates) {
    out[templateId] = (await grants.findOne({ _id: `${memberId}:${templateId}` }))?.remaining ?? 0;
  }
  return out;
}

export async function spendGrant(db: Db, memberId: string, templateId: string): Promise<boolean> {
  const r = await collections(db).subscriptionGrants.findOneAndUpdate(
    { _id: `${memberId}:${templateId}`, remaining: { $gt: 0 } },
    { $inc: { remaining: -1 }, $set: { updatedAt: new Date() } },
  );
  return r !== null;
}

/** Sends the decision as a subscription message if the member has a grant left; returns whether it went out. */
export async function deliverSubscriptionMessage(
  db: Db,
  config: AppConfig,
  memberId: string,
  msg: { templateId: string; page: string; data: Record<string, string> },
  log: { warn: (obj: object, text: string) => void },
): Promise<boolean> {
  try {
    if (!(await spendGrant(db, memberId, msg.templateId))) return false;
    const member = await findMemberById(db, memberId);
    if (!member) return false;
    const code = await sendSubscriptionMessage({ openid: member.openid, ...msg }, config.wechat);
    if (code !== 0) log.warn({ code, memberId }, 'subscription message not delivered');
    return code === 0;
  } catch (err) {
    log.warn({ err, memberId }, 'subscription message failed');
    return false;
  }
}
