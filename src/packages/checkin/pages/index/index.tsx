import { UnderConstruction } from '../../../../components/UnderConstruction';

/** Placeholder until the 扫码签到 subpackage is built: it says so, and shows no made-up data. */
export default function CheckinIndexPage() {
  return <UnderConstruction title="扫码签到" />;
}
