/**
 * Microsoft's token signing keys, fetched with a deadline and cached, failures included.
 *
 * botframework-connector 4.23 fetches them (one OpenID metadata document per issuer family, then its
 * keys) with no timeout, so a network that drops packets holds every authenticated request for
 * minutes; while the fetch fails it refetches on every request, one fetch per concurrent request,
 * and its error text reaches the HTTP answer. Its cache of those documents (a static Map of
 * JwtTokenExtractor, not exported) is replaced by one that builds the guarded version below; the
 * token checks themselves stay botbuilder's.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';

export interface SigningKeySettings {
  /** For the metadata document and the keys together. */
  timeoutMs: number;
  /** How long a failed fetch is remembered: requests meanwhile are refused without fetching. */
  failureTtlMs: number;
  onFailure: (details: { url: string; error: string }) => void;
}

/** The keys could not be fetched (now, or within failureTtlMs): the request can be retried later. */
export class SigningKeysUnavailable extends Error {
  constructor() {
    super('signing keys unavailable');
    this.name = 'SigningKeysUnavailable';
  }
}

const REFRESH_MS = 24 * 3600 * 1000;
/** A key id we do not know may be a new key: look again, but not more often than this. */
const UNKNOWN_KEY_REFRESH_MS = 5 * 60 * 1000;

const metadataSchema = z.object({ jwks_uri: z.string().url().refine((u) => u.startsWith('https://'), 'https') });
const keysSchema = z.object({
  keys: z.array(z.object({ kid: z.string().optional(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() }).passthrough()),
});

interface SigningKey {
  key: KeyObject;
  endorsements?: string[];
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
  return res.json();
}

/** Same contract as botframework-connector's OpenIdMetadata.getKey, which is all JwtTokenExtractor calls. */
class GuardedOpenIdMetadata {
  private keys = new Map<string, SigningKey>();
  private fetchedAt = 0;
  private attemptedAt = 0;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly settings: SigningKeySettings,
  ) {}

  /** A key already fetched, without fetching. */
  peek(keyId: string): KeyObject | null {
    return this.keys.get(keyId)?.key ?? null;
  }

  async getKey(keyId: string): Promise<SigningKey | null> {
    const now = Date.now();
    const stale = now - this.fetchedAt > REFRESH_MS;
    const unknown = !this.keys.has(keyId) && now - this.attemptedAt > UNKNOWN_KEY_REFRESH_MS;
    if (stale || unknown || this.inflight) {
      try {
        await this.refresh();
      } catch (error) {
        // Keys fetched earlier still verify tokens while Microsoft cannot be reached.
        if (this.keys.size === 0) throw error;
      }
    }
    return this.keys.get(keyId) ?? null;
  }

  private refresh(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (Date.now() - this.failedAt < this.settings.failureTtlMs) return Promise.reject(new SigningKeysUnavailable());
    this.attemptedAt = Date.now();
    this.inflight = this.fetchKeys()
      .then(
        (keys) => {
          this.keys = keys;
          this.fetchedAt = Date.now();
        },
        (error: unknown) => {
          this.failedAt = Date.now();
          this.settings.onFailure({ url: this.url, error: String((error as Error)?.message ?? error).slice(0, 200) });
          throw new SigningKeysUnavailable();
        },
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async fetchKeys(): Promise<Map<string, SigningKey>> {
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    const { jwks_uri } = metadataSchema.parse(await getJson(this.url, signal));
    const { keys } = keysSchema.parse(await getJson(jwks_uri, signal));
    const found = new Map<string, SigningKey>();
    for (const k of keys) {
      // Only RSA keys sign Bot Framework tokens (RS256/384/512).
      if (!k.kid || !k.n || !k.e) continue;
      const key = createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' });
      found.set(k.kid, { key, ...(k.endorsements ? { endorsements: k.endorsements } : {}) });
    }
    return found;
  }
}

class GuardedMetadataCache extends Map<string, GuardedOpenIdMetadata> {
  constructor(private readonly settings: SigningKeySettings) {
    super();
  }

  override get(url: string): GuardedOpenIdMetadata {
    let metadata = super.get(url);
    if (!metadata) {
      metadata = new GuardedOpenIdMetadata(url, this.settings);
      super.set(url, metadata);
    }
    return metadata;
  }
}

const require = createRequire(import.meta.url);
let current: GuardedMetadataCache | null = null;

/** A signing key with this id, if one was fetched already (any issuer family). */
export function knownSigningKey(keyId: string): KeyObject | null {
  for (const metadata of current?.values() ?? []) {
    const key = metadata.peek(keyId);
    if (key) return key;
  }
  return null;
}

/**
 * Puts the guarded cache in place (a fresh one at each call: each app starts with no keys). Returns
 * false when botframework-connector no longer has the shape this relies on.
 */
export function guardSigningKeys({ settings }: { settings: SigningKeySettings }): boolean {
  const extractor = (require('botframework-connector/lib/auth/jwtTokenExtractor') as { JwtTokenExtractor?: { openIdMetadataCache?: unknown } }).JwtTokenExtractor;
  if (!extractor || !(extractor.openIdMetadataCache instanceof Map)) return false;
  current = new GuardedMetadataCache(settings);
  extractor.openIdMetadataCache = current;
  return true;
}
