import type { Command } from 'commander';
import { registerRecord } from './record.js';

/** Each command module exports one `register` function; add new ones here. */
export type RegisterCommand = (program: Command) => Command;

export const COMMANDS: RegisterCommand[] = [registerRecord];
