import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import * as z from 'zod/mini';
import { countUnread, listNotifications, markRead } from '../../core/notifications/repository';
import { recordGrants } from '../../core/notifications/subscriptions';

// wx.requestSubscribeMessage's answer: { [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }
const GrantsSchema = z.strictObject({
  results: z.record(z.string().check(z.maxLength(64)), z.enum(['accept', 'reject', 'ban', 'filter'])),
});

export function createNotificationsApp() {
  return createFunctionApp({
    name: 'notifications',
    routes: [
      route({
        method: 'get',
        path: '/',
        auth: 'member',
        handler: async ({ db, caller }) => ({ body: await listNotifications(db, caller.memberId) }),
      }),
      route({
        method: 'get',
        path: '/unread',
        auth: 'member',
        handler: async ({ db, caller }) => ({ body: { unread: await countUnread(db, caller.memberId) } }),
      }),
      route({
        method: 'get',
        path: '/templates',
        auth: 'member',
        handler: async ({ config }) => ({ body: config.wechat.templates }),
      }),
      route({
        method: 'post',
        path: '/subscriptions',
        auth: 'member',
        body: GrantsSchema,
        idempotent: true,
        handler: async ({ db, config, caller, body, requestId }) => ({
          body: {
            remaining: await recordGrants(
              db,
              caller.memberId,
              body.results,
              Object.values(config.wechat.templates),
              requestId,
            ),
          },
        }),
      }),
      route({
        method: 'post',
        path: '/:id/read',
        auth: 'member',
        handler: async ({ db, caller, params, requestId }) => {
          await markRead(db, caller.memberId, params.id, requestId);
          return { body: { ok: true } };
        },
      }),
    ],
  });
}
