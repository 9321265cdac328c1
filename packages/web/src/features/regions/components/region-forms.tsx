import { isValidParent, normaliseRegionCode, REGION_LEVEL_NAMES, regionLevelOf } from '@hcp/domain';
import { Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { Region } from '@/lib/lookups/regions.ts';
import type { NewRegion } from '../api/create-region.ts';

/** Adds a province (no parent) or a child of `parent`; the code is checked against the parent first. */
export function CreateRegionModal({ parent, ...modal }: FormModalProps<Omit<NewRegion, 'parentCode'>> & { parent: Region | null }) {
  const { t, locale } = useI18n();
  const childLevel = parent ? Math.min(regionLevelOf(parent.code) + 1, 5) : 1;
  const levelName = REGION_LEVEL_NAMES[childLevel as 1][locale === 'zh-CN' ? 'zh' : 'en'];
  return (
    <FormModal {...modal} name="region-create" title={parent ? t('regions.addChildOf', { name: parent.name }) : t('regions.addProvince')}>
      <Form.Item
        label={t('regions.code')}
        name="code"
        extra={t('regions.codeHint', { level: levelName })}
        rules={[
          { required: true, message: t('common.required', { what: t('regions.code') }) },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const code = normaliseRegionCode(value);
              if (!code) throw new Error(t('regions.codeInvalid'));
              if (parent ? !isValidParent(code, parent.code) : regionLevelOf(code) !== 1) throw new Error(t('regions.codeNotChild'));
            },
          },
        ]}
      >
        <Input inputMode="numeric" maxLength={12} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('regions.name')} name="name" rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { what: t('regions.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

export function RenameRegionModal({ region, ...modal }: FormModalProps<{ name: string }> & { region: Region | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="region-rename" title={t('regions.renameTitle', { name: region?.name ?? '' })}>
      <Form.Item label={t('regions.name')} name="name" rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { what: t('regions.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
