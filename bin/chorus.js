#!/usr/bin/env node
// The `chorus` command. The engine is TypeScript run through tsx, so the CLI needs no build
// step: `npm ci` then `npx chorus` works from a fresh clone. main/cli.ts adds the host's
// commands (`serve`) to the engine's.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
