/** How every `partix` subcommand speaks: human text or --json, and a non-zero exit on failure. */
export interface Output {
  json: boolean;
}

export function print(out: Output, human: string, data: unknown): void {
  process.stdout.write(out.json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
}

export function fail(out: Output, message: string, details: string[] = []): never {
  if (out.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message, details }, null, 2)}\n`);
  else process.stderr.write(`${message}${details.length ? `\n- ${details.join('\n- ')}` : ''}\n`);
  process.exit(1);
}
