/**
 * After a decision on a review program's case (hardship aid, 金秋助学): the WeChat subscription
 * message 审核结果通知, if the worker granted one. One template serves every review program: a
 * grant is WeChat's per template, and the message names the program in its first field.
 * Never fails the decision: the in-app message (消息) is the reliable channel.
 */
import type { Db } from 'mongodb';
import type { AppConfig } from '../../platform/config/config';
import type { Told } from '../workflow/case-flow';
import { deliverSubscriptionMessage } from './subscriptions';

export interface ReviewProgram {
  /** as the worker calls the application, ≤ 20 characters (WeChat's `thing`) */
  name: string;
  statusText: Record<string, string>;
}

export function reviewProgressSender(
  ctx: { db: Db; config: AppConfig; log: { warn: (obj: object, text: string) => void } },
  program: ReviewProgram,
): (told: Told) => Promise<void> {
  return async (told) => {
    await deliverSubscriptionMessage(
      ctx.db,
      ctx.config,
      told.memberId,
      {
        templateId: ctx.config.wechat.templates.reviewProgress,
        page: told.link.replace(/^\//, ''),
        data: {
          thing1: program.name,
          // WeChat's `phrase`: at most 5 characters
          phrase2: (program.statusText[told.status] ?? '').slice(0, 5),
          thing3: told.title,
          time4: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
        },
      },
      ctx.log,
    );
  };
}
