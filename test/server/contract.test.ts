/**
 * Requests shaped exactly as public Chorus Pro clients send them (paths, header sets, body
 * encodings and field names, read from their source; see packages/server/README.md), replayed
 * against the server: each must be understood, and each answer must carry the fields that
 * client reads. Only the base URL differs from what the client sends to PISTE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/server/src/index.js';
import { base64, SIMPLE_UBL, start } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

const LOGIN = 'TECH_1234@cpro.fr';
const PASSWORD = 'Secret!2026';
const file = () => base64(SIMPLE_UBL);

/** Python's json.dumps default output: ", " between items, ": " after keys. */
function pythonJson(value: Record<string, unknown>): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v === false ? 'false' : v === true ? 'true' : JSON.stringify(v)}`)
    .join(', ')}}`;
}

async function send(path: string, init: { headers: Record<string, string>; body: string }) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', ...init });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

describe('OCA/l10n-france, l10n_fr_chorus_account (Python, Odoo; requests + requests-oauthlib)', () => {
  // res_company.py: token form with scope openid; every call posts json.dumps(payload) to
  // {base}/cpro/{url_path} with Content-type and cpro-account, the bearer added by OAuth2Session.
  async function call(urlPath: string, payload: Record<string, unknown>, bearer: string) {
    const auth = Buffer.from(`${LOGIN}:${PASSWORD}`, 'utf8').toString('base64');
    return send(`/cpro/${urlPath}`, {
      headers: { 'Content-type': 'application/json;charset=utf-8', 'cpro-account': auth, Authorization: `Bearer ${bearer}` },
      body: pythonJson(payload),
    });
  }

  it("gets a token, deposits with the wizard's payload, and reads the flow status and errors", async () => {
    const token = await send('/api/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=oca-client&client_secret=oca-secret&scope=openid',
    });
    expect(token.status).toBe(200);
    // _get_new_token reads expires_in and keeps the whole answer as the OAuth2 token.
    expect(typeof token.body.expires_in).toBe('number');
    const bearer = token.body.access_token as string;

    // account_move.py prepare_chorus_deposer_flux_payload; wizard/account_invoice_chorus_send.py url_path.
    const deposit = await call(
      'factures/v1/deposer/flux',
      { fichierFlux: file(), nomFichier: 'UBL_chorus_facture_FAC-2026-0001.xml', syntaxeFlux: 'IN_DP_E4_UBL_INVOICE', avecSignature: false },
      bearer,
    );
    expect(deposit.status).toBe(200);
    // The wizard reads numeroFluxDepot, and dateDepot into an Odoo Date field.
    expect(deposit.body.numeroFluxDepot).toMatch(/^CPP\d{22}$/);
    expect(deposit.body.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // chorus_flow.py chorus_api_consulter_cr: consulterCRDetaille with numeroFluxDepot only.
    const cr = await call('transverses/v1/consulterCRDetaille', { numeroFluxDepot: deposit.body.numeroFluxDepot }, bearer);
    expect(cr.status).toBe(200);
    expect(cr.body.etatCourantDepotFlux).toBe('IN_REJETE');
    const errors = cr.body.listeErreurDP as Record<string, string>[];
    expect(errors).toHaveLength(1);
    // The fields the module puts in the flow's notes and uses to find the invoice back.
    expect(errors[0]).toMatchObject({ identifiantFournisseur: '35600000000048', identifiantDestinataire: '11000201100044', numeroDP: 'ENC-BOM' });
    expect(errors[0]!.libelleErreurDP).toContain('deposit/works-flow-requires-works-cadre');
  });

  it('gets a JSON libelle on an error, which chorus_post shows when the Content-Type starts with application/json', async () => {
    const answer = await call('transverses/v1/consulterCRDetaille', { numeroFluxDepot: 'CPP0000000000000000000001' }, 'not-a-token');
    expect(answer.status).toBe(401);
    expect(answer.type.startsWith('application/json')).toBe(true);
    expect(typeof answer.body.libelle).toBe('string');
  });
});

