/** The members function's own request schemas (the shared ones are in src/contracts/members.ts). */
import * as z from 'zod/mini';

export const ConsentSchema = z.strictObject({ version: z.string().check(z.minLength(1), z.maxLength(32)) });

export const ReportQuerySchema = z.object({
  page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,4}$/))),
  pageSize: z.optional(z.string().check(z.regex(/^([1-9]|[1-4]\d|50)$/))),
});
