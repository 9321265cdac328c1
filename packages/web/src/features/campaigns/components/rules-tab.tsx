import { CAMPAIGN_CHANNELS, EVALUATION_CHANNELS, type CampaignConfig } from '@hcp/domain';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import { useConfigVersions, type ConfigVersion } from '../api/config-versions.ts';
import type { CampaignDetail } from '../api/get-campaign.ts';
import { saveConfig } from '../api/save-config.ts';

type Values = CampaignConfig & { note?: string };

/**
 * The campaign's scoring rules (计分规则) in force, edited as a new version (scores always use the
 * version in force; the server checks that the weights add up to 100), and every earlier version.
 */
export function RulesTab({ detail, mayManage, onSaved }: { detail: CampaignDetail; mayManage: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const versions = useConfigVersions(detail.campaign.id);
  const weights = Form.useWatch('weights', form) as CampaignConfig['weights'] | undefined;
  const sum = weights ? CAMPAIGN_CHANNELS.reduce((s, c) => s + (Number(weights[c]) || 0), 0) : null;
  const { submit, pending, error } = useFormSubmit(
    form,
    ({ note, ...config }: Values) => saveConfig(detail.campaign.id, { config, ...(note?.trim() ? { note: note.trim() } : {}) }),
    (r) => {
      message.success(t('campaigns.rules.saved', { version: r.version }));
      form.setFieldValue('note', '');
      versions.reload();
      onSaved();
    },
    { 'config.weights': 'weights', 'config.deductions': 'deductions' },
  );
  const channelOptions = EVALUATION_CHANNELS.map((c) => ({ value: c, label: channelName(c, locale) }));
  return (
    <div>
      <Typography.Paragraph>{t('campaigns.rules.version', { version: detail.configVersion })}</Typography.Paragraph>
      <Form<Values> key={detail.configVersion} form={form} name="campaign-rules" layout="vertical" initialValues={detail.config} disabled={!mayManage || pending} onFinish={(v) => void submit(v)} style={{ maxWidth: 760 }}>
        {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
        <Card size="small" title={<h3 style={{ margin: 0, fontSize: 'inherit' }}>{t('campaigns.rules.weights')}</h3>} style={{ marginBottom: 16 }}>
          <Space wrap>
            {CAMPAIGN_CHANNELS.map((c) => (
              <Form.Item key={c} label={t(`campaigns.channel.${c}`)} name={['weights', c]} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            ))}
          </Space>
          <Typography.Text type={sum === 100 ? 'secondary' : 'danger'} role="status">
            {t('campaigns.rules.sum', { sum: sum ?? '—' })}
          </Typography.Text>
        </Card>
        <Space wrap>
          <Form.Item label={t('campaigns.rules.noDataLevel')} name="noDataLevel" rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={[5, 4, 3, 2, 1].map((l) => ({ value: l, label: levelName(l, locale) }))} />
          </Form.Item>
          <Form.Item label={t('campaigns.rules.yearEndMonth')} name="yearEndMonth" rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={[10, 11, 12].map((m) => ({ value: m, label: String(m) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label={t('campaigns.rules.deduction2')} name={['deductions', 'level2']} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item label={t('campaigns.rules.deduction1')} name={['deductions', 'level1']} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item label={t('campaigns.rules.maxPerQuarter')} name={['deductions', 'maxPerQuarter']} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.Item label={t('campaigns.rules.portalChannels')} name="portalChannels">
          <Select mode="multiple" options={channelOptions} />
        </Form.Item>
        <Form.Item label={t('campaigns.rules.hotlineChannels')} name="hotlineChannels">
          <Select mode="multiple" options={channelOptions} />
        </Form.Item>
        <Form.Item label={t('campaigns.rules.countDefault')} name="countDefaultRatings" valuePropName="checked">
          <Switch />
        </Form.Item>
        {mayManage ? (
          <>
            <Form.Item label={t('campaigns.rules.note')} name="note" rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={pending}>
              {t('campaigns.rules.save')}
            </Button>
          </>
        ) : null}
      </Form>
      <Typography.Title level={3} style={{ fontSize: '1.1em', marginTop: 24 }}>
        {t('campaigns.rules.history')}
      </Typography.Title>
      <Table<ConfigVersion>
        aria-label={t('campaigns.rules.history')}
        rowKey="version"
        size="small"
        loading={versions.loading && !versions.data}
        dataSource={versions.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'version' },
          { title: t('campaigns.rules.weights'), key: 'weights', render: (_, v) => CAMPAIGN_CHANNELS.map((c) => `${t(`campaigns.channel.${c}`)} ${v.config.weights[c]}`).join(' · ') },
          { title: t('campaigns.rules.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
        ]}
      />
    </div>
  );
}
