import { UnderConstruction } from '../../../../components/UnderConstruction';

/** Placeholder until the 5.1服务卡 subpackage is built: it says so, and shows no made-up data. */
export default function CardIndexPage() {
  return <UnderConstruction title="5.1服务卡" />;
}
