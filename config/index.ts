/**
 * Taro build configuration for the mini program (weapp) and the H5 build of the same app.
 * Output goes to dist/<TARO_ENV> so both builds can live side by side: project.config.json
 * points WeChat DevTools at dist/weapp/, the dev server serves dist/h5/.
 *
 * Styles are written in rem (scaled per page from the user's WeChat font setting and the
 * 长辈版 switch, see src/services/display.ts), so pxtransform is off: a px that reaches the
 * output is meant as px.
 */
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * API base URL baked in at build time. H5 is served by the same server as the API, so it
 * calls `/api/...` on its own origin; the mini program needs an absolute URL (DevTools with
 * "不校验合法域名" for local work, a real HTTPS domain when released).
 */
function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return process.env.API_BASE ?? '';
  return process.env.API_BASE ?? 'http://127.0.0.1:8787';
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'union-services',
    date: '2026-11-24',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // prebundle needs network-free esbuild metadata that this setup does not have (docs/architecture.md, build notes)
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: false, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]' },
        },
      },
    },
    h5: {
      // Taro splits only the initial chunks, so every page's chunk carried its own copy of the
      // shared code (zod, the components, the services): ~130 KB each. Splitting async chunks too
      // lets login and home load only their own code plus what they share, once.
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
