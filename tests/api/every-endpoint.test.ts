/**
 * Bad input on every endpoint: the routes are read from the function registry, so a new route
 * is checked as soon as it exists. Every rejection must carry a stable code and leave the
 * database exactly as it was (all collections, every document).
 */
import { ObjectId, type Db } from 'mongodb';
import { SignJWT } from 'jose';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { routesOf } from '../../cloud/platform/http/create-app';
import { bodySchemaOf, type Route } from '../../cloud/platform/http/route';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { ERRORS } from '../../src/contracts/errors';
import { CHECKED_FUNCTIONS } from '../support/checked-functions';
import { startStack, type Stack } from '../support/api-stack';
import { APPLICATION } from '../support/aid-journey';
import { childApplication } from '../support/children';
import { officerOf, registeredWorker } from '../support/people';
import { makeCompetition } from '../support/competitions';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
let worker: string;
let officer: string;
beforeAll(async () => {
  stack = await startStack();
  worker = await stack.login('demo-worker-1');
  officer = await stack.login('demo-officer-base');
});
afterAll(() => stack.stop());

interface Endpoint {
  fn: string;
  route: Route;
  /** the route's path under /api with sample values for its parameters */
  url: string;
  label: string;
}

const ENDPOINTS: Endpoint[] = FUNCTIONS.flatMap(({ name, createApp }) =>
  routesOf(createApp()).map((route) => {
    const url = `/api/${name}${route.path === '/' ? '' : route.path}`.replace(
      /:\w+/g,
      '000000000000000000000000',
    );
    return { fn: name, route, url, label: `${route.method.toUpperCase()} /api/${name}${route.path}` };
  }),
);

/** A valid body for every checked route that takes a JSON body (checked against its schema). */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/auth/wx-login': { code: 'some-code' },
  'POST /api/auth/dev-login': { openid: 'demo-worker-1' },
  'PUT /api/members/me': {
    name: '张建国',
    idNumber: '110101199003077774',
    phone: '13800002001',
    orgId: 'c1d1t1b1',
    consentVersion: CURRENT_CONSENT_VERSION,
  },
  'POST /api/members/me/consent': { version: CURRENT_CONSENT_VERSION },
  'POST /api/members/:id/id-number/reveal': { purpose: 'verify_identity', serves: { identityChange: true } },
  'POST /api/members/:id/identity-change': { decision: 'confirm' },
  'POST /api/notifications/subscriptions': { results: { 'dev-review-progress': 'accept' } },
  'POST /api/aid/assessment': {
    householdSize: 3,
    annualIncomeFen: 3_000_000,
    rigidExpenseFen: 600_000,
    mainCause: 'illness',
  },
  'POST /api/aid/cases': { householdSize: 3, annualIncomeFen: 3_000_000, submit: false },
  'PUT /api/aid/cases/:id': { householdSize: 2, version: 1 },
  'POST /api/aid/cases/:id/transitions': { action: 'approve', version: 1, comment: '情况属实' },
  'POST /api/aid/cases/:id/payments': { amountFen: 100_000, kind: 'living', version: 1 },
  'POST /api/aid/cases/:id/objections': { text: '该户情况与申请不符' },
  'POST /api/aid/cases/:id/reveal': { field: 'idNumber', purpose: 'verify_identity' },
  'POST /api/competitions/': {
    title: '职工技能比武',
    kind: 'skill',
    venue: '江城职业技术学院',
    startsAt: '2030-05-10T09:00:00+08:00',
    registrationOpensAt: '2030-04-01T09:00:00+08:00',
    registrationClosesAt: '2030-05-01T18:00:00+08:00',
    events: [{ name: '叉车', capacity: 30 }],
    perUnitQuota: 3,
  },
  'POST /api/competitions/:id/registrations': { eventId: '000000000000000000000000' },
  'POST /api/competitions/:id/nominations': {
    eventId: '000000000000000000000000',
    memberId: '000000000000000000000000',
  },
  'POST /api/competitions/:id/checkins': { ticket: 'ABCD-2345', list: 'entry', nonce: 'nonce-00000001' },
  'POST /api/competitions/:id/checkins/sync': {
    items: [
      { ticket: 'ABCD-2345', list: 'entry', nonce: 'nonce-00000002', scannedAt: '2030-05-10T08:40:00+08:00' },
    ],
  },
  'POST /api/competitions/:id/self-checkins': {
    scene: '000000000000000000000000.0ABCDEF',
    nonce: 'nonce-00000003',
  },
  'PUT /api/competitions/:id/judges': { judgeIds: [] },
  'POST /api/competitions/:id/scores': { registrationId: '000000000000000000000000', parts: { total: 86.5 } },
  'POST /api/bursary/campaigns': {
    year: 2026,
    opensOn: '2026-07-01',
    closesOn: '2026-08-31',
    levels: ['undergraduate'],
    amounts: { undergraduate: { on_file: 500_000, temporary: 400_000 } },
    exclusions: [{ id: 'military', question: '孩子是在军校上学吗？', reason: '军校学员由国家保障' }],
    materials: ['录取通知书'],
    publicityDays: 5,
  },
  'PUT /api/bursary/campaigns/:id': {
    opensOn: '2026-07-01',
    closesOn: '2026-08-31',
    levels: ['undergraduate'],
    amounts: { undergraduate: { on_file: 500_000 } },
    exclusions: [],
    materials: ['录取通知书'],
    publicityDays: 5,
    version: 1,
  },
  'POST /api/bursary/applications': {
    childName: '张小明',
    childIdNumber: '110101200503077776',
    school: '江城大学',
    level: 'undergraduate',
    admissionYear: 2025,
    answers: { military: false },
    guardianConsent: true,
  },
  'PUT /api/bursary/applications/:id': {
    childName: '张小明',
    school: '江城大学',
    level: 'undergraduate',
    admissionYear: 2025,
    answers: { military: false },
    version: 1,
  },
  'POST /api/bursary/applications/:id/transitions': { action: 'approve', version: 1, comment: '材料齐全' },
  'POST /api/bursary/applications/:id/reveal': { field: 'idNumber', purpose: 'verify_identity' },
};

