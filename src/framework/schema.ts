/**
 * The shape of the content files (référentiel and item bank). Every file under `content/` is parsed
 * with these schemas at start-up and by `partix content check`; a file that does not fit stops both.
 */
import { z } from 'zod';

export const localizedText = z.object({ fr: z.string().min(1), en: z.string().min(1) });

export const competenceId = z.string().regex(/^[1-5]\.[1-4]$/, 'competence id like "1.1"');

export const frameworkFileSchema = z.object({
  areas: z
    .array(
      z.object({
        code: z.string().regex(/^[1-5]$/),
        title: localizedText,
        competences: z.array(z.object({ id: competenceId, title: localizedText })).min(1),
      }),
    )
    .length(5),
});

const httpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https:// URL');

/** ISO-8601 duration of the tutorial, minutes and seconds only (e.g. "PT4M", "PT1M30S"). */
const isoDuration = z.string().regex(/^PT(\d+M)?(\d+S)?$/, 'duration like "PT4M" or "PT1M30S"');

export const tutorialSchema = z.object({
  kind: z.enum(['solution', 'learnMore']),
  title: z.string().min(3).max(200),
  url: httpsUrl,
  source: z.string().min(2).max(100),
  format: z.enum(['page', 'vidéo', 'outil', 'pdf', 'jeu']),
  duration: isoDuration,
});

export const tolerance = z.enum(['T1', 'T2', 'T3']);

const challengeBase = {
  /** Stable forever: answers, sessions and calibration refer to it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,79}$/, 'lower-case id with dashes'),
  /** Markdown, French. */
  instruction: z.string().min(10).max(2000),
  /** Same question read aloud / without the illustration (accessibility). */
  alternativeInstruction: z.string().min(10).max(2000).optional(),
  /** Shown after a failure: why the right answer is right. */
  explanation: z.string().min(10).max(1500),
  timer: z.number().int().min(10).max(600).optional(),
  status: z.enum(['draft', 'validated', 'archived']).default('validated'),
  locales: z.array(z.enum(['fr-fr', 'fr', 'en'])).default(['fr-fr']),
  illustration: z.object({ url: httpsUrl, alt: z.string().min(3) }).optional(),
};

const proposals = z.array(z.string().min(1).max(300)).min(2).max(8);
const variants = z.array(z.string().min(1).max(200)).min(1);
const textAnswerOptions = {
  tolerances: z.array(tolerance).default([]),
  format: z.enum(['word', 'sentence', 'number', 'date']).default('word'),
};
const field = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
  label: z.string().min(1).max(200),
});

export const qcuSchema = z.object({
  ...challengeBase,
  type: z.literal('QCU'),
  proposals,
  /** 1-based index of the right proposal. */
  answer: z.number().int().min(1),
});

export const qcmSchema = z.object({
  ...challengeBase,
  type: z.literal('QCM'),
  proposals,
  /** 1-based indexes of all and only the right proposals. */
  answers: z.array(z.number().int().min(1)).min(2),
});

export const qrocSchema = z.object({
  ...challengeBase,
  ...textAnswerOptions,
  type: z.literal('QROC'),
  label: z.string().max(200).optional(),
  /** Accepted variants. */
  answers: variants,
});

export const qrocmIndSchema = z.object({
  ...challengeBase,
  ...textAnswerOptions,
  type: z.literal('QROCM-ind'),
  /** Each field is checked against its own variants. */
  fields: z.array(field.extend({ answers: variants })).min(2).max(6),
});

export const qrocmDepSchema = z.object({
  ...challengeBase,
  ...textAnswerOptions,
  type: z.literal('QROCM-dep'),
  fields: z.array(field).min(2).max(6),
  /** Interchangeable solutions: each field may match any group, each group at most once. */
  groups: z.array(variants).min(2).max(12),
});

export const challengeSchema = z.discriminatedUnion('type', [
  qcuSchema,
  qcmSchema,
  qrocSchema,
  qrocmIndSchema,
  qrocmDepSchema,
]);

export const skillSchema = z.object({
  level: z.number().int().min(1).max(8),
  /** What the skill is about, for teachers and advice (French). */
  description: z.string().min(5).max(300),
  tutorials: z.array(tutorialSchema).min(1),
  challenges: z.array(challengeSchema).min(1),
});

export const tubeSchema = z.object({
  /** Unique across the framework, "@" + camelCase; skills are named name + level. */
  name: z.string().regex(/^@[a-zA-Z][a-zA-Z0-9]{2,40}$/),
  title: z.string().min(3).max(120),
  skills: z.array(skillSchema).min(1),
});

export const competenceFileSchema = z.object({
  competence: competenceId,
  tubes: z.array(tubeSchema).min(1),
});

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;
export type CompetenceFile = z.infer<typeof competenceFileSchema>;
export type TutorialData = z.infer<typeof tutorialSchema>;
export type ChallengeData = z.infer<typeof challengeSchema>;
export type Tolerance = z.infer<typeof tolerance>;
export type ChallengeType = ChallengeData['type'];
