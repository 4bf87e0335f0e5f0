import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../cloud/platform/config/config';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'cfg-'));
const hex64 = 'a'.repeat(64);

describe('configuration', () => {
  it('refuses to start in production without MONGODB_URI, JWT_SECRET and PII_KEY', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://x', JWT_SECRET: 'j'.repeat(40) }),
    ).toThrow(/PII_KEY/);
  });

  it('keeps dev login off in production whatever else is set', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db',
      JWT_SECRET: 'j'.repeat(40),
      PII_KEY: hex64,
      DEV_LOGIN: '1',
    });
    expect(c.devLogin).toBe(false);
    expect(c.production).toBe(true);
  });

  it('generates development keys once into the data dir and reuses them', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir, DEV_LOGIN: '1' });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(a.piiKey.equals(b.piiKey)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'dev-keys.json'), 'utf8')).piiKey).toHaveLength(64);
    expect(a.devLogin).toBe(true);
    expect(b.devLogin).toBe(false);
  });

  it('refuses a PII_KEY that is not 64 hex characters', () => {
    expect(() => loadConfig({ JWT_SECRET: 'j'.repeat(40), PII_KEY: 'abc' })).toThrow(/PII_KEY/);
  });

  it('reads PORT and WECHAT_API_BASE', () => {
    const c = loadConfig({ DATA_DIR: tmp(), PORT: '9000', WECHAT_API_BASE: 'http://127.0.0.1:1234/' });
    expect(c.port).toBe(9000);
    expect(c.wechat.apiBase).toBe('http://127.0.0.1:1234');
  });

  it('reads the session lifetimes in hours, a week for members and 12 hours for officers unless set', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).sessions).toEqual({
      memberSeconds: 7 * 24 * 3600,
      officerSeconds: 12 * 3600,
    });
    expect(loadConfig({ DATA_DIR: tmp(), SESSION_HOURS: '24', OFFICER_SESSION_HOURS: '1' }).sessions).toEqual(
      {
        memberSeconds: 24 * 3600,
        officerSeconds: 3600,
      },
    );
  });

  it('refuses session lifetimes that are not whole hours, or an officer session longer than a member one', () => {
    for (const bad of ['0', '-1', '1.5', 'week', '']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), SESSION_HOURS: bad })).toThrow(/SESSION_HOURS/);
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), SESSION_HOURS: '8', OFFICER_SESSION_HOURS: '12' })).toThrow(
      /OFFICER_SESSION_HOURS/,
    );
  });

  it('reads the daily upload quota per member, 50 files and 100 MB unless set', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).uploadQuota).toEqual({ count: 50, bytes: 100 * 1024 * 1024 });
    expect(
      loadConfig({ DATA_DIR: tmp(), UPLOAD_DAILY_COUNT: '5', UPLOAD_DAILY_MB: '2' }).uploadQuota,
    ).toEqual({
      count: 5,
      bytes: 2 * 1024 * 1024,
    });
    expect(() => loadConfig({ DATA_DIR: tmp(), UPLOAD_DAILY_COUNT: '0' })).toThrow(/UPLOAD_DAILY_COUNT/);
    expect(() => loadConfig({ DATA_DIR: tmp(), UPLOAD_DAILY_MB: 'lots' })).toThrow(/UPLOAD_DAILY_MB/);
  });
});
