export {
  addDays,
  dayOfWeek,
  isValidLocalDate,
  parseInstant,
  shanghaiDateOf,
  startOfShanghaiDay,
} from './local-date.ts';
export {
  CHINESE_DAYS_COVERAGE,
  WorkingCalendar,
  chineseDaysIsWorkday,
} from './working-calendar.ts';
export type { DayInfo, DayKind, DayOverride, WorkingCalendarOptions } from './working-calendar.ts';
