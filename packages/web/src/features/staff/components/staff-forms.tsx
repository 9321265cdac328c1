import { Form, Input, Switch } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { NewStaffMember } from '../api/create-staff.ts';
import type { StaffMember } from '../api/list-staff.ts';
import type { StaffChange } from '../api/update-staff.ts';

/** As the server checks it: a path on this server or an http(s) URL, without spaces. */
const PHOTO_URL = /^(https?:\/\/|\/)\S+$/;

function StaffFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('staff.employeeNo')} name="employeeNo" rules={[{ required: true, whitespace: true, max: 32, message: t('common.required', { what: t('staff.employeeNo') }) }]}>
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('staff.name')} name="name" rules={[{ required: true, whitespace: true, max: 50, message: t('common.required', { what: t('staff.name') }) }]}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('staff.title')} name="title" rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label={t('staff.photo')} name="photoUrl" extra={t('staff.photoHint')} rules={[{ max: 500, pattern: PHOTO_URL, message: t('staff.photoInvalid') }]}>
        <Input maxLength={500} autoComplete="off" inputMode="url" />
      </Form.Item>
      <Form.Item label={t('staff.onDuty')} name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

export function CreateStaffModal(modal: FormModalProps<NewStaffMember>) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="staff-create" title={t('staff.create')}>
      <Form.Item label={t('staff.unit')} name="unitId" rules={[{ required: true, message: t('common.choose', { what: t('staff.unit') }) }]}>
        <OrganisationSelect kinds={['unit']} />
      </Form.Item>
      <StaffFields />
      <Form.Item label={t('staff.windows')} name="windowIds">
        <OrganisationSelect kinds={['window']} multiple />
      </Form.Item>
    </FormModal>
  );
}

export function EditStaffModal({ member, ...modal }: FormModalProps<StaffChange> & { member: StaffMember | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="staff-edit" title={t('staff.editTitle', { name: member?.name ?? '' })}>
      <StaffFields />
    </FormModal>
  );
}

export function StaffWindowsModal({ member, ...modal }: FormModalProps<{ windowIds: number[] }> & { member: StaffMember | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="staff-windows" title={t('staff.windowsTitle', { name: member?.name ?? '' })}>
      <Form.Item label={t('staff.windows')} name="windowIds" extra={t('staff.windowsHint')}>
        <OrganisationSelect kinds={['window']} multiple />
      </Form.Item>
    </FormModal>
  );
}
