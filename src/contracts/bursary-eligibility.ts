/**
 * Whether a child looks eligible for a 金秋助学 campaign, shared by the form (an answer at once,
 * as the worker fills it in) and the cloud (the rule that counts, when the application is made):
 *  1. the school level must be one the campaign covers (compulsory schooling never is);
 *  2. every exclusion question answered "yes" excludes, with the campaign's reason;
 *  3. the amount is the campaign table's for the level and the parent's group (from the aid
 *     records, never asked); a level/group the table leaves empty is not aided.
 * Unanswered questions or no level yet: not decided (eligible = null), with what is missing.
 */
import {
  BURSARY_GROUP_TEXT,
  SCHOOL_LEVEL_TEXT,
  type AmountTable,
  type BursaryGroup,
  type Eligibility,
  type Exclusion,
  type SchoolLevel,
} from './bursary';

export interface CampaignTerms {
  levels: readonly SchoolLevel[];
  amounts: AmountTable;
  exclusions: readonly Exclusion[];
}

export interface ChildAnswers {
  level?: SchoolLevel | null;
  answers?: Readonly<Record<string, boolean | undefined>>;
}

export function tableAmount(terms: CampaignTerms, level: SchoolLevel, group: BursaryGroup): number | null {
  return terms.amounts[level]?.[group] ?? null;
}

export function judgeEligibility(
  terms: CampaignTerms,
  group: BursaryGroup,
  child: ChildAnswers,
): Eligibility {
  const reasons: string[] = [];
  const missing: string[] = [];
  const level = child.level ?? null;
  let amountFen: number | null = null;
  if (!level) missing.push('孩子就读的学段');
  else if (!terms.levels.includes(level)) reasons.push(`这次金秋助学不包括${SCHOOL_LEVEL_TEXT[level]}`);
  else {
    amountFen = tableAmount(terms, level, group);
    if (amountFen === null)
      reasons.push(`这次金秋助学没有资助${BURSARY_GROUP_TEXT[group]}读${SCHOOL_LEVEL_TEXT[level]}`);
  }
  for (const q of terms.exclusions) {
    const answer = child.answers?.[q.id];
    if (answer === true) reasons.push(q.reason);
    else if (answer !== false) missing.push(q.question);
  }
  const eligible = reasons.length > 0 ? false : missing.length > 0 ? null : true;
  return {
    eligible,
    group,
    groupText: BURSARY_GROUP_TEXT[group],
    amountFen: reasons.length > 0 ? null : amountFen,
    reasons,
    missing,
  };
}
