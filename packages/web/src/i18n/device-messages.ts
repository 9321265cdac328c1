import type { Locale } from './dictionary.ts';

/**
 * The rating device's (评价器) words. They load with the device page only, so neither the landing
 * page nor the console carries them.
 */
const zh = {
  'device.title': '评价器',
  'device.pair.title': '评价器配对',
  'device.pair.hint': '请输入管理员提供的 6 位配对码。配对后，本设备将固定用于该窗口。',
  'device.pair.code': '配对码',
  'device.pair.submit': '配对',
  'device.pair.pending': '正在配对…',
  'device.pair.invalid': '配对码无效、已使用或已过期，请向管理员索取新的配对码。',
  'device.pair.format': '配对码是 6 位数字。',
  'device.idle.welcome': '欢迎评价我们的服务',
  'device.idle.hint': '业务办理完成后，屏幕将显示评价页面。',
  'device.idle.onDuty': '当前值班',
  'device.idle.noStaff': '本窗口暂无值班人员信息',
  'device.idle.employeeNo': '工号 {no}',
  'device.rate.title': '请您对本次服务进行评价',
  'device.rate.case': '办件编号 {caseNo}',
  'device.rate.levels': '满意程度',
  'device.rate.reasons': '请选择不满意的原因（可多选）',
  'device.rate.text': '其他意见（选填，最多 {max} 字）',
  'device.rate.needReason': '请至少选择一个原因或填写意见。',
  'device.rate.needTag': '请至少选择一个原因。',
  'device.rate.needText': '请填写您的意见。',
  'device.rate.back': '重新选择',
  'device.rate.submit': '提交评价',
  'device.rate.sending': '正在提交…',
  'device.rate.private': '您的评价将直接提交，窗口工作人员看不到评价结果。',
  'device.rate.gone': '本次评价请求已失效，感谢您的配合。',
  'device.rate.already': '该办件已经评价过了，感谢您的配合。',
  'device.rate.failed': '提交失败，请再试一次。',
  'device.thanks.title': '感谢您的评价！',
  'device.thanks.body': '您的意见将帮助我们改进服务。',
  'device.offline': '正在连接服务器…',
  'device.unpaired': '本设备已解除配对，请重新配对。',
} as const;

export type DeviceMessageKey = keyof typeof zh;

const en: Record<DeviceMessageKey, string> = {
  'device.title': 'Rating device',
  'device.pair.title': 'Pair this rating device',
  'device.pair.hint': 'Enter the 6-digit pairing code from your administrator. Once paired, this device serves that window.',
  'device.pair.code': 'Pairing code',
  'device.pair.submit': 'Pair',
  'device.pair.pending': 'Pairing…',
  'device.pair.invalid': 'This pairing code is wrong, used or expired. Ask your administrator for a new one.',
  'device.pair.format': 'The pairing code has 6 digits.',
  'device.idle.welcome': 'Please rate our service',
  'device.idle.hint': 'When your business is done, the rating screen appears here.',
  'device.idle.onDuty': 'On duty',
  'device.idle.noStaff': 'No staff information for this window',
  'device.idle.employeeNo': 'Staff no. {no}',
  'device.rate.title': 'How satisfied are you with this service?',
  'device.rate.case': 'Case {caseNo}',
  'device.rate.levels': 'Satisfaction',
  'device.rate.reasons': 'What went wrong? (choose any)',
  'device.rate.text': 'Anything else? (optional, up to {max} characters)',
  'device.rate.needReason': 'Choose at least one reason or write a comment.',
  'device.rate.needTag': 'Choose at least one reason.',
  'device.rate.needText': 'Please write a comment.',
  'device.rate.back': 'Choose again',
  'device.rate.submit': 'Submit',
  'device.rate.sending': 'Submitting…',
  'device.rate.private': 'Your rating goes straight to us; the clerk cannot see it.',
  'device.rate.gone': 'This rating request is no longer open. Thank you.',
  'device.rate.already': 'This case has been rated already. Thank you.',
  'device.rate.failed': 'Could not submit. Please try again.',
  'device.thanks.title': 'Thank you for your rating!',
  'device.thanks.body': 'Your opinion helps us improve.',
  'device.offline': 'Connecting to the server…',
  'device.unpaired': 'This device was unpaired. Please pair it again.',
};

export const DEVICE_MESSAGES: Record<Locale, Record<DeviceMessageKey, string>> = { 'zh-CN': zh, en };
