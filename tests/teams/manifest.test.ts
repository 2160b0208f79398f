/** Layer: packaging. The Teams app package validates offline against Microsoft's schema and lists the table's commands. */
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { ASSESSMENT_COMMANDS } from '../../src/teams/assessment-commands.js';
import { CERTIFICATION_COMMANDS } from '../../src/teams/certification-commands.js';
import { ACCOUNT_COMMANDS } from '../../src/teams/account-commands.js';
import { SCHOOL_COMMANDS } from '../../src/teams/school-commands.js';
import { buildManifest, ManifestError, manifestPackage, validateManifest } from '../../src/teams/manifest.js';

const options = {
  manifestDir: resolve('manifest'),
  appId: '11111111-2222-3333-4444-555555555555',
  botId: '66666666-7777-8888-9999-000000000000',
  version: '1.0.0',
  websiteUrl: 'https://partix.example.org',
};

test('the manifest is valid for its schema version and carries the command list of the command table', async () => {
  const manifest = buildManifest(options) as { bots: Array<{ botId: string; commandLists: Array<{ commands: Array<{ title: string }> }> }> };
  expect(await validateManifest(manifest as never)).toEqual([]);
  expect(manifest.bots[0]!.botId).toBe(options.botId);
  expect(manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual(['aide', 'profil', 'commencer 1.1', 'découvrir', 'rattacher', 'certification']);
});

test('the manifest’s commands are the entries of the features’ verb tables, in their order', () => {
  const commands = (buildManifest(options) as { bots: Array<{ commandLists: Array<{ commands: unknown[] }> }> }).bots[0]!.commandLists[0]!.commands;
  expect(commands[0]).toEqual(ACCOUNT_COMMANDS.help.manifest);
  expect(commands.at(-2)).toEqual(SCHOOL_COMMANDS.link.manifest);
  expect(commands.at(-1)).toEqual(CERTIFICATION_COMMANDS.certification.manifest);
  // Words without a manifest entry (the school's own commands but "rattacher") are not listed.
  expect(commands).not.toContainEqual(expect.objectContaining({ title: 'classes' }));
});

test('the package is a zip with the manifest and both icons', async () => {
  const zip = await manifestPackage(options);
  const text = zip.toString('latin1');
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(text).toContain(name);
});

test('wrong ids are refused with the option to fix', () => {
  expect(() => buildManifest({ ...options, appId: 'abc', version: 'v1' })).toThrow(ManifestError);
  expect(() => buildManifest({ ...options, appId: 'abc' })).toThrow(/--app-id doit être un GUID/);
});
