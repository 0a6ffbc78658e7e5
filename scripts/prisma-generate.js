// Generates the Prisma client into src/db/generated at install time (postinstall).
// The CLI asks for a schema engine binary before generating even though generation does not run
// it, and downloading one fails on offline servers; any existing file satisfies the check.
// Migrations do not use the CLI at all: see src/db/migrate-database.ts.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY = env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath;
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  cwd: path.join(__dirname, '..'),
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
