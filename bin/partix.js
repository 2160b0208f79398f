#!/usr/bin/env node
// The `partix` operator command: runs the compiled CLI (npm install builds it).
import '../dist/src/cli.js';
