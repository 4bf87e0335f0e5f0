import { toHandler } from '../../platform/http/serverless';
import { createNotificationsApp } from './app';

export const handler = toHandler('notifications', createNotificationsApp());
