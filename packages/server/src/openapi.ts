/**
 * The OpenAPI 3.1 description of the server, served at `/openapi.json`. The tests validate it
 * against the OpenAPI 3.1 schema and check real answers against its response schemas.
 */
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const chorusError = (description: string) => ({ description, ...json(ref('ChorusError')) });
const chorusErrors = {
  400: chorusError('Malformed request: bad JSON, a missing or mistyped field, bad base64, unknown flow.'),
  401: chorusError('No bearer token, an expired or foreign one, or no cpro-account header.'),
  413: chorusError('Body or decoded file over the limit.'),
  415: chorusError('Not application/json.'),
};
const secured = [{ bearer: [], cproAccount: [] }];
const contextParameters = [
  ['channel', 'The deposit channel.', { type: 'string', enum: ['PORTAIL', 'API', 'EDI'] }],
  ['syntaxe', 'The "Syntaxe" value (syntaxeFlux), e.g. IN_DP_E1_UBL_INVOICE: gives a verdict.', { type: 'string' }],
  ['interface', 'EDI: the interface code (FSO1130A) or the EDI file name.', { type: 'string' }],
  ['space', 'The portal space.', { type: 'string', enum: ['factures', 'factures-de-travaux'] }],
  ['release', "The Chorus Pro release (default: the server's).", { type: 'string' }],
  ['depositDate', 'The deposit date, YYYY-MM-DD (default: today).', { type: 'string', format: 'date' }],
  ['lang', 'The language of the messages.', { type: 'string', enum: ['fr', 'en'] }],
  ['name', 'The file name of a raw body (default: upload).', { type: 'string' }],
].map(([name, description, schema]) => ({ name, in: 'query', required: false, description, schema }));

