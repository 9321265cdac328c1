/**
 * Evaluation channels (评价渠道). Codes 1–7 are the national code list; the rest are ours. Provinces
 * number 5–7 differently, so exchange formats map through a versioned table (see gbt-39046.ts).
 */
export const EVALUATION_CHANNEL_INFO = {
  pc: { national: 1, zh: 'PC端', en: 'Web (PC)', mode: 'online' },
  mobile: { national: 2, zh: '移动服务端', en: 'App / mini-program', mode: 'online' },
  qr_code: { national: 3, zh: '二维码', en: 'QR code', mode: 'offline' },
  device: { national: 4, zh: '政务大厅平板电脑', en: 'Window rating device', mode: 'offline' },
  terminal: { national: 5, zh: '政务大厅其他终端', en: 'Self-service terminal', mode: 'offline' },
  phone: { national: 6, zh: '电话', en: '12345 phone', mode: 'either' },
  sms: { national: 7, zh: '短信', en: 'SMS', mode: 'either' },
  paper: { national: null, zh: '书面评价表', en: 'Paper form', mode: 'offline' },
  suggestion_box: { national: null, zh: '意见箱', en: 'Suggestion box', mode: 'either' },
  email: { national: null, zh: '电子邮件', en: 'E-mail', mode: 'either' },
  wechat: { national: null, zh: '微信', en: 'WeChat', mode: 'either' },
  default: { national: null, zh: '系统默认', en: 'System default', mode: 'either' },
} as const;

export type EvaluationChannel = keyof typeof EVALUATION_CHANNEL_INFO;
export const EVALUATION_CHANNELS = Object.keys(EVALUATION_CHANNEL_INFO) as EvaluationChannel[];

/** Channels on which staff record a rating for the evaluator, naming who entered it. */
export const STAFF_ENTERED_CHANNELS: readonly EvaluationChannel[] = ['phone', 'paper', 'email', 'wechat'];
