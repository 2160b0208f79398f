/**
 * The Teams app package: the manifest template filled in (ids, version, the command list read from the
 * features' verb tables), checked offline against Microsoft's schema, zipped with the icons.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import yazl from 'yazl';
import { manifestCommands } from './router.js';

export interface ManifestOptions {
  manifestDir: string;
  appId: string;
  botId: string;
  version: string;
  websiteUrl: string;
  /** Host name of the bot, when it also serves pages (tabs, later). */
  domain?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`Manifeste invalide :\n- ${problems.join('\n- ')}`);
  }
}

export function buildManifest(options: ManifestOptions): Record<string, unknown> {
  const problems: string[] = [];
  if (!GUID.test(options.appId)) problems.push(`--app-id doit être un GUID (reçu « ${options.appId} »)`);
  if (!GUID.test(options.botId)) problems.push(`--bot-id doit être un GUID, l’identifiant Microsoft de l’application du bot (reçu « ${options.botId} »)`);
  if (!/^\d+\.\d+\.\d+$/.test(options.version)) problems.push(`--version doit être de la forme 1.2.3 (reçu « ${options.version} »)`);
  if (!options.websiteUrl.startsWith('https://')) problems.push('--website doit être une adresse https://');
  if (problems.length) throw new ManifestError(problems);
  const filled = readFileSync(join(options.manifestDir, 'manifest.template.json'), 'utf8')
    .replaceAll('{{appId}}', options.appId)
    .replaceAll('{{botId}}', options.botId)
    .replaceAll('{{version}}', options.version)
    .replaceAll('{{websiteUrl}}', options.websiteUrl.replace(/\/$/, ''));
  const manifest = JSON.parse(filled) as { bots: Array<{ commandLists: Array<{ commands: unknown[] }> }>; validDomains: string[] };
  // Teams shows at most 10 commands per scope; the table marks which ones belong there.
  manifest.bots[0]!.commandLists[0]!.commands = manifestCommands();
  if (options.domain) manifest.validDomains = [options.domain];
  return manifest;
}

export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const version = String(manifest.manifestVersion);
  const schema = JSON.parse(readFileSync(join(packageDir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

export async function manifestPackage(options: ManifestOptions): Promise<Buffer> {
  const manifest = buildManifest(options);
  const problems = await validateManifest(manifest);
  if (problems.length) throw new ManifestError(problems);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  zip.addFile(join(options.manifestDir, 'color.png'), 'color.png');
  zip.addFile(join(options.manifestDir, 'outline.png'), 'outline.png');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
