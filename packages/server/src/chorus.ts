/**
 * The emulated Chorus Pro API, at the paths it has below PISTE's base URLs: the OAuth2 token,
 * the flow and PDF deposits, and the two deposit reports. Field names and shapes are those of
 * Chorus Pro's public API as public clients use them (see README.md for the sources, and what
 * is inferred). The verdict is the core's, for the decoded file and its `syntaxeFlux`.
 */
import { getCatalogue, type Catalogue, type Diagnostic, type Report } from '@chorus-precheck/core/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { check, parisDate } from './check.js';
import { DepositStore, type DepositRecord, type ErreurDP, type ErreurTechnique, type EtatFlux } from './deposits.js';
import { CHORUS_ERRORS, ChorusError } from './errors.js';
import type { Settings } from './options.js';
import type { TokenIssuer } from './tokens.js';

/** The success `libelle` Chorus Pro answers a deposit with (as seen in public clients' fixtures). */
const OK_LIBELLE = 'GCU_MSG_01_000';

/** Registers the emulated Chorus Pro routes. */
export function chorusRoutes(app: FastifyInstance, settings: Settings, tokens: TokenIssuer, store: DepositStore): void {
  const lang = settings.lang;
  // The flow a syntaxe names, for the reports' interface code: one catalogue view per release.
  const catalogues = new Map<string, Catalogue>();
  const interfaceOf = (release: string, syntaxe: string): string | null => {
    let catalogue = catalogues.get(release);
    if (!catalogue) catalogues.set(release, (catalogue = getCatalogue({ release, overlay: settings.overrides.catalogue })));
    return catalogue.lookupSyntaxe(syntaxe).flow?.code ?? null;
  };

  // OAuth2 client credentials (RFC 6749 §4.4): any client id and secret get a short-lived token.
  app.post('/api/oauth/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const basic = basicCredentials(request.headers.authorization);
    const clientId = basic?.id ?? (typeof form.client_id === 'string' ? form.client_id : '');
    reply.header('cache-control', 'no-store');
    if (form.grant_type !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported.' });
    }
    if (clientId === '') {
      return reply.code(401).send({ error: 'invalid_client', error_description: 'client_id is missing (in the form or as HTTP Basic credentials).' });
    }
    return {
      access_token: tokens.issue(),
      token_type: 'Bearer',
      expires_in: tokens.ttlSeconds,
      scope: typeof form.scope === 'string' && form.scope !== '' ? form.scope : 'openid',
    };
  });

  // PISTE checks the bearer token, Chorus Pro the technical account header, on every call.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/cpro/')) return;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw CHORUS_ERRORS.noBearer();
    const token = tokens.verify(match[1]!);
    if (token !== 'valid') throw CHORUS_ERRORS.badBearer(token);
    const account = request.headers['cpro-account'];
    if (typeof account !== 'string' || account.trim() === '') throw CHORUS_ERRORS.noAccount();
  });

  app.post('/cpro/factures/v1/deposer/flux', async (request) => {
    const body = objectBody(request);
    const missing = ['fichierFlux', 'nomFichier', 'syntaxeFlux'].filter((f) => typeof body[f] !== 'string' || (body[f] as string).trim() === '');
    if (missing.length > 0) throw CHORUS_ERRORS.missing(missing);
    checkOptional(body);
    const nomFichier = (body.nomFichier as string).trim();
    const syntaxeFlux = (body.syntaxeFlux as string).trim();
    const bytes = decodeBase64(body.fichierFlux as string, 'fichierFlux', settings.limits.maxInputBytes);
    const now = new Date();
    // The configuration's default context is for the plain API: a deposit here is an API deposit, at the server's release.
    const result = await check(
      settings,
      [{ name: nomFichier, bytes }],
      { release: settings.release, channel: 'API', syntaxe: syntaxeFlux, depositDate: parisDate(now) },
      lang,
    );
    if (result.timedOut) throw CHORUS_ERRORS.timeout(settings.checkTimeoutMs);
    // A syntaxe that is neither in the catalogue nor a near miss of one of its values may be an
    // unpublished works-flow value: no verdict can be given, so no flow state is made up either.
    const unconfirmed = result.report.documents.flatMap((d) => d.diagnostics).find((d) => d.ruleId === 'deposit/syntaxe-unconfirmed');
    if (unconfirmed) throw CHORUS_ERRORS.unconfirmedSyntaxe({ fr: text(unconfirmed, 'fr'), en: text(unconfirmed, 'en') });
    const base = {
      numeroFluxDepot: DepositStore.newNumber(),
      nomFichier,
      syntaxeFlux,
      dateDepot: now.toISOString(),
      codeInterface: interfaceOf(result.report.release, syntaxeFlux),
    };
    const record = flowRecord(result.report, base, lang);
    store.add(record);
    return { codeRetour: 0, libelle: OK_LIBELLE, numeroFluxDepot: record.numeroFluxDepot, dateDepot: parisDate(now), syntaxeFlux };
  });

  // deposerPdfFacture: a PDF invoice image, from which the invoice is then made with `soumettre`
  // (not emulated). The file must be a readable PDF; nothing else is established here.
  app.post('/cpro/factures/v1/deposer/pdf', async (request) => {
    const body = objectBody(request);
    const missing = ['fichierFacture', 'nomFichier'].filter((f) => typeof body[f] !== 'string' || (body[f] as string).trim() === '');
    if (missing.length > 0) throw CHORUS_ERRORS.missing(missing);
    checkOptional(body);
    if (body.formatDepot !== undefined && typeof body.formatDepot !== 'string')
      throw CHORUS_ERRORS.wrongType('formatDepot', { fr: 'une chaîne', en: 'a string' });
    const nomFichier = (body.nomFichier as string).trim();
    const bytes = decodeBase64(body.fichierFacture as string, 'fichierFacture', settings.limits.maxInputBytes);
    const result = await check(settings, [{ name: nomFichier, bytes }], { release: settings.release, channel: 'API', depositDate: parisDate() }, lang);
    if (result.timedOut) throw CHORUS_ERRORS.timeout(settings.checkTimeoutMs);
    const doc = result.report.documents[0];
    const reason = doc?.diagnostics.find((d) => d.fatal === true);
    if (!doc || doc.facts.container !== 'pdf' || reason) {
      throw new ChorusError(400, 40005, {
        fr: `Le fichier n'est pas un PDF lisible${reason ? ` : ${text(reason, 'fr')}` : '.'}`,
        en: `The file is not a readable PDF${reason ? `: ${text(reason, 'en')}` : '.'}`,
      });
    }
    return { codeRetour: 0, libelle: OK_LIBELLE, pieceJointeId: Number(DepositStore.newNumber().slice(-9)), dateDepot: parisDate() };
  });

  app.post('/cpro/transverses/v1/consulterCR', async (request) => {
    const record = lookup(request, store);
    return {
      codeRetour: 0,
      libelle: OK_LIBELLE,
      numeroFluxDepot: record.numeroFluxDepot,
      nomFichierFlux: record.nomFichier,
      ...(record.codeInterface ? { codeInterfaceFlux: record.codeInterface } : {}),
      dateDepotFlux: record.dateDepot,
      etatCourantFlux: record.etat,
      dateHeureEtatCourantFlux: record.dateDepot,
    };
  });

  app.post('/cpro/transverses/v1/consulterCRDetaille', async (request) => {
    const record = lookup(request, store);
    return {
      codeRetour: 0,
      libelle: OK_LIBELLE,
      nomFichier: record.nomFichier,
      ...(record.codeInterface ? { codeInterfaceDepotFlux: record.codeInterface } : {}),
      dateDepotFlux: record.dateDepot,
      etatCourantDepotFlux: record.etat,
      dateHeureEtatCourantFlux: record.dateDepot,
      listeErreurDP: record.erreursDP,
      listeErreurTechnique: record.erreursTechniques,
    };
  });
}

