import { Card, Descriptions, List, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useOrganisation } from '@/features/masterdata/api/get-organisation.ts';
import { useStaffMember } from '@/features/masterdata/api/get-staff-member.ts';
import { useStatistics } from '@/features/statistics-dashboard/api/get-statistics.ts';
import { beijingToday, formatCount, formatRate } from '@/features/statistics-dashboard/components/format.ts';
import { useWorkOrders } from '@/features/work-orders/api/work-orders.ts';
import { RatingTags, StateTag } from '@/features/work-orders/components/tags.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';

/** The days the clerk's figures cover: the last 30, today included (what is not visible yet is cut by the server). */
const DAYS = 30;

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 'inherit' }}>{text}</h2>;

function WindowName({ id }: { id: number }) {
  const org = useOrganisation(id);
  return <>{org?.status === 'done' ? org.data.name : `#${id}`}</>;
}

/** Who the clerk is at work: their unit and the windows they serve at. */
function MyWindows({ staffId }: { staffId: number }) {
  const { t } = useI18n();
  const staff = useStaffMember(staffId);
  const me = staff?.status === 'done' ? staff.data : undefined;
  return (
    <Card title={h2(t('home.clerk.windows'))} style={{ marginBottom: 16 }} loading={!me && staff?.status !== 'failed'}>
      {me ? (
        <Descriptions
          column={1}
          items={[
            { key: 'name', label: t('home.clerk.staff'), children: `${me.name}（${me.employeeNo}）` },
            { key: 'unit', label: t('home.clerk.unit'), children: me.unitName },
            {
              key: 'windows',
              label: t('home.clerk.windowList'),
              children: me.windowIds.length ? (
                <Space direction="vertical" size={0}>
                  {me.windowIds.map((id) => (
                    <WindowName key={id} id={id} />
                  ))}
                </Space>
              ) : (
                t('home.clerk.noWindow')
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="danger">{t('home.clerk.failed')}</Typography.Text>
      )}
    </Card>
  );
}

/** Their own ratings of the last days, only through the day the policy's delay lets them see. */
function MyRatings() {
  const { t } = useI18n();
  const today = beijingToday();
  const stats = useStatistics({ from: daysBefore(today, DAYS - 1), to: today, kind: 'active' });
  const data = stats.data;
  const through = data?.period.visibleThrough ?? null;
  return (
    <Card title={h2(t('home.clerk.ratings'))} style={{ marginBottom: 16 }} loading={stats.loading && !data}>
      {data ? (
        <>
          <Space size={32} wrap>
            <Statistic title={t('home.clerk.total')} value={formatCount(data.total.ratings.total)} />
            <Statistic title={t('home.clerk.goodRate')} value={formatRate(data.total.ratings.goodRate)} />
            <Statistic title={t('home.clerk.bad')} value={formatCount(data.total.ratings.bad)} />
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {through && through >= data.period.from ? t('home.clerk.through', { from: data.period.from, day: through }) : t('home.clerk.notYet')}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Text type="danger">{t('home.clerk.failed')}</Typography.Text>
      )}
    </Card>
  );
}

/** The work orders about them, newest first, each a link to the order where they add evidence or appeal. */
function MyOrders() {
  const { t, locale } = useI18n();
  const orders = useWorkOrders({ limit: 5, offset: 0 });
  return (
    <Card title={h2(t('home.clerk.orders'))} style={{ marginBottom: 16 }} extra={<Link to="/console/work-orders">{t('home.clerk.allOrders')}</Link>}>
      <List
        loading={orders.loading}
        dataSource={orders.data ?? []}
        locale={{ emptyText: t('home.clerk.noOrders') }}
        renderItem={(o) => (
          <List.Item>
            <Space wrap>
              <Link to={`/console/work-orders/${o.id}`} aria-label={t('wo.open', { id: o.id })}>
                #{o.id}
              </Link>
              <span>{o.summary?.caseNo}</span>
              <RatingTags summary={o.summary} />
              <StateTag state={o.state} />
              <Typography.Text type="secondary">{formatInstant(o.openedAt, locale)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('home.clerk.ordersHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * A window clerk's desk on the console home: their windows, their own ratings (after the policy's
 * delay, as the server cuts them) and the work orders about them, where they attach evidence and appeal.
 */
export function ClerkDesk({ staffId }: { staffId: number }) {
  return (
    <>
      <MyWindows staffId={staffId} />
      <MyRatings />
      <MyOrders />
    </>
  );
}
