#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), wherever it is called from.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv);
