import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dev-dist/**', 'coverage/**'] },
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Boundaries (STYLE.md): domain is pure; only db/ touches Dexie; server uses only domain/.
  {
    files: ['src/domain/**'],
    rules: restrict([
      { group: ['vue', 'vue-*', 'pinia', 'dexie', 'node:*'], message: 'domain/ is pure TypeScript.' },
      { group: ['../db/*', '../stores/*', '../views/*', '../components/*', '../sync/*', '../server/*'], message: 'domain/ imports only domain/.' },
    ]),
  },
  {
    files: ['src/**'],
    ignores: ['src/db/**'],
    rules: restrict([{ group: ['dexie'], message: 'Only db/ imports Dexie.' }]),
  },
  {
    files: ['src/server/**'],
    rules: restrict([
      { group: ['vue', 'pinia', 'dexie', '**/db/*', '**/stores/*', '**/views/*', '**/components/*', '**/sync/*', '**/composables/*'], message: 'server/ imports only domain/ from src/.' },
    ]),
  },
)
