// Portal and account scenarios: decisions with the rules that decided them, per release, and
// the CLI contract `{ decisions: { id: boolean }, diagnostics }`.
import { describe, expect, it } from 'vitest';
import { evaluatePortal, formatPortal, PortalStateError, validatePortalState } from '../../../packages/core/src/portal.js';
import { defaultPortalState, mergeState } from '../../../packages/core/src/portal/state.js';
import type { PortalState } from '../../../packages/core/src/portal/types.js';

const state = (patch: Partial<PortalState> = {}) => mergeState(defaultPortalState(), patch);
const decisions = async (s: PortalState) => formatPortal(await evaluatePortal(s)).decisions;

describe('portal (3.8.1)', () => {
  it('a new activated account sees the first-login window with two sections and cannot deposit', async () => {
    const report = await evaluatePortal(state());
    expect(formatPortal(report).decisions).toEqual({
      'menu.approbation': false,
      'window.structure.create': true,
      'window.structure.requestAttachment': true,
      'window.structure.consultRequests': false,
      'action.depositInvoice': false,
    });
    expect(report.release).toBe('3.8.1');
    expect(report.decisions['action.depositInvoice'].decidedBy).toEqual(['portal/deposit-needs-attachment']);
    expect(report.decisions['window.structure.consultRequests'].decidedBy).toEqual(['portal/consult-requests-while-pending']);
    expect(report.decisions['window.structure.create'].decidedBy).toEqual([
      'portal/first-login-window-needs-activated-account',
      'portal/first-login-window-until-attached',
    ]);
  });

  it('shows the third section while a request is pending', async () => {
    expect((await decisions(state({ attachmentRequests: [{ structure: '11000201100044', status: 'pending' }] })))['window.structure.consultRequests']).toBe(
      true,
    );
  });

  it('deposits once a manager approved an attachment to an active structure, and the window is gone', async () => {
    const d = await decisions(state({ attachmentRequests: [{ structure: '11000201100044', status: 'approved', decidedBy: 'gestionnaire' }] }));
    expect(d['action.depositInvoice']).toBe(true);
    expect(d['window.structure.create']).toBe(false);
  });

  it('does not count an approval by someone else, nor an inactive structure', async () => {
    const r = await evaluatePortal(
      state({
        attachmentRequests: [
          { structure: '1', status: 'approved', decidedBy: 'utilisateur' },
          { structure: '2', status: 'approved', structureActive: false },
          { structure: '3', status: 'refused' },
        ],
      }),
    );
    expect(r.decisions['action.depositInvoice'].value).toBe(false);
    expect(r.diagnostics.map((x) => [x.ruleId, x.severity])).toContainEqual(['portal/attachment-approved-by-manager', 'error']);
  });

  it('no window and no deposit before activation; an old activation link is reported', async () => {
    const r = await evaluatePortal(state({ account: { ...defaultPortalState().account, activated: false, activationLinkSentAt: '2024-02-01T08:30:00Z' } }));
    const d = formatPortal(r).decisions;
    expect(d['window.structure.create']).toBe(false);
    expect(d['action.depositInvoice']).toBe(false);
    const link = r.diagnostics.find((x) => x.ruleId === 'portal/activation-link-valid')!;
    expect(link.severity).toBe('warning');
    expect(link.messages!.en).toContain('sent 90 minutes ago');
  });

  it('shows "Approbation" only to the profile with requests to process', async () => {
    const profile = { ...defaultPortalState().account, profiles: ['Organisation Modification'] };
    expect((await decisions(state({ account: profile })))['menu.approbation']).toBe(false);
    const r = await evaluatePortal(state({ account: profile, pendingApprovals: 3 }));
    expect(r.decisions['menu.approbation']).toMatchObject({
      value: true,
      decidedBy: ['portal/approbation-menu-needs-pending-approvals', 'portal/approbation-menu-needs-profile'],
    });
    expect((await decisions(state({ pendingApprovals: 3 })))['menu.approbation']).toBe(false);
  });

  it('checks the account creation fields', async () => {
    const r = await evaluatePortal(
      state({ account: { ...defaultPortalState().account, loginEmail: 'jeanne', contactEmail: 'x@', phone: '', lastName: ' ' } }),
      { lang: 'en' },
    );
    expect(r.diagnostics.filter((x) => x.severity !== 'info').map((x) => x.ruleId)).toEqual([
      'portal/contact-email-valid',
      'portal/last-name-filled',
      'portal/login-email-valid',
      'portal/phone-filled',
    ]);
    expect(r.diagnostics.find((x) => x.ruleId === 'portal/login-email-valid')!.message).toBe('Login e-mail jeanne is not a valid address.');
  });
});

