import { List, Tag, Typography } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useInvitations, type InvitationMessage } from '../api/list-invitations.ts';

const STATUS_COLORS: Record<string, string> = { delivered: 'green', sent: 'blue', queued: 'default', failed: 'red', suppressed: 'orange' };

/**
 * The SMS invitations of a case and their delivery (邀请评价). Beside a rating, not even the masked
 * phone is shown: it would point at who rated. The texts hold the link and are never shown either.
 */
export function InvitationList({ caseId }: { caseId: number }) {
  const { t, locale } = useI18n();
  const invitations = useInvitations(caseId);
  const message = (label: string, m: InvitationMessage | null) =>
    m && (
      <div>
        {label}：<Tag color={STATUS_COLORS[m.status]}>{t(`sms.status.${m.status}` as 'sms.status.sent')}</Tag>
        <Typography.Text type="secondary">{formatInstant(m.deliveredAt ?? m.sentAt, locale)}</Typography.Text>
      </div>
    );
  return (
    <>
      <QueryError error={invitations.error} what={t('evaluations.invitations')} onRetry={invitations.reload} />
      <List
        size="small"
        loading={invitations.loading}
        dataSource={invitations.data ?? []}
        locale={{ emptyText: t('evaluations.noInvitations') }}
        renderItem={(i) => (
          <List.Item>
            <div>
              <div>
                {t('evaluations.invitedAt', { at: formatInstant(i.createdAt, locale) })} · {t('evaluations.validUntil', { at: formatInstant(i.expiresAt, locale) })}
              </div>
              {message(t('evaluations.invitationSms'), i.invitation)}
              {message(t('evaluations.reminderSms'), i.reminder)}
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
