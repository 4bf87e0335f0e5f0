/**
 * The built mini program (dist/weapp) running in WeChat's own component framework
 * (miniprogram-exparser, through j-component / miniprogram-simulate) inside jsdom, with the
 * templates compiled by WeChat's `wcc`: Taro's runtime, React and our pages run as they would
 * on a phone, minus the native layer.
 *
 * miniprogram-simulate renders custom components only; a mini program's `Page()` is mapped to
 * `Component()` here (page functions become methods; attached → onLoad + onShow, ready →
 * onReady, detached → onUnload), `App()`, `getApp()` and `getCurrentPages()` are provided, and
 * `wx`'s routing APIs move a page stack the way WeChat does (navigateTo pushes, redirectTo
 * replaces, switchTab closes every non-tab page, reLaunch closes all, navigateBack pops).
 * Everything else of `wx` is simulate's mock unless a test hands in its own (see `wx-local.ts`).
 *
 * A test file gets one mini program (the dist's modules register themselves once per module
 * registry): `launch()` it in beforeAll.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { JSDOM } from 'jsdom';
import { ensureWechatCompilers } from './wechat-compilers';
import { PageView } from './page-view';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const exparser = require('miniprogram-exparser');

/** wx APIs as the app calls them: one options object with success / fail / complete. */
export type WxCallback = (options: Record<string, any>) => unknown;
export type WxApi = Record<string, any>;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
}

