/**
 * Configuration comes from the environment only (README lists every variable). Outside
 * production, missing secrets are generated once into DATA_DIR/dev-keys.json so a fresh clone
 * runs with nothing set; in production the app refuses to start without MONGODB_URI,
 * JWT_SECRET and PII_KEY, and dev login is off whatever else is set.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface AppConfig {
  production: boolean;
  port: number;
  dataDir: string;
  /** undefined: use the embedded devdb */
  mongoUri: string | undefined;
  dbName: string;
  jwtSecret: string;
  piiKey: Buffer;
  devLogin: boolean;
  wechat: { appId: string; secret: string; apiBase: string; templates: { reviewProgress: string } };
  logLevel: string;
  /** 困难帮扶: days of 公示 before a case may be filed */
  aidPublicityDays: number;
  /** session token lifetimes in seconds: officers' are shorter (they can see others' data) */
  sessions: { memberSeconds: number; officerSeconds: number };
  /** what one member may upload per day (China time): files and bytes */
  uploadQuota: { count: number; bytes: number };
  /** objections one member may file per day (China time), across all cases and programs */
  objectionsPerDay: number;
  /** full personal values (ID numbers, bank accounts) one officer may reveal per hour */
  revealsPerHour: number;
  /** uploaded evidence: a local directory, or S3-compatible storage when S3_BUCKET is set */
  storage: { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

function storageFrom(env: NodeJS.ProcessEnv, dataDir: string): AppConfig['storage'] {
  if (!env.S3_BUCKET)
    return { kind: 'local', dir: path.resolve(env.UPLOAD_DIR ?? path.join(dataDir, 'uploads')) };
  const missing = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(`S3_BUCKET is set, so ${missing.join(', ')} must be too`);
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT!,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION ?? 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
  };
}

export class ConfigError extends Error {}

interface DevKeys {
  jwtSecret: string;
  piiKey: string;
}

function loadOrCreateDevKeys(dataDir: string): DevKeys {
  const file = path.join(dataDir, 'dev-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  mkdirSync(dataDir, { recursive: true });
  const keys: DevKeys = {
    jwtSecret: randomBytes(32).toString('hex'),
    piiKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

function nonNegativeInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number of days`);
  return n;
}

function positiveInt(value: string, name: string, unit: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`${name} must be a whole number of ${unit}, at least 1`);
  return n;
}

function sessionsFrom(env: NodeJS.ProcessEnv): AppConfig['sessions'] {
  const memberHours = positiveInt(env.SESSION_HOURS ?? '168', 'SESSION_HOURS', 'hours');
  const officerHours = positiveInt(env.OFFICER_SESSION_HOURS ?? '12', 'OFFICER_SESSION_HOURS', 'hours');
  if (officerHours > memberHours)
    throw new ConfigError('OFFICER_SESSION_HOURS must not be longer than SESSION_HOURS');
  return { memberSeconds: memberHours * 3600, officerSeconds: officerHours * 3600 };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  if (production) {
    const missing = ['MONGODB_URI', 'JWT_SECRET', 'PII_KEY'].filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(`NODE_ENV=production requires ${missing.join(', ')}`);
  }
  const dev = production || (env.JWT_SECRET && env.PII_KEY) ? undefined : loadOrCreateDevKeys(dataDir);
  const piiHex = env.PII_KEY ?? dev!.piiKey;
  if (!/^[0-9a-fA-F]{64}$/.test(piiHex))
    throw new ConfigError('PII_KEY must be 64 hex characters (32 bytes)');
  const jwtSecret = env.JWT_SECRET ?? dev!.jwtSecret;
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError('PORT must be a port number');
  return {
    production,
    port,
    dataDir,
    mongoUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? 'union',
    jwtSecret,
    piiKey: Buffer.from(piiHex, 'hex'),
    devLogin: !production && env.DEV_LOGIN === '1',
    wechat: {
      appId: env.WECHAT_APPID ?? 'wx-dev-appid',
      secret: env.WECHAT_SECRET ?? 'wx-dev-secret',
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, ''),
      // 订阅消息 template ids, from the mini program's admin console
      templates: { reviewProgress: env.WECHAT_TEMPLATE_REVIEW_PROGRESS ?? 'dev-review-progress' },
    },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    storage: storageFrom(env, dataDir),
    sessions: sessionsFrom(env),
    uploadQuota: {
      count: positiveInt(env.UPLOAD_DAILY_COUNT ?? '50', 'UPLOAD_DAILY_COUNT', 'files'),
      bytes: positiveInt(env.UPLOAD_DAILY_MB ?? '100', 'UPLOAD_DAILY_MB', 'MB') * 1024 * 1024,
    },
    objectionsPerDay: positiveInt(env.OBJECTION_DAILY_COUNT ?? '3', 'OBJECTION_DAILY_COUNT', 'objections'),
    revealsPerHour: positiveInt(env.REVEALS_PER_HOUR ?? '30', 'REVEALS_PER_HOUR', 'reveals'),
    aidPublicityDays: nonNegativeInt(env.AID_PUBLICITY_DAYS ?? '5', 'AID_PUBLICITY_DAYS'),
  };
}

let cached: AppConfig | undefined;
/** The process-wide configuration, read once (functions are stateless between cold starts). */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
/** Tests and the dev server set the configuration explicitly. */
export function setConfig(config: AppConfig): void {
  cached = config;
}
