/** Every command of the program; a new command is one file in this folder and one line here. */
import type { Command } from 'commander';
import type { Runtime } from '../cli/action.js';
import { register as init } from './init.js';
import { register as registry } from './registry.js';
import { register as doctor } from './doctor.js';
import { register as pricelist } from './pricelist.js';
import { register as order } from './order.js';
import { register as vacancies } from './vacancies.js';
import { register as plan } from './plan.js';
import { register as deadlines } from './deadlines.js';
import { register as consolidate } from './consolidate.js';
import { register as exportCommand } from './export.js';
import { register as importFiles } from './import.js';
import { register as diff } from './diff.js';
import { register as analyze } from './analyze.js';
import { register as recommendations } from './recommendations.js';
import { register as form } from './form.js';
import { register as demo } from './demo.js';

export const COMMANDS: ((program: Command, rt: Runtime) => void)[] = [init, registry, pricelist, order, vacancies, plan, deadlines, consolidate, exportCommand, importFiles, diff, analyze, recommendations, form, doctor, demo];
