import { toHandler } from '../../platform/http/serverless';
import { createHealthApp } from './app';

export const handler = toHandler('health', createHealthApp());
