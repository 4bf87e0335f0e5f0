import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import type { AppConfig } from '../../platform/config/config';
import { blobStoreFor } from '../../platform/storage/store-for';
import { readUpload, storeUpload, type FileServices } from '../../core/files/service';
import { ATTACHMENT_SOURCES } from './attachment-sources';

export const fileServices = (config: AppConfig): FileServices => ({
  store: blobStoreFor(config.storage),
  attachments: ATTACHMENT_SOURCES,
});

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
        handler: async ({ db, config, caller, body, header, requestId, log }) => ({
          status: 201,
          body: await storeUpload(
            db,
            fileServices(config),
            config.uploadQuota,
            caller,
            { body, contentType: header('content-type') },
            { requestId, log },
          ),
        }),
      }),
      route({
        method: 'get',
        path: '/:id',
        auth: 'member',
        handler: async ({ db, config, caller, params, requestId }) => ({
          body: null,
          raw: await readUpload(db, fileServices(config), caller, params.id, requestId),
        }),
      }),
    ],
  });
}
