import { ROLE_NAMES, type StaffRole } from '@hcp/domain';
import { App, Button, Form, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { useFormModal } from '@/components/form-modal.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { createUser, type NewUser } from '../api/create-user.ts';
import { useUsers } from '../api/list-users.ts';
import type { UserAccount } from '@/lib/user-account.ts';
import { updateUser, type UserChange } from '../api/update-user.ts';
import { ScopeText } from './scope-text.tsx';
import { CreateUserModal, EditUserModal, ResetPasswordModal, roleOptions, type UserEdit } from './user-forms.tsx';
import { formatInstant } from '@/lib/format-instant.ts';

/** 用户管理: accounts, their roles and data scopes; deactivate, unlock and reset passwords. */
export function UsersPage({ currentUserId }: { currentUserId: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [role, setRole] = useState<StaffRole | null>(null);
  const [page, setPage] = useState(0);
  const users = useUsers({ role, limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (users.data ?? []).slice(0, PAGE_SIZE);
  const saved = () => {
    message.success(t('common.saved'));
    users.reload();
  };
  const create = useFormModal((v: NewUser) => createUser(v), () => {
    message.success(t('users.created'));
    users.reload();
  });
  const edit = useFormModal((v: UserEdit, u: UserAccount) => updateUser(u.id, { ...v, scopeRegionCode: v.scopeRegionCode ?? null, scopeOrgId: v.scopeOrgId ?? null }), saved);
  const reset = useFormModal((v: { password: string }, u: UserAccount) => updateUser(u.id, { password: v.password }), saved);
  const change = async (u: UserAccount, c: UserChange) => {
    try {
      await updateUser(u.id, c);
      saved();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const locked = (u: UserAccount) => u.lockedUntil !== null && new Date(u.lockedUntil) > new Date();

  return (
    <div>
      <FilterForm<{ role?: StaffRole | null }>
        name="users-filter"
        onApply={(v) => {
          setRole(v.role ?? null);
          setPage(0);
          users.reload();
        }}
      >
        <Form.Item label={t('users.role')} name="role">
          <Select allowClear options={roleOptions(locale)} style={{ width: 200 }} />
        </Form.Item>
      </FilterForm>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => create.open({ role: 'clerk' })}>
        {t('users.create')}
      </Button>
      <QueryError error={users.error} what={t('nav.users')} onRetry={users.reload} />
      <Table<UserAccount>
        rowKey="id"
        loading={users.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: StaffRole) => <Tag color="blue">{ROLE_NAMES[r][locale === 'zh-CN' ? 'zh' : 'en']}</Tag> },
          { title: t('users.scope'), key: 'scope', render: (_, u) => <ScopeText regionCode={u.scopeRegionCode} orgId={u.scopeOrgId} /> },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>}
                {locked(u) && <Tag color="red">{t('users.locked')}</Tag>}
              </Space>
            ),
          },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatInstant(v, locale) : t('users.never')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space wrap>
                <Button size="small" aria-label={`${t('common.edit')} ${u.username}`} onClick={() => edit.open({ displayName: u.displayName, role: u.role, scopeRegionCode: u.scopeRegionCode, scopeOrgId: u.scopeOrgId }, u)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" aria-label={`${t('users.resetPassword')} ${u.username}`} onClick={() => reset.open(undefined, u)}>
                  {t('users.resetPassword')}
                </Button>
                {locked(u) && (
                  <Button size="small" aria-label={`${t('users.unlock')} ${u.username}`} onClick={() => void change(u, { unlock: true })}>
                    {t('users.unlock')}
                  </Button>
                )}
                {u.id !== currentUserId && (
                  <Popconfirm
                    title={u.active ? t('users.deactivateConfirm', { name: u.username }) : t('users.activateConfirm', { name: u.username })}
                    okText={t('common.yes')}
                    cancelText={t('common.no')}
                    onConfirm={() => change(u, { active: !u.active })}
                  >
                    <Button size="small" danger={u.active} aria-label={`${u.active ? t('users.deactivate') : t('users.activate')} ${u.username}`}>
                      {u.active ? t('users.deactivate') : t('users.activate')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager page={page} hasNext={(users.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.users') })} />
      <CreateUserModal {...create.props} />
      <EditUserModal {...edit.props} user={edit.context} />
      <ResetPasswordModal {...reset.props} user={reset.context} />
    </div>
  );
}