const hasBody = (e: Endpoint) => e.route.method !== 'get';
const tokenFor = (e: Endpoint) => (e.route.auth === 'officer' ? officer : worker);

/** Every document of every collection: what "nothing was written" is compared against. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const all = await Promise.all(names.map((n) => db.collection(n).find().sort({ _id: 1 }).toArray()));
  return Object.fromEntries(names.map((n, i) => [n, all[i]]));
}

async function expectNothingWritten(run: () => Promise<void>): Promise<void> {
  const before = await snapshot(stack.db);
  const wechatCalls = stack.server.wechat!.calls.length;
  await run();
  expect(await snapshot(stack.db)).toEqual(before);
  expect(stack.server.wechat!.calls.length).toBe(wechatCalls);
}

function expectCoded(r: { status: number; body: any }, status: number | number[], codes?: string[]) {
  expect([status].flat()).toContain(r.status);
  expect(typeof r.body?.error?.code).toBe('string');
  expect(ERRORS).toHaveProperty(r.body.error.code);
  expect(ERRORS[r.body.error.code as keyof typeof ERRORS].status).toBe(r.status);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  if (codes) expect(codes).toContain(r.body.error.code);
}

async function signed(claims: { sub?: string; exp?: number; iss?: string }, secret: string) {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (claims.sub) jwt.setSubject(claims.sub);
  jwt.setIssuer(claims.iss ?? 'union-services');
  if (claims.exp) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('the route registry', () => {
  it('lists every deployable function with its routes', () => {
    expect(FUNCTIONS.map((f) => f.name)).toEqual(expect.arrayContaining(CHECKED_FUNCTIONS));
    for (const f of FUNCTIONS) expect(routesOf(f.createApp()).length).toBeGreaterThan(0);
  });

  it('has a valid sample body for every checked route that takes JSON, and nothing else', async () => {
    const needSamples = ENDPOINTS.filter((e) => CHECKED_FUNCTIONS.includes(e.fn) && e.route.body).map(
      (e) => e.label,
    );
    expect(Object.keys(VALID_BODIES).sort()).toEqual(needSamples.sort());
    for (const e of ENDPOINTS.filter((x) => VALID_BODIES[x.label])) {
      expect((await bodySchemaOf(e.route))!.safeParse(VALID_BODIES[e.label]).success).toBe(true);
    }
  });
});

describe.each(ENDPOINTS.filter((e) => e.route.auth !== 'public').map((e) => [e.label, e] as const))(
  'a signed-in route: %s',
  (_label, e) => {
    it('answers 401 to a missing, malformed, forged, expired or orphaned token and writes nothing', async () => {
      const secret = stack.server.config.jwtSecret;
      const now = Math.floor(Date.now() / 1000);
      const memberId = (await stack.db.collection('members').findOne({ openid: 'demo-worker-1' }))!._id;
      const cases: [Record<string, string>, string][] = [
        [{}, 'UNAUTHENTICATED'],
        [{ authorization: 'Basic dXNlcjpwYXNz' }, 'TOKEN_INVALID'],
        [{ authorization: 'Bearer garbage' }, 'TOKEN_INVALID'],
        [
          {
            authorization: `Bearer ${await signed({ sub: memberId.toHexString(), exp: now + 600 }, 'x'.repeat(40))}`,
          },
          'TOKEN_INVALID',
        ],
        [
          { authorization: `Bearer ${await signed({ sub: memberId.toHexString(), exp: now - 60 }, secret)}` },
          'TOKEN_INVALID',
        ],
        [
          { authorization: `Bearer ${await signed({ sub: memberId.toHexString() }, secret)}` }, // never expires
          'TOKEN_INVALID',
        ],
        [
          {
            authorization: `Bearer ${await signed({ sub: memberId.toHexString(), exp: now + 600, iss: 'someone-else' }, secret)}`,
          },
          'TOKEN_INVALID',
        ],
        [
          {
            authorization: `Bearer ${await signed({ sub: new ObjectId().toHexString(), exp: now + 600 }, secret)}`,
          },
          'TOKEN_INVALID',
        ],
        [
          { authorization: `Bearer ${await signed({ sub: 'not-a-member', exp: now + 600 }, secret)}` },
          'TOKEN_INVALID',
        ],
      ];
      await expectNothingWritten(async () => {
        for (const [headers, code] of cases) {
          const body = VALID_BODIES[e.label];
          const r = await stack.call(e.route.method.toUpperCase(), e.url, { headers, body });
          expect(r.status).toBe(401);
          expect(r.body.error.code).toBe(code);
        }
      });
    });

    if (e.route.auth === 'officer') {
      it('answers 403 FORBIDDEN to a worker and writes nothing', async () => {
        await expectNothingWritten(async () => {
          const r = await stack.call(e.route.method.toUpperCase(), e.url, {
            token: worker,
            body: VALID_BODIES[e.label],
          });
          expect(r.status).toBe(403);
          expect(r.body.error.code).toBe('FORBIDDEN');
        });
      });
    }
  },
);

describe.each(ENDPOINTS.filter(hasBody).map((e) => [e.label, e] as const))(
  'a route that takes a body: %s',
  (_label, e) => {
    const send = (rawBody: string, headers: Record<string, string> = {}) =>
      stack.call(e.route.method.toUpperCase(), e.url, {
        token: tokenFor(e),
        rawBody,
        headers: { 'content-type': 'application/json', ...headers },
      });

    it('answers 400 BAD_JSON to malformed JSON and writes nothing', async () => {
      await expectNothingWritten(async () => {
        for (const raw of ['{"a": ', '{a: 1}', "{'a': 1}", '"just a string"', 'null', '[1,]']) {
          const r = await send(raw);
          expectCoded(r, 400, ['BAD_JSON']);
        }
      });
    });

    it('answers 413 BODY_TOO_LARGE to an oversized body and writes nothing', async () => {
      const limit = e.route.raw ? 5200 * 1024 : 64 * 1024;
      await expectNothingWritten(async () => {
        const r = await send(JSON.stringify({ pad: 'x'.repeat(limit + 1024) }));
        expectCoded(r, 413, ['BODY_TOO_LARGE']);
      });
    });

    it('answers 400 to a JSON value of the wrong shape and writes nothing', async () => {
      await expectNothingWritten(async () => {
        for (const raw of ['[]', '[{"a":1}]', '{"__proto__": {"admin": true}}', '{"unexpected": 1}']) {
          const r = await send(raw, { 'idempotency-key': 'bad-shape-0001' });
          expectCoded(r, 400);
        }
      });
    });
  },
);

describe.each(
  ENDPOINTS.filter((e) => VALID_BODIES[e.label]).map((e) => [e.label, e, VALID_BODIES[e.label]] as const),
)('a JSON body with a schema: %s', (_label, e, valid) => {
  const send = (body: unknown) =>
    stack.call(e.route.method.toUpperCase(), e.url, {
      token: tokenFor(e),
      body,
      headers: e.route.idempotent
        ? { 'idempotency-key': `bad-body-${Math.random().toString(36).slice(2)}` }
        : {},
    });

  it('refuses an unknown field beside valid ones with 400 VALIDATION_FAILED and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const r = await send({ ...valid, roles: ['officer'] });
      expectCoded(r, 400, ['VALIDATION_FAILED']);
      expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: '' })]));
    });
  });

  it.each(Object.keys(valid))(
    'refuses a wrong type or a missing required value for `%s` with 400 and writes nothing',
    async (field) => {
      const value = valid[field];
      const wrong = [
        typeof value === 'string' ? 12345 : 'a string',
        null,
        [value],
        typeof value === 'object' ? 'x' : { value },
        true,
      ].filter((w) => !(typeof value === 'boolean' && typeof w === 'boolean')); // `true` is no wrong type for a boolean
      const { [field]: _omitted, ...missing } = valid;
      // leaving out an optional field is fine (a draft may lack anything): only required ones count
      const required = !(await bodySchemaOf(e.route))!.safeParse(missing).success;
      await expectNothingWritten(async () => {
        for (const body of [
          ...wrong.map((w) => ({ ...valid, [field]: w })),
          ...(required ? [missing] : []),
        ]) {
          const r = await send(body);
          expectCoded(r, 400, ['VALIDATION_FAILED', ...Object.values(e.route.fieldErrors ?? {})] as string[]);
        }
      });
    },
  );
});

describe.each(
  ENDPOINTS.filter((e) => hasBody(e) && !e.route.body && !e.route.raw).map((e) => [e.label, e] as const),
)('a route that takes no body: %s', (_label, e) => {
  it('refuses any content with 400 VALIDATION_FAILED and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const r = await stack.call(e.route.method.toUpperCase(), e.url, { token: tokenFor(e), body: { x: 1 } });
      expectCoded(r, 400, ['VALIDATION_FAILED']);
    });
  });
});

describe.each(ENDPOINTS.filter((e) => e.route.idempotent).map((e) => [e.label, e] as const))(
  'an idempotent route: %s',
  (_label, e) => {
    it('refuses a malformed Idempotency-Key with 400 and writes nothing', async () => {
      await expectNothingWritten(async () => {
        for (const key of ['short', 'has spaces in it', 'x'.repeat(129), '键键键键键键键键']) {
          const r = await stack.call(e.route.method.toUpperCase(), e.url, {
            token: tokenFor(e),
            ...(e.route.raw
              ? { rawBody: 'x', headers: { 'content-type': 'image/jpeg', 'idempotency-key': encodeURI(key) } }
              : { body: VALID_BODIES[e.label] ?? {}, headers: { 'idempotency-key': encodeURI(key) } }),
          });
          // a body the route refuses anyway is answered first; either way a 400 with a code
          expectCoded(r, 400, [
            'IDEMPOTENCY_KEY_INVALID',
            'VALIDATION_FAILED',
            ...Object.values(e.route.fieldErrors ?? {}),
          ] as string[]);
        }
      });
    });
  },
);

describe.each(ENDPOINTS.filter((e) => e.route.path.includes(':')).map((e) => [e.label, e] as const))(
  'a route with an id in its path: %s',
  (_label, e) => {
    it('answers an id that names nothing with a 4xx code, never a server error, and writes nothing', async () => {
      await expectNothingWritten(async () => {
        for (const id of [
          '000000000000000000000000',
          'not-an-id',
          'x'.repeat(300),
          '%24where',
          '..%2F..%2Fetc',
        ]) {
          const url = `/api/${e.fn}${e.route.path}`.replace(/:\w+/g, id);
          const r = await stack.call(e.route.method.toUpperCase(), url, { token: tokenFor(e) });
          expectCoded(r, [400, 403, 404]);
        }
      });
    });
  },
);

describe.each(ENDPOINTS.filter((e) => e.route.method === 'get').map((e) => [e.label, e] as const))(
  'a read route: %s',
  (_label, e) => {
    it('never answers odd query strings with a server error and writes nothing', async () => {
      await expectNothingWritten(async () => {
        for (const q of [
          '?a=1&a=2',
          '?x[$ne]=1',
          '?status[]=a&status[]=b',
          '?page=-1&limit=1e9',
          '?%ff=%fe',
        ]) {
          const r = await stack.call('GET', e.url + q, { token: tokenFor(e) });
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400) expectCoded(r, r.status);
        }
      });
    });
  },
);

/** The request a route gets in ordinary use: its sample body, or a small photo for an upload. */
function ordinaryRequest(e: Endpoint, token: string, headers: Record<string, string>) {
  return e.route.raw
    ? {
        token,
        rawBody: new Uint8Array(sampleJpeg()),
        headers: { 'content-type': 'image/jpeg', ...headers },
      }
    : { token, body: VALID_BODIES[e.label], headers };
}

