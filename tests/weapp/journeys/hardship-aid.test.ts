/**
 * In the mini program: a worker fills in the hardship-aid form's steps, leaves it (the draft is
 * kept by the server as they type), comes back to it (on the first step still to fill in), adds a
 * photo (wx.chooseImage + wx.uploadFile to the local API) and submits; the case page then shows
 * it waiting for the 基层 review.
 */
import { startJourney, type Journey } from '../support/journey';

jest.setTimeout(120_000);

let j: Journey;

beforeAll(async () => {
  j = await startJourney();
}, 300_000);

afterAll(async () => {
  await j?.stop();
});

it('a worker fills in the hardship-aid form, saves a draft, comes back to it and submits', async () => {
  const { mp, phone, stack } = j;
  const home = await j.signIn('demo-worker-1');
  await home.tap('tile-aid');
  const aidHome = mp.current;
  expect(aidHome.route).toBe('packages/aid/pages/index/index');
  await aidHome.waitFor(() => aidHome.has('aid-start'));
  expect(aidHome.text()).toContain('还没有申请');
  await aidHome.tap('aid-start');

  const form = mp.current;
  expect(form.route).toBe('packages/aid/pages/apply/index');
  await form.waitFor(() => form.has('field-household-size'));
  await form.type('field-household-size', '3');
  // the household size brings a card per family member
  await form.waitFor(() => form.has('member-1'));
  await form.tap('aid-steps-1');
  await form.waitFor(() => form.has('field-income'));
  await form.type('field-income', '30000');
  await form.type('field-expense', '6000');
  await form.tap('aid-steps-2');
  await form.waitFor(() => form.has('cause-main-illness'));
  await form.tap('cause-main-illness');
  await form.waitFor(() => form.textOf('aid-save-state').includes('已自动保存'));
  const draft = await stack.db.collection('aidCases').findOne({ status: 'draft' });
  expect(draft).not.toBeNull();

  // leave the form: the list offers to go on with the saved draft
  const back = await mp.navigateBack();
  expect(back.route).toBe('packages/aid/pages/index/index');
  await back.waitFor(() => back.has('aid-continue'));
  await back.tap('aid-continue');
  const again = mp.current;
  expect(again.route).toBe('packages/aid/pages/apply/index');
  // it opens on the first step with something to fill in: the family members' cards
  await again.waitFor(() => again.has('member-1'));
  expect(again.textOf('aid-steps-heading')).toContain('第 1 步');

  await again.type('member-0-relation', '丈夫');
  await again.type('member-0-age', '45');
  await again.tap('member-0-work-unable');
  await again.type('member-0-income', '0');
  await again.type('member-1-relation', '儿子');
  await again.type('member-1-age', '16');
  await again.tap('member-1-work-student');
  await again.type('member-1-income', '0');
  await again.tap('aid-next');
  // 30 000 − 6 000 元 a year for 3 people (kept in the draft): below 江城's 低保 → 深度困难
  await again.waitFor(
    () => again.has('aid-suggested-category') && again.textOf('aid-suggested-category').includes('深度困难'),
  );
  expect(again.textOf('aid-assessment')).toContain('666.66 元');
  await again.tap('aid-next');
  await again.waitFor(() => again.has('cause-secondary-schooling'));
  expect(again.textOf('cause-main-illness')).toContain('✓');
  await again.tap('cause-secondary-schooling');
  await again.type('field-description', '丈夫患病住院，孩子上学，家里只有我一份收入。');
  await again.tap('aid-next');

  await again.waitFor(() => again.has('evidence-add'));
  await again.tap('evidence-add');
  await again.waitFor(() => again.has('evidence-thumbs'));
  const upload = phone.calls.find((c) => c.api === 'uploadFile');
  expect(upload?.url).toBe(`${stack.url}/api/files`);
  expect(upload?.status).toBeLessThan(300);
  await again.tap('aid-next');
  await again.waitFor(() => again.has('field-bank'));
  await again.type('field-bank', '6222021234567890123');
  await again.waitFor(() => again.textOf('aid-save-state').includes('已自动保存'));

  expect(again.isEnabled('aid-submit')).toBe(true);
  await again.tap('aid-submit');
  await again.waitFor(() => mp.current.route === 'packages/aid/pages/case/index');
  const page = mp.current;
  await page.waitFor(() => page.has('aid-submitted') && page.has('aid-case-status'));
  expect(page.textOf('aid-case-status')).toContain('等待基层工会初审');
  expect(page.textOf('fact-bank')).toContain('6222 **** **** 0123');
  expect(page.text()).not.toContain('6222021234567890123');
  const stored = await stack.db.collection('aidCases').findOne({ _id: draft!._id });
  expect(stored).toMatchObject({ status: 'submitted' });
  expect(stored!.form.evidenceFileIds).toHaveLength(1);
  // every request of the journey went to the local API over HTTP
  expect(phone.calls.filter((c) => c.url).every((c) => c.url!.startsWith(stack.url))).toBe(true);
  // nothing on the way threw or logged an error or warning
  mp.assertNoProblems();
});
