import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { organisationById } from '@/lib/lookups/organisations.ts';
import { regionByCode } from '@/lib/lookups/regions.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useKeptDraftContext } from '@/lib/form-draft.ts';
import { useQuery } from '@/lib/use-query.ts';
import { usePolicyInForce } from '../api/get-policy-in-force.ts';
import type { SavedPolicy } from '../api/save-policy.ts';
import { PolicyDiffView } from './policy-diff.tsx';
import { POLICY_DRAFT, PolicyEditor, type PolicyDraftContext } from './policy-editor.tsx';
import { PolicySummary } from './policy-summary.tsx';
import { PolicyVersions } from './policy-versions.tsx';

export interface PolicyPageProps {
  canWrite: boolean;
  /** Only a system administrator changes the national policy; everyone may read it. */
  isSysadmin: boolean;
  scopeRegionCode: string | null;
  scopeOrgId: number | null;
}

const NATIONAL_CODE = '000000000000';
const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 'inherit' }}>{text}</h2>;

/** A region's name, "national" for the national layer. */
function useRegionName(code: string | null) {
  const { t } = useI18n();
  const q = useQuery(code && code !== NATIONAL_CODE && code !== 'national' ? `region-name:${code}` : null, () => regionByCode(code!).then((r) => r.name));
  if (!code) return '';
  if (code === NATIONAL_CODE || code === 'national') return t('common.national');
  return q.data ?? code;
}

/** 评价规则: the policy in force for a region, its version history, and an editor that saves a new version. */
export function PolicyPage({ canWrite, isSysadmin, scopeRegionCode, scopeOrgId }: PolicyPageProps) {
  const { t, locale } = useI18n();
  // Back after the session ended while editing: the editor opens again for that region, with the draft.
  const kept = useKeptDraftContext<PolicyDraftContext>(POLICY_DRAFT);
  const [region, setRegion] = useState<string | null>(kept?.region ?? scopeRegionCode ?? (isSysadmin ? 'national' : null));
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState(kept !== null);
  const [saved, setSaved] = useState<SavedPolicy | null>(null);
  const inForce = usePolicyInForce(region, round);
  const p = inForce.data;
  const sourceName = useRegionName(p?.sourceRegionCode ?? null);
  const regionName = useRegionName(region);
  const baseName = useRegionName(saved?.basedOn.regionCode ?? null);
  const mayWrite = canWrite && region !== null && (region !== 'national' || isSysadmin);

  // A user scoped to a unit starts at the unit's region.
  useEffect(() => {
    if (region === null && scopeOrgId !== null) void organisationById(scopeOrgId).then((o) => setRegion(o.regionCode), () => undefined);
  }, [region, scopeOrgId]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="policy-region">{t('common.region')}</label>
        <RegionSelect
          id="policy-region"
          national={isSysadmin}
          value={region}
          onChange={(v) => {
            setRegion(typeof v === 'string' ? v : null);
            setEditing(false);
            setSaved(null);
          }}
          style={{ width: 280 }}
        />
      </Space>
      {region === null && <Alert type="info" showIcon title={t('policy.pickRegion')} />}
      <QueryError error={inForce.error} what={t('nav.policy')} onRetry={inForce.reload} />
      {saved && (
        <Card
          style={{ marginBottom: 24 }}
          title={h2(t('policy.diff.title'))}
          extra={<Button onClick={() => setSaved(null)}>{t('common.close')}</Button>}
        >
          <Typography.Paragraph>
            {t('policy.diff.saved', { version: saved.version, region: regionName, base: `${baseName} v${saved.basedOn.version}` })}
          </Typography.Paragraph>
          <PolicyDiffView diff={saved.diff} />
        </Card>
      )}
      {region !== null && p && (
        <Row gutter={[24, 24]}>
          <Col span={24}>
            <Card
              title={h2(editing ? t('policy.editTitle', { region: regionName }) : t('policy.inForceTitle', { region: regionName }))}
              extra={
                mayWrite && !editing && (
                  <Button type="primary" onClick={() => setEditing(true)}>
                    {t('policy.edit')}
                  </Button>
                )
              }
            >
              <Typography.Paragraph type="secondary">
                {p.inherited ? t('policy.inherited', { source: sourceName, version: p.version }) : t('policy.own', { version: p.version })}
                {' · '}
                {formatInstant(p.createdAt, locale)}
                {p.note ? ` · ${p.note}` : ''}
              </Typography.Paragraph>
              {editing ? (
                <PolicyEditor
                  key={`${region}:${p.id}`}
                  regionCode={region}
                  base={p.policy}
                  baseId={p.id}
                  onCancel={() => setEditing(false)}
                  onSaved={(s) => {
                    setSaved(s);
                    setEditing(false);
                    setRound((r) => r + 1);
                    window.scrollTo({ top: 0 });
                  }}
                />
              ) : (
                <PolicySummary policy={p.policy} />
              )}
            </Card>
          </Col>
          <Col span={24}>
            <Card title={h2(t('policy.versions'))}>
              <PolicyVersions regionCode={region} round={round} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
