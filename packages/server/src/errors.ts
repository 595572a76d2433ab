/** A text in the two languages the project speaks. */
export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * An error answered the way Chorus Pro answers one: an HTTP 4xx or 5xx status and a JSON body
 * `{ codeRetour, libelle }`. Chorus Pro's own error numbers are not public in the sources we
 * found: ours are the HTTP status followed by two digits, stable and listed in the README.
 */
export class ChorusError extends Error {
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The `codeRetour` of the body. */
    readonly codeRetour: number,
    /** The `libelle`, in both languages. */
    readonly libelle: Bilingual,
  ) {
    super(libelle.en);
    this.name = 'ChorusError';
  }
}

/** The errors of the emulated Chorus Pro API, by name. */
export const CHORUS_ERRORS = {
  badJson: (detail: string) =>
    new ChorusError(400, 40001, {
      fr: "Le corps de la requête n'est pas un JSON valide.",
      en: `The request body is not valid JSON: ${detail}`,
    }),
  notAnObject: () =>
    new ChorusError(400, 40001, {
      fr: 'Le corps de la requête doit être un objet JSON.',
      en: 'The request body must be a JSON object.',
    }),
  missing: (fields: string[]) =>
    new ChorusError(400, 40002, {
      fr: `Champ(s) obligatoire(s) absent(s) ou vide(s) : ${fields.join(', ')}.`,
      en: `Mandatory field(s) missing or empty: ${fields.join(', ')}.`,
    }),
  wrongType: (field: string, expected: { fr: string; en: string }) =>
    new ChorusError(400, 40002, {
      fr: `Le champ ${field} doit être ${expected.fr}.`,
      en: `Field ${field} must be ${expected.en}.`,
    }),
  fileNameTooLong: (length: number) =>
    new ChorusError(400, 40002, {
      fr: `Le champ nomFichier fait ${length} caractères ; 200 au plus.`,
      en: `Field nomFichier is ${length} characters long; 200 at most.`,
    }),
  badBase64: (field: string) =>
    new ChorusError(400, 40003, {
      fr: `Le champ ${field} n'est pas du base64 valide.`,
      en: `Field ${field} is not valid base64.`,
    }),
  /** A syntaxe value outside the catalogue that may be a real (unpublished) works-flow value: the flow cannot be simulated. */
  unconfirmedSyntaxe: (why: Bilingual) =>
    new ChorusError(400, 40006, {
      fr: `Dépôt non simulé : ${why.fr}`,
      en: `Deposit not simulated: ${why.en}`,
    }),
  unknownFlux: (numero: string) =>
    new ChorusError(400, 40004, {
      fr: `Flux ${numero} introuvable (jamais déposé sur ce serveur, ou oublié après son délai de conservation).`,
      en: `Flow ${numero} not found (never deposited on this server, or forgotten after its retention time).`,
    }),
  noBearer: () =>
    new ChorusError(401, 40101, {
      fr: 'En-tête Authorization absent : obtenez un jeton sur /api/oauth/token et envoyez « Authorization: Bearer <jeton> ».',
      en: 'Authorization header missing: get a token from /api/oauth/token and send "Authorization: Bearer <token>".',
    }),
  badBearer: (why: 'expired' | 'invalid') =>
    new ChorusError(
      401,
      40102,
      why === 'expired'
        ? { fr: 'Jeton expiré : demandez-en un nouveau sur /api/oauth/token.', en: 'Token expired: get a new one from /api/oauth/token.' }
        : {
            fr: "Jeton invalide : il n'a pas été délivré par ce serveur (ou par une instance partageant son secret).",
            en: 'Invalid token: it was not issued by this server (or by an instance sharing its secret).',
          },
    ),
  noAccount: () =>
    new ChorusError(401, 40103, {
      fr: 'En-tête cpro-account absent : il porte le compte technique Chorus Pro, « login:mot de passe » en base64.',
      en: 'Header cpro-account missing: it carries the Chorus Pro technical account, "login:password" in base64.',
    }),
  notFound: (method: string, url: string) =>
    new ChorusError(404, 40401, {
      fr: `Service inconnu : ${method} ${url}.`,
      en: `Unknown service: ${method} ${url}.`,
    }),
  tooLarge: (limit: number) =>
    new ChorusError(413, 41301, {
      fr: `Requête trop volumineuse : ${limit} octets au plus (limite maxInputBytes de la configuration).`,
      en: `Request too large: ${limit} bytes at most (the configuration's maxInputBytes limit).`,
    }),
  mediaType: (type: string) =>
    new ChorusError(415, 41501, {
      fr: `Type de contenu non pris en charge : ${type}. Envoyez application/json.`,
      en: `Unsupported content type: ${type}. Send application/json.`,
    }),
  timeout: (ms: number) =>
    new ChorusError(503, 50301, {
      fr: `Le contrôle du fichier a dépassé ${ms} ms : le dépôt n'a pas été enregistré, réessayez.`,
      en: `Checking the file took more than ${ms} ms: the deposit was not recorded, try again.`,
    }),
  internal: () =>
    new ChorusError(500, 50001, {
      fr: 'Erreur interne du serveur ; elle est journalisée.',
      en: 'Internal server error; it has been logged.',
    }),
} as const;

/**
 * An error of the plain pre-check API, answered as RFC 9457 problem details
 * (`application/problem+json`).
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}
