#!/usr/bin/env node
// The `chorus` command. The engine is TypeScript run through tsx, so the CLI needs no build
// step: `npm ci` then `npx chorus` works from a fresh clone.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { main } = await import('../engine/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
