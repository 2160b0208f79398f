/** Every test runs with the network off: only loopback is allowed (our own server, PostgreSQL). */
import nock from 'nock';
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp.js';

nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$/.test(host));

afterAll(() => {
  nock.cleanAll();
  removeTempDirs();
});
