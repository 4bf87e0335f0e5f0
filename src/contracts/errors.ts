/**
 * Stable error codes shared by the cloud and the mini app. The code never changes once
 * published; the message is plain Chinese a worker understands. The cloud's HTTP layer maps
 * an AppError to `{ error: { code, message } }` with the status given here, and nothing else
 * builds error responses.
 */
export const ERRORS = {
  // generic edge errors
  BAD_JSON: { status: 400, message: '提交的内容格式不对，请刷新后重试' },
  VALIDATION_FAILED: { status: 400, message: '填写的内容有误，请检查后再提交' },
  BODY_TOO_LARGE: { status: 413, message: '提交的内容太大了' },
  NOT_FOUND: { status: 404, message: '没有找到这条记录' },
  ROUTE_NOT_FOUND: { status: 404, message: '没有这个功能' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限做这件事' },
  NOT_IN_ORG_SCOPE: { status: 403, message: '这条记录不属于您管辖的工会' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: '请求编号无效，请刷新后重试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '同一个请求编号被用于不同的内容' },
  REQUEST_IN_PROGRESS: { status: 409, message: '上一次提交还在处理中，请稍候' },
  VERSION_CONFLICT: { status: 409, message: '这条记录刚被别人改过，请刷新后再操作' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试' },
  DB_UNAVAILABLE: { status: 503, message: '系统暂时无法使用，请稍后再试' },

  // auth
  DEV_LOGIN_DISABLED: { status: 403, message: '演示登录未开启' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录失败，请重新进入小程序' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时无法连接，请稍后再试' },

  // members and orgs
  ID_NUMBER_INVALID: { status: 400, message: '身份证号不正确，请核对后重新填写' },
  ID_NUMBER_TAKEN: { status: 409, message: '这个身份证号已经登记过了。如有疑问请联系所在工会' },
  PHONE_INVALID: { status: 400, message: '手机号不正确，应为 11 位数字' },
  NAME_INVALID: { status: 400, message: '姓名请填写 2 到 20 个汉字或字母' },
  ORG_NOT_FOUND: { status: 400, message: '请选择所属的基层工会' },
  ORG_NOT_BASE: { status: 400, message: '请选择到具体的基层工会' },
  CONSENT_REQUIRED: { status: 400, message: '请先阅读并同意个人敏感信息处理规则' },
  PROFILE_INCOMPLETE: { status: 400, message: '请先完成实名信息登记' },

  // review workflow
  TRANSITION_NOT_ALLOWED: { status: 409, message: '当前状态下不能进行这个操作' },
  NOT_YOUR_LEVEL: { status: 403, message: '这一步需要其他层级的工会办理，您现在只能查看' },
  COMMENT_REQUIRED: { status: 400, message: '请填写意见或原因' },
  CATEGORY_REQUIRED: { status: 400, message: '请选择困难类别' },

  // hardship aid
  AID_CASE_OPEN: { status: 409, message: '您已有一份正在办理的帮扶申请，请等它办结后再申请' },
  AID_INCOMPLETE: { status: 400, message: '申请还没填完整，不能提交' },
  AMOUNT_INVALID: { status: 400, message: '金额不正确，请填写以“分”为单位的正整数' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '只能上传 JPG、PNG 或 PDF 文件' },
  FILE_TOO_LARGE: { status: 413, message: '文件太大了，请小于 5MB' },

  // review workflow: unmet requirements that need a specific answer (appended)
  VISIT_REQUIRED: { status: 400, message: '请填写入户核查的日期和情况' },
  VISIT_NOT_RECORDED: { status: 409, message: '请先记录入户核查，再审核通过' },
  PUBLICITY_NOT_ENDED: { status: 409, message: '公示期还没有结束，结束后才能建档' },
  OBJECTION_OPEN: { status: 409, message: '还有未处理的异议，请先处理' },
  OBJECTION_NOT_FOUND: { status: 400, message: '请选择要处理的异议' },
  OBJECTION_TEXT_REQUIRED: { status: 400, message: '请写清楚异议内容' },
  PAYMENT_KIND_INVALID: { status: 400, message: '请选择发放类型' },
  AMOUNT_REASON_REQUIRED: { status: 400, message: '金额和标准不一样，请在意见里写明原因' },

  // 金秋助学 (student aid)
  BURSARY_NO_CAMPAIGN: { status: 409, message: '您所在的工会今年还没有开展金秋助学' },
  BURSARY_WINDOW_CLOSED: { status: 409, message: '现在不在金秋助学的报名时间内' },
  BURSARY_NOT_ELIGIBLE: { status: 400, message: '按填写的情况，孩子不符合这次金秋助学的条件' },
  BURSARY_CHILD_ALREADY_APPLIED: {
    status: 409,
    message: '这个孩子今年已经有人申请过金秋助学，每个孩子每年只能申请一次。如有疑问请联系所在工会',
  },
  BURSARY_CHILD_ALREADY_GRANTED: {
    status: 409,
    message: '这个孩子今年已经得到过助学资助，不能重复资助',
  },
  BURSARY_CAMPAIGN_EXISTS: { status: 409, message: '这一年的金秋助学已经设置过了' },
  BURSARY_CAMPAIGN_IN_USE: {
    status: 409,
    message: '已经有人申请了，只能修改报名截止日期',
  },
  BURSARY_CAMPAIGN_CHANGED: {
    status: 409,
    message: '金秋助学的设置刚刚改过，请重新打开申请页看一下再提交',
  },

  // uploads and sessions (appended)
  FILE_CONTENT_INVALID: { status: 415, message: '文件已损坏或与它的类型不符，请重新拍照或选择文件' },
  UPLOAD_QUOTA_EXCEEDED: { status: 429, message: '今天上传的文件已经够多了，请明天再传' },

  // payments (appended)
  PAYMENT_REPEAT: {
    status: 409,
    message: '这一户刚记录过一笔类型和金额都相同的发放。如果确实要再发一笔，请确认后再提交',
  },

  // review integrity and privacy (appended)
  AMOUNT_REQUIRED: { status: 400, message: '请填写核定金额' },
  AMOUNT_NOT_APPROVED: { status: 409, message: '还没有核定金额，不能发放' },
  PAYMENT_OVER_APPROVED: { status: 409, message: '发放金额超过了核定金额。要多发，请先重新核定金额' },
  REVIEW_NOT_DUE: { status: 409, message: '还没到年审的时间' },
  OBJECTION_ALREADY_OPEN: { status: 409, message: '您对这条公示提出的异议还在处理中，请等处理结果' },
  OBJECTION_DAILY_LIMIT: { status: 429, message: '今天提出的异议已经够多了，请明天再提' },
  REVEAL_NOT_NEEDED: { status: 403, message: '这份申请现在这一步不需要您查看完整号码' },
  REVEAL_LIMIT_REACHED: { status: 429, message: '一小时内查看完整号码的次数已到上限，请稍后再试' },
  IDENTITY_CHANGE_NOT_PENDING: { status: 409, message: '这条实名信息修改已经处理过了' },
  AMOUNT_USED_UP: { status: 409, message: '核定金额已经发完。要再发放，请先重新核定金额' },
  VALUE_NOT_GIVEN: { status: 404, message: '没有填写这一项' },
  ATTACHMENT_NOT_OWN: { status: 400, message: '有附件不是您本人上传的，请重新上传' },
  // competitions: registration (appended)
  REGISTRATION_NOT_OPEN: { status: 409, message: '报名还没有开始' },
  REGISTRATION_CLOSED: { status: 409, message: '报名已经截止' },
  NOT_ELIGIBLE: { status: 403, message: '这项竞赛只限主办工会下属单位的会员报名' },
  EVENT_NOT_FOUND: { status: 400, message: '没有这个比赛项目，请重新选择' },
  ALREADY_REGISTERED: { status: 409, message: '您已经报名了这个项目' },
  ONE_EVENT_PER_PERSON: { status: 409, message: '这项竞赛每人只能报一个项目' },
  UNIT_QUOTA_FULL: { status: 409, message: '本单位在这个项目的名额已经用完' },
  NOMINATION_REQUIRED: { status: 409, message: '这项竞赛由单位组队，请联系所在基层工会推荐报名' },
  REGISTRATION_NOT_ACTIVE: { status: 409, message: '这个报名已经取消了' },
  TICKET_NOT_ISSUED: { status: 409, message: '候补中，还没有入场券。递补成功后会在「消息」里通知您' },
  JUDGE_NOT_OFFICER: { status: 400, message: '评委须是主办工会或其上下级的工会干部' },
  // competitions: scanning a ticket, each refusal by its own code (appended)
  TICKET_UNREADABLE: { status: 422, message: '这不是本系统的入场券，请核对后重扫' },
  TICKET_OTHER_COMPETITION: { status: 422, message: '这是其他竞赛的入场券' },
  TICKET_FORGED: { status: 422, message: '入场券无效：校验不通过，可能被篡改' },
  TICKET_EXPIRED: { status: 422, message: '入场券已过期' },
  CHECKIN_LIST_NOT_ON_TICKET: { status: 422, message: '这张入场券不能在这个签到点使用' },
  TICKET_CANCELLED: { status: 422, message: '这个报名已取消，入场券作废' },
  CHECKIN_TOO_LATE: { status: 422, message: '已超过迟到时限，不能签到' },
  CHECKIN_LIST_UNKNOWN: { status: 400, message: '没有这个签到表' },
  NONCE_REUSED: { status: 422, message: '扫码记录编号重复，请重新扫码' },
  VENUE_CODE_INVALID: { status: 422, message: '签到码不正确，请扫描现场大屏上的二维码' },
  VENUE_CODE_EXPIRED: { status: 422, message: '签到码已过期，请重新扫描现场大屏上的二维码' },
  NOT_REGISTERED: { status: 409, message: '您没有报名这项竞赛，或还在候补中' },
  // competitions: scores and results (appended)
  NOT_A_JUDGE: { status: 403, message: '只有本竞赛的评委可以录入成绩' },
  SCORE_PART_UNKNOWN: { status: 400, message: '没有这个评分项' },
  SCORE_OUT_OF_RANGE: { status: 400, message: '分数超出这个评分项的满分' },
  RESULTS_PUBLISHED: { status: 409, message: '成绩已经公布，不能再修改' },
  RESULTS_NOT_PUBLISHED: { status: 409, message: '成绩还没有公布' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).error === 'object' &&
    typeof (value as ErrorBody).error?.code === 'string'
  );
}
