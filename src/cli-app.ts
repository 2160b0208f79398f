/** The app an operator's command runs on (no jobs), closed when the command ends; a bad setting or a refusal exits non-zero in words. */
import { createApp, type App } from './app.js';
import { fail, type Output } from './cli-output.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';

/** `refusal` words a use case's error for the operator (French), or returns null to let it through. */
export async function withApp<T>(out: Output, work: (app: App) => Promise<T>, refusal: (error: unknown) => string | null = () => null): Promise<T> {
  let app: App | null = null;
  try {
    app = await createApp({ ...parseConfig(process.env), JOBS_ENABLED: false }, createLogger('error'));
    return await work(app);
  } catch (error) {
    if (error instanceof ConfigError) fail(out, 'Configuration invalide :', error.problems);
    const words = refusal(error);
    if (words) fail(out, words);
    throw error;
  } finally {
    await app?.store.close();
  }
}
