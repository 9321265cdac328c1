import { hasPermission, type StaffRole } from '@hcp/domain';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { FormModal, useFormModal } from '@/components/form-modal.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionPeriodFields } from '@/components/region-period-fields.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { channelName, levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useRegionNames } from '@/lib/lookups/regions.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import { answerTask, type TaskAnswer } from '../api/answer-task.ts';
import { drawSample, type DrawRequest, type DrawResult } from '../api/draw-sample.ts';
import { useSample } from '../api/get-sample.ts';
import { useSamples, type RevisitSample } from '../api/list-samples.ts';
import { useTasks, type RevisitTask, type TaskStatus } from '../api/list-tasks.ts';
import { verifySample } from '../api/verify-sample.ts';

const STATUS_COLOUR: Record<TaskStatus, string> = { pending: 'blue', reached: 'green', not_reached: 'default' };
const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * 监督查评: the management office draws a reproducible, seeded sample of the evaluators of a region
 * and period; the sampled ratings become revisit tasks for 12345 operators, who record each call
 * (reached or not, satisfaction, notes); each sample shows its results and can be drawn again from
 * its seed to check it. Phones stay masked.
 */
export function RevisitSamplingPage({ role }: { role: StaffRole }) {
  const { t } = useI18n();
  const maySample = hasPermission(role, 'revisit.sample');
  const mayAnswer = hasPermission(role, 'revisit.answer');
  const [samplePage, setSamplePage] = useState(0);
  const samples = useSamples({ limit: PAGE_SIZE + 1, offset: samplePage * PAGE_SIZE });
  const [selected, setSelected] = useState<number | null>(null);
  // Each recorded call changes a sample's results: their card loads again.
  const [answers, setAnswers] = useState(0);

  return (
    <div>
      {maySample ? (
        <DrawCard
          onDrawn={(s) => {
            samples.reload();
            setSelected(s.id);
          }}
        />
      ) : null}
      <SampleList samples={samples.data?.slice(0, PAGE_SIZE) ?? []} loading={samples.loading} error={samples.error} reload={samples.reload} selected={selected} onSelect={setSelected} />
      <Pager page={samplePage} hasNext={(samples.data?.length ?? 0) > PAGE_SIZE} onPage={setSamplePage} label={t('common.pager', { what: t('revisits.samples') })} />
      {selected ? <SampleResultsCard key={`${selected}:${answers}`} id={selected} /> : null}
      <TaskList samples={samples.data ?? []} sampleId={selected} onSample={setSelected} mayAnswer={mayAnswer} onAnswered={() => setAnswers((n) => n + 1)} />
    </div>
  );
}

