/**
 * The card form's values (cards/campaign-form.json, inputs `in_…`) as a campaign input: a multi-select
 * arrives as "a,b,c", a toggle as "true"/"false", an empty field as "" or not at all. Checked with
 * zod here, then by the create use case like any other input.
 */
import { z } from 'zod';
import type { CampaignInput } from './fields.js';

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
