/**
 * The plain pre-check API, for services that do not speak Chorus Pro's: the CLI's JSON report
 * for files sent as the raw body or as multipart parts, the rules, the catalogue, the health.
 */
import multipart from '@fastify/multipart';
import { contextProblems, formatJson, interfaceOrFileName, getCatalogue, listRules, type DepositContext, type DepositInput } from '@chorus-precheck/core/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { check } from './check.js';
import type { DepositStore } from './deposits.js';
import { ProblemError } from './errors.js';
import type { Settings } from './options.js';

const CONTEXT_FIELDS = ['channel', 'syntaxe', 'interface', 'space', 'release', 'depositDate', 'lang', 'name'] as const;

/** Registers the plain API routes. */
export async function apiRoutes(app: FastifyInstance, settings: Settings, store: DepositStore, version: string): Promise<void> {
  app.get('/health', async () => ({ status: 'ok', version, release: settings.release, releases: settings.releases, deposits: store.size }));

  app.get('/v1/rules', async (request) => {
    const release = releaseOf((request.query as Record<string, unknown>).release, settings);
    return listRules({ release });
  });

  app.get('/v1/catalogue', async (request) => {
    const release = releaseOf((request.query as Record<string, unknown>).release, settings);
    const catalogue = getCatalogue({ release, overlay: settings.overrides.catalogue });
    return {
      release,
      releases: catalogue.data.releases,
      flows: catalogue.flows,
      syntaxes: catalogue.data.syntaxes.filter((s) => catalogue.lookupSyntaxe(s.value).status !== 'unknown'),
      cadres: catalogue.data.cadres,
    };
  });

  // Files come as bytes, whatever their content type (XML, PDF, zip, even JSON): the content is
  // sniffed, as the CLI does. Only this scope parses bodies that way.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: settings.limits.maxInputBytes }, (_request, body, done) => done(null, body));
    await scope.register(multipart, {
      limits: { fileSize: settings.limits.maxInputBytes, files: settings.limits.maxBatchMembers, fields: 64, fieldSize: 1024 },
    });

    scope.post('/v1/precheck', async (request, reply) => {
      const fields: Record<string, string> = {};
      const inputs: DepositInput[] = [];
      if (request.isMultipart()) {
        let total = 0;
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const buffer = await part.toBuffer();
            total += buffer.byteLength;
            if (total > settings.limits.maxInputBytes) throw tooLarge(settings);
            inputs.push({ name: part.filename || `upload-${inputs.length + 1}`, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      }
      const query = request.query as Record<string, unknown>;
      // A misspelt parameter (syntax for syntaxe) would silently check another deposit: refuse it.
      const unknown = [...Object.keys(query), ...Object.keys(fields)].filter((k) => !(CONTEXT_FIELDS as readonly string[]).includes(k));
      if (unknown.length > 0)
        throw new ProblemError(400, 'Unknown parameter', `Unknown parameter(s): ${[...new Set(unknown)].join(', ')}; known: ${CONTEXT_FIELDS.join(', ')}.`);
      for (const key of CONTEXT_FIELDS) if (typeof query[key] === 'string' && fields[key] === undefined) fields[key] = query[key] as string;
      if (!request.isMultipart()) {
        const body = request.body;
        if (Buffer.isBuffer(body) && body.byteLength > 0)
          inputs.push({ name: fields.name ?? 'upload', bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
      }
      if (inputs.length === 0) throw new ProblemError(400, 'No file', 'Send the file as the request body, or as one or more multipart file parts.');
      const lang = langOf(fields.lang, settings);
      const context = contextOf(fields, settings);
      const result = await check(settings, inputs, context, lang);
      if (result.timedOut)
        throw new ProblemError(503, 'Check timed out', `Checking took more than ${settings.checkTimeoutMs} ms; try again or raise the time limit.`);
      return reply.type('application/json; charset=utf-8').send(formatJson(result.report));
    });
  });
}

function tooLarge(settings: Settings): ProblemError {
  return new ProblemError(
    413,
    'Payload too large',
    `The files may total ${settings.limits.maxInputBytes} bytes at most (the configuration's limits.maxInputBytes).`,
  );
}

function releaseOf(value: unknown, settings: Settings): string {
  if (value === undefined || value === '') return settings.release;
  if (typeof value !== 'string' || !settings.releases.includes(value)) {
    throw new ProblemError(400, 'Unknown release', `release must be one of ${settings.releases.join(', ')}; got "${String(value)}".`);
  }
  return value;
}

function langOf(value: string | undefined, settings: Settings): 'fr' | 'en' {
  if (value === undefined || value === '') return settings.lang;
  if (value !== 'fr' && value !== 'en') throw new ProblemError(400, 'Bad parameter', `lang must be fr or en; got "${value}".`);
  return value;
}

/** The deposit context from query parameters or form fields, over the configuration's. */
function contextOf(fields: Record<string, string>, settings: Settings): DepositContext {
  const context: DepositContext = { ...settings.context };
  if (fields.channel) context.channel = fields.channel.toUpperCase() as DepositContext['channel'];
  if (fields.syntaxe) context.syntaxe = fields.syntaxe.trim();
  if (fields.interface) Object.assign(context, interfaceOrFileName(fields.interface));
  if (fields.space) context.space = fields.space as DepositContext['space'];
  if (fields.release) context.release = releaseOf(fields.release, settings);
  if (fields.depositDate) context.depositDate = fields.depositDate;
  const problems = contextProblems(context);
  if (problems.length > 0) throw new ProblemError(400, 'Bad parameter', `${problems.join('; ')}.`);
  return context;
}

/** Whether a request belongs to the plain API (its errors are problem details). */
export function isPlainApi(request: FastifyRequest): boolean {
  return !request.url.startsWith('/cpro/') && !request.url.startsWith('/api/oauth/');
}
