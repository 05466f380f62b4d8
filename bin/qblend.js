#!/usr/bin/env node
// Launcher for the installed `qblend` command: registers tsx's loader, then runs the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
