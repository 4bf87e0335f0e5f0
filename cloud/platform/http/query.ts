/**
 * A GET route's query string read with its schema: the values it allows, or 400
 * VALIDATION_FAILED in words (a filter typed into a URL by hand is the usual cause).
 */
import type { ZodMiniType } from 'zod/mini';
import { AppError } from './app-error';

export function parseQuery<Q>(schema: ZodMiniType<Q>, query: unknown): Q {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', '查询条件不正确');
  return parsed.data;
}
