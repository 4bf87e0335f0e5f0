import { UnderConstruction } from '../../../../components/UnderConstruction';

/** Placeholder until the 困难帮扶 subpackage is built: it says so, and shows no made-up data. */
export default function AidIndexPage() {
  return <UnderConstruction title="困难帮扶" />;
}
