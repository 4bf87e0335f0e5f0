import type express from 'express';
import { createAidApp } from './aid/app';
import { createAuthApp } from './auth/app';
import { createCompetitionsApp } from './competitions/app';
import { createBursaryApp } from './bursary/app';
import { createFilesApp } from './files/app';
import { createHealthApp } from './health/app';
import { createMembersApp } from './members/app';
import { createNotificationsApp } from './notifications/app';
import { createOrgsApp } from './orgs/app';

/** Every deployable function: the dev server mounts each at /api/<name>, as the gateway does. */
export const FUNCTIONS: { name: string; createApp: () => express.Express }[] = [
  { name: 'health', createApp: createHealthApp },
  { name: 'auth', createApp: createAuthApp },
  { name: 'members', createApp: createMembersApp },
  { name: 'orgs', createApp: createOrgsApp },
  { name: 'notifications', createApp: createNotificationsApp },
  { name: 'files', createApp: createFilesApp },
  { name: 'aid', createApp: createAidApp },
  { name: 'competitions', createApp: createCompetitionsApp },
  { name: 'bursary', createApp: createBursaryApp },
];
