import type { EvaluationChannel } from './channels.ts';
import type { Level } from './policy.ts';
import { toGbt39046SatisfactionCode } from './submission.ts';

/**
 * The GB/T 39046-2020 evaluation data set (政务服务评价数据集) as we export it. Our channels are
 * mapped to the standard's code list through the table below, which carries a version: a change of
 * the mapping is a new version, named in every export, so a receiver can tell which one it got.
 */
export const GBT_39046_MAPPING_VERSION = 'GB/T 39046-2020 v1';

/** 9 其他: the code for a channel the standard's list does not name. */
export const GBT_39046_OTHER_CHANNEL = 9;

/**
 * 评价渠道, version 'GB/T 39046-2020 v1': 1 PC端, 2 移动服务端, 3 二维码, 4 政务大厅平板电脑,
 * 5 政务大厅其他终端, 6 电话, 7 短信. Paper forms, the suggestion box, e-mail, WeChat and the system
 * default have no national code and go out as 9 其他; our own channel is not exported, so a receiver
 * cannot tell those apart — that is the standard's limit, not ours. Typed over every channel, so a
 * new channel cannot be added without deciding its code here.
 */
export const GBT_39046_CHANNEL_CODES: Readonly<Record<EvaluationChannel, number>> = {
  pc: 1,
  mobile: 2,
  qr_code: 3,
  device: 4,
  terminal: 5,
  phone: 6,
  sms: 7,
  paper: GBT_39046_OTHER_CHANNEL,
  suggestion_box: GBT_39046_OTHER_CHANNEL,
  email: GBT_39046_OTHER_CHANNEL,
  wechat: GBT_39046_OTHER_CHANNEL,
  default: GBT_39046_OTHER_CHANNEL,
};

/** The data set's fields, in the standard's order; also the CSV header. */
export const GBT_39046_FIELDS = ['办件编号', '评价渠道', '评价人', '评价时间', '评价次数', '满意度', '满意度代码', '文字评价', '行政区划'] as const;
export type Gbt39046Field = (typeof GBT_39046_FIELDS)[number];

export interface Gbt39046Record {
  办件编号: string;
  评价渠道: number;
  评价人: string;
  评价时间: string;
  评价次数: number;
  满意度: string;
  满意度代码: number;
  文字评价: string;
  行政区划: string;
}

/** One of our evaluations as the export reads it; the evaluator's name arrives masked, never plain. */
export interface Gbt39046Source {
  caseNo: string;
  channel: string;
  kind: 'active' | 'default';
  realName: boolean;
  /** The masked name of a real-name evaluator (张*), or null. */
  evaluatorMasked: string | null;
  submittedAt: Date;
  round: number;
  level: Level;
  /** The level's label in the policy version the rating was made under. */
  levelLabel: string;
  text: string | null;
  /** Twelve-digit region code of the case. */
  regionCode: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 评价时间 as YYYYMMDDThhmmss in Beijing time (+08:00), e.g. 2026-11-03T02:05:09Z → 20261103T100509. */
export function toGbt39046Time(instant: Date): string {
  const t = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
}

/**
 * 行政区划 (n..9): the standard stops at the township. A village code goes out as its township's nine
 * digits, a township as its nine, and a county, city or province as its six GB/T 2260 digits.
 */
export function toGbt39046RegionCode(code12: string): string {
  const town = code12.slice(0, 9);
  return town.endsWith('000') ? code12.slice(0, 6) : town;
}

/** Channel code of the mapping version above; an unknown channel is 9 其他 too. */
export const toGbt39046ChannelCode = (channel: string): number => GBT_39046_CHANNEL_CODES[channel as EvaluationChannel] ?? GBT_39046_OTHER_CHANNEL;

/** 评价人: the masked name of a real-name evaluator, 匿名 otherwise, 系统默认 for a default rating. */
export function gbt39046Evaluator(s: Pick<Gbt39046Source, 'kind' | 'realName' | 'evaluatorMasked'>): string {
  if (s.kind === 'default') return '系统默认';
  return s.realName && s.evaluatorMasked ? s.evaluatorMasked : '匿名';
}

/** One evaluation as a record of the data set. Note 满意度代码 runs the other way: 1 = 非常满意. */
export function toGbt39046Record(s: Gbt39046Source): Gbt39046Record {
  return {
    办件编号: s.caseNo,
    评价渠道: toGbt39046ChannelCode(s.channel),
    评价人: gbt39046Evaluator(s),
    评价时间: toGbt39046Time(s.submittedAt),
    评价次数: s.round,
    满意度: s.levelLabel,
    满意度代码: toGbt39046SatisfactionCode(s.level),
    文字评价: s.text ?? '',
    行政区划: toGbt39046RegionCode(s.regionCode),
  };
}
