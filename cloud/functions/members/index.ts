import { toHandler } from '../../platform/http/serverless';
import { createMembersApp } from './app';

export const handler = toHandler('members', createMembersApp());
