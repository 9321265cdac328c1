import {
  APPLICANT_TYPE_NAMES,
  APPLICANT_TYPES,
  CASE_NO_PATTERN,
  CASE_TYPE_NAMES,
  CASE_TYPES,
  CHANNEL_NAMES,
  CHANNELS,
  ID_NUMBER_PATTERN,
  PHONE_PATTERN,
  type ApplicantType,
  type CaseStage,
  type CaseType,
} from '@hcp/domain';
import { firstByKey, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import { atRow, reasonOf, type RowErrors } from '../../imports/row-errors.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { Ctx } from '../actor.ts';
import type { CaseIntakeInput, CaseIntakeService, PushResult } from '../case-intake.service.ts';

/** One time column per stage, in the order a case goes through them. */
const STAGE_COLUMNS = [
  ['received', 'received_at'],
  ['accepted', 'accepted_at'],
  ['completed', 'completed_at'],
  ['delivered', 'delivered_at'],
  ['refused', 'refused_at'],
] as const satisfies readonly (readonly [CaseStage, string])[];

const columnOfStage = new Map<CaseStage, string>(STAGE_COLUMNS);

/** Where a field named by case intake sits in the file. */
const FIELD_COLUMNS: Record<string, string> = {
  caseNo: 'case_no',
  itemCode: 'item_code',
  unitCode: 'unit_code',
  windowCode: 'window_code',
  staffEmployeeNo: 'staff_employee_no',
  'applicant.name': 'applicant_name',
};

/** The allowed codes of a numeric code list, as text, with their names: for `RowReader.choice`. */
function codes<T extends number>(values: readonly T[], names: Record<T, { zh: string; en: string }>) {
  return { keys: values.map(String), names: Object.fromEntries(values.map((v) => [String(v), names[v]])) };
}
const APPLICANT_TYPE_CODES = codes(APPLICANT_TYPES, APPLICANT_TYPE_NAMES);
const CASE_TYPE_CODES = codes(CASE_TYPES, CASE_TYPE_NAMES);

const CASE_NO = new RegExp(CASE_NO_PATTERN);
const ID_NUMBER = new RegExp(ID_NUMBER_PATTERN);
const PHONE = new RegExp(PHONE_PATTERN);

/**
 * A row as case intake takes it. An optional column left out of the file keeps what a case has;
 * an empty cell in a column that is there clears it (window, staff, certificate number, phone).
 */
const read = (r: RowReader) => {
  const caseNo = r.text('case_no', { required: true, max: 50, pattern: CASE_NO, patternHint: 'may hold letters, digits, ".", "_" and "-" only' });
  const itemCode = r.text('item_code', { required: true, max: 64 });
  const unitCode = r.text('unit_code', { required: true, max: 64 });
  const unitRegionCode = r.regionCode('unit_region_code');
  const windowCode = r.text('window_code', { max: 64 });
  const staffEmployeeNo = r.text('staff_employee_no', { max: 32 });
  const channel = r.choice('channel', CHANNELS, CHANNEL_NAMES, true);
  const caseType = r.choice('case_type', CASE_TYPE_CODES.keys, CASE_TYPE_CODES.names);
  const applicantType = r.choice('applicant_type', APPLICANT_TYPE_CODES.keys, APPLICANT_TYPE_CODES.names, true);
  const applicantName = r.text('applicant_name', { required: true, max: 100 });
  const idNumber = r.text('applicant_id_number', { min: 2, max: 32, pattern: ID_NUMBER, patternHint: 'may hold letters, digits, "(", ")" and "-" only' });
  const phone = r.text('applicant_phone', { min: 5, max: 20, pattern: PHONE, patternHint: 'may hold digits, spaces and "-", with an optional leading "+"' });
  const stages = STAGE_COLUMNS.flatMap(([stage, key]) => {
    const at = r.instant(key);
    return at ? [{ stage, at: at.toISOString() }] : [];
  });
  if (STAGE_COLUMNS.every(([, key]) => !r.raw(key))) {
    const first = STAGE_COLUMNS.find(([, key]) => r.has(key))?.[1];
    r.error(first, `give at least one stage time (${STAGE_COLUMNS.map(([, key]) => key).join(', ')})`);
  }
  const input: CaseIntakeInput = {
    caseNo: caseNo!,
    itemCode: itemCode!,
    unitCode: unitCode!,
    ...(unitRegionCode ? { unitRegionCode } : {}),
    ...(r.has('window_code') ? { windowCode } : {}),
    ...(r.has('staff_employee_no') ? { staffEmployeeNo } : {}),
    channel: channel!,
    ...(caseType ? { caseType: Number(caseType) as CaseType } : {}),
    applicant: {
      type: Number(applicantType) as ApplicantType,
      name: applicantName!,
      ...(r.has('applicant_id_number') ? { idNumber } : {}),
      ...(r.has('applicant_phone') ? { phone } : {}),
    },
    stages,
  };
  return { input };
};

/** The column of a field case intake names: a stage's fields are its time column. */
const columnOf = (input: CaseIntakeInput) => (field: string | undefined): string | undefined => {
  if (!field) return undefined;
  const stage = /^stages\.(\d+)\./.exec(field);
  if (stage) return columnOfStage.get(input.stages[Number(stage[1])]!.stage);
  return FIELD_COLUMNS[field] ?? field;
};

/**
 * Cases (办件) from an approval system without an API, uploaded by the management office. Every
 * row goes through case intake as a pushed case would, with the uploader's data scope in place of
 * an API key's units: upserted by case number, so a file imported twice changes nothing.
 */
export class CaseImporter implements Importer {
  readonly kind = 'cases' as const;
  readonly permission = 'case.import' as const;
  readonly columns = [
    { key: 'case_no', label: '办件编号', required: true },
    { key: 'item_code', label: '事项编码', required: true },
    { key: 'unit_code', label: '办理单位编码', required: true },
    { key: 'unit_region_code', label: '办理单位区划代码' },
    { key: 'window_code', label: '窗口编号' },
    { key: 'staff_employee_no', label: '经办人工号' },
    { key: 'channel', label: '办理渠道', required: true },
    { key: 'case_type', label: '办件类型' },
    { key: 'applicant_type', label: '申请人类型', required: true },
    { key: 'applicant_name', label: '申请人姓名', required: true },
    { key: 'applicant_id_number', label: '证件号码' },
    { key: 'applicant_phone', label: '联系电话' },
    { key: 'received_at', label: '接件时间', oneOf: 'stage' },
    { key: 'accepted_at', label: '受理时间', oneOf: 'stage' },
    { key: 'completed_at', label: '办结时间', oneOf: 'stage' },
    { key: 'delivered_at', label: '送达时间', oneOf: 'stage' },
    { key: 'refused_at', label: '不予受理时间', oneOf: 'stage' },
  ];

  constructor(private readonly intake: CaseIntakeService) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = [...firstByKey(readRows(readers, read).ok, (r) => r.input.caseNo, 'case_no', errors).values()];
    const outcomes = await this.intake.prepareAll(ctx, rows.map((r) => r.input));
    const planned = rows.flatMap((r, i) => {
      const o = outcomes[i]!;
      if ('prepared' in o) return [{ ...r, prepared: o.prepared }];
      errors.add(r.row, columnOf(r.input)(o.error.field), reasonOf(o.error));
      return [];
    });
    // Rows are locked in case-number order, so an import and a batch push sharing cases cannot deadlock.
    planned.sort((a, b) => (a.input.caseNo < b.input.caseNo ? -1 : a.input.caseNo > b.input.caseNo ? 1 : 0));

    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        const results: PushResult[] = [];
        for (const p of planned) {
          const r = await atRow(p.row, columnOf(p.input), () => this.intake.apply(trx, ctx, p.prepared));
          if (r.created) counts.inserted++;
          else if (r.changed.length > 0 || r.stagesAdded > 0) counts.updated++;
          else counts.unchanged++;
          results.push(r);
        }
        await this.intake.recordImport(trx, ctx, results);
        return counts;
      },
    };
  }
}