/** Draw or preview the sample of a region and period, with an optional seed. */
function DrawCard({ onDrawn }: { onDrawn: (s: RevisitSample) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawRequest>();
  const kind = Form.useWatch('periodKind', form) ?? 'month';
  const [result, setResult] = useState<DrawResult | null>(null);
  // Which of the two buttons sent the form: read when the form is submitted, after validation.
  const preview = useRef(false);
  const { submit, pending, error } = useFormSubmit(
    form,
    (v: DrawRequest) => drawSample({ regionCode: v.regionCode, periodKind: v.periodKind, period: v.period.trim(), size: v.size, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}), ...(preview.current ? { preview: true } : {}) }),
    (r) => {
      setResult(r);
      if (!r.preview && r.sample) {
        message.success(t('revisits.created', { drawn: r.drawn, seed: r.seed }));
        onDrawn(r.sample);
      }
    },
  );
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('revisits.sample')}</h2>} style={{ marginBottom: 24 }}>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<DrawRequest>
        form={form}
        name="revisit-draw"
        layout="inline"
        initialValues={{ periodKind: 'month', size: 20 }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setResult(null)}
        disabled={pending}
        style={{ rowGap: 12 }}
      >
        <RegionPeriodFields kind={kind} />
        <Form.Item label={t('revisits.size')} name="size" rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label={t('revisits.seed')} name="seed" tooltip={t('revisits.seedHint')} rules={[{ pattern: /^[A-Za-z0-9_-]{1,64}$/, message: t('revisits.seedHint') }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button htmlType="submit" disabled={pending} onClick={() => (preview.current = true)}>
              {t('revisits.preview')}
            </Button>
            <Button type="primary" htmlType="submit" disabled={pending} onClick={() => (preview.current = false)}>
              {t('revisits.sample')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {result ? (
        <Typography.Paragraph role="status" style={{ marginTop: 12, marginBottom: 0 }}>
          {result.preview ? t('revisits.previewResult', { drawn: result.drawn, population: result.population, seed: result.seed }) : t('revisits.created', { drawn: result.drawn, seed: result.seed })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function SampleList({ samples, loading, error, reload, selected, onSelect }: { samples: RevisitSample[]; loading: boolean; error: unknown; reload: () => void; selected: number | null; onSelect: (id: number) => void }) {
  const { t, locale } = useI18n();
  const names = useRegionNames(samples.map((s) => s.regionCode));
  return (
    <section aria-labelledby="revisit-samples">
      <Typography.Title level={2} id="revisit-samples" style={{ fontSize: '1.25em' }}>
        {t('revisits.samples')}
      </Typography.Title>
      <QueryError error={error} what={t('revisits.samples')} onRetry={reload} />
      <Table<RevisitSample>
        aria-labelledby="revisit-samples"
        rowKey="id"
        loading={loading && samples.length === 0}
        dataSource={samples}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('revisits.samplesEmpty') }}
        rowClassName={(s) => (s.id === selected ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('common.region'), dataIndex: 'regionCode', render: (c: string) => names.get(c) ?? c },
          { title: t('reports.period'), key: 'period', render: (_, s) => `${s.period}（${t(`reports.kind.${s.periodKind}`)}）` },
          { title: t('revisits.seed'), dataIndex: 'seed', render: (v: string) => <code>{v}</code> },
          { title: t('revisits.requested'), dataIndex: 'requestedSize' },
          { title: t('revisits.population'), dataIndex: 'population' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, s) => (
              <Button size="small" type={s.id === selected ? 'primary' : 'default'} aria-pressed={s.id === selected} aria-label={`${t('revisits.results')} ${s.period} ${s.seed}`} onClick={() => onSelect(s.id)}>
                {t('revisits.results')}
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}

/** A sample's results: calls reached, satisfaction; and a check that its seed draws it again. */
function SampleResultsCard({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const q = useSample(id);
  const [verified, setVerified] = useState<string | null>(null);
  const pct = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v));
  const r = q.data?.results;
  const verify = async () => {
    try {
      const v = await verifySample(id);
      setVerified(t('revisits.verified', { seed: v.seed, result: v.matches ? t('revisits.verifyMatches') : t('revisits.verifyDiffers', { then: v.populationThen, now: v.populationNow }) }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  return (
    <Card
      style={{ margin: '24px 0' }}
      title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{`${t('revisits.results')} · ${q.data ? `${q.data.sample.period} · ${q.data.sample.seed}` : ''}`}</h2>}
      extra={<Button onClick={() => void verify()}>{t('revisits.verify')}</Button>}
    >
      <QueryError error={q.error} what={t('revisits.results')} onRetry={q.reload} />
      {r ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered>
          <Descriptions.Item label={t('revisits.r.tasks')}>{r.tasks}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.pending')}>{r.pending}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.reached')}>{r.reached}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.notReached')}>{r.notReached}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.mean')}>{r.meanSatisfaction === null ? '—' : r.meanSatisfaction.toFixed(2)}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.satisfiedRate')}>{pct(r.satisfiedRate)}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.r.reachRate')}>{pct(r.reachRate)}</Descriptions.Item>
          <Descriptions.Item label={t('revisits.satisfaction')}>{LEVELS.map((l) => `${levelName(l, locale)} ${r.bySatisfaction[l]}`).join(' · ')}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {verified ? (
        <Typography.Paragraph role="status" style={{ marginTop: 12, marginBottom: 0 }}>
          {verified}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** The revisit tasks, for 12345 operators to call and record; a sample and a status narrow the list. */
function TaskList({ samples, sampleId, onSample, mayAnswer, onAnswered }: { samples: RevisitSample[]; sampleId: number | null; onSample: (id: number | null) => void; mayAnswer: boolean; onAnswered: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TaskStatus | undefined>(undefined);
  const [page, setPage] = useState(0);
  const tasks = useTasks({ ...(sampleId ? { sampleId } : {}), ...(status ? { status } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (tasks.data ?? []).slice(0, PAGE_SIZE);
  const answer = useFormModal(
    (v: { reached: boolean; satisfaction?: number; remarks?: string }, task: RevisitTask) => {
      const body: TaskAnswer = { reached: v.reached, ...(v.reached && v.satisfaction ? { satisfaction: v.satisfaction } : {}), ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}) };
      return answerTask(task.id, body);
    },
    () => {
      message.success(t('revisits.answered'));
      tasks.reload();
      onAnswered();
    },
  );
  const reached = Form.useWatch('reached', answer.form);
  return (
    <section aria-labelledby="revisit-tasks" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="revisit-tasks" style={{ fontSize: '1.25em' }}>
        {t('revisits.tasks')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <label>
          {t('revisits.samples')}{' '}
          <Select
            aria-label={t('revisits.samples')}
            style={{ width: 220 }}
            value={sampleId ?? 0}
            onChange={(v: number) => {
              onSample(v || null);
              setPage(0);
            }}
            options={[{ value: 0, label: t('revisits.allSamples') }, ...samples.map((s) => ({ value: s.id, label: `${s.period} · ${s.seed}` }))]}
          />
        </label>
        <label>
          {t('revisits.taskStatus')}{' '}
          <Select
            aria-label={t('revisits.taskStatus')}
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={(v?: TaskStatus) => {
              setStatus(v);
              setPage(0);
            }}
            options={(['pending', 'reached', 'not_reached'] as const).map((s) => ({ value: s, label: t(`revisits.task.${s}`) }))}
          />
        </label>
      </Space>
      <QueryError error={tasks.error} what={t('revisits.tasks')} onRetry={tasks.reload} />
      <Table<RevisitTask>
        aria-labelledby="revisit-tasks"
        rowKey="id"
        loading={tasks.loading && !tasks.data}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('revisits.tasksEmpty') }}
        columns={[
          { title: t('revisits.caseNo'), dataIndex: 'caseNo' },
          { title: t('revisits.unit'), dataIndex: 'unitName' },
          { title: t('revisits.phone'), dataIndex: 'phoneMasked' },
          { title: t('revisits.rated'), key: 'rated', render: (_, r) => `${levelName(r.ratedLevel, locale)}（${channelName(r.ratedChannel, locale)}）` },
          { title: t('revisits.ratedAt'), dataIndex: 'ratedAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('revisits.taskStatus'), dataIndex: 'status', render: (s: TaskStatus) => <Tag color={STATUS_COLOUR[s]}>{t(`revisits.task.${s}`)}</Tag> },
          { title: t('revisits.satisfaction'), dataIndex: 'satisfaction', render: (v: number | null) => (v === null ? '' : levelName(v, locale)) },
          { title: t('revisits.remarks'), dataIndex: 'remarks', render: (v: string | null) => v ?? '' },
          ...(mayAnswer
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: RevisitTask) =>
                    r.status === 'pending' ? (
                      <Button size="small" type="primary" aria-label={`${t('revisits.answer')} ${r.caseNo}`} onClick={() => answer.open({ reached: true, satisfaction: 5 }, r)}>
                        {t('revisits.answer')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Pager page={page} hasNext={(tasks.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('revisits.tasks') })} />
      <FormModal {...answer.props} name="revisit-answer" title={t('revisits.answerOf', { caseNo: answer.context?.caseNo ?? '' })}>
        <Form.Item label={t('revisits.reached')} name="reached" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: true, label: t('revisits.reachedYes') },
              { value: false, label: t('revisits.reachedNo') },
            ]}
          />
        </Form.Item>
        {reached !== false ? (
          <Form.Item label={t('revisits.satisfaction')} name="satisfaction" rules={[{ required: true, message: t('common.choose', { what: t('revisits.satisfaction') }) }]}>
            <Radio.Group options={LEVELS.map((l) => ({ value: l, label: levelName(l, locale) }))} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('revisits.remarks')} name="remarks" rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </FormModal>
    </section>
  );
}
