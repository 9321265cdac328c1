import { DETECTOR_NAMES, type DetectorName } from '@hcp/domain';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, labelIn, levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import { useFlag, type FlaggedRating } from '../api/get-flag.ts';
import { reviewFlag, type ReviewDecision } from '../api/review-flag.ts';
import { FlagStatusTag } from './flag-status-tag.tsx';

interface ReviewValues {
  decision: ReviewDecision;
  reason: string;
}

/** One flag: what the detector found, its ratings (never who gave them), and the review with a reason. */
export function FlagDrawer({ id, canReview, onClose, onReviewed }: { id: number | null; canReview: boolean; onClose: () => void; onReviewed: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const detail = useFlag(id);
  const [form] = Form.useForm<ReviewValues>();
  const review = useFormSubmit(
    form,
    (v: ReviewValues) => reviewFlag(id!, v.decision, v.reason),
    () => {
      message.success(t('flags.reviewed'));
      form.resetFields();
      detail.reload();
      onReviewed();
    },
  );
  const f = detail.data?.flag;
  const ratings = detail.data?.ratings ?? [];
  const detector = f ? (DETECTOR_NAMES[f.detector as DetectorName] ? labelIn(DETECTOR_NAMES[f.detector as DetectorName], locale) : f.detector) : '';
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} title={id !== null ? t('flags.detail', { id }) : ''} closable={{ 'aria-label': t('common.close') }} destroyOnHidden>
      <QueryError error={detail.error} what={t('nav.ratingFlags')} onRetry={detail.reload} />
      {f && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'detector', label: t('flags.detector'), children: detector },
              { key: 'unit', label: t('flags.unit'), children: f.unitName },
              { key: 'reason', label: t('flags.reason'), children: locale === 'zh-CN' ? f.reason.zh : f.reason.en || f.reason.zh },
              { key: 'score', label: t('flags.score'), children: f.score.toFixed(2) },
              { key: 'span', label: t('flags.span'), children: `${formatInstant(f.firstAt, locale)} – ${formatInstant(f.lastAt, locale)}` },
              { key: 'evidence', label: t('flags.evidence'), children: Object.entries(f.evidence).map(([k, v]) => `${k}: ${v}`).join('；') },
              { key: 'status', label: t('flags.status'), children: <FlagStatusTag status={f.status} /> },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('flags.ratingList')}
          </Typography.Title>
          <Table<FlaggedRating>
            aria-label={t('flags.ratingList')}
            rowKey="id"
            size="small"
            dataSource={ratings}
            pagination={ratings.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('flags.submittedAt'), key: 'at', render: (_, r) => formatInstant(r.submittedAt, locale) },
              { title: t('flags.caseNo'), dataIndex: 'caseNo' },
              { title: t('flags.level'), key: 'level', render: (_, r) => <Tag color={r.level <= 2 ? 'red' : undefined}>{levelName(r.level, locale)}</Tag> },
              { title: t('flags.channel'), key: 'channel', render: (_, r) => channelName(r.channel, locale) },
              { title: t('flags.text'), key: 'text', render: (_, r) => (
                  <>
                    {r.excludedAs && <Tag>{t('flags.excluded')}</Tag>}
                    {r.text ?? ''}
                  </>
                ),
              },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('flags.review')}
          </Typography.Title>
          {f.status !== 'pending' ? (
            <Alert
              type={f.status === 'confirmed' ? 'warning' : 'success'}
              showIcon
              title={t('flags.reviewedBy', { at: formatInstant(f.reviewedAt, locale), status: t(`flags.status.${f.status}`), reason: f.reviewReason ?? '' })}
            />
          ) : canReview ? (
            <Form<ReviewValues> form={form} name="flag-review" layout="vertical" onFinish={review.submit} disabled={review.pending}>
              {review.error && <Alert type="error" showIcon role="alert" title={review.error} style={{ marginBottom: 16 }} />}
              <Form.Item label={t('flags.decision')} name="decision" rules={[{ required: true, message: t('common.choose', { what: t('flags.decision') }) }]}>
                <Radio.Group
                  options={[
                    { value: 'confirm', label: t('flags.decision.confirm') },
                    { value: 'dismiss', label: t('flags.decision.dismiss') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                label={t('flags.reviewReason')}
                name="reason"
                extra={t('flags.reviewReasonHint')}
                rules={[{ required: true, whitespace: true, min: 5, message: t('flags.reviewReasonHint') }]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={review.pending} aria-busy={review.pending}>
                {t('flags.submit')}
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
