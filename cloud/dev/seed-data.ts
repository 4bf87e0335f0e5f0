/**
 * Demo data for `npm start` and the tests: one 市总, two 区总, two 街道 each, several 基层, an
 * officer at each level along one chain (基层 机械厂 → 花园街道 → 东湖区 → 市总), and workers.
 * Names, phone and ID numbers are invented (valid check digits, made-up people).
 */
import type { Org } from '../../src/contracts/orgs';

const org = (id: string, name: string, level: Org['level'], parent: Org | null, regionCode: string): Org => ({
  id,
  name,
  level,
  parentId: parent?.id ?? null,
  path: [...(parent?.path ?? []), id],
  regionCode,
});

const city = org('c1', '江城市总工会', 'city', null, '3301');
const dongHu = org('c1d1', '东湖区总工会', 'district', city, '330106');
const xiShan = org('c1d2', '西山区总工会', 'district', city, '330108');
const huaYuan = org('c1d1t1', '花园街道总工会', 'town', dongHu, '330106');
const qiaoXi = org('c1d1t2', '桥西街道总工会', 'town', dongHu, '330106');
const nanShan = org('c1d2t1', '南山镇总工会', 'town', xiShan, '330108');
const beiYuan = org('c1d2t2', '北苑街道总工会', 'town', xiShan, '330108');

export const SEED_ORGS: Org[] = [
  city,
  dongHu,
  xiShan,
  huaYuan,
  qiaoXi,
  nanShan,
  beiYuan,
  org('c1d1t1b1', '江城机械厂工会', 'base', huaYuan, '330106'),
  org('c1d1t1b2', '花园社区工会联合会', 'base', huaYuan, '330106'),
  org('c1d1t1b3', '顺达物流公司工会', 'base', huaYuan, '330106'),
  org('c1d1t2b1', '桥西建筑工程公司工会', 'base', qiaoXi, '330106'),
  org('c1d1t2b2', '桥西社区工会联合会', 'base', qiaoXi, '330106'),
  org('c1d2t1b1', '南山纺织厂工会', 'base', nanShan, '330108'),
  org('c1d2t1b2', '南山镇农民工工会', 'base', nanShan, '330108'),
  org('c1d2t2b1', '北苑商场工会', 'base', beiYuan, '330108'),
];

export interface SeedMember {
  openid: string;
  name: string;
  /** first 17 digits; the check digit is computed */
  id17: string;
  phone: string;
  orgId: string;
  officerOrgId?: string;
}

export const SEED_MEMBERS: SeedMember[] = [
  {
    openid: 'demo-officer-base',
    name: '陈立华',
    id17: '33010619780312002',
    phone: '13900001001',
    orgId: 'c1d1t1b1',
    officerOrgId: 'c1d1t1b1',
  },
  {
    openid: 'demo-officer-town',
    name: '周敏',
    id17: '33010619820607004',
    phone: '13900001002',
    orgId: 'c1d1t1b2',
    officerOrgId: 'c1d1t1',
  },
  {
    openid: 'demo-officer-city',
    name: '吴海涛',
    id17: '33010619750921001',
    phone: '13900001003',
    orgId: 'c1d1t1b2',
    officerOrgId: 'c1',
  },
  {
    openid: 'demo-worker-1',
    name: '张建国',
    id17: '33010619700101123',
    phone: '13800002001',
    orgId: 'c1d1t1b1',
  },
  {
    openid: 'demo-worker-2',
    name: '李秀英',
    id17: '33010619780505204',
    phone: '13800002002',
    orgId: 'c1d1t1b1',
  },
  {
    openid: 'demo-worker-3',
    name: '王大力',
    id17: '41272619880808351',
    phone: '13800002003',
    orgId: 'c1d1t1b1',
  },
  {
    openid: 'demo-worker-4',
    name: '赵春花',
    id17: '33010619851111402',
    phone: '13800002004',
    orgId: 'c1d1t2b1',
  },
  {
    openid: 'demo-worker-5',
    name: '刘志强',
    id17: '51102519901230613',
    phone: '13800002005',
    orgId: 'c1d1t2b1',
  },
  {
    // her household's hardship case is on file (建档): seed-programs.ts
    openid: 'demo-worker-6',
    name: '钱桂芳',
    id17: '33010619760315208',
    phone: '13800002006',
    orgId: 'c1d1t1b1',
  },
];
