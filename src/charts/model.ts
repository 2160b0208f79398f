/** What a class's chart shows: one bar per competence of the campaign, a mean level or a share mastered. */
import { z } from 'zod';

export const classChartSchema = z.object({
  className: z.string().min(1).max(60),
  campaignName: z.string().min(1).max(120),
  /** level: mean level reached (0..highestLevel); mastered: % of the class that masters it (0..100). */
  measure: z.enum(['level', 'mastered']),
  highestLevel: z.number().int().min(1).max(8),
  participants: z.number().int().min(0),
  competences: z
    .array(z.object({ code: z.string().regex(/^\d\.\d$/), value: z.number().min(0) }))
    .min(1)
    .max(16),
});

export type ClassChart = z.infer<typeof classChartSchema>;

/** The top of the y axis: the highest level, or 100 %. */
export const axisMax = (chart: ClassChart) => (chart.measure === 'level' ? chart.highestLevel : 100);
