import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPermission, permissionTableMarkdown, ROLES } from './permissions.ts';

describe('permissions', () => {
  it('docs/ACCESS.md shows exactly the table the code enforces', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../docs/ACCESS.md'), 'utf8');
    const published = doc.split('<!-- permissions:start -->')[1]?.split('<!-- permissions:end -->')[0]?.trim();
    expect(published).toBe(permissionTableMarkdown());
  });

  it('keeps unmasking personal data away from administrators and clerks', () => {
    expect(hasPermission('sysadmin', 'pii.unmask')).toBe(false);
    expect(hasPermission('clerk', 'pii.unmask')).toBe(false);
    expect(ROLES.filter((r) => hasPermission(r, 'pii.unmask'))).toEqual(['supervisor', 'operator']);
  });
});