/** Every page route of app.json, main package first, then each subpackage's. */
export function pageRoutes(dist: string): string[] {
  const app = readAppJson(dist);
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

/**
 * The page routes as src/app.config.ts declares them for the weapp build: known before any
 * build exists, so each page can be its own test.
 */
export function sourcePageRoutes(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  const had = g.defineAppConfig;
  const env = process.env.TARO_ENV;
  g.defineAppConfig = (c) => c;
  process.env.TARO_ENV = 'weapp';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../../src/app.config').default as AppJson;
    const subs = config.subPackages ?? config.subpackages ?? [];
    return [...config.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  } finally {
    g.defineAppConfig = had;
    process.env.TARO_ENV = env;
  }
}

function readAppJson(dist: string): AppJson {
  return JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
}

/** A page on the stack: its route, query, the rendered component and its `this`. */
export class OpenPage extends PageView {
  constructor(
    readonly route: string,
    readonly query: Record<string, string>,
    readonly component: any,
    private readonly host: Element,
  ) {
    super(component, () => program!.settle());
  }

  get instance(): any {
    return this.component.instance;
  }

  /**
   * Detaches the page (its detached lifetimes run). Not j-component's detach(): a page's root
   * has no DOM element of its own there, so it cannot find what attach() appended.
   */
  detach(): void {
    exparser.Element.pretendDetached(this.component._exparserNode);
    this.host.remove();
  }
}

interface PageLoading {
  route: string;
  query: Record<string, string>;
}

let program: MiniProgram | null = null;

export class MiniProgram {
  /** the page stack, bottom first (what getCurrentPages() answers) */
  readonly stack: OpenPage[] = [];
  /** console.error / console.warn output and errors thrown by page code, in order */
  readonly problems: string[] = [];
  private readonly componentIds = new Map<string, string>();
  private readonly routes: Set<string>;
  private readonly tabs: string[];
  /** tab pages stay alive after their first open, as in WeChat */
  private readonly tabPages = new Map<string, OpenPage>();
  private loading: PageLoading | null = null;
  private simulate: any;
  private app: any;

  private constructor(
    readonly dist: string,
    readonly wx: WxApi,
  ) {
    const appJson = readAppJson(dist);
    this.routes = new Set(pageRoutes(dist));
    this.tabs = appJson.tabBar?.list.map((t) => t.pagePath) ?? [];
  }

  /**
   * Boots dist/app.js (App() + onLaunch + onShow) with `wx` = simulate's mock overlaid with
   * `wxOverrides`; then open pages with reLaunch/navigateTo or `open`.
   */
  static launch(dist: string, wxOverrides: WxApi = {}): MiniProgram {
    if (program) throw new Error('one mini program per test file');
    ensureWechatCompilers();
    const g = globalThis as any;
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
      pretendToBeVisual: true,
      url: 'https://servicewechat.com/',
    });
    const w = dom.window as any;
    g.window = w;
    g.document = w.document;
    g.navigator = w.navigator;
    // exparser and j-component dispatch DOM events: they must be jsdom's (Node's own
    // CustomEvent is not accepted by jsdom's dispatchEvent)
    for (const name of ['Event', 'CustomEvent', 'TouchEvent', 'HTMLElement', 'Element', 'Node'])
      g[name] = w[name];
    g.__wxConfig = { envVersion: 'develop' };

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- reads window when loaded
    const simulate = require('miniprogram-simulate');
    const mp = new MiniProgram(dist, g.wx);
    program = mp;
    mp.simulate = simulate;
    mp.captureConsole();
    Object.assign(g.wx, mp.routingApis(), wxOverrides);

    const component = g.Component;
    g.Page = (options: Record<string, any>) => component(mp.pageAsComponent(options));
    g.App = (options: any) => {
      mp.app = options;
    };
    g.getApp = () => mp.app;
    g.getCurrentPages = () => mp.stack.map((p) => p.instance);

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, as WeChat loads it
    mp.guard('app.js', () => require(path.join(dist, 'app.js')));
    if (!mp.app) throw new Error('dist/app.js did not call App()');
    const launchOptions = { path: 'pages/home/index', query: {}, scene: 1001 };
    mp.guard('App.onLaunch', () => mp.app.onLaunch?.(launchOptions));
    mp.guard('App.onShow', () => mp.app.onShow?.(launchOptions));
    return mp;
  }

  get current(): OpenPage {
    const top = this.stack.at(-1);
    if (!top) throw new Error('no page is open');
    return top;
  }

  /** Closes every page and opens `url`, as wx.reLaunch does; resolves once it has rendered. */
  async reLaunch(url: string): Promise<OpenPage> {
    await this.callWx('reLaunch', url);
    return this.current;
  }

  async navigateTo(url: string): Promise<OpenPage> {
    await this.callWx('navigateTo', url);
    return this.current;
  }

  async switchTab(url: string): Promise<OpenPage> {
    await this.callWx('switchTab', url);
    return this.current;
  }

  async navigateBack(delta = 1): Promise<OpenPage> {
    await new Promise((resolve, reject) =>
      this.wx.navigateBack({ delta, success: resolve, fail: (e: any) => reject(new Error(e.errMsg)) }),
    );
    await this.settle();
    return this.current;
  }

  /** Lets timers, setData and pending requests run until the page stops changing. */
  async settle(ms = 30): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  /**
   * Closes every page (their onUnload runs), lets the timers they leave run out while the test
   * environment still exists, and gives the console back.
   */
  async close(): Promise<void> {
    while (this.stack.length) this.closePage(this.stack.pop()!);
    for (const kept of this.tabPages.values()) kept.detach();
    this.tabPages.clear();
    await this.settle(200);
    for (const restore of this.restoreConsole) restore();
  }

  /** Throws when page code has logged an error or warning, or thrown. */
  assertNoProblems(): void {
    if (this.problems.length)
      throw new Error(`the mini program reported problems:\n${this.problems.join('\n')}`);
  }

  private async callWx(name: string, url: string): Promise<void> {
    await new Promise((resolve, reject) =>
      this.wx[name]({ url, success: resolve, fail: (e: any) => reject(new Error(e.errMsg)) }),
    );
    await this.settle();
  }

  /** Runs page / app code the way WeChat does: a throw is reported (here: recorded), not fatal. */
  private guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.problems.push(`${where} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }

  private readonly restoreConsole: (() => void)[] = [];

  private captureConsole(): void {
    for (const level of ['error', 'warn'] as const) {
      const original = console[level];
      this.restoreConsole.push(() => (console[level] = original));
      console[level] = (...args: unknown[]) => {
        this.problems.push(`console.${level}: ${format(...args)}`);
        original.apply(console, args);
      };
    }
  }

  private pageAsComponent(options: Record<string, any>): Record<string, any> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- lifetimes get the page as `this`
    const mp = this;
    const methods: Record<string, (...args: any[]) => unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value;
    }
    return {
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          const loading = mp.loading!;
          this.route = loading.route;
          this.__route__ = loading.route;
          this.options = loading.query;
          mp.guard(`${loading.route} onLoad`, () => this.onLoad?.(loading.query));
          mp.guard(`${loading.route} onShow`, () => this.onShow?.());
        },
        ready(this: any) {
          mp.guard(`${this.route} onReady`, () => this.onReady?.());
        },
        detached(this: any) {
          mp.guard(`${this.route} onUnload`, () => this.onUnload?.());
        },
      },
    };
  }

  private componentIdOf(route: string): string {
    let id = this.componentIds.get(route);
    if (!id) {
      id = this.simulate.load(path.join(this.dist, route), {
        compiler: 'official',
        rootPath: this.dist,
        compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
      }) as string;
      this.componentIds.set(route, id);
    }
    return id;
  }

  private openPage(route: string, query: Record<string, string>): OpenPage {
    const component = this.simulate.render(this.componentIdOf(route));
    const host = document.createElement('page-host');
    document.body.appendChild(host);
    const page = new OpenPage(route, query, component, host);
    this.stack.push(page);
    this.loading = { route, query };
    component.attach(host);
    this.loading = null;
    return page;
  }

  private closePage(page: OpenPage): void {
    page.detach();
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route);
  }

  private hide(page: OpenPage | undefined): void {
    if (page) this.guard(`${page.route} onHide`, () => page.instance.onHide?.());
  }

  private show(page: OpenPage): void {
    this.guard(`${page.route} onShow`, () => page.instance.onShow?.());
  }

  /** '/packages/aid/pages/case/index?id=3' or a path relative to the current page. */
  private parse(url: string): { route: string; query: Record<string, string> } {
    const [rawPath, search = ''] = url.split('?');
    const base = this.stack.at(-1)?.route ?? '';
    const route = rawPath.startsWith('/')
      ? rawPath.slice(1)
      : path.posix.join(path.posix.dirname(base), rawPath);
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(search)) query[k] = v;
    return { route, query };
  }

  private routingApis(): WxApi {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- wx methods are called unbound
    const mp = this;
    const done = (name: string, options: any, fn: () => void) => {
      setTimeout(() => {
        try {
          fn();
        } catch (e) {
          const res = { errMsg: `${name}:fail ${(e as Error).message}` };
          options.fail?.(res);
          options.complete?.(res);
          return;
        }
        const res = { errMsg: `${name}:ok` };
        options.success?.(res);
        options.complete?.(res);
      }, 0);
    };
    const target = (name: string, url: string, tab: boolean) => {
      const { route, query } = mp.parse(url);
      if (!mp.routes.has(route)) throw new Error(`page "${route}" is not found`);
      const isTab = mp.tabs.includes(route);
      if (tab && !isTab) throw new Error(`can not switchTab to no-tabBar page "${route}"`);
      if (!tab && isTab && name !== 'reLaunch') throw new Error(`can not ${name} a tabbar page "${route}"`);
      return { route, query, isTab };
    };
    return {
      navigateTo(options: any) {
        done('navigateTo', options, () => {
          const { route, query } = target('navigateTo', options.url, false);
          if (mp.stack.length >= 10) throw new Error('webview count limit exceed');
          mp.hide(mp.stack.at(-1));
          mp.openPage(route, query);
        });
      },
      redirectTo(options: any) {
        done('redirectTo', options, () => {
          const { route, query } = target('redirectTo', options.url, false);
          const top = mp.stack.pop();
          if (top) mp.closePage(top);
          mp.openPage(route, query);
        });
      },
      switchTab(options: any) {
        done('switchTab', options, () => {
          const { route } = target('switchTab', options.url, true);
          while (mp.stack.length && !mp.tabs.includes(mp.stack.at(-1)!.route)) mp.closePage(mp.stack.pop()!);
          const from = mp.stack.pop();
          if (from && from.route !== route) mp.hide(from);
          const kept = mp.tabPages.get(route);
          if (kept) {
            mp.stack.push(kept);
            if (from !== kept) mp.show(kept);
          } else {
            mp.tabPages.set(route, mp.openPage(route, {}));
          }
        });
      },
      reLaunch(options: any) {
        done('reLaunch', options, () => {
          const { route, query, isTab } = target('reLaunch', options.url, false);
          while (mp.stack.length) mp.closePage(mp.stack.pop()!);
          for (const kept of mp.tabPages.values()) kept.detach();
          mp.tabPages.clear();
          const page = mp.openPage(route, query);
          if (isTab) mp.tabPages.set(route, page);
        });
      },
      navigateBack(options: any = {}) {
        done('navigateBack', options, () => {
          const delta = Math.max(1, options.delta ?? 1);
          if (mp.stack.length <= 1) throw new Error('cannot navigate back at first page.');
          for (let i = 0; i < delta && mp.stack.length > 1; i++) mp.closePage(mp.stack.pop()!);
          mp.show(mp.current);
        });
      },
    };
  }
}
