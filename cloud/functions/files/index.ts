import { toHandler } from '../../platform/http/serverless';
import { createFilesApp } from './app';

export const handler = toHandler('files', createFilesApp());