let fresh = 0;
/** A signed-in caller of its own for the route (so a route that ends sessions ends only its own). */
const callerFor = async (e: Endpoint) =>
  e.route.auth === 'officer' ? officer : registeredWorker(stack, `every-endpoint-${++fresh}`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(ENDPOINTS.map((e) => [e.label, e] as const))('every route: %s', (_label, e) => {
  it('answers with the security headers and a request id of its own, not the client’s, signed in or not', async () => {
    const answers = [
      await stack.call(e.route.method.toUpperCase(), e.url, {
        ...ordinaryRequest(e, await callerFor(e), { 'x-request-id': 'client-chosen-id' }),
      }),
      await stack.call(e.route.method.toUpperCase(), e.url, {
        headers: { 'x-request-id': 'client-chosen-id' },
      }),
    ];
    for (const r of answers) {
      expect(r.headers.get('x-request-id')).toMatch(UUID);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    }
    expect(answers[0].headers.get('x-request-id')).not.toBe(answers[1].headers.get('x-request-id'));
  });
});

/** The route's path spelt other ways that reach it: trailing slash, upper case, the function's name in another case. */
function spellings(e: Endpoint): string[] {
  const rest = e.url.slice(`/api/${e.fn}`.length);
  const Fn = e.fn[0].toUpperCase() + e.fn.slice(1);
  return [
    `${e.url}/`,
    `/api/${e.fn}${rest.toUpperCase()}`,
    `/api/${Fn}${rest}`,
    `/api/${e.fn.toUpperCase()}${rest.toUpperCase()}/`,
  ];
}

describe.each(ENDPOINTS.filter((e) => e.route.idempotent).map((e) => [e.label, e] as const))(
  'an idempotent route: %s',
  (_label, e) => {
    it('applies one Idempotency-Key once however its path is spelt', async () => {
      const token = await callerFor(e);
      const headers = { 'idempotency-key': `spelling-${e.fn}-${fresh}-0001` };
      const keysBefore = await stack.db.collection('idempotencyKeys').countDocuments();
      const first = await stack.call(e.route.method.toUpperCase(), e.url, ordinaryRequest(e, token, headers));
      expect(first.status).toBeLessThan(500);
      if (e.route.raw) expect(first.status).toBe(201); // the upload itself was taken
      for (const url of spellings(e)) {
        const again = await stack.call(e.route.method.toUpperCase(), url, ordinaryRequest(e, token, headers));
        expect([url, again.status, again.headers.get('idempotent-replayed')]).toEqual([
          url,
          first.status,
          'true',
        ]);
        expect(again.body).toEqual(first.body);
      }
      expect((await stack.db.collection('idempotencyKeys').countDocuments()) - keysBefore).toBe(1);
    });
  },
);

/**
 * Records of someone else, per function, that the callers below (demo-worker-1 and the 基层 officer
 * of 江城机械厂工会) may not reach: a case of another 街道, a draft in the officer's own union
 * (never submitted: its owner's alone), another worker's upload, another member's message, a
 * member of another 街道. A function with an id in a route path names its own here.
 */
const FOREIGN: Record<string, () => Promise<string[]>> = {
  aid: async () => {
    const elsewhere = await registeredWorker(stack, 'foreign-aid-elsewhere', 'c1d1t2b1');
    const inScope = await registeredWorker(stack, 'foreign-aid-draft', 'c1d1t1b1');
    const ids: string[] = [];
    for (const [token, submit] of [
      [elsewhere, true],
      [inScope, false],
    ] as const) {
      const r = await stack.call('POST', '/api/aid/cases', {
        token,
        body: { ...APPLICATION, submit },
      });
      ids.push(r.body.id);
    }
    return ids;
  },
  // a competition organised by another 街道's union: its members only may register, its officers only run it
  competitions: async () => {
    const organiser = await officerOf(stack, 'foreign-competition-organiser', 'c1d1t2');
    return [(await makeCompetition(stack, organiser)).id];
  },
  // an application of another 街道's union (an application is submitted as it is made: no drafts)
  bursary: async () => {
    const token = await registeredWorker(stack, 'foreign-bursary-elsewhere', 'c1d1t2b1');
    const r = await stack.call('POST', '/api/bursary/applications', { token, body: childApplication() });
    return [r.body.id];
  },
  files: async () => {
    const token = await registeredWorker(stack, 'foreign-file-owner');
    const r = await stack.call('POST', '/api/files', {
      token,
      rawBody: new Uint8Array(sampleJpeg()),
      headers: { 'content-type': 'image/jpeg' },
    });
    return [r.body.id];
  },
  notifications: async () => {
    const owner = (await stack.db.collection('members').findOne({ openid: 'demo-worker-2' }))!._id;
    const id = new ObjectId();
    await stack.db.collection('notifications').insertOne({
      _id: id,
      memberId: owner,
      title: '审核进度',
      body: '您的申请已通过初审',
      link: null,
      read: false,
      createdAt: new Date(),
      dedupeKey: 'foreign-1',
    });
    return [id.toHexString()];
  },
  // the org tree is read by every member (to choose a union): no org is out of anyone's reach
  orgs: async () => [],
  members: async () => [
    (await stack.db.collection('members').findOne({ openid: 'demo-worker-4' }))!._id.toHexString(),
  ],
};

const WITH_IDS = ENDPOINTS.filter((e) => CHECKED_FUNCTIONS.includes(e.fn) && e.route.path.includes(':'));
let foreign: Record<string, string[]> | undefined;
async function foreignIds(fn: string): Promise<string[]> {
  foreign ??= Object.fromEntries(
    await Promise.all(Object.entries(FOREIGN).map(async ([name, make]) => [name, await make()] as const)),
  );
  return foreign[fn];
}

describe('records out of reach', () => {
  it('are named for every checked function with an id in a route path', () => {
    expect([...new Set(WITH_IDS.map((e) => e.fn))].sort()).toEqual(Object.keys(FOREIGN).sort());
  });
});

describe.each(WITH_IDS.map((e) => [e.label, e] as const))(
  'a route with an id in its path: %s',
  (_label, e) => {
    it('answers an id of a record out of the caller’s reach exactly as an id that names nothing, and writes nothing', async () => {
      const ids = await foreignIds(e.fn);
      const callers = e.route.auth === 'officer' ? [officer] : [worker, officer];
      await expectNothingWritten(async () => {
        for (const token of callers) {
          const ask = (id: string) =>
            stack.call(e.route.method.toUpperCase(), `/api/${e.fn}${e.route.path}`.replace(/:\w+/g, id), {
              token,
              body: VALID_BODIES[e.label],
            });
          const nothing = await ask(new ObjectId().toHexString());
          expect(nothing.status).toBeGreaterThanOrEqual(400);
          for (const id of ids) {
            const r = await ask(id);
            expect([id, r.status, r.body?.error]).toEqual([id, nothing.status, nothing.body.error]);
          }
        }
      });
    });
  },
);
