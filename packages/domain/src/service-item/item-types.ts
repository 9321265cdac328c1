/**
 * Types of government service item (政务服务事项类型). The keys are what we store (the column is
 * 24 characters wide); the Chinese names are what users read and type in import files.
 */
export const ITEM_TYPES = ['licensing', 'payment', 'confirmation', 'ruling', 'reward', 'other_power', 'public_service'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const ITEM_TYPE_NAMES: Record<ItemType, { zh: string; en: string }> = {
  licensing: { zh: '行政许可', en: 'Administrative licensing' },
  payment: { zh: '行政给付', en: 'Administrative payment' },
  confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  ruling: { zh: '行政裁决', en: 'Administrative ruling' },
  reward: { zh: '行政奖励', en: 'Administrative reward' },
  other_power: { zh: '其他行政权力', en: 'Other administrative power' },
  public_service: { zh: '公共服务', en: 'Public service' },
};

export function isItemType(value: string): value is ItemType {
  return (ITEM_TYPES as readonly string[]).includes(value);
}

/** Unified item codes (事项编码): letters and digits, with ".", "_" or "-" between them. */
export const ITEM_CODE_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]*$';
