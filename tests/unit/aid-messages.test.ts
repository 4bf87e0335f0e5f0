import { decisionMessage } from '../../cloud/core/aid/messages';

describe("the worker's message for each decision", () => {
  it('names the union that approved and says where the case is now', () => {
    const m = decisionMessage('approve', 'town_review', null, '江城机械厂工会');
    expect(m.title).toContain('江城机械厂工会已通过');
    expect(m.body).toContain('街道/镇工会审核中');
  });

  it('gives the reason when a case is returned for more material', () => {
    const m = decisionMessage('return', 'returned', '请补充诊断证明', '花园街道总工会');
    expect(m.title).toBe('困难帮扶申请需要补充材料');
    expect(m.body).toContain('请补充诊断证明');
  });

  it('tells the worker to add material, not that they failed, when an upheld objection returns the case', () => {
    const m = decisionMessage('uphold_objection', 'returned', '收入证明与实际不符', '江城市总工会');
    expect(m.title).toBe('困难帮扶申请需要补充材料');
    expect(m.body).toContain('收入证明与实际不符');
  });

  it('says the application did not pass when an upheld objection rejects it', () => {
    const m = decisionMessage('uphold_objection', 'rejected', '隐瞒收入', '江城市总工会');
    expect(m.title).toBe('困难帮扶申请未通过');
    expect(m.body).toContain('异议');
    expect(m.body).toContain('隐瞒收入');
  });
});
