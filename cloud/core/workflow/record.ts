/**
 * What a transition leaves behind (docs/architecture.md: every transition writes history and an audit
 * entry in the same transaction as the state change). The history entry names the acting org
 * and level, never the officer's private data, because the worker reads it as a timeline.
 */
import type { ReviewLevel } from './actor';

export interface HistoryEntry<S extends string = string, A extends string = string> {
  action: A;
  from: S;
  to: S;
  actorId: string;
  /** a worker's own step, an officer's decision, or a member of the public (objection) */
  actorRole: 'worker' | 'officer' | 'public';
  orgId: string | null;
  orgName: string | null;
  level: ReviewLevel | null;
  comment: string | null;
  at: Date;
}

/** The audit entry minus what only the request knows (requestId): the repository completes it. */
export interface AuditDraft {
  actorId: string;
  /** `<program>.<action>`, e.g. `aid.approve` */
  action: string;
  entity: string;
  entityId: string;
  orgPath: string[];
  data: Record<string, unknown>;
}
