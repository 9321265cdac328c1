export const zh = {
  'audit.verify': '校验',
  'audit.verifyFailed': '校验未完成',
  'audit.intact': '审计链完整：已校验 {n} 条记录，未发现篡改。',
  'audit.broken': '审计链在第 {seq} 条记录处断开（共校验 {n} 条）',
  'audit.seq': '序号',
  'audit.at': '时间',
  'audit.actor': '操作者',
  'audit.action': '操作',
  'audit.targetType': '对象类型',
  'audit.targetId': '对象 ID',
  'audit.target': '对象',
  'audit.detail': '详情',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'audit.verify': 'Verify',
  'audit.verifyFailed': 'The check did not finish',
  'audit.intact': 'The audit chain is intact: {n} records checked, no tampering found.',
  'audit.broken': 'The audit chain breaks at record {seq} ({n} checked)',
  'audit.seq': 'Seq.',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.targetType': 'Target type',
  'audit.targetId': 'Target ID',
  'audit.target': 'Target',
  'audit.detail': 'Detail',
};
