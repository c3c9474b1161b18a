import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Folders under src/modules (and names reserved for modules to come).
const moduleNames = 'org|accounts|audit|notifications|registry|cases|services|participation|community|assessment|facilities|practices';

// A module is used only through its index.ts (a web feature likewise).
const throughIndex = { regex: `^(\\.\\./)+(modules/)?(${moduleNames})/(?!index\\.ts$)`, message: 'Import another module only through its index.ts.' };

// What the web app may import from the server (src/): the modules' contracts and pure rule
// tables, which depend on zod alone. Anything else would pull server code into the browser.
// The web names them `#server/…` (package.json "imports": resolved by Node, tsc and Vite alike).
const webMayImport = [
  'modules/[^/]+/contract\\.ts',
  'modules/[^/]+/contract/[^/]+\\.ts',
  'modules/cases/workflow\\.ts',
  'platform/auth/roles\\.ts',
  'platform/auth/password-policy\\.ts',
  'platform/paging\\.ts',
  'platform/contract\\.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', '.cache/', 'e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A module is used only through its index.ts: reach into another module's files and this fails.
      'no-restricted-imports': ['error', { patterns: [throughIndex] }],
    },
  },
  {
    // The module list reads each module's definition (module.ts), and nothing else of it.
    files: ['src/modules/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./[^/]+/(?!module\\.ts$)', message: 'src/modules/index.ts imports each module through its module.ts.' }] }],
    },
  },
  {
    // The platform knows modules only as types (the app hands it the module list at start),
    // so no module file runs before the platform is loaded.
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+modules/[^/]+/(?!index\\.ts$|module\\.ts$)', message: "The platform may name a module's index.ts or module.ts, nothing else." },
            { regex: '^(\\.\\./)+modules/(index\\.ts|[^/]+/(index|module)\\.ts)$', allowTypeImports: true, message: 'The platform imports modules only with `import type`.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            throughIndex,
            {
              regex: `^#server/(?!(${webMayImport.join('|')})$)`,
              message: 'The web app imports from src/ only contracts and pure rule tables (see webMayImport in eslint.config.js).',
            },
            { regex: '^(\\.\\./)+src/', message: 'The web app imports from src/ as #server/… (package.json "imports").' },
            { group: ['node:*', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'fastify', '@fastify/*', '@electric-sql/*', '@node-rs/*'], message: 'Server-only packages stay out of the web app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
