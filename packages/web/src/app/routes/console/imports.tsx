import { hasPermission } from '@hcp/domain';
import { IMPORT_KINDS, IMPORT_PERMISSION } from '@/features/imports/api/import-kinds.ts';
import { ImportsPage } from '@/features/imports/components/imports-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <ImportsPage kinds={IMPORT_KINDS.filter((k) => hasPermission(user.role, IMPORT_PERMISSION[k]))} />
    </ConsolePage>
  );
}
