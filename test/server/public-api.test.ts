/** The server package's public API, as built (an addition is deliberate, a removal a breaking change). */
import { expect, it } from 'vitest';

it('exports exactly these names', async () => {
  expect(Object.keys(await import('@chorus-precheck/server')).sort()).toEqual([
    'DepositStore',
    'SERVER_MAX_INPUT_BYTES',
    'ServerOptionsError',
    'TokenIssuer',
    'createServer',
    'flowRecord',
    'openApiDocument',
    'resolveSettings',
    'startServer',
  ]);
});
