import { Alert, Button, Descriptions, Drawer, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useOrganisationNames } from '@/lib/lookups/organisations.ts';
import { useCase, type CaseDetail } from '../api/get-case.ts';
import { unmaskCase, type Unmasked } from '../api/unmask-case.ts';
import { applicantTypeName, caseTypeName, formatInstant, STAGE_COLORS, stageName } from '../labels.ts';
import { UnmaskModal, type UnmaskValues } from './unmask-modal.tsx';

/** One case: its fields with personal data masked, its stages, and "show in full" for pii.unmask. */
export function CaseDrawer({ id, canUnmask, onClose }: { id: number | null; canUnmask: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const detail = useCase(id);
  const c = detail.data;
  const [unmasked, setUnmasked] = useState<Unmasked | null>(null);
  const unmask = useFormModal((v: UnmaskValues, target: CaseDetail) => unmaskCase(target.id, v.fields, v.reason), (r: Unmasked) => setUnmasked(r));
  const windowNames = useOrganisationNames(c?.windowId ? [c.windowId] : []);
  const plain = unmasked && c && unmasked.id === c.id ? unmasked.fields : {};
  const when = (iso: string | null) => formatInstant(iso, locale);
  const shown = (field: 'name' | 'idNumber' | 'phone') => {
    if (!c) return '';
    const value = field in plain ? plain[field] : c.applicant[field];
    return (
      <span>
        {value ?? t('common.none')} {field in plain && <Tag color="orange">{t('cases.unmasked')}</Tag>}
      </span>
    );
  };

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setUnmasked(null);
        onClose();
      }}
      size={640}
      title={c ? t('cases.detailTitle', { caseNo: c.caseNo }) : t('cases.detail')}
      closable={{ 'aria-label': t('common.close') }}
      extra={canUnmask && c && <Button onClick={() => unmask.open({ fields: ['name', 'idNumber', 'phone'] }, c)}>{t('cases.unmask')}</Button>}
    >
      <QueryError error={detail.error} what={t('cases.detail')} onRetry={detail.reload} />
      {c && (
        <>
          {unmasked?.id === c.id && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.unmaskedNotice')} />}
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'caseNo', label: t('cases.caseNo'), children: c.caseNo },
              { key: 'item', label: t('cases.item'), children: `${c.itemName}（${c.itemCode}）` },
              { key: 'unit', label: t('cases.unit'), children: c.unitName },
              { key: 'window', label: t('cases.window'), children: c.windowId ? (windowNames.get(c.windowId) ?? `#${c.windowId}`) : t('common.none') },
              { key: 'channel', label: t('cases.channel'), children: t(`cases.channel.${c.channel}`) },
              { key: 'type', label: t('cases.caseType'), children: caseTypeName(c.caseType, locale) },
              { key: 'atype', label: t('cases.applicantType'), children: applicantTypeName(c.applicant.type, locale) },
              { key: 'name', label: t('cases.applicant.name'), children: shown('name') },
              { key: 'id', label: t('cases.applicant.idNumber'), children: shown('idNumber') },
              { key: 'phone', label: t('cases.applicant.phone'), children: shown('phone') },
              { key: 'stage', label: t('cases.stage'), children: <Tag color={STAGE_COLORS[c.stage]}>{stageName(c.stage, locale)}</Tag> },
              { key: 'accepted', label: t('cases.acceptedAt'), children: when(c.acceptedAt) },
              { key: 'deadline', label: t('cases.promisedDeadline'), children: when(c.promisedDeadline) },
              { key: 'completed', label: t('cases.completedAt'), children: when(c.completedAt) },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: '1.1em', marginTop: 24 }}>
            {t('cases.stages')}
          </Typography.Title>
          <Timeline
            items={[...c.stages]
              .sort((a, b) => a.at.localeCompare(b.at))
              .map((s) => ({ key: `${s.stage}-${s.at}`, color: STAGE_COLORS[s.stage] === 'red' ? 'red' : 'blue', title: stageName(s.stage, locale), content: when(s.at) }))}
          />
        </>
      )}
      <UnmaskModal {...unmask.props} />
    </Drawer>
  );
}
