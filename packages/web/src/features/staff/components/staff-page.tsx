import { App, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { useFormModal } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useOrganisationNames } from '@/lib/lookups/organisations.ts';
import { createStaff, type NewStaffMember } from '../api/create-staff.ts';
import { useStaff, type StaffMember } from '../api/list-staff.ts';
import { setStaffWindows } from '../api/set-staff-windows.ts';
import { updateStaff, type StaffChange } from '../api/update-staff.ts';
import { CreateStaffModal, EditStaffModal, StaffWindowsModal } from './staff-forms.tsx';
import { StaffPhotoModal } from './staff-photo-modal.tsx';

interface Filters {
  unitId?: number | null;
  windowId?: number | null;
  q?: string;
}

/** 工作人员: window staff by unit, window or name; add, change and assign them to windows. */
export function StaffPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(0);
  const [photoOf, setPhotoOf] = useState<StaffMember | undefined>(undefined);
  const staff = useStaff({ ...filters, q: filters.q?.trim(), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (staff.data ?? []).slice(0, PAGE_SIZE);
  const windowNames = useOrganisationNames(rows.flatMap((s) => s.windowIds));
  const done = (text: string) => () => {
    message.success(text);
    staff.reload();
  };

  const create = useFormModal((v: NewStaffMember) => createStaff(v), (s: StaffMember) => done(t('staff.created', { name: s.name }))());
  const edit = useFormModal((v: StaffChange, s: StaffMember) => updateStaff(s.id, v), done(t('common.saved')));
  const windows = useFormModal((v: { windowIds: number[] }, s: StaffMember) => setStaffWindows(s.id, v.windowIds ?? []), done(t('common.saved')));

  return (
    <div>
      <FilterForm<Filters>
        name="staff-filter"
        onApply={(v) => {
          setFilters(v);
          setPage(0);
          staff.reload();
        }}
      >
        <Form.Item label={t('staff.unit')} name="unitId">
          <OrganisationSelect kinds={['unit']} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label={t('staff.window')} name="windowId">
          <OrganisationSelect kinds={['window']} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label={t('staff.name')} name="q">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterForm>
      {canWrite && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => create.open({ active: true, windowIds: [], ...(filters.unitId ? { unitId: filters.unitId } : {}) })}>
          {t('staff.create')}
        </Button>
      )}
      <QueryError error={staff.error} what={t('nav.staff')} onRetry={staff.reload} />
      <Table<StaffMember>
        rowKey="id"
        loading={staff.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('staff.employeeNo'), dataIndex: 'employeeNo' },
          { title: t('staff.name'), dataIndex: 'name' },
          { title: t('staff.title'), dataIndex: 'title', render: (v: string | null) => v ?? '' },
          { title: t('staff.unit'), dataIndex: 'unitName' },
          { title: t('staff.windows'), key: 'windows', render: (_, s) => s.windowIds.map((id) => <Tag key={id}>{windowNames.get(id) ?? `#${id}`}</Tag>) },
          { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('staff.onDuty')}</Tag> : <Tag>{t('staff.offDuty')}</Tag>) },
          ...(canWrite
            ? [{
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, s: StaffMember) => (
                  <Space>
                    <Button size="small" aria-label={`${t('common.edit')} ${s.name}`} onClick={() => edit.open({ employeeNo: s.employeeNo, name: s.name, title: s.title, photoUrl: s.photoUrl, active: s.active }, s)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" aria-label={`${t('staff.photoButton')} ${s.name}`} onClick={() => setPhotoOf(s)}>
                      {t('staff.photoButton')}
                    </Button>
                    <Button size="small" aria-label={`${t('staff.assignWindows')} ${s.name}`} onClick={() => windows.open({ windowIds: s.windowIds }, s)}>
                      {t('staff.assignWindows')}
                    </Button>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Pager page={page} hasNext={(staff.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.staff') })} />
      <CreateStaffModal {...create.props} />
      <EditStaffModal {...edit.props} member={edit.context} />
      <StaffWindowsModal {...windows.props} member={windows.context} />
      <StaffPhotoModal
        member={photoOf}
        onClose={() => setPhotoOf(undefined)}
        onChanged={(m) => {
          setPhotoOf(m);
          staff.reload();
        }}
      />
    </div>
  );
}
