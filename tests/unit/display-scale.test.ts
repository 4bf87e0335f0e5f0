/** The WeChat font setting as the app's scale, and when the home tiles fit two to a row. */
import { wechatFontScale } from '../../src/services/fontScale';
import { textWidthEm, tileColumns } from '../../src/services/tileColumns';

describe('the WeChat font scale', () => {
  it('takes fontSizeScaleFactor when the base library gives it', () => {
    expect(wechatFontScale({ fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8, platform: 'ios' })).toBe(1.4);
  });

  it('divides fontSizeSetting by 17 on iOS and by 16 on Android when there is no factor', () => {
    expect(wechatFontScale({ fontSizeSetting: 17, platform: 'ios' })).toBe(1);
    expect(wechatFontScale({ fontSizeSetting: 25.5, platform: 'ios' })).toBe(1.5);
    expect(wechatFontScale({ fontSizeSetting: 20, platform: 'android' })).toBe(1.25);
  });

  it('never goes below the standard size nor above twice it, and ignores what it cannot read', () => {
    expect(wechatFontScale({ fontSizeSetting: 16, platform: 'ios' })).toBe(1);
    expect(wechatFontScale({ fontSizeScaleFactor: 0.9 })).toBe(1);
    expect(wechatFontScale({ fontSizeScaleFactor: 3.1 })).toBe(2);
    expect(wechatFontScale({})).toBe(1);
    expect(wechatFontScale({ fontSizeScaleFactor: NaN })).toBe(1);
  });
});

describe('home tile columns', () => {
  const WORKER = ['困难帮扶', '金秋助学', '劳动竞赛', '5.1服务卡', '扫码签到'];
  const OFFICER = [...WORKER, '工会干部工作台'];

  it('counts a Chinese character as 1 em and a digit or dot as 0.6 em', () => {
    expect(textWidthEm('困难帮扶')).toBe(4);
    expect(textWidthEm('5.1服务卡')).toBeCloseTo(4.8);
  });

  it('keeps two columns at the standard size on a 390 px phone', () => {
    expect(tileColumns({ screenPx: 390, rootPx: 16, titles: OFFICER })).toBe(2);
  });

  it('goes to one column in 长辈版 when 工会干部工作台 would break, but not for the four-character titles', () => {
    expect(tileColumns({ screenPx: 390, rootPx: 20, titles: OFFICER })).toBe(1);
    expect(tileColumns({ screenPx: 390, rootPx: 20, titles: WORKER })).toBe(2);
  });

  it('goes to one column at a large WeChat size or on a narrow phone', () => {
    expect(tileColumns({ screenPx: 390, rootPx: 16 * 1.5, titles: WORKER })).toBe(1);
    expect(tileColumns({ screenPx: 320, rootPx: 16, titles: OFFICER })).toBe(1);
  });
});
