import { UnderConstruction } from '../../../../components/UnderConstruction';

/** Placeholder until the 金秋助学 subpackage is built: it says so, and shows no made-up data. */
export default function BursaryIndexPage() {
  return <UnderConstruction title="金秋助学" />;
}
