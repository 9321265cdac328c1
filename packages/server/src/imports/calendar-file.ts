import path from 'node:path';
import { addDays, isValidLocalDate } from '@hcp/domain';
import { AppError, invalid, type ErrorDetail } from '../errors.ts';
import { readTable } from './table-reader.ts';

/** A year's arrangement file is a few dozen lines; this bounds what is read before any check. */
export const CALENDAR_FILE_MAX_BYTES = 256 * 1024;

export type ArrangementFormat = 'csv' | 'ics';

/** One day of a year's holiday arrangement (放假安排) as read from a file. */
export interface ArrangementDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  /** The CSV row (header = 1) or, for iCalendar, the line of the event's DTSTART. */
  row: number;
}

const TYPES: Record<string, ArrangementDay['kind']> = { 休: 'holiday', 假: 'holiday', holiday: 'holiday', 班: 'workday', workday: 'workday' };
const HEADERS: Record<string, 'date' | 'type' | 'name'> = { date: 'date', 日期: 'date', type: 'type', 类型: 'type', name: 'name', 名称: 'name' };

/**
 * Reads one year's holiday arrangement: a CSV `date,type,name` (type 休/班 or holiday/workday), or an
 * iCalendar (.ics) file of all-day events as calendar feeds publish them (an event whose SUMMARY has
 * 班, like "春节 补班", is a make-up working day; any other event is days off, DTEND exclusive).
 * Every day must lie in `year` and appear once. Any problem rejects the whole file with 422
 * IMPORT_FAILED and each problem at its row (CSV) or line (.ics) and field.
 */
export async function readArrangementFile(filename: string, bytes: Buffer, year: number): Promise<{ format: ArrangementFormat; days: ArrangementDay[] }> {
  const ext = path.extname(filename).toLowerCase();
  const problems: ErrorDetail[] = [];
  let raw: ArrangementDay[];
  let format: ArrangementFormat;
  if (ext === '.ics') {
    format = 'ics';
    raw = readIcs(bytes, problems);
  } else if (ext === '.csv') {
    format = 'csv';
    raw = await readCsv(filename, bytes, problems);
  } else {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `expected a .csv or .ics file, got "${ext || 'no extension'}"`, 'file');
  }
  const first = new Map<string, number>();
  const days: ArrangementDay[] = [];
  for (const d of raw) {
    const column = format === 'csv' ? 'date' : 'DTSTART';
    if (!d.date.startsWith(`${year}-`)) {
      problems.push({ row: d.row, column, reason: `${d.date} is not in ${year}` });
      continue;
    }
    const seen = first.get(d.date);
    if (seen !== undefined) {
      problems.push({ row: d.row, column, reason: `${d.date} appears twice (first at ${format === 'csv' ? 'row' : 'line'} ${seen})` });
      continue;
    }
    first.set(d.date, d.row);
    days.push(d);
  }
  if (problems.length === 0 && days.length === 0) throw invalid('file', 'the file holds no days');
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new AppError('IMPORT_FAILED', `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${filename}; nothing was imported`, 'file', problems);
  }
  return { format, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

async function readCsv(filename: string, bytes: Buffer, problems: ErrorDetail[]): Promise<ArrangementDay[]> {
  const table = await readTable(filename, bytes);
  const at = new Map<'date' | 'type' | 'name', number>();
  table.headers.forEach((h, i) => {
    const key = HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()];
    if (key && !at.has(key)) at.set(key, i);
  });
  if (!at.has('date') || !at.has('type')) throw invalid('file', 'the header row must be date,type,name (or 日期,类型,名称)');
  const days: ArrangementDay[] = [];
  for (const { row, cells } of table.rows) {
    const date = (cells[at.get('date')!] ?? '').trim();
    const type = (cells[at.get('type')!] ?? '').trim();
    const name = at.has('name') ? (cells[at.get('name')!] ?? '').trim() : '';
    const kind = TYPES[type] ?? TYPES[type.toLowerCase()];
    let ok = true;
    if (!isValidLocalDate(date)) {
      problems.push({ row, column: 'date', reason: 'must be a date YYYY-MM-DD' });
      ok = false;
    }
    if (!kind) {
      problems.push({ row, column: 'type', reason: 'must be 休 or 班 (holiday or workday)' });
      ok = false;
    }
    if (name.length > 100) {
      problems.push({ row, column: 'name', reason: 'at most 100 characters' });
      ok = false;
    }
    if (ok) days.push({ date, kind: kind!, name: name || null, row });
  }
  return days;
}

