import { toHandler } from '../../platform/http/serverless';
import { createOrgsApp } from './app';

export const handler = toHandler('orgs', createOrgsApp());
