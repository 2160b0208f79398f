/** Layer: use cases, on SQLite. The card form's values become a campaign, or the same refusals as the one-line form. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { NoDivisionsError, NoTargetError } from '../../src/campaigns/errors.js';
import { campaignFormInput } from '../../src/campaigns/form.js';
import { makeWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.close();
});

const form = (values: Record<string, unknown>) => campaignFormInput({ in_name: 'Bilan', in_target: 'none', in_level: '5', in_multipleSendings: 'false', ...values })!;

describe('the campaign form', () => {
  it('creates the campaign its inputs describe: multi-selects, level, toggle, optional texts', async () => {
    const campaign = await createCampaign({ userId: world.teacher, input: form({ in_competences: '1.1,2.1', in_level: '3', in_divisions: '4A,4B', in_title: ' Mi-année ', in_deadline: '2026-06-30', in_multipleSendings: 'true' }), deps: world.deps });
    expect(campaign).toMatchObject({ name: 'Bilan', type: 'assessment', targets: [{ competenceId: '1.1', level: 3 }, { competenceId: '2.1', level: 3 }], divisions: ['4A', '4B'], title: 'Mi-année', landingText: null, deadline: '2026-06-30', multipleSendings: true });
  });

  it('a profile collection needs no competence; an assessment without one, or a form without class, is refused', async () => {
    expect((await createCampaign({ userId: world.teacher, input: form({ in_type: 'profile_collection', in_divisions: '4A' }), deps: world.deps })).type).toBe('profile_collection');
    await expect(createCampaign({ userId: world.teacher, input: form({ in_divisions: '4A' }), deps: world.deps })).rejects.toBeInstanceOf(NoTargetError);
    await expect(createCampaign({ userId: world.teacher, input: form({ in_competences: '1.1' }), deps: world.deps })).rejects.toBeInstanceOf(NoDivisionsError);
  });

  it('refuses values that are not the form’s', () => {
    expect(campaignFormInput({ in_type: 'quiz' })).toBeNull();
    expect(campaignFormInput({ in_name: { $ne: 1 } })).toBeNull();
  });
});
