import { LEVELS, type EvaluationPolicy, type Level, type RequestKind, type WorkOrderAction } from '@hcp/domain';
import { Alert, Checkbox, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import type { Attachment, ListedRequest, WorkOrderRequest } from '../api/types.ts';
import { dueDay } from '../text.ts';
import { AttachmentPicker } from './attachment-picker.tsx';
import { DialogModal, type DialogState } from './use-dialog.tsx';

/** What every dialog about one order needs to offer its attachments. */
export interface OrderFiles {
  workOrderId: number;
  attachments: readonly Attachment[];
  /** Whether the user may upload (workorder.attach); without it only the order's attachments can be ticked. */
  canAttach: boolean;
  onUploaded: () => void;
}

function Attachments({ files }: { files: OrderFiles }) {
  const { t } = useI18n();
  if (!files.canAttach && files.attachments.length === 0) return null;
  return (
    <Form.Item label={t('wo.attach.choose')} name="attachmentIds">
      <AttachmentPicker workOrderId={files.workOrderId} attachments={files.attachments} onUploaded={files.onUploaded} />
    </Form.Item>
  );
}

export interface StepValues {
  text?: string;
  attachmentIds?: number[];
}

const TEXT_LABEL: Partial<Record<WorkOrderAction, 'wo.step.text.assign' | 'wo.step.text.verify' | 'wo.step.text.feedback' | 'wo.step.text.rectify'>> = {
  assign: 'wo.step.text.assign',
  verify: 'wo.step.text.verify',
  feedback: 'wo.step.text.feedback',
  rectify: 'wo.step.text.rectify',
};

/**
 * One step of the unit's handling: a text (what was done; feedback needs one) and its evidence. One
 * dialog for every step (its name does not change with the step), so a draft finds it again.
 */
export function StepDialog({ dialog, action, files }: { dialog: DialogState<StepValues>; action: WorkOrderAction; files: OrderFiles }) {
  const { t } = useI18n();
  const needsText = action === 'feedback';
  return (
    <DialogModal<StepValues> dialog={dialog} name="step" title={t(`wo.action.${action}` as 'wo.action.assign')} okText={t('wo.step.submit')} width={600}>
      <Form.Item
        label={t(TEXT_LABEL[action] ?? 'wo.step.text')}
        name="text"
        rules={needsText ? [{ required: true, whitespace: true, message: t('wo.step.feedbackRequired') }] : []}
        extra={needsText ? t('wo.step.feedbackHint') : undefined}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
      <Attachments files={files} />
    </DialogModal>
  );
}

export interface RevisitValues {
  result: 'satisfied' | 'unsatisfied';
  level?: Level;
  tags?: string[];
  text?: string;
  mistaken?: boolean;
}

/**
 * The 12345 operator's revisit (回访): satisfied with the evaluator's new level (never a bad one: that
 * is not satisfied), its tags and words; or not satisfied with the reason, which sends the order back.
 */
export function RevisitDialog({ dialog, id, policy, maxReviews }: { dialog: DialogState<RevisitValues>; id: number; policy: EvaluationPolicy | undefined; maxReviews: number }) {
  const { t, locale } = useI18n();
  const goodLevels = LEVELS.filter((l) => !policy?.badLevels.includes(l)).sort((a, b) => b - a);
  return (
    <DialogModal<RevisitValues> dialog={dialog} name="revisit" title={t('wo.revisit.title', { id })} okText={t('wo.step.submit')} width={640}>
      {(form) => (
        <>
          <Form.Item label={t('wo.revisit.result')} name="result" rules={[{ required: true }]}>
            <Radio.Group
              onChange={() => form.setFieldsValue({ level: undefined, tags: [] })}
              options={[
                { value: 'satisfied', label: t('wo.revisit.satisfied') },
                { value: 'unsatisfied', label: t('wo.revisit.unsatisfied') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['result', 'level']}>
            {({ getFieldValue }) => {
              const result = getFieldValue('result') as RevisitValues['result'] | undefined;
              const level = getFieldValue('level') as Level | undefined;
              return result === 'satisfied' ? (
                <>
                  <Typography.Paragraph type="secondary">{t('wo.revisit.satisfiedHint')}</Typography.Paragraph>
                  <Form.Item label={t('wo.revisit.level')} name="level" rules={[{ required: true, message: t('wo.revisit.levelRequired') }]}>
                    <Radio.Group
                      onChange={() => form.setFieldsValue({ tags: [] })}
                      options={goodLevels.map((l) => ({ value: l, label: policy ? labelIn(policy.levels[l], locale) : String(l) }))}
                    />
                  </Form.Item>
                  {level && policy && policy.tags.some((x) => x.level === level) && (
                    <Form.Item label={t('wo.revisit.tags')} name="tags">
                      <Checkbox.Group options={policy.tags.filter((x) => x.level === level).map((x) => ({ value: x.code, label: labelIn(x, locale) }))} />
                    </Form.Item>
                  )}
                  <Form.Item label={t('wo.revisit.text')} name="text">
                    <Input.TextArea rows={3} maxLength={policy?.textMaxLength ?? 150} showCount />
                  </Form.Item>
                  <Form.Item name="mistaken" valuePropName="checked">
                    <Checkbox>{t('wo.revisit.mistaken')}</Checkbox>
                  </Form.Item>
                </>
              ) : result === 'unsatisfied' ? (
                <>
                  <Typography.Paragraph type="secondary">{t('wo.revisit.unsatisfiedHint', { n: maxReviews })}</Typography.Paragraph>
                  <Form.Item label={t('wo.revisit.reason')} name="text" rules={[{ required: true, whitespace: true, message: t('wo.revisit.reasonRequired') }]}>
                    <Input.TextArea rows={4} maxLength={1000} showCount />
                  </Form.Item>
                </>
              ) : null;
            }}
          </Form.Item>
        </>
      )}
    </DialogModal>
  );
}

export interface RequestValues {
  reason: string;
  days?: number;
  attachmentIds?: number[];
}

/** An extension (延期), an appeal (复核申诉, before the window's end) or a 无法整改 request; one dialog for the three. */
export function RequestDialog({ dialog, kind, files, maxExtensionDays, appealWindowEnd, appealDecisionDays }: {
  dialog: DialogState<RequestValues>;
  kind: RequestKind;
  files: OrderFiles;
  maxExtensionDays: number;
  appealWindowEnd: string | undefined;
  appealDecisionDays: number;
}) {
  const { t, locale } = useI18n();
  return (
    <DialogModal<RequestValues> dialog={dialog} name="request" title={t(`wo.action.${kind}`)} okText={t('wo.step.submit')} width={600}>
      {kind === 'appeal' && appealWindowEnd && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('wo.request.appealHint', { day: dueDay(appealWindowEnd, locale), n: appealDecisionDays })} />
      )}
      {kind === 'extension' && (
        <Form.Item label={t('wo.request.days')} name="days" rules={[{ required: true, message: t('wo.request.days') }]} extra={t('wo.request.daysHint', { n: maxExtensionDays })}>
          <InputNumber min={1} max={Math.max(1, maxExtensionDays)} precision={0} />
        </Form.Item>
      )}
      <Form.Item label={t(`wo.request.reason.${kind}`)} name="reason" rules={[{ required: true, whitespace: true, message: t('wo.request.reasonRequired') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Attachments files={files} />
    </DialogModal>
  );
}

export interface ReassignValues {
  toUnitId: number;
  reason: string;
  attachmentIds?: number[];
}

/** 转办: to another unit in the user's scope, with the reason. */
export function ReassignDialog({ dialog, id, files }: { dialog: DialogState<ReassignValues>; id: number; files: OrderFiles }) {
  const { t } = useI18n();
  return (
    <DialogModal<ReassignValues> dialog={dialog} name="reassign" title={t('wo.reassign.title', { id })} okText={t('wo.step.submit')} width={600}>
      <Form.Item label={t('wo.reassign.unit')} name="toUnitId" rules={[{ required: true, message: t('wo.reassign.unitRequired') }]}>
        <OrganisationSelect kinds={['unit']} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('wo.reassign.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('wo.request.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Attachments files={files} />
    </DialogModal>
  );
}

export interface DecisionValues {
  outcome: 'approved' | 'rejected';
  excludedAs?: 'mistaken' | 'malicious';
  reason: string;
  attachmentIds?: number[];
}

/** The management office's decision on a request; an upheld appeal says whether the rating was 误评 or 恶意差评. */
export function DecisionDialog({ dialog, request, files }: { dialog: DialogState<DecisionValues>; request: WorkOrderRequest | ListedRequest | undefined; files?: OrderFiles | undefined }) {
  const { t } = useI18n();
  const appeal = request?.kind === 'appeal';
  return (
    <DialogModal<DecisionValues>
      dialog={dialog}
      name="decision"
      title={request ? t('wo.decide.title', { kind: t(`wo.request.kind.${request.kind}`), id: request.id }) : ''}
      okText={t('wo.step.submit')}
      width={600}
    >
      {request && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {t('wo.request.reasonShown', { reason: request.reason })}
          {request.days ? ` · ${t('wo.request.daysN', { n: request.days })}` : ''}
        </Typography.Paragraph>
      )}
      <Form.Item label={t('wo.decide.outcome')} name="outcome" rules={[{ required: true, message: t('wo.decide.outcome') }]}>
        <Radio.Group
          options={[
            { value: 'approved', label: appeal ? t('wo.decide.uphold') : t('wo.decide.approve') },
            { value: 'rejected', label: appeal ? t('wo.decide.dismiss') : t('wo.decide.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['outcome']}>
        {({ getFieldValue }) =>
          appeal && getFieldValue('outcome') === 'approved' ? (
            <Form.Item label={t('wo.decide.excludedAs')} name="excludedAs" preserve={false} rules={[{ required: true, message: t('wo.decide.excludedAsRequired') }]} extra={t('wo.decide.excludedHint')}>
              <Radio.Group
                options={[
                  { value: 'mistaken', label: t('wo.excluded.mistaken') },
                  { value: 'malicious', label: t('wo.excluded.malicious') },
                ]}
              />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item label={t('wo.decide.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('wo.decide.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      {files && <Attachments files={files} />}
    </DialogModal>
  );
}
