import { UnderConstruction } from '../../../../components/UnderConstruction';

/** Placeholder until the 劳动竞赛 subpackage is built: it says so, and shows no made-up data. */
export default function CompetitionIndexPage() {
  return <UnderConstruction title="劳动竞赛" />;
}