/** The OpenAPI 3.1 document, with the package version. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'chorus-precheck server',
      version,
      summary: "A local Chorus Pro deposit API answering with chorus-precheck's rules, and a plain pre-check API.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    paths: {
      '/api/oauth/token': {
        post: {
          tags: ['Chorus Pro'],
          summary: 'PISTE OAuth2 token (client credentials; any credentials are accepted).',
          requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } } },
          responses: {
            200: { description: 'A bearer token.', ...json(ref('Token')) },
            400: { description: 'grant_type is not client_credentials.', ...json(ref('OAuthError')) },
            401: { description: 'No client_id.', ...json(ref('OAuthError')) },
          },
        },
      },
      '/cpro/factures/v1/deposer/flux': {
        post: {
          tags: ['Chorus Pro'],
          summary: 'deposerFluxFacture: deposit an invoice flow (XML, Factur-X PDF, zip or tar.gz), checked at once.',
          security: secured,
          requestBody: { required: true, ...json(ref('DeposerFluxRequest')) },
          responses: {
            200: { description: 'Deposited; read the outcome with consulterCR or consulterCRDetaille.', ...json(ref('DeposerFluxResponse')) },
            ...chorusErrors,
            503: chorusError('The check exceeded the time limit.'),
          },
        },
      },
      '/cpro/factures/v1/deposer/pdf': {
        post: {
          tags: ['Chorus Pro'],
          summary: 'deposerPdfFacture: deposit a PDF invoice image (checked to be a readable PDF).',
          security: secured,
          requestBody: { required: true, ...json(ref('DeposerPdfRequest')) },
          responses: { 200: { description: 'Deposited.', ...json(ref('DeposerPdfResponse')) }, ...chorusErrors },
        },
      },
      '/cpro/transverses/v1/consulterCR': {
        post: {
          tags: ['Chorus Pro'],
          summary: 'consulterCR: the state of a deposited flow.',
          security: secured,
          requestBody: { required: true, ...json(ref('ConsulterCRRequest')) },
          responses: { 200: { description: "The flow's state.", ...json(ref('ConsulterCRResponse')) }, ...chorusErrors },
        },
      },
      '/cpro/transverses/v1/consulterCRDetaille': {
        post: {
          tags: ['Chorus Pro'],
          summary: 'consulterCRDetaille: the state of a deposited flow with the rejection reasons.',
          security: secured,
          requestBody: { required: true, ...json(ref('ConsulterCRRequest')) },
          responses: { 200: { description: "The flow's state and errors.", ...json(ref('ConsulterCRDetailleResponse')) }, ...chorusErrors },
        },
      },
      '/v1/precheck': {
        post: {
          tags: ['Pre-check'],
          summary: "Pre-check files: the CLI's JSON report (@chorus-precheck/core/schema/report.schema.json).",
          parameters: contextParameters,
          requestBody: {
            required: true,
            content: {
              'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
                    ...Object.fromEntries(contextParameters.map((p) => [p.name, p.schema])),
                  },
                },
              },
            },
          },
          responses: {
            200: { description: 'One entry per invoice document (report.schema.json).', ...json({ type: 'array', items: { type: 'object' } }) },
            400: problem('No file, or a bad parameter.'),
            413: problem('Files over the limit.'),
            503: problem('The check exceeded the time limit.'),
          },
        },
      },
      '/v1/rules': {
        get: {
          tags: ['Pre-check'],
          summary: 'The rules of a release, with their metadata, conditions and examples.',
          parameters: [contextParameters.find((p) => p.name === 'release')],
          responses: { 200: { description: 'The rules.', ...json({ type: 'array', items: ref('Rule') }) }, 400: problem('Unknown release.') },
        },
      },
      '/v1/catalogue': {
        get: {
          tags: ['Pre-check'],
          summary: 'The flows, syntaxe values and cadres of a release.',
          parameters: [contextParameters.find((p) => p.name === 'release')],
          responses: { 200: { description: 'The catalogue.', ...json(ref('Catalogue')) }, 400: problem('Unknown release.') },
        },
      },
      '/health': {
        get: { tags: ['Operations'], summary: 'Liveness.', responses: { 200: { description: 'Up.', ...json(ref('Health')) } } },
      },
      '/openapi.json': {
        get: { tags: ['Operations'], summary: 'This document.', responses: { 200: { description: 'OpenAPI 3.1.', ...json({ type: 'object' }) } } },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from /api/oauth/token.' },
        cproAccount: {
          type: 'apiKey',
          in: 'header',
          name: 'cpro-account',
          description: 'The Chorus Pro technical account, base64 of login:password (presence is checked).',
        },
      },
      schemas: {
        TokenRequest: {
          type: 'object',
          required: ['grant_type'],
          properties: {
            grant_type: { const: 'client_credentials' },
            client_id: { type: 'string' },
            client_secret: { type: 'string' },
            scope: { type: 'string' },
          },
        },
        Token: {
          type: 'object',
          required: ['access_token', 'token_type', 'expires_in', 'scope'],
          properties: { access_token: { type: 'string' }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer' }, scope: { type: 'string' } },
        },
        OAuthError: { type: 'object', required: ['error'], properties: { error: { type: 'string' }, error_description: { type: 'string' } } },
        ChorusError: {
          type: 'object',
          required: ['codeRetour', 'libelle'],
          additionalProperties: false,
          properties: { codeRetour: { type: 'integer', minimum: 1 }, libelle: { type: 'string', minLength: 1 } },
        },
        DeposerFluxRequest: {
          type: 'object',
          required: ['fichierFlux', 'nomFichier', 'syntaxeFlux'],
          properties: {
            idUtilisateurCourant: { type: ['integer', 'string', 'null'] },
            fichierFlux: { type: 'string', contentEncoding: 'base64' },
            nomFichier: { type: 'string', maxLength: 200 },
            syntaxeFlux: { type: 'string', examples: ['IN_DP_E1_UBL_INVOICE'] },
            avecSignature: { type: ['boolean', 'null'] },
          },
        },
        DeposerFluxResponse: {
          type: 'object',
          required: ['codeRetour', 'libelle', 'numeroFluxDepot', 'dateDepot'],
          properties: {
            codeRetour: { const: 0 },
            libelle: { type: 'string' },
            numeroFluxDepot: { type: 'string', pattern: '^CPP[0-9]{22}$' },
            dateDepot: { type: 'string', format: 'date' },
            syntaxeFlux: { type: 'string' },
          },
        },
        DeposerPdfRequest: {
          type: 'object',
          required: ['fichierFacture', 'nomFichier'],
          properties: {
            idUtilisateurCourant: { type: ['integer', 'string', 'null'] },
            fichierFacture: { type: 'string', contentEncoding: 'base64' },
            nomFichier: { type: 'string', maxLength: 200 },
            formatDepot: { type: 'string', examples: ['PDF_NON_SIGNE'] },
            avecSignature: { type: ['boolean', 'null'] },
          },
        },
        DeposerPdfResponse: {
          type: 'object',
          required: ['codeRetour', 'libelle', 'pieceJointeId', 'dateDepot'],
          properties: {
            codeRetour: { const: 0 },
            libelle: { type: 'string' },
            pieceJointeId: { type: 'integer' },
            dateDepot: { type: 'string', format: 'date' },
          },
        },
        ConsulterCRRequest: {
          type: 'object',
          required: ['numeroFluxDepot'],
          properties: { numeroFluxDepot: { type: 'string' }, syntaxeFlux: { type: 'string' }, dateDepot: { type: 'string' } },
        },
        EtatFlux: { type: 'string', enum: ['IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE'] },
        ConsulterCRResponse: {
          type: 'object',
          required: ['codeRetour', 'libelle', 'numeroFluxDepot', 'nomFichierFlux', 'dateDepotFlux', 'etatCourantFlux', 'dateHeureEtatCourantFlux'],
          properties: {
            codeRetour: { const: 0 },
            libelle: { type: 'string' },
            numeroFluxDepot: { type: 'string' },
            nomFichierFlux: { type: 'string' },
            codeInterfaceFlux: { type: 'string' },
            dateDepotFlux: { type: 'string', format: 'date-time' },
            etatCourantFlux: ref('EtatFlux'),
            dateHeureEtatCourantFlux: { type: 'string', format: 'date-time' },
          },
        },
        ErreurDP: {
          type: 'object',
          required: ['libelleErreurDP'],
          properties: {
            identifiantFournisseur: { type: 'string' },
            identifiantDestinataire: { type: 'string' },
            numeroDP: { type: 'string' },
            libelleErreurDP: { type: 'string', minLength: 1 },
          },
        },
        ErreurTechnique: {
          type: 'object',
          required: ['codeErreur', 'libelleErreur', 'natureErreur'],
          properties: { codeErreur: { type: 'string' }, libelleErreur: { type: 'string', minLength: 1 }, natureErreur: { type: 'string' } },
        },
        ConsulterCRDetailleResponse: {
          type: 'object',
          required: [
            'codeRetour',
            'libelle',
            'nomFichier',
            'dateDepotFlux',
            'etatCourantDepotFlux',
            'dateHeureEtatCourantFlux',
            'listeErreurDP',
            'listeErreurTechnique',
          ],
          properties: {
            codeRetour: { const: 0 },
            libelle: { type: 'string' },
            nomFichier: { type: 'string' },
            codeInterfaceDepotFlux: { type: 'string' },
            dateDepotFlux: { type: 'string', format: 'date-time' },
            etatCourantDepotFlux: ref('EtatFlux'),
            dateHeureEtatCourantFlux: { type: 'string', format: 'date-time' },
            listeErreurDP: { type: 'array', items: ref('ErreurDP') },
            listeErreurTechnique: { type: 'array', items: ref('ErreurTechnique') },
          },
        },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        },
        Rule: {
          type: 'object',
          required: ['id', 'title', 'message', 'severity', 'since', 'reference', 'provenance'],
          properties: {
            id: { type: 'string' },
            title: ref('Bilingual'),
            message: ref('Bilingual'),
            severity: { enum: ['error', 'warning', 'info'] },
            since: { type: 'string' },
            until: { type: ['string', 'null'] },
            reference: { type: 'object' },
            provenance: { type: 'string' },
          },
        },
        Bilingual: { type: 'object', required: ['fr', 'en'], properties: { fr: { type: 'string' }, en: { type: 'string' } } },
        Catalogue: {
          type: 'object',
          required: ['release', 'releases', 'flows', 'syntaxes', 'cadres'],
          properties: {
            release: { type: 'string' },
            releases: { type: 'array', items: { type: 'object' } },
            flows: { type: 'array', items: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } } },
            syntaxes: {
              type: 'array',
              items: { type: 'object', required: ['value', 'status'], properties: { value: { type: 'string' }, status: { type: 'string' } } },
            },
            cadres: { type: 'array', items: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } } },
          },
        },
        Health: {
          type: 'object',
          required: ['status', 'version', 'release', 'releases', 'deposits'],
          properties: {
            status: { const: 'ok' },
            version: { type: 'string' },
            release: { type: 'string' },
            releases: { type: 'array', items: { type: 'string' } },
            deposits: { type: 'integer' },
          },
        },
      },
    },
  };
}
