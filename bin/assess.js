#!/usr/bin/env node
// The installed command: everything lives in the built CLI (npm run build, run on install by "prepare").
import { main } from '../dist/cli.js';

main(process.argv.slice(2));
