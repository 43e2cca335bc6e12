/** Every command of the program; a new command is one file in this folder and one line here. */
import type { Command } from 'commander';
import type { Runtime } from '../cli/action.js';
import { register as init } from './init.js';
import { register as registry } from './registry.js';
import { register as doctor } from './doctor.js';
import { register as demo } from './demo.js';

export const COMMANDS: ((program: Command, rt: Runtime) => void)[] = [init, registry, doctor, demo];
