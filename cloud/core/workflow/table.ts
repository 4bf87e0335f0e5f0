/**
 * A review program as data (statechart style). The table says everything about the program's
 * review that is not its facts: its states (and which of them the owner may still edit), for
 * each (state, action) who may take it, what it requires and where it leads, what it changes on
 * the case and outside it (a ledger entry), who is told what, the timeline's normal path and
 * every word the caller reads. The engine (engine.ts) and the case flow (case-flow.ts) apply any
 * such table and know no program by name; 困难帮扶, 金秋助学 and the 5.1 card each declare one.
 * Nothing else decides transitions, so an illegal one cannot happen through any route.
 */
import type { ErrorCode } from '../../../src/contracts/errors';
import type { ActorRole, Need } from '../../../src/contracts/workflow';
import type { ReviewLevel, WorkflowActor } from './actor';

/**
 * What every program's case offers the engine (a snapshot; the program maps its document to it,
 * starting from the kit's `caseBasics(doc)` for the fields below that every case has).
 */
export interface WorkflowCase<S extends string> {
  id: string;
  status: S;
  version: number;
  ownerId: string;
  /** the case's 基层工会 path, root first */
  orgPath: readonly string[];
  /** the state a returned case goes back to on resubmit (the level that returned it) */
  returnedFrom: S | null;
  /** the decided category, for programs that have one */
  category?: string | null;
  /** false until the owner first submits: until then the case is the owner's alone (a private draft) */
  submitted: boolean;
  /** the facts the last return asked the owner to change (none named: empty) */
  returnAsks: readonly string[];
  /** the facts the owner changed since the case was returned, not yet resubmitted */
  changedFacts: readonly string[];
  /** the amount the approving level fixed for this period, and what was paid against it */
  amount: { approvedFen: number; paidFen: number; defaultFen: number | null; periodFrom: Date } | null;
  /** objections filed during 公示 (programs without 公示 have none) */
  objections: readonly Objection[];
}

/** An objection (异议) a member filed during 公示; the approving level decides it. */
export interface Objection {
  id: string;
  /** the member who objected: never shown to the applicant */
  objectorId: string;
  text: string;
  /** the objector's own uploads */
  fileIds: string[];
  at: Date;
  status: 'open' | 'upheld' | 'dismissed';
}

/** What every transition request carries; programs extend it. */
export interface WorkflowInput {
  /** the version the caller saw: a stale one is VERSION_CONFLICT and changes nothing */
  version: number;
  comment?: string;
  category?: string;
  /** an amount the approver fixes (a rule with `fixesAmount`), in fen */
  amountFen?: number;
  /** a return: the facts it asks the owner to change (the table's `facts` names) */
  facts?: string[];
  /** deciding an objection: which one */
  objectionId?: string;
  /** filing an objection: the kit fills it in (case-flow.ts `object`) */
  objection?: { id: string; objectorId: string; text: string; fileIds: string[] };
}

/**
 * Who may take a transition: the case's owner (a worker), the officer of one review level in
 * whose subtree the case lies, or the public (any member but the owner, e.g. an objection
 * during 公示; the case need not be readable to them).
 */
export type Taker = 'owner' | ReviewLevel | 'public';

export interface TransitionContext<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput> {
  case: C;
  from: S;
  input: I;
  actor: WorkflowActor;
  now: Date;
  /**
   * Where the case must go to be verified again, because the owner changed a fact a lower level
   * verified that the return did not ask for (the table's `facts.reverifyAt`); null otherwise.
   * `backToReturningLevel` reads it.
   */
  reverify: S | null;
}

/**
 * A requirement: a named predicate and the error that its failure gives. One that names a
 * `need` is met by what the caller sends (a reason, a category…): the case view lists it among
 * the action's needs. One without depends on the case alone (the home visit recorded, the 公示
 * days over): the case view evaluates it and reports it as what holds the action now.
 */
export interface Requirement<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput> {
  name: string;
  code: ErrorCode;
  message?: string;
  need?: Need;
  holds: (ctx: TransitionContext<S, C, I>) => boolean;
  details?: (ctx: TransitionContext<S, C, I>) => unknown;
}

/** What a transition causes outside the case document, written in the same transaction. */
export type SideEffect =
  | {
      /** one entry in the payments ledger (yearly figures read it) */
      kind: 'ledger';
      amountFen: number;
      paymentKind: string;
    }
  | {
      /** one entry in a grant register (cloud/core/grants): once per person, register and year */
      kind: 'grant';
      register: string;
      year: number;
      /** keyed hash of the person granted */
      subjectHash: string;
      /** the refusal when the register already holds the person for the year */
      refusal: ErrorCode;
    };

export interface TransitionRule<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
> {
  from: S;
  action: A;
  by: Taker;
  /** the next state, or a function of the case (e.g. back to the level that returned it); null = refuse */
  to: S | ((ctx: TransitionContext<S, C, I>) => S | null);
  requires?: readonly Requirement<S, C, I>[];
  /** what the caller may also give (offered, not required), e.g. a comment with an approval */
  accepts?: readonly Need[];
  /** the program's fields this transition changes (besides status and version) */
  effect?: (ctx: TransitionContext<S, C, I> & { to: S }) => Partial<P>;
  /** what it causes outside the case (e.g. a payment's ledger entry) */
  sideEffects?: (ctx: TransitionContext<S, C, I>) => SideEffect[];
  /** extra facts for the audit entry (e.g. a payment's amount) */
  auditData?: (ctx: TransitionContext<S, C, I>) => Record<string, unknown>;
  /**
   * This transition fixes the case's approved amount (核定金额, approved-amount.ts): the caller's
   * `amount`, or the program's `default` for the case; one that differs from the default needs a
   * reason (the comment). `newPeriod` (a 年审 that continues the case) starts the paid sum anew.
   */
  fixesAmount?: {
    default?: (ctx: TransitionContext<S, C, I>) => number | null;
    newPeriod?: boolean;
  };
}

