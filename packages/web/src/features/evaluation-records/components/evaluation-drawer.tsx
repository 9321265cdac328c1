import { App, Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import { useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { downloadScan } from '../api/download-scan.ts';
import { useEvaluation } from '../api/get-evaluation.ts';
import { usePolicyInForce } from '../api/get-policy-in-force.ts';
import { InvitationList } from './invitation-list.tsx';
import { LevelTag } from './level-tag.tsx';
import { ScanModal } from './scan-modal.tsx';

/**
 * One rating: what was rated, how and through which channel, its tags, text and scores. Who rated is
 * never part of it; the scan of a paper form is read only with a stated reason (pii.unmask).
 */
export function EvaluationDrawer({ id, canReadScan, onClose }: { id: number | null; canReadScan: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const detail = useEvaluation(id);
  const e = detail.data;
  // Tag and indicator names as the region's policy in force calls them (the rating stores the codes).
  const policy = usePolicyInForce(e?.regionCode ?? null).data;
  const tagName = (code: string) => policy?.policy.tags.find((x) => x.code === code);
  const indicatorName = (code: string) => [...(policy?.policy.content.online ?? []), ...(policy?.policy.content.offline ?? [])].find((x) => x.code === code);
  const scan = useFormModal((v: { reason: string }, evaluationId: number) => downloadScan(evaluationId, v.reason), () => message.success(t('evaluations.scan.done')));

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={e ? t('evaluations.detailTitle', { caseNo: e.caseNo }) : t('evaluations.detail')}
      closable={{ 'aria-label': t('common.close') }}
      extra={canReadScan && e?.hasScan && <Button onClick={() => scan.open({}, e.id)}>{t('evaluations.scan.open')}</Button>}
    >
      <QueryError error={detail.error} what={t('evaluations.detail')} onRetry={detail.reload} />
      {e && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'caseNo', label: t('cases.caseNo'), children: e.caseNo },
              { key: 'level', label: t('evaluations.level'), children: <LevelTag level={e.level} label={e.levelLabel} bad={e.bad} /> },
              { key: 'kind', label: t('evaluations.kind'), children: t(`evaluations.kind.${e.kind}`) },
              { key: 'round', label: t('evaluations.round'), children: e.round === 1 ? t('evaluations.round.first') : t('evaluations.round.followUp', { n: e.round - 1 }) },
              { key: 'visit', label: t('evaluations.visit'), children: e.visitNo },
              { key: 'channel', label: t('evaluations.channel'), children: channelName(e.channel, locale) },
              {
                key: 'tags',
                label: t('evaluations.tags'),
                children: e.tags.length ? (
                  <Space wrap size={4}>
                    {e.tags.map((code) => {
                      const tag = tagName(code);
                      return <Tag key={code}>{tag ? `${code} ${labelIn(tag, locale)}` : code}</Tag>;
                    })}
                  </Space>
                ) : (
                  t('common.none')
                ),
              },
              { key: 'text', label: t('evaluations.text'), children: e.text ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph> : t('common.none') },
              {
                key: 'scores',
                label: t('evaluations.scores'),
                children: Object.keys(e.scores).length
                  ? Object.entries(e.scores).map(([code, score]) => {
                      const ind = indicatorName(code);
                      return <div key={code}>{`${ind ? labelIn(ind, locale) : code}：${score}`}</div>;
                    })
                  : t('common.none'),
              },
              { key: 'realName', label: t('evaluations.realName'), children: e.realName ? t('common.yes') : t('common.no') },
              { key: 'entered', label: t('evaluations.staffEntered'), children: e.staffEntered ? t('common.yes') : t('common.no') },
              { key: 'scan', label: t('evaluations.scan'), children: e.hasScan ? t('evaluations.scan.stored') : t('common.none') },
              { key: 'item', label: t('cases.item'), children: `${e.itemName}（${e.itemCode}）` },
              { key: 'unit', label: t('evaluations.unit'), children: e.unitName },
              { key: 'window', label: t('evaluations.window'), children: e.windowName ?? t('common.none') },
              { key: 'staff', label: t('evaluations.staff'), children: e.staffName ?? t('common.none') },
              { key: 'region', label: t('common.region'), children: e.regionCode },
              { key: 'policy', label: t('evaluations.policyVersion'), children: `v${e.policyVersion}` },
              { key: 'at', label: t('evaluations.submittedAt'), children: formatInstant(e.submittedAt, locale) },
            ]}
          />
          {policy && e.tags.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('evaluations.tagNamesFrom', { version: policy.version })}
            </Typography.Paragraph>
          )}
          <Typography.Title level={2} style={{ fontSize: '1.1em', marginTop: 24 }}>
            {t('evaluations.invitations')}
          </Typography.Title>
          <InvitationList caseId={e.caseId} />
        </>
      )}
      <ScanModal {...scan.props} />
    </Drawer>
  );
}
