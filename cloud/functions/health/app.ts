import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';

export function createHealthApp() {
  return createFunctionApp({
    name: 'health',
    routes: [
      route({
        method: 'get',
        path: '/',
        auth: 'public',
        handler: async ({ db }) => {
          await db.command({ ping: 1 });
          return { body: { ok: true, db: 'up' } };
        },
      }),
    ],
  });
}
