/** `npm run devdb -- --port 27018 --dbpath .data/devdb`: devdb as a standalone server. */
import { startDevDb } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? 27018);
  const dbpath = arg('dbpath');
  const db = await startDevDb({ port, host: arg('host') ?? '127.0.0.1', ...(dbpath ? { dbpath } : {}) });
  console.log(`devdb ready ${db.uri} (${dbpath ? `data in ${dbpath}` : 'in memory'})`);
  const stop = async () => {
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
