#!/usr/bin/env node
// The `partix` operator command: runs the compiled CLI (`npm install` builds it through `prepare`).
import { runCli } from '../dist/src/cli.js';

await runCli(process.argv);