/**
 * What a deposit becomes once checked: integrated when every invoice of the flow is accepted,
 * rejected when none is, partly integrated otherwise; the errors of each rejected invoice as
 * Chorus Pro lists them, and files that could not be read as technical errors.
 */
export function flowRecord(
  report: Report,
  base: Pick<DepositRecord, 'numeroFluxDepot' | 'nomFichier' | 'syntaxeFlux' | 'dateDepot' | 'codeInterface'>,
  lang: 'fr' | 'en',
): DepositRecord {
  const erreursDP: ErreurDP[] = [];
  const erreursTechniques: ErreurTechnique[] = [];
  let accepted = 0;
  let invoices = 0;
  for (const doc of report.documents) {
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    if (doc.verdict === 'unreadable') {
      // A member that is not an invoice at all (an image in a zip) is not counted, as the core
      // does not count it; what was found is still listed.
      const listed = errors.length > 0 ? errors : doc.diagnostics.filter((d) => d.severity === 'warning');
      if (errors.length > 0) invoices++;
      for (const d of listed) erreursTechniques.push({ codeErreur: d.ruleId, libelleErreur: libelle(d, lang), natureErreur: 'TECHNIQUE' });
      continue;
    }
    invoices++;
    if (doc.verdict === 'accepted') {
      accepted++;
      continue;
    }
    for (const d of errors) {
      const entry: ErreurDP = { libelleErreurDP: libelle(d, lang) };
      if (doc.facts.sellerId) entry.identifiantFournisseur = doc.facts.sellerId.value;
      if (doc.facts.buyerId) entry.identifiantDestinataire = doc.facts.buyerId.value;
      if (doc.facts.number) entry.numeroDP = doc.facts.number;
      erreursDP.push(entry);
    }
  }
  if (invoices === 0 && erreursTechniques.length === 0) {
    erreursTechniques.push({
      codeErreur: 'flow/no-invoice',
      libelleErreur: lang === 'fr' ? 'Le flux ne contient aucune facture.' : 'The flow holds no invoice.',
      natureErreur: 'TECHNIQUE',
    });
  }
  const etat: EtatFlux = accepted === 0 ? 'IN_REJETE' : accepted === invoices ? 'IN_INTEGRE' : 'IN_INTEGRE_PARTIEL';
  return { ...base, etat, erreursDP, erreursTechniques };
}

