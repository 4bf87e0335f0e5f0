/**
 * `npm start`: the whole product on this machine with nothing installed but Node — devdb with
 * data in DATA_DIR (or MONGODB_URI), the fake WeChat API, demo data when the database is
 * empty, the H5 build (built first if missing), every function under /api, on PORT (8787).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../../src/contracts/members';
import { ConfigError, loadConfig } from '../platform/config/config';
import { DEVTOOLS_OPENID, startDevServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const h5Dir = path.resolve('dist/h5');
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    console.log('Building the H5 app (first start only, about a minute)…');
    const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { stdio: 'inherit', env: process.env });
    if (r.status !== 0) {
      console.error('H5 build failed');
      process.exit(1);
    }
  }
  const server = await startDevServer({
    port: config.port,
    dataDir: config.dataDir,
    devLogin: !config.production,
    acceptDevtoolsLogin: !config.production,
    h5Dir,
  });
  console.log('');
  console.log(`工会服务 is running: ${server.url}`);
  console.log(`  API health:   ${server.url}/api/health`);
  console.log(
    `  database:     ${config.mongoUri ? 'MONGODB_URI' : `devdb, data in ${path.join(config.dataDir, 'db')}`}`,
  );
  if (!config.production) {
    console.log('  demo accounts (choose one on the login page):');
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.openid.padEnd(20)} ${a.label}`);
    if (server.wechat)
      console.log(`  WeChat DevTools: 微信一键登录 signs in as ${DEVTOOLS_OPENID} (local WeChat stand-in)`);
  }
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
