/**
 * What the case view offers the caller (the API's `offers`), drawn from the program's table:
 *  1. the actions: availableActions' (the caller's standing and the case's state; public ones,
 *     which have their own entry point, left out);
 *  2. each action's needs: the requirements of the caller's rule that name a need (required),
 *     then what the rule accepts besides (optional), worded by the program;
 *  3. what holds it: the requirements that depend on the case alone, evaluated on the case as it
 *     is now, each with the error the engine would give.
 * The program's view adds what only the case's facts know (a preset value, a hint).
 */
import { ERRORS } from '../../../src/contracts/errors';
import { fenToYuanText } from '../../../src/contracts/money';
import type { ActionOffer, Need, NeedView } from '../../../src/contracts/workflow';
import type { WorkflowActor } from './actor';
import { defaultAmount } from './approved-amount';
import { chinaDayOf } from '../../platform/time/china-day';
import {
  availableActions,
  contextFor,
  isLevel,
  requirementsOf,
  roleOf,
  ruleFor,
  rulesAt,
  takersOn,
} from './engine';
import type { NeedText, ProgramTable, WorkflowCase, WorkflowInput as Input } from './table';

/** Per need, what the program's view knows from the case: the value to start from, a hint. */
export type NeedExtras = Partial<Record<Need, { preset?: string | null; hint?: string | null }>>;

export function offersFor<S extends string, A extends string, C extends WorkflowCase<S>, I extends Input>(
  program: ProgramTable<S, A, C, I>,
  c: C,
  actor: WorkflowActor,
  now: Date,
  extras: NeedExtras = {},
): ActionOffer[] {
  const takers = takersOn(actor, c);
  return availableActions(program, c, actor).map((action) => {
    const rule = ruleFor(rulesAt(program, c.status, action), takers)!;
    const text = program.actions[action];
    const level = isLevel(rule.by) ? rule.by : null;
    const requires = requirementsOf(rule);
    // the case as it is now, with nothing given: only requirements without a need are asked
    const ctx = contextFor(program, c, { version: c.version } as I, actor, now);
    const required = requires.flatMap((r) => (r.need ? [r.need] : []));
    // an amount the program has a default for may be changed, with a reason
    const standard = rule.fixesAmount ? defaultAmount(rule as never, ctx as never) : null;
    const accepted: Need[] = [
      ...(rule.accepts ?? []),
      ...(standard !== null ? (['amount', 'comment'] as const) : []),
    ];
    // a return names the facts it asks for only in a program that declares its facts
    const optional = [...new Set(accepted)].filter(
      (n) => !required.includes(n) && (n !== 'facts' || program.facts !== undefined),
    );
    const factOptions = program.facts
      ? Object.entries(program.facts.labels).map(([value, label]) => ({ value, label }))
      : null;
    const needView = (need: Need, isRequired: boolean): NeedView => {
      const t: Partial<NeedText> = { ...program.needs[need], ...text.needs?.[need] };
      // an amount starts from the program's default; a visit from today in China by the cloud's
      // clock, the latest date it takes (a phone's clock or time zone may be off)
      const preset =
        need === 'amount' && standard !== null
          ? fenToYuanText(standard)
          : need === 'visit'
            ? chinaDayOf(now)
            : null;
      return {
        need,
        required: isRequired,
        label: (isRequired ? t.label : (t.optionalLabel ?? t.label)) ?? need,
        missing: t.missing ?? ERRORS.VALIDATION_FAILED.message,
        placeholder: t.placeholder ?? null,
        hint: extras[need]?.hint ?? null,
        options: t.options
          ? t.options.map((o) => ({ ...o }))
          : need === 'facts' && factOptions
            ? factOptions
            : null,
        preset: extras[need]?.preset ?? preset,
      };
    };
    return {
      action,
      label: (level && text.byLevel?.[level]) || text.label,
      by: roleOf(rule.by),
      needs: [
        ...[...new Set(required)].map((n) => needView(n, true)),
        ...optional.map((n) => needView(n, false)),
      ],
      blockedBy: requires
        .filter((r) => !r.need && !r.holds(ctx))
        .map((r) => ({ code: r.code, message: r.message ?? ERRORS[r.code].message })),
      done: text.done,
      note: text.note ?? null,
    };
  });
}
