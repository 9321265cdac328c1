import { ROLE_NAMES, ROLES, type StaffRole } from '@hcp/domain';
import { Form, Input, Select } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { NewUser } from '../api/create-user.ts';
import type { UserAccount } from '@/lib/user-account.ts';
import { passwordRules } from './password-rules.ts';

export const roleOptions = (locale: string) => ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r][locale === 'zh-CN' ? 'zh' : 'en'] }));

/** Role and data scope: every role but the system administrator needs a region or a unit (or both). */
function RoleAndScope() {
  const { t, locale } = useI18n();
  const scopeRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      const role = getFieldValue('role') as StaffRole | undefined;
      if (role && role !== 'sysadmin' && !getFieldValue('scopeRegionCode') && !getFieldValue('scopeOrgId')) throw new Error(t('users.scopeRequired'));
    },
  });
  return (
    <>
      <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('common.choose', { what: t('users.role') }) }]}>
        <Select options={roleOptions(locale)} />
      </Form.Item>
      <Form.Item label={t('users.scopeRegion')} name="scopeRegionCode" dependencies={['role', 'scopeOrgId']} rules={[scopeRule]} extra={t('users.scopeHint')}>
        <RegionSelect allowClear />
      </Form.Item>
      <Form.Item label={t('users.scopeOrg')} name="scopeOrgId" dependencies={['role']}>
        <OrganisationSelect allowClear />
      </Form.Item>
    </>
  );
}

export function CreateUserModal(modal: FormModalProps<NewUser>) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="user-create" title={t('users.create')}>
      <Form.Item label={t('users.username')} name="username" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('users.usernameRule') }]}>
        <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} />
      </Form.Item>
      <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { what: t('users.displayName') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('users.password')} name="password" rules={passwordRules(t)} extra={t('users.passwordHint')}>
        <Input.Password autoComplete="new-password" maxLength={200} />
      </Form.Item>
      <RoleAndScope />
    </FormModal>
  );
}

export type UserEdit = Pick<NewUser, 'displayName' | 'role' | 'scopeRegionCode' | 'scopeOrgId'>;

export function EditUserModal({ user, ...modal }: FormModalProps<UserEdit> & { user: UserAccount | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="user-edit" title={t('users.editTitle', { name: user?.username ?? '' })}>
      <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { what: t('users.displayName') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <RoleAndScope />
    </FormModal>
  );
}

export function ResetPasswordModal({ user, ...modal }: FormModalProps<{ password: string }> & { user: UserAccount | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="user-password" title={t('users.resetTitle', { name: user?.username ?? '' })}>
      <p>{t('users.resetHint')}</p>
      <Form.Item label={t('users.newPassword')} name="password" rules={passwordRules(t)} extra={t('users.passwordHint')}>
        <Input.Password autoComplete="new-password" maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
