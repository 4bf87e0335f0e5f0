import { decisionMessage, type AidNoticeEvent } from '../../cloud/core/aid/messages';
import { AID_ACTIONS, AID_STATUSES } from '../../src/contracts/aid';

const msg = (e: Partial<AidNoticeEvent> & Pick<AidNoticeEvent, 'action' | 'to'>) =>
  decisionMessage({ comment: null, orgName: '江城市总工会', ...e });

describe("the worker's message for each decision", () => {
  it('names the union that approved and says who has the case now', () => {
    const m = msg({ action: 'approve', to: 'town_review', orgName: '江城机械厂工会' });
    expect(m.title).toContain('江城机械厂工会已通过');
    expect(m.body).toContain('街道/镇工会审核');
  });

  it('gives the reason when a case is returned for more material, and says what to do', () => {
    const m = msg({ action: 'return', to: 'returned', comment: '请补充诊断证明', orgName: '花园街道总工会' });
    expect(m.title).toBe('困难帮扶申请需要补充材料');
    expect(m.body).toContain('请补充诊断证明');
    expect(m.body).toContain('重新提交');
  });

  it('ends a quoted comment with one full stop, however it was typed', () => {
    for (const comment of ['请补充失业证明的照片。', '请补充失业证明的照片', '请补充失业证明的照片。。 ']) {
      const m = msg({ action: 'return', to: 'returned', comment });
      expect(m.body).toContain('请补充失业证明的照片。请打开');
      expect(m.body).not.toMatch(/[。.]{2}/);
    }
  });

  it('tells the worker to add material, not that they failed, when an upheld objection returns the case', () => {
    const m = msg({ action: 'uphold_objection', to: 'returned', comment: '收入证明与实际不符' });
    expect(m.title).toBe('困难帮扶申请需要补充材料');
    expect(m.body).toContain('收入证明与实际不符');
  });

  it('says the application did not pass when an upheld objection rejects it', () => {
    const m = msg({ action: 'uphold_objection', to: 'rejected', comment: '隐瞒收入' });
    expect(m.title).toBe('困难帮扶申请未通过');
    expect(m.body).toContain('异议');
    expect(m.body).toContain('隐瞒收入');
  });

  it('says how much was paid, of which kind, and to which card', () => {
    const m = msg({
      action: 'record_payment',
      to: 'paid',
      payment: { amountFen: 200_000, kind: 'living' },
      bankAccountMasked: '6222 **** **** 0123',
    });
    expect(m.title).toBe('帮扶金 2000 元已发放');
    expect(m.body).toContain('生活救助 2000 元');
    expect(m.body).toContain('尾号 0123 的银行卡');
    expect(m.body).toContain('还没到账，请联系');
  });

  it('explains 公示 and 建档 in plain words instead of officers’ terms', () => {
    const approved = msg({ action: 'approve', to: 'publicity', publicityDays: 5 });
    expect(approved.body).toContain('公示 5 天');
    expect(approved.body).toContain('登记为困难职工');
    const filed = msg({ action: 'file', to: 'filed', bankAccountMasked: '6222 **** **** 0123' });
    expect(filed.title).not.toBe('公示结束，已建档');
    expect(filed.body).toContain('登记为困难职工');
    expect(filed.body).toContain('尾号 0123');
    for (const m of [approved, filed]) expect(m.body).not.toContain('无异议后建档');
  });

  it('always tells the worker what to do next, or that there is nothing to do', () => {
    const next = /不用做什么|请打开|请联系|请留意|重新申请|打款后会告诉您|请联系您所在的基层工会/;
    for (const action of [...AID_ACTIONS, 'record_payment']) {
      for (const to of AID_STATUSES) {
        const m = msg({ action, to, comment: '意见', payment: { amountFen: 100, kind: 'living' } });
        expect(`${action}→${to}: ${m.body}`).toMatch(next);
        expect(m.body).not.toMatch(/[。.]{2}/);
      }
    }
  });
});
