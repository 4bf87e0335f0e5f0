/**
 * Main package = the three tabBar pages and login only; every feature is a subpackage so the
 * main package stays far below WeChat's 2 MB limit (tests/build checks it).
 * tabBar icons: small PNGs in the main package (WeChat takes no SVG there), drawn by
 * tools/draw-tab-icons.ts; the current tab's icon is filled, not only coloured.
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/messages/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/profile', pages: ['pages/consent/index', 'pages/form/index'] },
    {
      root: 'packages/officer',
      pages: [
        'pages/home/index',
        'pages/aid/index',
        'pages/aid-case/index',
        'pages/identity/index',
        'pages/reveals/index',
        'pages/bursary/index',
        'pages/bursary-case/index',
        'pages/bursary-campaign/index',
        'pages/competition/index',
        'pages/competition-new/index',
        'pages/competition-manage/index',
        'pages/competition-scores/index',
      ],
    },
    // the officer's door scanner and venue screen: their own subpackage, opened only at events
    { root: 'packages/scanner', pages: ['pages/index/index', 'pages/venue/index'] },
    {
      root: 'packages/aid',
      pages: ['pages/index/index', 'pages/apply/index', 'pages/case/index', 'pages/publicity/index'],
    },
    {
      root: 'packages/bursary',
      pages: ['pages/index/index', 'pages/apply/index', 'pages/case/index', 'pages/publicity/index'],
    },
    {
      root: 'packages/competition',
      pages: ['pages/index/index', 'pages/detail/index', 'pages/ticket/index', 'pages/results/index'],
    },
    { root: 'packages/card', pages: ['pages/index/index'] },
    { root: 'packages/checkin', pages: ['pages/index/index'] },
  ],
  window: {
    navigationBarTitleText: '工会服务',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f4f6',
    backgroundTextStyle: 'dark',
    // H5 draws a title bar with a back arrow only when this is set explicitly
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
        text: '首页',
      },
      {
        pagePath: 'pages/messages/index',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
        text: '消息',
      },
      {
        pagePath: 'pages/mine/index',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
        text: '我的',
      },
    ],
  },
  // While a tab shows, WeChat fetches the subpackages its entries open, so the first tap does
  // not wait for a download on a poor signal. All of them together are far below the 2 MB a
  // page may preload (docs/benchmarks.md). The officer workbench is left out: few open it.
  preloadRule: {
    'pages/home/index': {
      network: 'all',
      packages: [
        'packages/aid',
        'packages/bursary',
        'packages/competition',
        'packages/card',
        'packages/checkin',
      ],
    },
    'pages/messages/index': { network: 'all', packages: ['packages/aid'] },
    'pages/mine/index': { network: 'all', packages: ['packages/profile'] },
  },
  // inject only the components a page renders, when it renders them (WeChat's recommendation)
  lazyCodeLoading: 'requiredComponents',
  // H5: no sliding page transitions (less motion for older readers; WeChat keeps its own)
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
