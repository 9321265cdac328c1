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
  'workorder.handle': 'handle a work order: assign, verify, decide, rectify, give feedback',
  'workorder.revisit': 'record the revisit (回访) of a work order: the evaluator satisfied or not',
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
  'workorder.handle': ['unit_admin', 'supervisor'],
  'workorder.revisit': ['operator', 'supervisor'],
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
