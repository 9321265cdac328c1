import { CAMPAIGN_OBJECT_GROUP_NAMES, CAMPAIGN_OBJECT_GROUPS, ORG_KIND_NAMES, type CampaignObjectGroup, type OrganisationKind } from '@hcp/domain';
import { Alert, App, Button, Form, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import type { CampaignDetail, CampaignObject } from '../api/get-campaign.ts';
import { setObjects } from '../api/set-objects.ts';

type Values = { objects: { orgId?: number; group?: CampaignObjectGroup }[] };

/** The campaign's objects (评议对象) in order; a manager edits the whole list and saves it at once. */
export function ObjectsTab({ detail, mayManage, onSaved }: { detail: CampaignDetail; mayManage: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const regionCode = detail.campaign.regionCode;
  const { submit, pending, error } = useFormSubmit(
    form,
    (v: Values) => setObjects(detail.campaign.id, v.objects.map((o) => ({ orgId: o.orgId!, group: o.group! }))),
    () => {
      message.success(t('campaigns.objectsSaved'));
      setEditing(false);
      onSaved();
    },
  );
  if (!editing) {
    return (
      <div>
        {mayManage ? (
          <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing(true)}>
            {t('campaigns.editObjects')}
          </Button>
        ) : null}
        <Table<CampaignObject>
          aria-label={t('campaigns.tab.objects')}
          rowKey="orgId"
          dataSource={detail.objects}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('campaigns.noObjects') }}
          columns={[
            { title: '#', dataIndex: 'position', render: (v: number) => v + 1 },
            { title: t('campaigns.object'), dataIndex: 'name' },
            { title: t('common.code'), dataIndex: 'code', render: (v: string | null) => v ?? '' },
            { title: t('orgs.kind'), dataIndex: 'kind', render: (k: string) => (ORG_KIND_NAMES[k as OrganisationKind] ? labelIn(ORG_KIND_NAMES[k as OrganisationKind], locale) : k) },
            { title: t('campaigns.group'), dataIndex: 'group', render: (g: CampaignObjectGroup) => labelIn(CAMPAIGN_OBJECT_GROUP_NAMES[g], locale) },
          ]}
        />
      </div>
    );
  }
  return (
    <Form<Values>
      form={form}
      name="campaign-objects"
      layout="vertical"
      disabled={pending}
      initialValues={{ objects: detail.objects.map((o) => ({ orgId: o.orgId, group: o.group })) }}
      onFinish={(v) => void submit(v)}
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form.List name="objects">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item
                  name={[f.name, 'orgId']}
                  label={`${t('campaigns.object')} ${i + 1}`}
                  rules={[{ required: true, message: t('common.choose', { what: t('campaigns.object') }) }]}
                >
                  <OrganisationSelect kinds={['unit', 'center', 'hall', 'station']} regionCode={regionCode} style={{ width: 320 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'group']} label={t('campaigns.group')} rules={[{ required: true, message: t('common.choose', { what: t('campaigns.group') }) }]}>
                  <Select style={{ width: 300 }} options={CAMPAIGN_OBJECT_GROUPS.map((g) => ({ value: g, label: labelIn(CAMPAIGN_OBJECT_GROUP_NAMES[g], locale) }))} />
                </Form.Item>
                <Form.Item label=" ">
                  <Button danger aria-label={`${t('campaigns.removeObject')} ${i + 1}`} onClick={() => remove(f.name)}>
                    {t('campaigns.removeObject')}
                  </Button>
                </Form.Item>
              </Space>
            ))}
            <Button onClick={() => add({ group: 'hall_government' })} style={{ marginBottom: 16 }}>
              {t('campaigns.addObject')}
            </Button>
          </>
        )}
      </Form.List>
      <Space>
        <Button type="primary" htmlType="submit" disabled={pending}>
          {t('common.save')}
        </Button>
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