export interface StateInfo {
  /** shown as the case's status */
  label: string;
  /** what the worker should expect next, in plain words */
  nextStep: string;
  /** the review level whose queue holds a case in this state; null for the worker's or closed states */
  level: ReviewLevel | null;
  /** a closed case: it no longer counts as the household's open case */
  final: boolean;
  /** the owner may still change the application (a draft, or returned for more material) */
  editable: boolean;
}

/**
 * The application's facts as reviewers compare them (changes.ts). After a return, the owner's
 * edits are kept apart (no officer sees them) and, on resubmission, kept as a diff of these facts.
 */
export interface FactsDecl<S extends string> {
  /** every fact's name in the program's words; the keys are the facts a return may ask for */
  labels: Readonly<Record<string, string>>;
  /** facts a lower level verified (e.g. in the home visit) */
  verified: readonly string[];
  /** where a resubmitted case goes when a verified fact changed that the return did not ask for */
  reverifyAt: S;
}

/** How a need is asked for, in the program's words. */
export interface NeedText {
  label: string;
  /** the label when the need is optional for the action (default: label) */
  optionalLabel?: string;
  missing: string;
  placeholder?: string;
  /** a choice's values and their words */
  options?: readonly { value: string; label: string }[];
}

/** An action in the program's words. */
export interface ActionText {
  label: string;
  /** the action as each level says it (e.g. approve: 初审通过 / 审核通过 / 审批通过) */
  byLevel?: Partial<Record<ReviewLevel, string>>;
  /** said to the caller once it is done */
  done: string;
  /** when it may be taken, where the label is not enough */
  note?: string;
  /** this action's own wording for a need (e.g. a return's reason: 要职工补充什么) */
  needs?: Partial<Record<Need, Partial<NeedText>>>;
}

/** The sentences the shared layer says for the program. */
export interface ProgramText {
  /** to an officer in scope whose level is not the one acting now */
  readOnlyAt: (levelName: string) => string;
  /** to an officer in scope once the case is closed */
  readOnlyClosed: string;
  /** the owner tries to change the application in a state that is not editable */
  notEditable: string;
  /** a public action on a case that is not (or no longer) open to the public */
  notPublic: string;
  /** who acted, on the timeline: the worker themself, a member of the public, a union not named */
  who: { owner: string; public: string; union: string };
  /** to the owner of a returned case, before resubmitting: where it will go (facts: the changed facts' names) */
  resubmit: {
    back: (level: string) => string;
    reverify: (facts: readonly string[], level: string) => string;
  };
}

/** One transition, as the program's notices see it. */
export interface TransitionEvent<
  S extends string,
  A extends string,
  C extends WorkflowCase<S> = WorkflowCase<S>,
  I extends WorkflowInput = WorkflowInput,
> {
  action: A;
  from: S;
  to: S;
  actorRole: ActorRole;
  comment: string | null;
  /** the acting org for an officer's step, the case's own union otherwise */
  orgName: string;
  /** the case as the transition found it, and what the caller sent (e.g. a payment's amount) */
  case: C;
  input: I;
}

/** A message (消息) a transition leaves; today only the case's owner is told. */
export interface Notice {
  to: 'owner';
  title: string;
  body: string;
}

export interface ProgramTable<
  S extends string,
  A extends string,
  C extends WorkflowCase<S> = WorkflowCase<S>,
  I extends WorkflowInput = WorkflowInput,
  P extends object = object,
> {
  /** short name, prefixes audit actions (`aid.approve`) and message keys */
  name: string;
  /** the audited entity: `aidCase` */
  entity: string;
  /** where a case starts (the owner's draft) */
  initial: S;
  states: Readonly<Record<S, StateInfo>>;
  levelText: Readonly<Record<ReviewLevel, string>>;
  transitions: readonly TransitionRule<S, A, C, I, P>[];
  actions: Readonly<Record<A, ActionText>>;
  /** how each need this program asks for is worded, unless an action words it itself */
  needs: Readonly<Partial<Record<Need, NeedText>>>;
  text: ProgramText;
  /** the normal path after submission, each step named as a worker would say it */
  timeline: readonly { status: S; label: string }[];
  /** who is told what after a transition */
  notices: (event: TransitionEvent<S, A, C, I>) => readonly Notice[];
  /** the application's facts: what a diff after a return compares, and which of them a lower level verified */
  facts?: FactsDecl<S>;
  /**
   * Which personal values an officer may reveal in full, by value, level and state: the states in
   * which that level needs the value (e.g. the bank account to the approving level while paying).
   * A value or state not listed is not revealed to anyone.
   */
  reveals?: Readonly<Record<string, Partial<Record<ReviewLevel, readonly S[]>>>>;
}
