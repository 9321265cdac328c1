import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Import paths that would break the web app's one-way boundaries (shared → features → app). */
const restricted = (patterns) => ['error', { patterns }];

const FEATURE_TO_APP = { group: ['@/app/*'], message: 'features must not import from src/app: pass what they need as props' };
const SHARED_TO_UPPER = { group: ['@/app/*', '@/features/*'], message: 'src/lib, src/i18n and src/components are shared code: they must not import features or app' };
const CROSS_FEATURE = {
  group: ['@/features/*', '../../*'],
  message: 'no cross-feature imports: a feature imports its own files relatively and shared code as @/lib/…, @/i18n/…, @/components/…',
};

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Web app boundaries, as in Bulletproof React: shared → features → app, no feature imports another.
  {
    files: ['packages/web/src/features/**'],
    rules: { 'no-restricted-imports': restricted([FEATURE_TO_APP, CROSS_FEATURE]) },
  },
  {
    files: ['packages/web/src/{lib,i18n,components}/**'],
    rules: { 'no-restricted-imports': restricted([SHARED_TO_UPPER]) },
  },
);
