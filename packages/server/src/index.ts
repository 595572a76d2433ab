/**
 * @chorus-precheck/server: a local Chorus Pro deposit API that answers with chorus-precheck's
 * rules, and a plain pre-check API. Started by `chorus-precheck serve`.
 */
export { createServer, startServer, type StartOptions, type RunningServer } from './server.js';
export { resolveSettings, ServerOptionsError, SERVER_MAX_INPUT_BYTES, type ServerOptions, type Settings } from './options.js';
export { DepositStore, type DepositRecord, type ErreurDP, type ErreurTechnique, type EtatFlux } from './deposits.js';
export { TokenIssuer, type TokenCheck } from './tokens.js';
export { flowRecord } from './chorus.js';
export { openApiDocument } from './openapi.js';
