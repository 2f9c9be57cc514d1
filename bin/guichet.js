#!/usr/bin/env node
// The `guichet` operations command. With NODE_ENV=production it runs the compiled JavaScript of
// `npm run build` (dist/); otherwise the TypeScript sources, through tsx, with no build step.
if (process.env.NODE_ENV === 'production') {
  try {
    await import('../dist/cli/main.js');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
    console.error('NODE_ENV=production runs the compiled command: run `npm run build` first.');
    process.exit(1);
  }
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
