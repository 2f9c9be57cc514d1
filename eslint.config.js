// ESLint flat config (ESLint 10, ESM).
//
// Besides typescript-eslint's recommended rules (the non-type-checked set, to
// keep `npm run lint` fast), this config enforces Guichet's module boundaries:
//
//   * A module lives in src/modules/<name>/ and exposes its public API only
//     through src/modules/<name>/index.ts. Anything outside that module
//     (another module, src/app.ts, src/web, src/cli, test/, bench/, scripts/)
//     may import it only via its index: `../network/index.js`,
//     `../../modules/network/index.js`, `../src/modules/network/index.js`...
//     never `../network/network.repo.js`.
//   * Files inside the same module import each other freely.
//   * src/platform/** must not import from src/modules/** at all.
//
// No boundaries plugin (eslint-plugin-import-x, eslint-plugin-boundaries) is
// installed, so this uses the core `no-restricted-imports` rule with regex
// patterns. Flat config does not merge the options of a rule set by several
// blocks (the last matching block wins), so every block below passes the full
// list of patterns: the common ones plus its own.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = [
  'src/**/*.{ts,tsx}',
  'test/**/*.{ts,tsx}',
  'bench/**/*.{ts,tsx}',
  'scripts/**/*.{ts,tsx}',
];

// The last path segment of a specifier that is a module's public entry point.
const INDEX = String.raw`index(?:\.[cm]?[jt]sx?)?$`;

const MESSAGE_INDEX =
  'Import another module only through its public API: src/modules/<name>/index.ts (e.g. "../network/index.js"), never a file inside it.';

/** Patterns that apply to every linted file. */
const COMMON_PATTERNS = [
  {
    // Any specifier naming a file under a `modules/<name>/` folder other than
    // its index: `./modules/network/network.repo.js` (src/app.ts),
    // `../src/modules/network/ui/page.js` (test/), `../../modules/x/y.js`...
    regex: String.raw`(?:^|/)modules/[^/]+/(?!${INDEX})`,
    message: MESSAGE_INDEX,
  },
  {
    // Non-normalized relative paths (`./../x`, `../a/../b/x`, `././x`) would
    // defeat the depth-based checks below, so they are not allowed.
    regex: String.raw`^(?:\./|(?:\.\./)+(?!\.\./))(?:\.\.?/|.*/\.\.?(?:/|$))`,
    message: 'Use a normalized relative import path (no "/./" or "/../" after the leading "./" or "../" segments).',
  },
];

/** Files directly in src/modules/<name>/ are at depth 0, in src/modules/<name>/ui/ at depth 1, etc. */
const MAX_MODULE_DEPTH = 12;

/**
 * From a file at `depth` below its module root, exactly `depth + 1` leading
 * `../` reach src/modules/, so `<that>/<other>/<anything but index>` is a
 * deep import into another module. (`[^./]` makes sure the next segment is a
 * module name, not a further `..`: `../../platform/x.js` from depth 0 is fine.)
 */
function crossModulePattern(depth) {
  return {
    regex: String.raw`^(?:\.\./){${depth + 1}}[^./][^/]*/(?!${INDEX})`,
    message: MESSAGE_INDEX,
  };
}

function restrictedImports(...extraPatterns) {
  return ['error', { patterns: [...COMMON_PATTERNS, ...extraPatterns] }];
}

const moduleBoundaryBlocks = Array.from({ length: MAX_MODULE_DEPTH + 1 }, (_, depth) => ({
  name: `guichet/module-boundaries/depth-${depth}`,
  files: [`src/modules/*/${'*/'.repeat(depth)}*.{ts,tsx}`],
  rules: { 'no-restricted-imports': restrictedImports(crossModulePattern(depth)) },
}));

export default defineConfig([
  globalIgnores(['**/node_modules/', '.guichet/', 'bin/', 'test-results/', 'dist/']),

  {
    name: 'guichet/typescript',
    files: TS_FILES,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-imports': restrictedImports(),
    },
  },

  ...moduleBoundaryBlocks,

  {
    name: 'guichet/platform-is-module-agnostic',
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictedImports({
        // Any relative path that goes through a `modules` folder.
        regex: String.raw`^\.{1,2}/(?:.*/)?modules(?:/|$)`,
        message: 'src/platform must not depend on feature modules (src/modules/**): invert the dependency (events, registration, callbacks).',
      }),
    },
  },
]);
