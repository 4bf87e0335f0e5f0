/**
 * Demo competition for `npm start` and the tests: 花园街道总工会's skill contest with 叉车 and 焊工,
 * open for registration now, judged by the 基层 demo officer, with demo-worker-1 (张建国) already
 * registered for 叉车. Made through the same rules as the API (service and registration), so
 * its keys, seats and audit entries are real; every demo officer on that chain may scan.
 */
import type { AppConfig } from '../platform/config/config';
import { piiCipherFor } from '../platform/crypto/pii';
import { getDb } from '../platform/db/client';
import { callerOf } from './seed-caller';
import { createCompetition } from '../core/competitions/service';
import { register } from '../core/competitions/registration';

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

/**
 * Runs on the platform's own client (getDb), whatever handle the seed was given: the service's
 * transactions start their sessions there, and a session cannot serve another client's handle.
 */
export async function seedDemoCompetition(config: AppConfig): Promise<void> {
  const db = await getDb();
  const cipher = piiCipherFor(config.piiKey);
  const organiser = await callerOf(db, 'demo-officer-town');
  const judge = await callerOf(db, 'demo-officer-base');
  const now = Date.now();
  const c = await createCompetition(
    db,
    cipher,
    organiser,
    {
      title: '花园街道职工技能比武',
      kind: 'skill',
      venue: '江城职业技术学院实训楼',
      description: '叉车、焊工两个项目，理论 30 分、实操 70 分。比赛当天请提前 30 分钟凭入场券和身份证签到。',
      startsAt: at(now + 10 * DAY),
      registrationOpensAt: at(now - DAY),
      registrationClosesAt: at(now + 7 * DAY),
      events: [
        { name: '叉车', capacity: 30 },
        { name: '焊工', capacity: 20 },
      ],
      perUnitQuota: 3,
      onePerPerson: true,
      lateLimitMinutes: 15,
      checkinLists: [
        { key: 'entry', name: '入场' },
        { key: 'goods', name: '领物资' },
      ],
      scoring: {
        parts: [
          { key: 'written', name: '理论', weight: 30 },
          { key: 'practical', name: '实操', weight: 70 },
        ],
        teamBestN: 2,
      },
      judgeIds: [judge.memberId],
    },
    'seed',
  );
  await register(db, cipher, await callerOf(db, 'demo-worker-1'), c.id, c.events[0].id, {
    requestId: 'seed',
  });
}
