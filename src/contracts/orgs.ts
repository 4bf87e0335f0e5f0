import * as z from 'zod/mini';

/** 市总工会 → 区/县总工会 → 镇/街道总工会 → 基层工会. */
export const ORG_LEVELS = ['city', 'district', 'town', 'base'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_TEXT: Record<OrgLevel, string> = {
  city: '市总工会',
  district: '区/县总工会',
  town: '镇/街道总工会',
  base: '基层工会',
};

export const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentId: z.nullable(z.string()),
  /** ids from the root down to this org, this org included: the subtree test is `path.includes(x)`. */
  path: z.array(z.string()),
  regionCode: z.optional(z.string()),
});
export type Org = z.infer<typeof OrgSchema>;

export interface OrgListResponse {
  orgs: Org[];
}
