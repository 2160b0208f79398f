/**
 * The card form's values (cards/campaign-form.json, inputs `in_…`) as a campaign input: a multi-select
 * arrives as "a,b,c", a toggle as "true"/"false", an empty field as "" or not at all. Checked with
 * zod here, then by the create or edit use case like any other input. Also the other way: the
 * values a form shows again (what the teacher typed, after a refusal; a campaign, to edit it).
 */
import { z } from 'zod';
import type { CampaignInput } from './fields.js';
import type { Campaign } from './model.js';
import { readyMadeTarget } from './targets.js';

const text = z.string().trim().optional().default('');
const list = text.transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const formSchema = z.object({
  in_name: text,
  in_type: z.enum(['assessment', 'profile_collection']).optional().default('assessment'),
  in_target: text,
  in_competences: list,
  in_level: text,
  in_divisions: list,
  in_title: text,
  in_landingText: text,
  in_deadline: text,
  in_multipleSendings: z.enum(['true', 'false']).optional().default('false'),
});

/** The form's fields, as the card holds them (strings). */
export const FORM_FIELDS = ['name', 'type', 'target', 'competences', 'level', 'divisions', 'title', 'landingText', 'deadline', 'multipleSendings'] as const;
export type CampaignFormValues = Record<(typeof FORM_FIELDS)[number], string>;

/** Null when the values are not the form's (another card's, or tampered with): the edge says so. */
export function campaignFormInput(values: Record<string, unknown>): CampaignInput | null {
  const parsed = formSchema.safeParse(values);
  if (!parsed.success) return null;
  const v = parsed.data;
  const level = v.in_level ? Number(v.in_level) : null;
  return {
    name: v.in_name,
    type: v.in_type,
    targetName: v.in_target || null,
    competences: v.in_competences.map((id) => ({ id })),
    level: level !== null && Number.isInteger(level) ? level : null,
    divisions: v.in_divisions,
    title: v.in_title || null,
    landingText: v.in_landingText || null,
    deadline: v.in_deadline || null,
    multipleSendings: v.in_multipleSendings === 'true',
  };
}

/** What the teacher sent, to show it again: a field that is no string (tampered) shows empty, a long one is cut. */
export function typedFormValues(values: Record<string, unknown>): CampaignFormValues {
  const read = (field: string) => {
    const value = values[`in_${field}`];
    return typeof value === 'string' ? value.slice(0, 5000) : '';
  };
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, read(f)])) as CampaignFormValues;
}

/** A campaign as its edit form shows it: the ready-made target and the competences added to it, one level when all share it. */
export function campaignFormValues(campaign: Campaign): CampaignFormValues {
  const ready = campaign.targetName ? readyMadeTarget(campaign.targetName) : null;
  const added = campaign.targets.filter((t) => !ready?.competences.some((r) => r.competenceId === t.competenceId));
  const levels = new Set(campaign.targets.map((t) => t.level));
  return {
    name: campaign.name,
    type: campaign.type,
    target: ready?.name ?? 'none',
    competences: added.map((t) => t.competenceId).join(','),
    level: levels.size === 1 ? String([...levels][0]) : '',
    divisions: campaign.divisions.join(','),
    title: campaign.title ?? '',
    landingText: campaign.landingText ?? '',
    deadline: campaign.deadline ?? '',
    multipleSendings: String(campaign.multipleSendings),
  };
}

const sameList = (a: string, b: string) => a.split(',').map((x) => x.trim()).filter(Boolean).sort().join(',') === b.split(',').map((x) => x.trim()).filter(Boolean).sort().join(',');

/**
 * The changes an edit form asks for: every field, but the target only when its choices differ from
 * what the form showed (one level per form cannot say "1.1 up to 3, 2.1 up to 5": a target left
 * alone stays as it was, and is not refused as changed once students joined). Null as above.
 */
export function campaignFormChanges(values: Record<string, unknown>, campaign: Campaign): Partial<CampaignInput> | null {
  const input = campaignFormInput(values);
  if (!input) return null;
  const typed = typedFormValues(values);
  const shown = campaignFormValues(campaign);
  const untouched = input.type === campaign.type && (typed.target || 'none') === shown.target && sameList(typed.competences, shown.competences) && typed.level.trim() === shown.level;
  if (!untouched) return input;
  const { targetName: _t, competences: _c, level: _l, ...rest } = input;
  return rest;
}
