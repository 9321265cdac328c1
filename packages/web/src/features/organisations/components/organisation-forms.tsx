import { allowedParentsOf, canNestUnder, ORG_KINDS, type OrganisationKind } from '@hcp/domain';
import { Form, Input, Select, Switch } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { organisationById, type Organisation } from '@/lib/lookups/organisations.ts';
import type { NewOrganisation } from '../api/create-organisation.ts';
import type { OrganisationChange } from '../api/update-organisation.ts';
import { kindName } from './kind-tag.tsx';

/**
 * A new organisation. The kinds offered fit the chosen parent, and the parents offered fit the
 * chosen kind (a window needs a hall, station or center; a unit sits under a unit or at the top).
 */
export function CreateOrganisationModal(modal: FormModalProps<NewOrganisation>) {
  const { t, locale } = useI18n();
  const form = modal.form;
  const kind = Form.useWatch('kind', form) as OrganisationKind | undefined;
  const parentKinds = kind ? allowedParentsOf(kind).filter((k): k is OrganisationKind => k !== null) : [];
  const rootAllowed = !kind || allowedParentsOf(kind).includes(null);
  return (
    <FormModal {...modal} name="org-create" title={t('orgs.create')}>
      <Form.Item label={t('orgs.kind')} name="kind" rules={[{ required: true, message: t('common.choose', { what: t('orgs.kind') }) }]}>
        <Select
          options={ORG_KINDS.map((k) => ({ value: k, label: kindName(k, locale) }))}
          onChange={() => form.validateFields(['parentId']).catch(() => undefined)}
        />
      </Form.Item>
      <Form.Item
        label={t('orgs.parent')}
        name="parentId"
        dependencies={['kind']}
        extra={kind ? (parentKinds.length ? t('orgs.parentHint', { kinds: parentKinds.map((k) => kindName(k, locale)).join('、') }) : t('orgs.topOnly')) : undefined}
        rules={[
          {
            validator: async (_, id: number | null | undefined) => {
              const k = form.getFieldValue('kind') as OrganisationKind | undefined;
              if (!k) return;
              const parent = id ? await organisationById(id) : null;
              if (!canNestUnder(k, parent?.kind ?? null)) throw new Error(parent ? t('orgs.badParent', { kind: kindName(k, locale), parent: kindName(parent.kind, locale) }) : t('orgs.needsParent'));
            },
          },
        ]}
      >
        <OrganisationSelect
          kinds={parentKinds.length ? parentKinds : ORG_KINDS}
          allowClear={rootAllowed}
          placeholder={rootAllowed ? t('orgs.topLevel') : undefined}
          onChange={(id) => {
            if (typeof id === 'number') void organisationById(id).then((p) => form.setFieldValue('regionCode', p.regionCode));
          }}
        />
      </Form.Item>
      <Form.Item label={t('common.region')} name="regionCode" rules={[{ required: true, message: t('common.choose', { what: t('common.region') }) }]}>
        <RegionSelect />
      </Form.Item>
      <Form.Item label={t('orgs.code')} name="code" extra={t('orgs.codeHint')} rules={[{ max: 64 }]}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('orgs.name')} name="name" rules={[{ required: true, whitespace: true, max: 200, message: t('common.required', { what: t('orgs.name') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

export function EditOrganisationModal({ org, ...modal }: FormModalProps<Required<OrganisationChange>> & { org: Organisation | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="org-edit" title={t('orgs.editTitle', { name: org?.name ?? '' })}>
      <Form.Item label={t('orgs.name')} name="name" rules={[{ required: true, whitespace: true, max: 200, message: t('common.required', { what: t('orgs.name') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('orgs.code')} name="code" rules={[{ max: 64 }]}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('common.active')} name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
