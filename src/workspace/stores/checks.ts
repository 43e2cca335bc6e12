/**
 * Doctor checks that know what state files mean: each store adds the consistency check of its own
 * files here, so `uchebnik doctor` sees the whole workspace.
 */
import type { DoctorCheck } from '../doctor.js';

export const DOCTOR_CHECKS: DoctorCheck[] = [];