// Each case below is built from a sentence of the V3.8.1 release note, quoted.
describe('portal, as the V3.8.1 release note reads', () => {
  it('« Les utilisateurs bénéficiant du profil "Organisation Modification" disposent du menu "Approbation" qui leur permet d\'approuver les demandes en cours (demandes de rattachement à une structure par exemple) »', async () => {
    const r = await evaluatePortal(
      state({ attachmentRequests: [{ structure: '11000201100044', status: 'approved', decidedBy: 'organisation-modification' }] }),
    );
    expect(r.decisions['action.depositInvoice'].value).toBe(true);
    expect(r.diagnostics.map((x) => x.ruleId)).not.toContain('portal/attachment-approved-by-manager');
    expect(r.rules.find((x) => x.ruleId === 'portal/attachment-approved-by-manager')!.status).toBe('passed');
  });

  it('the same profile, whatever its case, is the one Chorus Pro spells "Organisation Modification"', async () => {
    for (const profile of ['Organisation modification', 'ORGANISATION MODIFICATION', ' organisation  Modification ']) {
      const r = await evaluatePortal(state({ account: { ...defaultPortalState().account, profiles: [profile] }, pendingApprovals: 1 }));
      expect([profile, r.decisions['menu.approbation'].value]).toEqual([profile, true]);
    }
  });

  it('« Une fenêtre est alors affichée vous invitant à créer une nouvelle structure ou à demander un rattachement » + « un compte utilisateur doit nécessairement être rattaché à une structure […] notamment pour déposer des factures »: creating a structure gives deposit rights', async () => {
    const before = await evaluatePortal(state());
    expect(before.decisions['window.structure.create'].value).toBe(true);
    const r = await evaluatePortal(state({ createdStructures: [{ structure: '35600000049837' }] }));
    expect(r.decisions['action.depositInvoice']).toMatchObject({
      value: true,
      decidedBy: ['portal/deposit-needs-activated-account', 'portal/deposit-needs-attachment'],
    });
    expect(r.decisions['window.structure.create'].value).toBe(false);
    expect(
      (await evaluatePortal(state({ createdStructures: [{ structure: '35600000049837', structureActive: false }] }))).decisions['action.depositInvoice'].value,
    ).toBe(false);
  });

  it('« Désormais, seules vos informations personnelles doivent être renseignées lors de la création de votre compte »: a 3.8.1 state with a structure chosen at creation is a diagnostic, not an attachment', async () => {
    const r = await evaluatePortal(state({ account: { ...defaultPortalState().account, structureAtCreation: '11000201100044' } }), { lang: 'en' });
    expect(r.decisions['action.depositInvoice'].value).toBe(false);
    const d = r.diagnostics.find((x) => x.ruleId === 'portal/structure-not-asked-at-creation')!;
    expect(d).toMatchObject({ severity: 'error', location: { file: 'state', pointer: '/account/structureAtCreation' } });
    expect(d.message).toContain('(11000201100044)');
  });

  it('« adresse mail de connexion, adresse mail de contact, nom, prénom et téléphone »: the five fields must be filled, each reported at its pointer', async () => {
    const empty = { ...defaultPortalState().account, loginEmail: '', contactEmail: null, lastName: '', firstName: ' ', phone: null };
    const r = await evaluatePortal(state({ account: empty }), { lang: 'en' });
    const errors = r.diagnostics.filter((x) => x.severity === 'error').map((x) => [x.ruleId, x.location?.pointer]);
    expect(errors).toEqual([
      ['portal/contact-email-filled', '/account/contactEmail'],
      ['portal/first-name-filled', '/account/firstName'],
      ['portal/last-name-filled', '/account/lastName'],
      ['portal/login-email-valid', '/account/loginEmail'],
      ['portal/phone-filled', '/account/phone'],
    ]);
  });

  it("decisions point at the state's real JSON pointers, never with an XPath", async () => {
    const r = await evaluatePortal(
      state({
        attachmentRequests: [
          { structure: '1', status: 'approved', decidedBy: 'gestionnaire' },
          { structure: '2', status: 'approved', decidedBy: 'utilisateur' },
        ],
      }),
      { file: 'account.json' },
    );
    const byRule = Object.fromEntries(r.diagnostics.map((x) => [x.ruleId, x.location]));
    expect(byRule['portal/approbation-menu-needs-profile']).toEqual({ file: 'account.json', pointer: '/account/profiles' });
    expect(byRule['portal/approbation-menu-needs-pending-approvals']).toEqual({ file: 'account.json', pointer: '/pendingApprovals' });
    expect(byRule['portal/attachment-approved-by-manager']).toEqual({ file: 'account.json', pointer: '/attachmentRequests/1/decidedBy' });
    expect(r.diagnostics.every((x) => x.location?.xpath === undefined)).toBe(true);
    expect(r.decisions['menu.approbation']).toMatchObject({
      decidedBy: ['portal/approbation-menu-needs-pending-approvals', 'portal/approbation-menu-needs-profile'],
      pointers: ['/pendingApprovals', '/account/profiles'],
    });
  });
});

