/**
 * The emulated Chorus Pro API over real HTTP: token → deposit → reports, the verdict of our
 * rules for the decoded file and its syntaxeFlux, and the errors Chorus Pro answers with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenIssuer, type RunningServer } from '../../packages/server/src/index.js';
import { base64, chorusHeaders, post, SIMPLE_UBL, start, token } from './helpers.js';
import { schemaErrors } from './openapi-schemas.js';

let server: RunningServer;
let headers: Record<string, string>;

beforeAll(async () => {
  server = await start({ tokenSecret: 'shared-secret' });
  headers = chorusHeaders(await token(server.url));
});
afterAll(() => server.close());

async function deposit(file: string, syntaxeFlux: string, nomFichier = file.split('/').at(-1)!) {
  const answer = await post(`${server.url}/cpro/factures/v1/deposer/flux`, headers, {
    idUtilisateurCourant: 0,
    fichierFlux: base64(file),
    nomFichier,
    syntaxeFlux,
    avecSignature: false,
  });
  expect(answer.status).toBe(200);
  expect(schemaErrors('DeposerFluxResponse', answer.body)).toEqual([]);
  return answer.body.numeroFluxDepot as string;
}

async function detailed(numeroFluxDepot: string) {
  const answer = await post(`${server.url}/cpro/transverses/v1/consulterCRDetaille`, headers, { numeroFluxDepot });
  expect(answer.status).toBe(200);
  expect(schemaErrors('ConsulterCRDetailleResponse', answer.body)).toEqual([]);
  return answer.body as {
    etatCourantDepotFlux: string;
    codeInterfaceDepotFlux?: string;
    listeErreurDP: { libelleErreurDP: string; numeroDP?: string }[];
    listeErreurTechnique: { codeErreur: string; libelleErreur: string }[];
  };
}

describe('token', () => {
  it('gives a short-lived bearer token for any client credentials, form or HTTP Basic', async () => {
    const form = await post(
      `${server.url}/api/oauth/token`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials&client_id=x&client_secret=y',
    );
    expect(form.status).toBe(200);
    expect(schemaErrors('Token', form.body)).toEqual([]);
    expect(form.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid' });
    const basic = await post(
      `${server.url}/api/oauth/token`,
      { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('x:y').toString('base64')}` },
      'grant_type=client_credentials',
    );
    expect(basic.status).toBe(200);
  });

  it('refuses another grant type and a request without client id, as OAuth2 says', async () => {
    const grant = await post(`${server.url}/api/oauth/token`, { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=password&client_id=x');
    expect([grant.status, grant.body.error]).toEqual([400, 'unsupported_grant_type']);
    const client = await post(`${server.url}/api/oauth/token`, { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials');
    expect([client.status, client.body.error]).toEqual([401, 'invalid_client']);
  });
});

describe('deposit and report cycle', () => {
  it('integrates a simple invoice deposited with its syntaxe: consulterCR and consulterCRDetaille say IN_INTEGRE', async () => {
    const numero = await deposit(SIMPLE_UBL, 'IN_DP_E1_UBL_INVOICE');
    expect(numero).toMatch(/^CPP\d{22}$/);
    const cr = await post(`${server.url}/cpro/transverses/v1/consulterCR`, headers, { numeroFluxDepot: numero, syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' });
    expect(cr.status).toBe(200);
    expect(schemaErrors('ConsulterCRResponse', cr.body)).toEqual([]);
    expect(cr.body).toMatchObject({
      codeRetour: 0,
      numeroFluxDepot: numero,
      etatCourantFlux: 'IN_INTEGRE',
      codeInterfaceFlux: 'FSO1100A',
      nomFichierFlux: 'utf-8-bom-ubl.xml',
    });
    const report = await detailed(numero);
    expect(report).toMatchObject({ etatCourantDepotFlux: 'IN_INTEGRE', codeInterfaceDepotFlux: 'FSO1100A', listeErreurDP: [], listeErreurTechnique: [] });
  });

  it('rejects a simple invoice deposited with a works-only syntaxe, with the rule and its French message in the detailed report', async () => {
    const report = await detailed(await deposit(SIMPLE_UBL, 'IN_DP_E4_UBL_INVOICE'));
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.codeInterfaceDepotFlux).toBe('FSO1130A');
    expect(report.listeErreurDP).toEqual([
      {
        identifiantFournisseur: '35600000000048',
        identifiantDestinataire: '11000201100044',
        numeroDP: 'ENC-BOM',
        libelleErreurDP: expect.stringMatching(/^Le flux FSO1130A est réservé aux factures de travaux.*\[deposit\/works-flow-requires-works-cadre\]$/),
      },
    ]);
  });

  it('rejects the defective B2B values of 3.8.1 and names the value to choose', async () => {
    const report = await detailed(await deposit(SIMPLE_UBL, 'IN_DP_E1_UBL_INVOICE_B2B'));
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.listeErreurDP.map((e) => e.libelleErreurDP)).toEqual([expect.stringMatching(/IN_DP_E1_UBL_INVOICE\b.*\[deposit\/syntaxe-b2b-defect\]$/)]);
  });

  it.each([
    ['IN_DP_E1_FACTURX', 'IN_DP_E2_CII_FACTURX'],
    ['IN_DP_E1_UBL_INVOICE_2', 'IN_DP_E1_UBL_INVOICE'],
  ])('rejects the misspelled syntaxe %s seen in client code, suggesting %s', async (syntaxe, nearest) => {
    const report = await detailed(await deposit(SIMPLE_UBL, syntaxe));
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.codeInterfaceDepotFlux).toBeUndefined();
    expect(report.listeErreurDP.map((e) => e.libelleErreurDP)).toEqual([
      expect.stringMatching(new RegExp(`${syntaxe}.*${nearest}.*\\[deposit/syntaxe-exists\\]$`)),
    ]);
  });

  it('does not simulate a deposit on a syntaxe outside the catalogue that may be an unpublished works-flow value', async () => {
    const answer = await post(`${server.url}/cpro/factures/v1/deposer/flux`, headers, {
      fichierFlux: base64(SIMPLE_UBL),
      nomFichier: 'f.xml',
      syntaxeFlux: 'IN_DP_E2_PDF',
    });
    expect([answer.status, answer.body.codeRetour]).toEqual([400, 40006]);
    expect(answer.body.libelle).toMatch(/^Dépôt non simulé : .*IN_DP_E2_PDF.*surcouche de catalogue.*IN_DP_E1_CII\.$/);
  });

  it('integrates a batch partly: the accepted invoice goes through, the others are listed', async () => {
    const report = await detailed(await deposit('fixtures/generated/batch.zip', 'IN_DP_E1_UBL_INVOICE'));
    expect(report.etatCourantDepotFlux).toBe('IN_INTEGRE_PARTIEL');
    expect(report.listeErreurDP.length).toBeGreaterThan(0);
    expect(report.listeErreurTechnique.map((e) => e.codeErreur)).toEqual(['read/unrecognised-content']);
  });

  it('rejects an unreadable file with a technical error that says where it broke', async () => {
    const report = await detailed(await deposit('fixtures/generated/truncated-cii.xml', 'IN_DP_E1_CII_16B'));
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.listeErreurDP).toEqual([]);
    expect(report.listeErreurTechnique).toEqual([
      expect.objectContaining({ codeErreur: expect.stringMatching(/^read\//), libelleErreur: expect.stringMatching(/\(ligne \d+/) }),
    ]);
  });

  it('takes a PDF on the PDF deposit endpoint and refuses what is not a PDF', async () => {
    const pdf = await post(`${server.url}/cpro/factures/v1/deposer/pdf`, headers, {
      idUtilisateurCourant: 0,
      fichierFacture: base64('fixtures/generated/plain.pdf'),
      nomFichier: 'facture.pdf',
      formatDepot: 'PDF_NON_SIGNE',
    });
    expect(pdf.status).toBe(200);
    expect(schemaErrors('DeposerPdfResponse', pdf.body)).toEqual([]);
    const xml = await post(`${server.url}/cpro/factures/v1/deposer/pdf`, headers, { fichierFacture: base64(SIMPLE_UBL), nomFichier: 'facture.pdf' });
    expect([xml.status, xml.body.codeRetour]).toEqual([400, 40005]);
  });
});

describe('errors, as Chorus Pro answers them: HTTP 4xx with codeRetour and libelle, never a stack trace', () => {
  const url = () => `${server.url}/cpro/factures/v1/deposer/flux`;
  const good = () => ({ fichierFlux: base64(SIMPLE_UBL), nomFichier: 'f.xml', syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' });
  function chorusError(answer: { status: number; body: Record<string, unknown> }, status: number, codeRetour: number) {
    expect(answer.status).toBe(status);
    expect(schemaErrors('ChorusError', answer.body)).toEqual([]);
    expect(answer.body.codeRetour).toBe(codeRetour);
    expect(String(answer.body.libelle)).not.toMatch(/\bat .*\.(js|ts):\d+|Error:/);
  }

  it('bad JSON', async () => chorusError(await post(url(), headers, '{"fichierFlux": '), 400, 40001));
  it('a body that is not an object', async () => chorusError(await post(url(), headers, '[1]'), 400, 40001));
  it('missing fields, each named', async () => {
    const answer = await post(url(), headers, { nomFichier: 'f.xml' });
    chorusError(answer, 400, 40002);
    expect(answer.body.libelle).toBe('Champ(s) obligatoire(s) absent(s) ou vide(s) : fichierFlux, syntaxeFlux.');
  });
  it('a mistyped avecSignature', async () => chorusError(await post(url(), headers, { ...good(), avecSignature: 'oui' }), 400, 40002));
  it('bad base64', async () => chorusError(await post(url(), headers, { ...good(), fichierFlux: 'PD94bWwg*dmVyc2lvbj0=' }), 400, 40003));
  it('an unknown flow number', async () =>
    chorusError(await post(`${server.url}/cpro/transverses/v1/consulterCRDetaille`, headers, { numeroFluxDepot: 'CPP0000000000000000000000' }), 400, 40004));
  it('an unknown service', async () => chorusError(await post(`${server.url}/cpro/factures/v1/deposer/nothing`, headers, {}), 404, 40401));
  it('another content type', async () => chorusError(await post(url(), { ...headers, 'content-type': 'text/xml' }, '<a/>'), 415, 41501));
  it('no bearer token', async () => {
    const { authorization: _, ...rest } = headers;
    chorusError(await post(url(), rest, good()), 401, 40101);
  });
  it('a token this server did not issue, and an expired one', async () => {
    chorusError(await post(url(), { ...headers, authorization: 'Bearer abc.def.ghi' }, good()), 401, 40102);
    const expired = new TokenIssuer('shared-secret', 60).issue(Date.now() - 120_000);
    const answer = await post(url(), { ...headers, authorization: `Bearer ${expired}` }, good());
    chorusError(answer, 401, 40102);
    expect(answer.body.libelle).toMatch(/expiré/);
  });
  it('no cpro-account header', async () => {
    const { 'cpro-account': _, ...rest } = headers;
    chorusError(await post(url(), rest, good()), 401, 40103);
  });
});

describe('limits from the configuration, per request', () => {
  let small: RunningServer;
  let smallHeaders: Record<string, string>;
  beforeAll(async () => {
    small = await start({ config: { file: 'inline', context: {}, severity: {}, catalogue: null, limits: { maxInputBytes: 4096 } } });
    smallHeaders = chorusHeaders(await token(small.url));
  });
  afterAll(() => small.close());

  it('answers 413 for a body over the limit, before reading it', async () => {
    const big = Buffer.alloc(20_000, 'a').toString('base64');
    const answer = await post(`${small.url}/cpro/factures/v1/deposer/flux`, smallHeaders, {
      fichierFlux: big,
      nomFichier: 'f.xml',
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    });
    expect([answer.status, answer.body.codeRetour]).toEqual([413, 41301]);
  });

  it('answers 413 for a decoded file over the limit in a body under it', async () => {
    const file = Buffer.alloc(4500, 'a').toString('base64');
    const answer = await post(`${small.url}/cpro/factures/v1/deposer/flux`, smallHeaders, {
      fichierFlux: file,
      nomFichier: 'f.xml',
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    });
    expect([answer.status, answer.body.codeRetour]).toEqual([413, 41301]);
  });
});
