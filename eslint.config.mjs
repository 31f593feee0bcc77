import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.vscode-host/**',
      'test-output/**',
      'out/**',
      '**/*.js',
      'python-decorators/**',
      'examples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        window: 'readonly',
        document: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 120; this also holds strings, comments and test names to it.
      'max-len': ['error', { code: 120 }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Webview data is untrusted: build DOM nodes and set textContent.',
        },
        {
          selector: "AssignmentExpression[left.property.name='outerHTML']",
          message: 'Webview data is untrusted: build DOM nodes and set textContent.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Webview data is untrusted: build DOM nodes and set textContent.',
        },
      ],
    },
  },
  // Who may import whom (docs/architecture.md), checked rather than remembered.
  {
    files: ['webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', '@aws-sdk/*', 'node:*'],
              message: 'Webview code runs in the browser: no vscode, AWS SDK or Node modules.',
            },
            {
              regex: '(^|/)src/(?!(protocol|events|domain)/)',
              message:
                'A webview imports from the host only the protocol (src/protocol/), the event contract ' +
                '(src/events/) and the browser-safe domain (src/domain/: spans, totals, prices, run time).',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is shared with the webviews: browser-safe, so no Node, editor or SDK code.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', '@aws-sdk/*', 'node:*'], message: 'src/domain/ runs in the webviews too.' }] },
      ],
    },
  },
  {
    files: ['src/executor/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/stream', '**/stream/**', '**/run', '**/run/**'],
              message:
                'The executor spawns the process and reports its lines and exit; the stream and run layers ' +
                'build on it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/localDb', '**/localDb/**'],
              message:
                'AWS access does not know how the local server runs: the caller passes what it needs ' +
                '(endpoint, credentials).',
            },
          ],
        },
      ],
    },
  },
  {
    // The events table is read and written through src/eventsTable/ only (clients come from the
    // client factory): the layers that use the table may not import the AWS SDK themselves.
    files: [
      'src/{polling,history,run,panels,status,commands,executor,config,export,protocol,stream,otlp}/**/*.ts',
      'src/extension.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*'], message: 'Send DynamoDB and CloudFormation requests through src/eventsTable/.' },
          ],
        },
      ],
    },
  },
);