/** Content lines of an iCalendar file, unfolded (RFC 5545 §3.1), each with the line it starts on. */
function contentLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const last = out.at(-1);
    if ((l.startsWith(' ') || l.startsWith('\t')) && last) last.text += l.slice(1);
    else if (l.trim()) out.push({ line: i + 1, text: l });
  });
  return out;
}

const unescapeText = (v: string) => v.replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1');

/** `YYYYMMDD` of an all-day DTSTART/DTEND as `YYYY-MM-DD`, else undefined. */
function icsDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidLocalDate(d) ? d : undefined;
}

function readIcs(bytes: Buffer, problems: ErrorDetail[]): ArrangementDay[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('file', 'the file is not valid UTF-8 text');
  }
  const lines = contentLines(text.replace(/^\uFEFF/, ''));
  if (!lines[0] || lines[0].text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') throw invalid('file', 'an .ics file starts with BEGIN:VCALENDAR');
  const days: ArrangementDay[] = [];
  let event: { line: number; props: Map<string, { line: number; params: string; value: string }> } | undefined;
  for (const l of lines) {
    const colon = l.text.indexOf(':');
    const head = (colon < 0 ? l.text : l.text.slice(0, colon)).toUpperCase();
    const value = colon < 0 ? '' : l.text.slice(colon + 1);
    const [prop = '', ...params] = head.split(';');
    if (prop === 'BEGIN' && value.toUpperCase() === 'VEVENT') event = { line: l.line, props: new Map() };
    else if (prop === 'END' && value.toUpperCase() === 'VEVENT' && event) {
      days.push(...eventDays(event, problems));
      event = undefined;
    } else if (event && !event.props.has(prop)) event.props.set(prop, { line: l.line, params: params.join(';'), value });
  }
  return days;
}

function eventDays(event: { line: number; props: Map<string, { line: number; params: string; value: string }> }, problems: ErrorDetail[]): ArrangementDay[] {
  const start = event.props.get('DTSTART');
  const end = event.props.get('DTEND');
  const summary = unescapeText(event.props.get('SUMMARY')?.value ?? '').trim();
  const row = start?.line ?? event.line;
  const first = start && icsDate(start.value);
  if (!first) {
    problems.push({ row, column: 'DTSTART', reason: 'must be an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)' });
    return [];
  }
  const until = end ? icsDate(end.value) : addDays(first, 1);
  if (!until || until <= first) {
    problems.push({ row: end?.line ?? row, column: 'DTEND', reason: 'must be an all-day date after DTSTART' });
    return [];
  }
  if (!summary) {
    problems.push({ row, column: 'SUMMARY', reason: 'is required: the holiday’s name, or 补班 for a make-up working day' });
    return [];
  }
  const kind = summary.includes('班') ? 'workday' : 'holiday';
  // Feeds name events like "春节 假期 第1天/共8天" or "春节 补班": the holiday's name is the first word.
  const name = summary.split(/\s+/)[0]!.slice(0, 100);
  const days: ArrangementDay[] = [];
  for (let d = first, n = 0; d < until; d = addDays(d, 1), n++) {
    if (n >= 366) {
      problems.push({ row: end?.line ?? row, column: 'DTEND', reason: 'an event covers at most 366 days' });
      return [];
    }
    days.push({ date: d, kind, name, row });
  }
  return days;
}

/** The CSV template of a year's arrangement: the header and one example row (UTF-8 with BOM, so Excel reads it). */
export function arrangementTemplate(year: number): string {
  return `\uFEFFdate,type,name\r\n${year}-01-01,休,元旦\r\n`;
}
