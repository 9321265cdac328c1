/** Staff roles (角色). Evaluators and the public have no account. */
export const ROLES = ['clerk', 'unit_admin', 'supervisor', 'operator', 'auditor', 'sysadmin'] as const;
export type StaffRole = (typeof ROLES)[number];

export const ROLE_NAMES: Record<StaffRole, { zh: string; en: string }> = {
  clerk: { zh: '窗口工作人员', en: 'Window clerk' },
  unit_admin: { zh: '单位管理员', en: 'Unit administrator' },
  supervisor: { zh: '政务服务管理办公室', en: 'Management office supervisor' },
  operator: { zh: '12345 话务员', en: '12345 hotline operator' },
  auditor: { zh: '审计员', en: 'Auditor' },
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
};

export const PERMISSIONS = {
  'masterdata.read': 'read regions, organisations, platforms, staff and service items',
  'region.write': 'create and change regions',
  'organisation.write': 'create and change organisations (units, halls, windows)',
  'platform.write': 'create and change platforms',
  'staff.write': 'create and change staff and their windows',
  'item.write': 'create service items and new versions of them',
  'case.read': 'read cases (personal data masked)',
  'case.import': 'import cases from a file',
  'pii.unmask': 'read unmasked personal data, with a stated reason (audited)',
  'calendar.write': 'add or correct working days and holidays',
  'user.manage': 'create users, set roles and data scopes, unlock accounts',
  'integration.manage': 'create and rotate integration API keys',
  'audit.read': 'read and verify the audit log',
  'policy.write': 'save new versions of a region’s evaluation policy (the national one: sysadmin only)',
  'evaluation.read': 'read ratings in your data scope, never who gave them (clerks: only after a delay)',
  'evaluation.enter': 'enter ratings given by phone, paper form, e-mail or WeChat',
  'evaluation.export': 'export evaluations in the GB/T 39046 data set',
  'device.manage': 'register window rating devices (评价器), issue pairing codes, switch them off',
  'device.invite': 'ask the rating device at a window to show the rating screen for a case',
  'sms.read': 'read the SMS outbox and the development gateway’s inbox',
  'workorder.read': 'read the work orders (整改工单) that bad ratings opened, with their steps and deadlines',
  'workorder.read_own': 'read the work orders about yourself (the staff member your account is linked to), with their steps, requests and attachments, once the policy’s clerkSeesRatingsAfterHours have passed since the rating',
  'workorder.handle': 'handle a work order: assign, verify, decide, rectify, give feedback',
  'workorder.revisit': 'record the revisit (回访) of a work order: the evaluator satisfied or not',
  'workorder.attach': 'upload attachments (附件) to a work order as evidence of steps and requests (a clerk: only to orders about themselves)',
  'workorder.appeal': 'appeal a bad rating in writing (复核申诉) within the policy’s working days: the staff member rated (a clerk: only their own) or the unit',
  'workorder.approve': 'decide a work order’s extension (延期) and cannot-be-rectified (无法整改) requests',
  'appeal.decide': 'decide appeals (复核申诉): uphold (the rating is marked 误评 or 恶意差评 and not counted) or reject',
  'workorder.reassign': 'reassign (转办) a work order to another unit inside your data scope, with a reason',
  'campaign.read': 'read mass-evaluation campaigns (群众评议), their inputs, quarterly and yearly scores and per-unit reports',
  'campaign.manage': 'create campaigns, choose their objects and save versions of their scoring rules',
  'campaign.input': 'enter or import a campaign’s questionnaire, revisit and complaint results',
  'report.read': 'read and download the monthly and quarterly reports (通报) of your region',
  'report.generate': 'generate a report (通报) on demand',
  'revisit.read': 'read 监督查评 samples, their revisit tasks (phones masked) and results',
  'revisit.sample': 'draw the seeded random sample of evaluators for 监督查评 revisits',
  'revisit.answer': 'record the answer of a 监督查评 revisit call (reached, satisfaction, remarks)',
  'detection.read': 'read the review queue of suspected manipulated ratings (刷评 / 恶意评价) and their reasons',
  'detection.review': 'confirm or dismiss a suspected manipulation flag, with a reason (audited)',
  'statistics.read': 'read statistics (好评率, 差评率, 整改率 …) in your data scope (clerks: only their own figures, after the rating delay)',
  'ranking.read': 'read fair rankings (排名) of units, windows, staff, service items and regions in your data scope',
  'supervision.read': 'read supervision alerts (督办预警) in your data scope: staff with concentrated bad ratings, units with a high bad-rating rate and a low rank, overdue work orders per unit',
  'supervision.acknowledge': 'acknowledge a supervision alert with a note (audited), and run the check of your data scope on demand',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL_STAFF: readonly StaffRole[] = ROLES;

/** Who may do what. The data scope of the user limits every one of these further. */
export const ROLE_PERMISSIONS: Record<Permission, readonly StaffRole[]> = {
  'masterdata.read': ALL_STAFF,
  'region.write': ['sysadmin'],
  'organisation.write': ['sysadmin', 'supervisor'],
  'platform.write': ['sysadmin', 'supervisor'],
  'staff.write': ['sysadmin', 'supervisor', 'unit_admin'],
  'item.write': ['sysadmin', 'supervisor'],
  'case.read': ALL_STAFF,
  'case.import': ['sysadmin', 'supervisor'],
  'pii.unmask': ['supervisor', 'operator'],
  'calendar.write': ['sysadmin', 'supervisor'],
  'user.manage': ['sysadmin'],
  'integration.manage': ['sysadmin'],
  'audit.read': ['auditor', 'sysadmin'],
  'policy.write': ['sysadmin', 'supervisor'],
  'evaluation.read': ALL_STAFF,
  // Unit staff are left out on purpose: nobody rates their own cases.
  'evaluation.enter': ['operator', 'supervisor'],
  'evaluation.export': ['supervisor', 'auditor', 'sysadmin'],
  'device.manage': ['sysadmin', 'supervisor', 'unit_admin'],
  'device.invite': ['clerk', 'unit_admin', 'supervisor', 'sysadmin'],
  'sms.read': ['sysadmin', 'supervisor'],
  'workorder.read': ['unit_admin', 'supervisor', 'operator', 'auditor', 'sysadmin'],
  // A clerk reads only the orders about themselves (work-order-access.ts), to attach evidence and appeal.
  'workorder.read_own': ['clerk'],
  'workorder.handle': ['unit_admin', 'supervisor'],
  'workorder.revisit': ['operator', 'supervisor'],
  'workorder.attach': ['clerk', 'unit_admin', 'supervisor', 'operator'],
  'workorder.appeal': ['clerk', 'unit_admin'],
  // The management office decides; the unit that asks never decides its own request.
  'workorder.approve': ['supervisor'],
  'appeal.decide': ['supervisor'],
  'workorder.reassign': ['supervisor', 'unit_admin'],
  'campaign.read': ['supervisor', 'auditor', 'sysadmin'],
  'campaign.manage': ['supervisor', 'sysadmin'],
  // Complaints reach the 12345 hotline, so its operators enter them with the office.
  'campaign.input': ['supervisor', 'operator'],
  'report.read': ['supervisor', 'auditor', 'sysadmin'],
  'report.generate': ['supervisor', 'sysadmin'],
  'revisit.read': ['supervisor', 'operator', 'auditor', 'sysadmin'],
  'revisit.sample': ['supervisor'],
  'revisit.answer': ['operator', 'supervisor'],
  // Not unit staff: the flags are about them and their colleagues.
  'detection.read': ['supervisor', 'auditor', 'sysadmin'],
  'detection.review': ['supervisor'],
  // Clerks see their own figures only (statistics.service.ts); a ranking would show their colleagues'.
  'statistics.read': ALL_STAFF,
  'ranking.read': ['unit_admin', 'supervisor', 'operator', 'auditor', 'sysadmin'],
  // The management office's: the alerts are about units and their staff (约谈, 教育, 调岗).
  'supervision.read': ['supervisor', 'auditor', 'sysadmin'],
  'supervision.acknowledge': ['supervisor'],
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[permission].includes(role);
}

/** The role × permission table as Markdown, as published in docs/ACCESS.md. */
export function permissionTableMarkdown(): string {
  const head = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) => `| \`${p}\` ${PERMISSIONS[p]} | ${ROLES.map((r) => (hasPermission(r, p) ? '✓' : '')).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}
