import { getConfig } from '../../platform/config/config';
import { getDb } from '../../platform/db/client';
import { toHandler } from '../../platform/http/serverless';
import { removeLooseUploads } from '../../core/files/service';
import { createFilesApp, fileServices } from './app';

export const handler = toHandler('files', createFilesApp());

/**
 * For a scheduled trigger (e.g. hourly): removes uploads no record held a day after upload.
 * Uploads also remove a few on their way, so without a trigger the backlog drains with use.
 */
export async function sweepHandler(): Promise<{ removed: number }> {
  return { removed: await removeLooseUploads(await getDb(), fileServices(getConfig())) };
}
