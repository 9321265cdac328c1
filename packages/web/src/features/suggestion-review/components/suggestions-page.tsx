import { NATIONAL_DEFAULT_POLICY, type SuggestionQuestion } from '@hcp/domain';
import { Form, Table, Typography } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useQuestions } from '../api/get-questions.ts';
import { useSuggestions, type Suggestion, type SuggestionQuery } from '../api/list-suggestions.ts';

type Filter = Pick<SuggestionQuery, 'regionCode' | 'unitId'>;

/** 意见箱: the suggestions in the user's data scope with their answers and text, newest first. */
export function SuggestionsPage() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeId = cursors.at(-1);
  const list = useSuggestions({ ...filter, ...(beforeId ? { beforeId } : {}), limit: PAGE_SIZE + 1 });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const questions = useQuestions(rows.flatMap((s) => (s.regionCode ? [s.regionCode] : []))).data;

  const answers = (s: Suggestion) => {
    // Suggestions without a region were answered on the national questionnaire.
    const asked: SuggestionQuestion[] = (s.regionCode ? questions?.get(s.regionCode) : undefined) ?? NATIONAL_DEFAULT_POLICY.suggestionQuestions;
    return Object.entries(s.answers).map(([code, value]) => {
      const q = asked.find((x) => x.code === code);
      const shown = q?.kind === 'yes_no' ? (value === 1 ? t('common.yes') : t('common.no')) : `${value}/5`;
      return <div key={code}>{`${q ? labelIn(q, locale) : code}：${shown}`}</div>;
    });
  };

  return (
    <div>
      <FilterForm<{ regionCode?: string | null; unitId?: number | null }>
        name="suggestion-filter"
        onApply={(v) => {
          setFilter({ ...(v.regionCode ? { regionCode: v.regionCode } : {}), ...(v.unitId ? { unitId: v.unitId } : {}) });
          setCursors([undefined]);
          list.reload();
        }}
      >
        <Form.Item label={t('common.region')} name="regionCode">
          <RegionSelect allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('evaluations.unit')} name="unitId">
          <OrganisationSelect kinds={['unit']} allowClear style={{ width: 220 }} />
        </Form.Item>
      </FilterForm>
      <QueryError error={list.error} what={t('nav.suggestions')} onRetry={list.reload} />
      <Table<Suggestion>
        aria-label={t('nav.suggestions')}
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('suggestions.empty') }}
        columns={[
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('common.region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '' },
          { title: t('suggestions.concerns'), key: 'org', render: (_, s) => [s.orgName, s.windowName].filter(Boolean).join(' · ') },
          { title: t('suggestions.answers'), key: 'answers', render: (_, s) => answers(s) },
          {
            title: t('suggestions.text'),
            dataIndex: 'text',
            render: (v: string | null) => <Typography.Paragraph style={{ margin: 0, minWidth: 200, maxWidth: 420, whiteSpace: 'pre-wrap' }}>{v ?? ''}</Typography.Paragraph>,
          },
          { title: t('suggestions.contact'), dataIndex: 'contactPhone', render: (v: string | null) => v ?? '' },
        ]}
      />
      <Pager
        page={cursors.length - 1}
        hasNext={(list.data?.length ?? 0) > PAGE_SIZE}
        onPage={(n) => setCursors((c) => (n < c.length - 1 ? c.slice(0, n + 1) : [...c, rows.at(-1)?.id]))}
        label={t('common.pager', { what: t('nav.suggestions') })}
      />
    </div>
  );
}
