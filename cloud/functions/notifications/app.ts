import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { listNotifications, markRead } from '../../core/notifications/repository';

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
        method: 'post',
        path: '/:id/read',
        auth: 'member',
        handler: async ({ db, caller, params }) => {
          await markRead(db, caller.memberId, params.id);
          return { body: { ok: true } };
        },
      }),
    ],
  });
}
