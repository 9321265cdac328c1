import type { MessageKey } from '@/i18n/dictionary.ts';
import type { ImportKind } from '../api/import-kinds.ts';

export const KIND_LABEL: Record<ImportKind, MessageKey> = {
  regions: 'imports.kind.regions',
  organisations: 'imports.kind.organisations',
  platforms: 'imports.kind.platforms',
  staff: 'imports.kind.staff',
  'service-items': 'imports.kind.serviceItems',
  cases: 'imports.kind.cases',
};
