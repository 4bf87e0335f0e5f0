/**
 * The functions the cross-function API tests check route by route (every-endpoint.test.ts: bad
 * input, headers, idempotency, records out of reach; audit-log.test.ts: an audit entry per
 * change). A new function is added here, with its sample bodies and a record out of reach.
 */
export const CHECKED_FUNCTIONS = [
  'health',
  'auth',
  'members',
  'orgs',
  'notifications',
  'files',
  'aid',
  'bursary',
  'competitions',
];
