import { hasPermission } from '@hcp/domain';
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { User } from '@/features/auth/api/me.ts';
import { roleLabel } from '@/features/auth/role-label.ts';
import { useOrganisation } from '@/features/masterdata/api/get-organisation.ts';
import { useRegion } from '@/features/masterdata/api/get-region.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useConsoleUser } from './session.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { ClerkDesk } from './clerk-desk.tsx';

/** 数据范围 in words: the region and/or unit names, or "everything". */
function DataScope({ user }: { user: User }) {
  const { t } = useI18n();
  const region = useRegion(user.scopeRegionCode);
  const org = useOrganisation(user.scopeOrgId);
  if (user.scopeRegionCode === null && user.scopeOrgId === null) return <>{t('home.scope.all')}</>;
  const regionName = region?.status === 'done' ? region.data.name : user.scopeRegionCode;
  const orgName = org?.status === 'done' ? org.data.name : `#${user.scopeOrgId}`;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      {user.scopeRegionCode !== null && <span>{t('home.scope.region', { name: regionName ?? '' })}</span>}
      {user.scopeOrgId !== null && <span>{t('home.scope.org', { name: orgName })}</span>}
    </span>
  );
}

/** The console home: who you are and what you may see; a window clerk's desk first (their windows, ratings and orders). */
export function Component() {
  const user = useConsoleUser();
  const { t, locale } = useI18n();
  useDocumentTitle(t('nav.home'), t('app.name'));
  const lastLogin = user.lastLoginAt
    ? formatInstant(user.lastLoginAt, locale)
    : t('home.never');
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: '1.75em' }}>
        {t('home.title', { name: user.displayName })}
      </Typography.Title>
      {hasPermission(user.role, 'workorder.read_own') && user.staffId !== null && <ClerkDesk staffId={user.staffId} />}
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('home.whoami')}</h2>}>
        <Descriptions
          column={1}
          items={[
            { key: 'name', label: t('home.displayName'), children: user.displayName },
            { key: 'username', label: t('home.username'), children: user.username },
            { key: 'role', label: t('home.role'), children: <Tag color="blue">{roleLabel(user.role, locale)}</Tag> },
            { key: 'scope', label: t('home.scope'), children: <DataScope user={user} /> },
            { key: 'last', label: t('home.lastLogin'), children: lastLogin },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('home.hint')}
      </Typography.Paragraph>
    </div>
  );
}
