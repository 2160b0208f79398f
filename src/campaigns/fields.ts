/**
 * A campaign's fields as a teacher gives them (the card form, the one-line form, an edit), checked
 * against the framework and the school's classes: every bad value is refused with its reason before
 * anything is written.
 */
import { z } from 'zod';
import type { Framework } from '../framework/model.js';
import { parseDay } from './line-parser.js';
import type { CampaignDeps } from './deps.js';
import { InvalidCampaignFieldError, NoDivisionsError, NoTargetError, UnknownCompetencesError, UnknownDivisionsError, UnknownTargetError } from './errors.js';
import type { CampaignFields, TargetCompetence } from './model.js';
import { readyMadeTarget } from './targets.js';

export const LIMITS = { name: 255, title: 50, landingText: 5000, externalIdLabel: 255 } as const;

const optionalText = z.string().nullish().transform((s) => (s?.trim() ? s.trim() : null));

/** What the edges hand over: the chat form and line, or the CLI. */
export const campaignInputSchema = z.object({
  name: z.string(),
  type: z.enum(['assessment', 'profile_collection']).default('assessment'),
  // 'none': the form's choice of no ready-made target.
  targetName: z.string().nullish().transform((s) => (s && s !== 'none' ? s : null)),
  competences: z.array(z.object({ id: z.string(), level: z.number().int().nullish() })).default([]),
  level: z.number().int().nullish(),
  divisions: z.array(z.string()).default([]),
  title: optionalText,
  landingText: optionalText,
  externalIdLabel: optionalText,
  deadline: optionalText,
  multipleSendings: z.boolean().default(false),
});

export type CampaignInput = z.input<typeof campaignInputSchema>;

/** Today in Paris, as YYYY-MM-DD: a deadline is a school day, not an instant. */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function bounded(field: keyof typeof LIMITS, value: string | null): string | null {
  if (value !== null && value.length > LIMITS[field]) throw new InvalidCampaignFieldError(field, LIMITS[field]);
  return value;
}

function targetsOf(framework: Framework, highestLevel: number, input: z.output<typeof campaignInputSchema>): TargetCompetence[] {
  const targets = new Map<string, number>();
  if (input.targetName) {
    const ready = readyMadeTarget(input.targetName);
    if (!ready) throw new UnknownTargetError(input.targetName);
    for (const t of ready.competences) targets.set(t.competenceId, input.level ?? t.level);
  }
  const unknown = input.competences.map((c) => c.id).filter((id) => !framework.competences.has(id));
  if (unknown.length) throw new UnknownCompetencesError([...new Set(unknown)]);
  for (const c of input.competences) targets.set(c.id, c.level ?? input.level ?? highestLevel);
  if (targets.size === 0) throw new NoTargetError();
  for (const level of targets.values()) if (level < 1 || level > highestLevel) throw new InvalidCampaignFieldError('level', highestLevel);
  return [...targets].map(([competenceId, level]) => ({ competenceId, level }));
}

export async function checkedFields(deps: CampaignDeps, schoolId: string, raw: CampaignInput): Promise<CampaignFields> {
  const parsed = campaignInputSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCampaignFieldError('name');
  const input = parsed.data;
  const name = input.name.trim();
  if (!name) throw new InvalidCampaignFieldError('name');
  bounded('name', name);
  let deadline: string | null = null;
  if (input.deadline) {
    deadline = parseDay(input.deadline);
    if (!deadline || deadline < parisDay(deps.clock())) throw new InvalidCampaignFieldError('deadline');
  }
  const type = input.type;
  const targets = type === 'assessment' ? targetsOf(deps.assessment.framework, deps.assessment.settings.highestLevel, input) : [];

  const asked = [...new Set(input.divisions.map((d) => d.trim()).filter(Boolean))];
  if (asked.length === 0) throw new NoDivisionsError();
  const known = (await deps.schools.students.divisions(schoolId)).map((d) => d.division);
  const divisions: string[] = [];
  const unknown: string[] = [];
  for (const d of asked) {
    const found = known.find((k) => k.toLowerCase() === d.toLowerCase());
    if (found) divisions.push(found);
    else unknown.push(d);
  }
  if (unknown.length) throw new UnknownDivisionsError(unknown);

  return {
    name,
    type,
    targetName: type === 'assessment' && input.targetName ? readyMadeTarget(input.targetName)!.name : null,
    targets,
    divisions: [...new Set(divisions)],
    title: bounded('title', input.title),
    landingText: bounded('landingText', input.landingText),
    externalIdLabel: bounded('externalIdLabel', input.externalIdLabel),
    multipleSendings: input.multipleSendings,
    deadline,
  };
}
