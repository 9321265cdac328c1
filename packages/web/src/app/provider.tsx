import type { ReactNode } from 'react';
import { I18nProvider } from '@/i18n/i18n-provider.tsx';

/** What every page shares. Ant Design's providers live in the console route so citizen pages stay light. */
export function AppProvider({ children }: { children: ReactNode }) {
  return <I18nProvider>{children}</I18nProvider>;
}