describe('portal (3.8.0)', () => {
  const old = (patch: Partial<PortalState> = {}) => state({ release: '3.8.0', ...patch });

  it('always shows "Approbation" to the profile, has no first-login window, and asks the structure at creation', async () => {
    const profile = { ...defaultPortalState().account, profiles: ['Organisation Modification'] };
    const r = await evaluatePortal(old({ account: profile }));
    expect(r.release).toBe('3.8.0');
    expect(formatPortal(r).decisions).toEqual({
      'menu.approbation': true,
      'window.structure.create': false,
      'window.structure.requestAttachment': false,
      'window.structure.consultRequests': false,
      'action.depositInvoice': false,
    });
    expect(r.decisions['window.structure.create']).toMatchObject({ absentInRelease: true, decidedBy: [] });
    expect(r.diagnostics.map((x) => x.ruleId)).toContain('portal/structure-at-account-creation');
    // The phone became required in 3.8.1 only.
    expect(r.rules.map((x) => x.ruleId)).not.toContain('portal/phone-filled');
  });

  it('the structure given at creation attaches the account', async () => {
    const r = await evaluatePortal(old({ account: { ...defaultPortalState().account, structureAtCreation: '11000201100044' } }));
    expect(r.decisions['action.depositInvoice'].value).toBe(true);
    // Only the "why false" line of the menu remains, as info.
    expect(r.diagnostics.map((x) => [x.ruleId, x.severity])).toEqual([['portal/approbation-menu-needs-profile', 'info']]);
  });

  it('a release option overrides the state', async () => {
    expect((await evaluatePortal(old(), { release: '3.8.1' })).release).toBe('3.8.1');
  });
});

describe('portal state schema', () => {
  it('rejects a malformed state with JSON pointers', async () => {
    const bad = { ...defaultPortalState(), pendingApprovals: -1, attachmentRequests: [{ structure: 'x', status: 'waiting' }] };
    expect(
      validatePortalState(bad)
        .map((e) => e.pointer)
        .sort(),
    ).toEqual(['/attachmentRequests/0/status', '/pendingApprovals']);
    await expect(evaluatePortal(bad as unknown as PortalState)).rejects.toBeInstanceOf(PortalStateError);
  });
  it('formatPortal gives the CLI contract', async () => {
    const json = formatPortal(await evaluatePortal(state()));
    expect(Object.keys(json)).toEqual(['decisions', 'diagnostics']);
    expect(Object.values(json.decisions).every((v) => typeof v === 'boolean')).toBe(true);
  });
});

describe('messages about empty fields', () => {
  it('say the value is empty, in the message language, never "—", "null" or a placeholder', async () => {
    const empty = mergeState(defaultPortalState(), {
      account: { ...defaultPortalState().account, loginEmail: '', lastName: '', firstName: '', phone: null },
    });
    for (const lang of ['fr', 'en'] as const) {
      const report = await evaluatePortal(empty, { lang });
      const login = report.diagnostics.find((d) => d.ruleId === 'portal/login-email-valid');
      expect(login?.message).toContain(lang === 'fr' ? '(vide)' : '(empty)');
      for (const d of report.diagnostics) {
        for (const text of [d.message, d.messages?.fr ?? '', d.messages?.en ?? '']) expect(text).not.toMatch(/—|\bnull\b|\bundefined\b|\{\w+\}/);
      }
    }
  });
});
