/** The botbuilder CloudAdapter, authenticated whenever an app id is configured. */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export function createAdapter(config: Config, logger: Logger, options: { quiet?: boolean } = {}): CloudAdapter {
  if (!config.MicrosoftAppId && !options.quiet) {
    logger.warn(
      '!!! AUTHENTICATION IS OFF: MicrosoftAppId is empty, so /api/messages accepts unauthenticated requests. ' +
        'Use this for local development only (Agents Playground, tests); set MicrosoftAppId and MicrosoftAppPassword in production. !!!',
    );
  }
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  // Last resort: the bot answers its own errors; this only sees what escaped it.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
  };
  return adapter;
}
