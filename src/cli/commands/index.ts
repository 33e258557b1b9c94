import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerBackup } from './backup.js';
import { registerCopy } from './copy.js';
import { registerDemo } from './demo.js';
import { registerDescribe } from './describe.js';
import { registerDiff } from './diff.js';
import { registerExport } from './export.js';
import { registerGet } from './get.js';
import { registerHistory } from './history.js';
import { registerKubeconfig } from './kubeconfig.js';
import { registerMigrate } from './migrate.js';
import { registerPrune } from './prune.js';
import { registerRebuild } from './rebuild.js';
import { registerRecord } from './record.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerWhoHadIp } from './whoHadIp.js';

/** Each command module exports one `register` function; add new ones here. */
export type RegisterCommand = (program: Command, io: CliIo) => Command;

export const COMMANDS: RegisterCommand[] = [
  registerRun,
  registerServe,
  registerDemo,
  registerRecord,
  registerGet,
  registerDescribe,
  registerHistory,
  registerWhoHadIp,
  registerDiff,
  registerExport,
  registerKubeconfig,
  registerRebuild,
  registerPrune,
  registerBackup,
  registerMigrate,
  registerCopy,
];