describe('SBordier44/chorus-piste, src/ChorusPiste.php (PHP; Guzzle)', () => {
  it("gets a token with form_params, then deposits and reads the detailed report with the client's default headers", async () => {
    const token = await send('/api/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'php-id', client_secret: 'php-secret', scope: 'openid' }).toString(),
    });
    const headers = {
      Authorization: `Bearer ${token.body.access_token as string}`,
      'cpro-account': Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64'),
      'Content-Type': 'application/json;charset=utf-8',
      Accept: 'application/json;charset=utf-8',
    };
    // postFluxFacture: idUtilisateurCourant 0, the name with '.xml' appended, Guzzle's 'json' option (json_encode).
    const deposit = await send('/cpro/factures/v1/deposer/flux', {
      headers,
      body: JSON.stringify({
        idUtilisateurCourant: 0,
        fichierFlux: file(),
        nomFichier: 'DepotFactureUBLE2V21.xml',
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        avecSignature: false,
      }),
    });
    expect(deposit.status).toBe(200);
    expect(deposit.body.codeRetour).toBe(0);
    // getStatusDepot: numeroFluxDepot and syntaxeFlux.
    const cr = await send('/cpro/transverses/v1/consulterCRDetaille', {
      headers,
      body: JSON.stringify({ numeroFluxDepot: deposit.body.numeroFluxDepot, syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' }),
    });
    expect(cr.status).toBe(200);
    expect(cr.body).toMatchObject({ codeRetour: 0, etatCourantDepotFlux: 'IN_INTEGRE', codeInterfaceDepotFlux: 'FSO1100A', listeErreurDP: [] });
  });
});

describe('antoine2116/go-choruspro (Go; net/http)', () => {
  it('gets a token without scope, deposits with omitempty fields, and reads both reports', async () => {
    // client.go getOAuthToken: client_id, client_secret, grant_type, form-encoded (url.Values sorts keys).
    const token = await send('/api/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=go-id&client_secret=go-secret&grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    // newRequest: Authorization, Content-Type, and cpro-account as configured (already base64).
    const headers = {
      Authorization: `Bearer ${token.body.access_token as string}`,
      'Content-Type': 'application/json;charset=utf-8',
      'cpro-account': Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64'),
    };
    // factures_depots.go DeposerFluxFactureOptions: every field omitempty, so avecSignature false
    // and idUtilisateurCourant 0 are left out; encoding/json writes struct fields in order.
    const deposit = await send('/cpro/factures/v1/deposer/flux', {
      headers,
      body: JSON.stringify({ fichierFlux: file(), nomFichier: 'facture.xml', syntaxeFlux: 'IN_DP_E1_UBL_INVOICE_B2B' }),
    });
    expect(deposit.status).toBe(200);
    // DeposerFluxFactureResponse: codeRetour, dateDepot, libelle, numeroFluxDepot, syntaxeFlux.
    expect(deposit.body).toMatchObject({ codeRetour: 0, libelle: expect.any(String), syntaxeFlux: 'IN_DP_E1_UBL_INVOICE_B2B' });
    // transverses_flux.go CompteRenduOptions: dateDepot as a time.Time, numeroFluxDepot, syntaxeFlux.
    const cr = await send('/cpro/transverses/v1/consulterCR', {
      headers,
      body: JSON.stringify({ dateDepot: new Date().toISOString(), numeroFluxDepot: deposit.body.numeroFluxDepot, syntaxeFlux: 'IN_DP_E1_UBL_INVOICE_B2B' }),
    });
    expect(cr.status).toBe(200);
    // CompteRendu: dates decoded as time.Time (RFC 3339), etatCourantFlux, nomFichierFlux.
    expect(cr.body).toMatchObject({ etatCourantFlux: 'IN_REJETE', nomFichierFlux: 'facture.xml', numeroFluxDepot: deposit.body.numeroFluxDepot });
    expect(Number.isNaN(Date.parse(cr.body.dateDepotFlux as string))).toBe(false);
    const detailed = await send('/cpro/transverses/v1/consulterCRDetaille', {
      headers,
      body: JSON.stringify({ numeroFluxDepot: deposit.body.numeroFluxDepot }),
    });
    // CompteRenduDetaille: listeErreurDP of { identifiantDestinataire, identifiantFournisseur, libelleErreurDP, numeroDP }.
    expect((detailed.body.listeErreurDP as { libelleErreurDP: string }[])[0]!.libelleErreurDP).toMatch(/\[deposit\/syntaxe-b2b-defect\]$/);
  });

  it('gets HTTP 400 with { codeRetour, libelle } for a bad request, the shape error.go parses', async () => {
    const token = await send('/api/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=go&client_secret=s&grant_type=client_credentials',
    });
    const headers = { Authorization: `Bearer ${token.body.access_token as string}`, 'Content-Type': 'application/json;charset=utf-8', 'cpro-account': 'eDp5' };
    // ConsulterCompteRenduDetaille validates NumeroFluxDepot itself; an empty one sent anyway:
    const answer = await send('/cpro/transverses/v1/consulterCRDetaille', { headers, body: JSON.stringify({ numeroFluxDepot: '' }) });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body).sort()).toEqual(['codeRetour', 'libelle']);
    expect(Number.isInteger(answer.body.codeRetour)).toBe(true);
  });
});
