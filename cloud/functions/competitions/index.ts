import { toHandler } from '../../platform/http/serverless';
import { createCompetitionsApp } from './app';

export const handler = toHandler('competitions', createCompetitionsApp());