/** A diagnostic as one rejection line: the message, where it was found, and the rule id. */
function libelle(d: Diagnostic, lang: 'fr' | 'en'): string {
  const line = d.location?.line;
  const column = d.location?.column;
  const words = lang === 'fr' ? ['ligne', 'colonne'] : ['line', 'column'];
  const where = line === undefined ? '' : ` (${words[0]} ${line}${column === undefined ? '' : `, ${words[1]} ${column}`})`;
  return `${text(d, lang)}${where} [${d.ruleId}]`;
}

function text(d: Diagnostic, lang: 'fr' | 'en'): string {
  return d.messages?.[lang] ?? d.message;
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw CHORUS_ERRORS.notAnObject();
  return body as Record<string, unknown>;
}

function checkOptional(body: Record<string, unknown>): void {
  if (body.avecSignature !== undefined && body.avecSignature !== null && typeof body.avecSignature !== 'boolean') {
    throw CHORUS_ERRORS.wrongType('avecSignature', { fr: 'un booléen (true ou false)', en: 'a boolean (true or false)' });
  }
  const id = body.idUtilisateurCourant;
  if (id !== undefined && id !== null && !(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && /^\d+$/.test(id))) {
    throw CHORUS_ERRORS.wrongType('idUtilisateurCourant', { fr: 'un entier', en: 'an integer' });
  }
  if (typeof body.nomFichier === 'string' && body.nomFichier.trim().length > 200) throw CHORUS_ERRORS.fileNameTooLong(body.nomFichier.trim().length);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict base64 (line breaks allowed, as MIME encoders write them); anything else is an error. */
function decodeBase64(value: string, field: string, maxBytes: number): Uint8Array {
  const compact = /[\r\n]/.test(value) ? value.replace(/[\r\n]+/g, '') : value;
  if (!BASE64.test(compact)) throw CHORUS_ERRORS.badBase64(field);
  // A file over the limit is refused before it is decoded (3 bytes per 4 characters).
  if ((compact.length / 4) * 3 > maxBytes + 2) throw CHORUS_ERRORS.tooLarge(maxBytes);
  const buffer = Buffer.from(compact, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function lookup(request: FastifyRequest, store: DepositStore): DepositRecord {
  const body = objectBody(request);
  const numero = body.numeroFluxDepot;
  if (typeof numero !== 'string' || numero.trim() === '') throw CHORUS_ERRORS.missing(['numeroFluxDepot']);
  const record = store.get(numero.trim());
  if (!record) throw CHORUS_ERRORS.unknownFlux(numero.trim());
  return record;
}

function basicCredentials(header: string | undefined): { id: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const id = decoded.split(':')[0] ?? '';
  return id === '' ? null : { id: decodeURIComponent(id) };
}
