/** The officer's 新建竞赛 form (src/packages/officer/competitionForm.ts): what it sends, what it says. */
import { CreateCompetitionSchema } from '../../src/contracts/competitions';
import {
  buildCompetition,
  emptyForm,
  type CompetitionForm,
} from '../../src/packages/officer/competitionForm';

const now = new Date(2026, 3, 1, 10, 0);
const me = { id: '65a1b2c3d4e5f60718293a4b' };
const filled = (over: Partial<CompetitionForm> = {}): CompetitionForm => ({
  ...emptyForm(),
  title: '2026年职工技能比武',
  venue: '江城职业技术学院实训楼',
  startsAt: '2026-05-01 09:00',
  registrationClosesAt: '2026-04-25 18:00',
  events: [
    { name: '叉车', capacity: '30' },
    { name: '焊工', capacity: '20' },
  ],
  ...over,
});

describe('the new competition form', () => {
  it('sends what the contract accepts: open from now, 入场 (and 领物资 when asked), parts with their weights, me as judge', () => {
    const { body, problems } = buildCompetition(filled({ perUnitQuota: '3', goodsList: true }), me, now);
    expect(problems).toEqual({});
    expect(CreateCompetitionSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      events: [
        { name: '叉车', capacity: 30 },
        { name: '焊工', capacity: 20 },
      ],
      perUnitQuota: 3,
      onePerPerson: true,
      lateLimitMinutes: 15,
      judgeIds: [me.id],
      scoring: {
        parts: [
          { name: '理论', weight: 30 },
          { name: '实操', weight: 70 },
        ],
      },
    });
    expect(body!.checkinLists!.map((l) => l.key)).toEqual(['entry', 'goods']);
    expect(Date.parse(body!.registrationOpensAt)).toBeLessThan(now.getTime());
  });

  it('says in words what is wrong with each field, and sends nothing', () => {
    const { body, problems } = buildCompetition(
      filled({
        startsAt: '五一',
        registrationClosesAt: '2026-03-01 09:00',
        events: [{ name: '叉车', capacity: '三十' }],
        parts: [
          { name: '理论', weight: '30' },
          { name: '实操', weight: '60' },
        ],
      }),
      me,
      now,
    );
    expect(body).toBeNull();
    expect(problems.startsAt).toContain('2026-05-01 09:00');
    expect(problems.registrationClosesAt).toBe('报名截止时间应晚于现在');
    expect(problems['event-0']).toContain('整数');
    expect(problems.parts).toBe('各评分项的权重加起来应为 100，现在是 90');
  });

  it('refuses a deadline after the start, and passes the contract’s own words on (a too-short title)', () => {
    const late = buildCompetition(filled({ registrationClosesAt: '2026-05-02 09:00' }), me, now);
    expect(late.problems.registrationClosesAt).toBe('报名应在比赛开始前截止');
    const short = buildCompetition(filled({ title: '赛' }), me, now);
    expect(short.body).toBeNull();
    expect(short.problems.title).toBe('竞赛名称请填写 2 到 40 个字');
  });
});
