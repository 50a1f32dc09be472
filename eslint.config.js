import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist/**', 'bench/floor/dist/**', 'node_modules/**', 'dev-dist/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Boundaries (STYLE.md): domain is pure; only db/ touches Dexie; server uses only domain/.
  // Later blocks replace earlier ones for the same file, so the general rule comes first.
  {
    files: ['src/**'],
    ignores: ['src/db/**'],
    rules: restrict([{ group: ['dexie'], message: 'Only db/ imports Dexie.' }]),
  },
  {
    files: ['src/domain/**'],
    rules: restrict([
      { group: ['vue', 'vue-*', 'pinia', 'dexie', 'node:*'], message: 'domain/ is pure TypeScript.' },
      { group: ['../db/*', '../stores/*', '../views/*', '../components/*', '../sync/*', '../server/*'], message: 'domain/ imports only domain/.' },
    ]),
  },
  // server/ files at each depth may reach src/ only through domain/.
  ...[1, 2, 3].map((depth) => ({
    files: [`src/server/${'*/'.repeat(depth - 1)}*.ts`],
    rules: restrict([
      { group: ['vue', 'pinia', 'dexie'], message: 'server/ imports only domain/ from src/.' },
      {
        group: ['db', 'stores', 'views', 'components', 'composables', 'sync', 'i18n'].map((dir) => `${'../'.repeat(depth)}${dir}/*`),
        message: 'server/ imports only domain/ from src/.',
      },
    ]),
  })),
)
