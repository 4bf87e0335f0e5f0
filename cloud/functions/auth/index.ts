import { toHandler } from '../../platform/http/serverless';
import { createAuthApp } from './app';

export const handler = toHandler('auth', createAuthApp());
