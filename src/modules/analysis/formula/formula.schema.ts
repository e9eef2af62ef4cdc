// A user-defined combination as stored and as submitted from a form. The formula must parse; whether its
// indicators exist depends on the catalogue in force, so the service checks that with checkFormula.
import { z } from 'zod';
import { parseFormula } from './formula.parser.ts';

export const COMBINATION_POLARITIES = ['higher-is-worse', 'lower-is-worse', 'no-judgement'] as const;

export const userCombinationSchema = z.object({
  name: z
    .string({ error: 'Enter a name for the combination' })
    .trim()
    .min(1, 'Enter a name for the combination')
    .max(120, 'Name must be 120 characters or fewer'),
  description: z
    .string({ error: 'Description must be text' })
    .trim()
    .max(1000, 'Description must be 1,000 characters or fewer')
    .default(''),
  formula: z.string({ error: 'Enter a formula' }).superRefine((text, ctx) => {
    if (text.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter a formula' });
      return;
    }
    const parsed = parseFormula(text);
    if (parsed.ok) return;
    for (const problem of parsed.problems) {
      ctx.addIssue({ code: 'custom', message: problem.message, params: { position: problem.position } });
    }
  }),
  unit: z
    .string({ error: 'Enter the unit, for example per 10,000 children' })
    .trim()
    .min(1, 'Enter the unit, for example per 10,000 children')
    .max(60, 'Unit must be 60 characters or fewer'),
  polarity: z.enum(COMBINATION_POLARITIES, {
    error: 'Select whether higher values are worse, lower values are worse, or neither',
  }),
});

export type UserCombination = z.infer<typeof userCombinationSchema>;
export type UserCombinationInput = z.input<typeof userCombinationSchema>;
