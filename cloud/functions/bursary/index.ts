import { toHandler } from '../../platform/http/serverless';
import { createBursaryApp } from './app';

export const handler = toHandler('bursary', createBursaryApp());
