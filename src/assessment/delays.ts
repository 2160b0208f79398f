/** The waits before "retenter" and "remettre à zéro", counted in whole days from the last answer. */
import type { AssessmentSettings } from './deps.js';

const DAY_MS = 24 * 3600 * 1000;

export function daysRemaining(since: Date, delayDays: number, now: Date): number {
  return Math.max(0, Math.ceil((since.getTime() + delayDays * DAY_MS - now.getTime()) / DAY_MS));
}

/** When the student may improve or reset a competence, for the profile. */
export function availability(args: { lastAnswerAt: Date | null; settings: AssessmentSettings; now: Date }) {
  if (!args.lastAnswerAt) return { improveInDays: 0, resetInDays: 0 };
  return {
    improveInDays: daysRemaining(args.lastAnswerAt, args.settings.improveDelayDays, args.now),
    resetInDays: daysRemaining(args.lastAnswerAt, args.settings.resetDelayDays, args.now),
  };
}
