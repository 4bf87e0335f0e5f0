import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { AppError } from '../../platform/http/app-error';
import { findOrg, listOrgs } from '../../core/orgs/repository';

export function createOrgsApp() {
  return createFunctionApp({
    name: 'orgs',
    routes: [
      route({
        method: 'get',
        path: '/',
        auth: 'member',
        handler: async ({ db }) => ({ body: { orgs: await listOrgs(db) } }),
      }),
      route({
        method: 'get',
        path: '/:id',
        auth: 'member',
        handler: async ({ db, params }) => {
          const org = await findOrg(db, params.id);
          if (!org) throw new AppError('NOT_FOUND');
          return { body: org };
        },
      }),
    ],
  });
}
