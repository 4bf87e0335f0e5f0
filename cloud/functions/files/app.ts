import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { blobStoreFor } from '../../platform/storage/store-for';
import { readUpload, storeUpload } from '../../core/files/service';

export function createFilesApp() {
  return createFunctionApp({
    name: 'files',
    routes: [
      route<Buffer>({
        method: 'post',
        path: '/',
        auth: 'member',
        // 5 MB file plus multipart framing; larger bodies are cut off unread
        raw: { limit: '5200kb' },
        idempotent: true,
        handler: async ({ db, config, caller, body, header, requestId }) => ({
          status: 201,
          body: await storeUpload(
            db,
            blobStoreFor(config.storage),
            caller,
            body,
            header('content-type'),
            requestId,
          ),
        }),
      }),
      route({
        method: 'get',
        path: '/:id',
        auth: 'member',
        handler: async ({ db, config, caller, params, requestId }) => ({
          body: null,
          raw: await readUpload(db, blobStoreFor(config.storage), caller, params.id, requestId),
        }),
      }),
    ],
  });
}
