// ESLint flat config. The architectural rules: src/core never imports 'vscode' or an adapter, and its folders
// import each other only down the layers of CORE_LAYERS (so never in a cycle).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Each core folder and the core folders it may import; a folder missing from a list is off limits to it. */
const CORE_LAYERS = {
  text: [],
  regression: [],
  course: ['text'],
  glossary: ['text'],
  markdown: ['course', 'glossary', 'quiz', 'text'],
  annotations: ['text'],
  quiz: ['text'],
  page: ['annotations', 'markdown', 'course', 'glossary', 'quiz', 'text'],
  snippets: ['glossary', 'regression', 'text'],
  review: ['glossary', 'text'],
};

function coreImportRules() {
  const base = {
    paths: [{ name: 'vscode', message: 'src/core is pure TypeScript: adapt it in src/features instead.' }],
    patterns: [
      { group: ['**/features/**', '**/extension', '**/webview/**'], message: 'core must not depend on adapters.' },
    ],
  };
  const folders = Object.keys(CORE_LAYERS);
  return [
    { files: ['src/core/*.ts'], rules: { 'no-restricted-imports': ['error', base] } },
    ...folders.map((folder) => {
      const banned = folders.filter((f) => f !== folder && !CORE_LAYERS[folder].includes(f));
      return {
        files: [`src/core/${folder}/**/*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths: [...base.paths, { name: '..', message: "core's entry points are for code outside core." }],
              patterns: [
                ...base.patterns,
                {
                  group: [...banned.map((f) => `../${f}`), ...banned.map((f) => `../${f}/**`)],
                  message: `core/${folder} may import only ${CORE_LAYERS[folder].join(', ') || 'itself'} (CORE_LAYERS in eslint.config.mjs).`,
                },
                {
                  group: ['../index', '../activation', '../lazy'],
                  message: "core's entry points are for code outside core.",
                },
              ],
            },
          ],
        },
      };
    }),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'media/**',
      '**/node_modules/**',
      'test/host/*/node_modules/**',
      '.test-host/**',
      '.vscode-test/**',
      'out/**',
      '*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  // src/core: never `vscode` or an adapter; its folders in layers, so they cannot import each other in cycles.
  ...coreImportRules(),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
