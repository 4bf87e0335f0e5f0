/**
 * The applicant's ID number on an officer's case page, for any program of the review kit: masked
 * as submitted, with 「查看完整号码」 where the case's state needs it at the officer's level
 * (RevealField asks the purpose first). `path` is the program's case route, e.g. /api/aid/cases.
 */
import type { CaseViewKit } from '../../../contracts/workflow';
import { RevealField } from './RevealField';

interface Props {
  view: Pick<CaseViewKit, 'applicantIdNumberMasked' | 'revealable'> & { id: string };
  path: string;
  label: string;
}

export function ApplicantIdNumber({ view, path, label }: Props) {
  return (
    <RevealField
      id="applicant-id-number"
      label={label}
      masked={view.applicantIdNumberMasked}
      path={`${path}/${view.id}/reveal`}
      field="idNumber"
      needed={view.revealable.includes('idNumber')}
    />
  );
}
