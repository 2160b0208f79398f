/**
 * A bare echo bot on the same stack (restify, CloudAdapter, connector): the baseline that `npm run
 * bench` measures Partix's answer turn against. Not used in production. Its adapter is botbuilder's
 * own, as it comes: none of Partix's (kept clients, bounded replies).
 */
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { authenticationSettings, createAdapter } from './adapter.js';
import type { ChatEndpoint } from './index.js';
import { createSender } from './proactive.js';

export function createEchoEndpoint(config: Config, logger: Logger): ChatEndpoint {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationSettings(config)));
  adapter.onTurnError = async (context, error) => logger.error({ err: error }, 'echo turn failed');
  return {
    sender: createSender(createAdapter(config, logger, { quiet: true }), config.MicrosoftAppId, config.CONNECTOR_TIMEOUT_MS),
    handle: (req, res) =>
      adapter.process(req, res, async (context) => {
        const a = context.activity;
        if (a.type === ActivityTypes.Invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } } });
        }
        await context.sendActivity(`echo: ${a.text ?? JSON.stringify(a.value ?? {})}`);
      }),
  };
}
