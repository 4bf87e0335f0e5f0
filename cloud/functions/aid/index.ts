import { toHandler } from '../../platform/http/serverless';
import { createAidApp } from './app';

export const handler = toHandler('aid', createAidApp());
