/**
 * Routes a payload to the handler of its verb. Every feature of the chat is one line of FEATURES:
 * its verb table (the words typed, the help line, the manifest entry) and its handler table, built
 * from the feature's own deps, which must have one handler per verb or it does not compile.
 *
 * To add a feature (campaigns are next, then certification): write `campaign-commands.ts` (its
 * verbs and their table, `satisfies Record<CampaignVerb, CommandSpec>`) and `campaign-handlers.ts`
 * (`campaignHandlers(deps)` returning an object that `satisfies Record<CampaignVerb, Handler>`), then
 * add one line below. Its deps then appear in RouterDeps (the compiler asks src/app.ts for them), its
 * verbs in the payload schema, the help card and the manifest's command list; a verb already in
 * another table is refused at load. Its domain errors get their words in error-messages.ts, the
 * one map from errors to messages.
 */
import type { Messages } from '../i18n/messages.js';
import { ACCOUNT_COMMANDS } from './account-commands.js';
import { accountHandlers } from './account-handlers.js';
import { ASSESSMENT_COMMANDS } from './assessment-commands.js';
import { CAMPAIGN_COMMANDS } from './campaign-commands.js';
import { campaignHandlers } from './campaign-handlers.js';
import { typedCampaignSkip } from './campaign-student-handlers.js';
import { assessmentHandlers } from './assessment-handlers.js';
import { offeredTo, payloadSchema, type Role } from './commands.js';
import { SCHOOL_COMMANDS } from './school-commands.js';
import { CERTIFICATION_COMMANDS } from './certification-commands.js';
import { certificationHandlers } from './certification-handlers.js';
import { receiveSentFile, schoolHandlers } from './school-handlers.js';
import type { CommandSpec, EdgeTools, Feature, FileHandler, Handler, Reply, SentFile, Turn } from './turn.js';

/** Checks a feature's two tables against each other. */
function feature<V extends string, D>(f: Feature<V, D>): Feature<V, D> {
  return f;
}

const FEATURES = {
  account: feature({ commands: ACCOUNT_COMMANDS, handlers: accountHandlers }),
  assessment: feature({ commands: ASSESSMENT_COMMANDS, handlers: assessmentHandlers }),
  school: feature({ commands: SCHOOL_COMMANDS, handlers: schoolHandlers, file: receiveSentFile }),
  certification: feature({ commands: CERTIFICATION_COMMANDS, handlers: certificationHandlers }),
  campaign: feature({ commands: CAMPAIGN_COMMANDS, handlers: campaignHandlers }),
};

type Features = typeof FEATURES;
/** The same features, seen each with its own deps, so that a loop over them stays typed. */
const BY_DEPS: { [K in keyof Features]: Feature<string, RouterDeps[K]> } = FEATURES;
type DepsOf<F> = F extends Feature<string, infer D> ? D : never;
type VerbsOf<F> = F extends Feature<infer V, infer _D> ? V : never;

/** Each feature's own deps, under its name. */
export type RouterDeps = { [K in keyof Features]: DepsOf<Features[K]> };
export type Verb = VerbsOf<Features[keyof Features]>;

/** Every verb's line, in the order of the features then of their tables (the help card's order). */
const NAMES = Object.keys(FEATURES) as Array<keyof Features>;
export const COMMANDS: Readonly<Record<Verb, CommandSpec>> = Object.assign({}, ...NAMES.map((name) => FEATURES[name].commands));
export const VERBS = Object.keys(COMMANDS) as readonly Verb[];
// Two features with the same verb would silently lose one handler: refused when the module loads.
if (NAMES.reduce((n, name) => n + Object.keys(FEATURES[name].commands).length, 0) !== VERBS.length) {
  throw new Error('a verb is in two features’ tables');
}
export const cardPayloadSchema = payloadSchema(VERBS);

/** The help card's lines for a role: a student never reads a staff command. */
export function helpLines(t: Messages, role: Role): string[] {
  return Object.values<CommandSpec>(COMMANDS).flatMap((c) => (c.help && offeredTo(c, role) ? [c.help(t)] : []));
}

/** The manifest's command list: the commands marked for it, in table order (Teams shows 10). */
export function manifestCommands(): Array<{ title: string; description: string }> {
  return Object.values<CommandSpec>(COMMANDS)
    .flatMap((c) => (c.manifest ? [c.manifest] : []))
    .slice(0, 10);
}

export interface Router {
  route(turn: Turn): Promise<Reply>;
  /** A file sent in chat, to the feature that takes files. */
  routeFile(turn: Turn, file: SentFile): Promise<Reply>;
}

/** The handler tables, built once from each feature's deps. */
export function createRouter(deps: RouterDeps): Router {
  const edge: EdgeTools = { helpLines };
  const table: Record<string, Handler> = Object.assign({}, ...NAMES.map((name) => handlersOf(name, deps[name], edge)));
  const files = NAMES.flatMap((name) => fileHandlerOf(name, deps[name]));
  return {
    async route(given) {
      const turn = await typedSkipOf(given, deps);
      const handler = table[turn.payload.verb];
      if (!handler) throw new Error(`no handler for verb ${turn.payload.verb}`);
      return handler(turn);
    },
    async routeFile(turn, file) {
      if (!files[0]) throw new Error('no feature takes files');
      return files[0](turn, file);
    },
  };
}

/**
 * A typed "passer" / "skip" (the competence test's verb, naming no question) skips the pending
 * question: the campaign's when it is a question of a running participation (the campaign's next
 * card follows, not the competence test's), else the competence test's. Decided here only.
 */
async function typedSkipOf(turn: Turn, deps: RouterDeps): Promise<Turn> {
  if (turn.payload.verb !== 'skip' || turn.payload.challengeId) return turn;
  const campaign = await typedCampaignSkip(deps.campaign, turn);
  return campaign ? { ...turn, payload: campaign } : turn;
}

function handlersOf<K extends keyof Features>(name: K, deps: RouterDeps[K], edge: EdgeTools): Record<string, Handler> {
  return BY_DEPS[name].handlers(deps, edge);
}

function fileHandlerOf<K extends keyof Features>(name: K, deps: RouterDeps[K]): FileHandler[] {
  const file = BY_DEPS[name].file;
  return file ? [file(deps)] : [];
}
