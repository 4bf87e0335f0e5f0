/** Demo accounts the seed creates (README lists them). */
export const DEMO_ACCOUNTS = [
  { openid: 'demo-officer-base', label: '基层工会干部（初审）' },
  { openid: 'demo-officer-town', label: '街道工会干部（审核）' },
  { openid: 'demo-officer-city', label: '区/市总工会干部（审批）' },
  { openid: 'demo-worker-1', label: '职工 张建国' },
  { openid: 'demo-worker-2', label: '职工 李秀英' },
  { openid: 'demo-worker-3', label: '职工 王大力' },
  { openid: 'demo-worker-4', label: '职工 赵春花（另一街道）' },
  { openid: 'demo-worker-5', label: '职工 刘志强（另一街道）' },
  { openid: 'demo-worker-6', label: '职工 钱桂芳（困难职工已建档）' },
] as const;
