import { readFileSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { apiRoutes, isPlainApi } from './api.js';
import { chorusRoutes } from './chorus.js';
import { DepositStore } from './deposits.js';
import { CHORUS_ERRORS, ChorusError, ProblemError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { resolveSettings, type ServerOptions } from './options.js';
import { TokenIssuer } from './tokens.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the server (not listening yet): the emulated Chorus Pro API, the plain pre-check API,
 * `/health` and `/openapi.json`. Throws a `ServerOptionsError` for options it cannot use.
 */
export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const settings = resolveSettings(options);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: settings.bodyLimit,
    // A client that sends its body too slowly is cut off once a check would have had its time.
    requestTimeout: settings.checkTimeoutMs + 30_000,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  const tokens = new TokenIssuer(settings.tokenSecret, settings.tokenTtlSeconds);
  const store = new DepositStore(settings.maxDeposits, settings.depositTtlMs);

  // PISTE's token endpoint takes a form (RFC 6749 §4.4.2).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A bug: its stack goes to the server's log (standard error without a logger), never to the client.
    if (!(error instanceof ChorusError) && !(error instanceof ProblemError) && (typeof error.statusCode !== 'number' || error.statusCode >= 500)) {
      if (options.logger) request.log.error(error);
      else process.stderr.write(`chorus-precheck server: internal error on ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}\n`);
    }
    return answerError(error, request, reply, settings.lang, settings.bodyLimit);
  });
  app.setNotFoundHandler((request, reply) => {
    const error = isPlainApi(request)
      ? new ProblemError(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}; see /openapi.json.`)
      : CHORUS_ERRORS.notFound(request.method, request.url.split('?')[0]!);
    return answerError(error, request, reply, settings.lang, settings.bodyLimit);
  });

  chorusRoutes(app, settings, tokens, store);
  await apiRoutes(app, settings, store, VERSION);
  const document = openApiDocument(VERSION);
  app.get('/openapi.json', async () => document);
  return app;
}

/** Options of {@link startServer}. */
export interface StartOptions extends ServerOptions {
  /** The address to bind (default 127.0.0.1: reachable from this machine only). */
  host?: string;
  /** The port (default 8080; 0 picks a free one). */
  port?: number;
}

/** A listening server. */
export interface RunningServer {
  /** The base URL clients point at, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Stops accepting requests and closes the open connections. */
  close(): Promise<void>;
}

/** Builds the server and starts listening. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const app = await createServer(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 8080 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8080);
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shown}:${port}`, close: () => app.close() };
}

/** Answers any error: Chorus Pro's shape on its paths, problem details on the plain API; never a stack trace. */
function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply, lang: 'fr' | 'en', bodyLimit: number): FastifyReply {
  const plain = isPlainApi(request);
  let chorus: ChorusError | null = error instanceof ChorusError ? error : null;
  let problem: ProblemError | null = error instanceof ProblemError ? error : null;
  if (!chorus && !problem) {
    const e = error as Partial<FastifyError> & { message?: string };
    const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' || status === 413) {
      chorus = CHORUS_ERRORS.tooLarge(bodyLimit);
      problem = new ProblemError(413, 'Payload too large', `The request body may be ${bodyLimit} bytes at most (the configuration's limits.maxInputBytes).`);
    } else if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      const type = String(request.headers['content-type'] ?? 'none');
      chorus = CHORUS_ERRORS.mediaType(type);
      problem = new ProblemError(415, 'Unsupported media type', `Content type ${type} is not accepted here.`);
    } else if (status >= 400 && status < 500) {
      const detail = e.message ?? 'bad request';
      chorus =
        e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? CHORUS_ERRORS.notAnObject()
          : e instanceof SyntaxError || /JSON/i.test(e.code ?? '')
            ? CHORUS_ERRORS.badJson(detail)
            : new ChorusError(400, 40000, { fr: `Requête invalide : ${detail}`, en: `Bad request: ${detail}` });
      problem = new ProblemError(status, 'Bad request', detail);
    } else {
      chorus = CHORUS_ERRORS.internal();
      problem = new ProblemError(500, 'Internal server error', 'The error has been logged.');
    }
  }
  if (plain) {
    const p = problem ?? new ProblemError(chorus!.status, 'Error', chorus!.libelle.en);
    return reply.code(p.status).type('application/problem+json').send({ type: 'about:blank', title: p.title, status: p.status, detail: p.detail });
  }
  const c = chorus ?? new ChorusError(problem!.status, problem!.status * 100, { fr: problem!.detail, en: problem!.detail });
  return reply.code(c.status).type('application/json; charset=utf-8').send({ codeRetour: c.codeRetour, libelle: c.libelle[lang] });
}
