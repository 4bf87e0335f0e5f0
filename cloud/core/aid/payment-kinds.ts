/**
 * Aid kinds a payment is recorded as (docs/domain.md): 生活救助, 医疗救助, 助学 (see 金秋助学),
 * 送温暖 (New Year / Spring Festival visits), 夏送清凉 (summer). Ids and labels are the shared
 * contract's; every payment lands in the ledger under one of them.
 */
import { PAYMENT_KIND_TEXT, PAYMENT_KINDS, type PaymentKind } from '../../../src/contracts/aid';

export { PAYMENT_KIND_TEXT, PAYMENT_KINDS, type PaymentKind };

export function isPaymentKind(kind: unknown): kind is PaymentKind {
  return typeof kind === 'string' && (PAYMENT_KINDS as readonly string[]).includes(kind);
}
