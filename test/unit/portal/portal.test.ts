// Portal and account scenarios: decisions with the rules that decided them, per release, and
// the CLI contract `{ decisions: { id: boolean }, diagnostics }`.
import { describe, expect, it } from 'vitest';
import { evaluatePortal, formatPortal, PortalStateError, validatePortalState } from '../../../packages/core/src/portal/evaluate.js';
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
    expect(report.decisions['window.structure.create'].decidedBy).toEqual(['portal/first-login-window-needs-activated-account', 'portal/first-login-window-until-attached']);
  });

  it('shows the third section while a request is pending', async () => {
    expect((await decisions(state({ attachmentRequests: [{ structure: '11000201100044', status: 'pending' }] })))['window.structure.consultRequests']).toBe(true);
  });

  it('deposits once a manager approved an attachment to an active structure, and the window is gone', async () => {
    const d = await decisions(state({ attachmentRequests: [{ structure: '11000201100044', status: 'approved', decidedBy: 'gestionnaire' }] }));
    expect(d['action.depositInvoice']).toBe(true);
    expect(d['window.structure.create']).toBe(false);
  });

  it('does not count an approval by someone else, nor an inactive structure', async () => {
    const r = await evaluatePortal(state({ attachmentRequests: [{ structure: '1', status: 'approved', decidedBy: 'utilisateur' }, { structure: '2', status: 'approved', structureActive: false }, { structure: '3', status: 'refused' }] }));
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
    expect(r.decisions['menu.approbation']).toMatchObject({ value: true, decidedBy: ['portal/approbation-menu-needs-pending-approvals', 'portal/approbation-menu-needs-profile'] });
    expect((await decisions(state({ pendingApprovals: 3 })))['menu.approbation']).toBe(false);
  });

  it('checks the account creation fields', async () => {
    const r = await evaluatePortal(state({ account: { ...defaultPortalState().account, loginEmail: 'jeanne', contactEmail: 'x@', phone: '', lastName: ' ' } }), { lang: 'en' });
    expect(r.diagnostics.filter((x) => x.severity !== 'info').map((x) => x.ruleId)).toEqual(['portal/contact-email-valid', 'portal/last-name-filled', 'portal/login-email-valid', 'portal/phone-filled']);
    expect(r.diagnostics.find((x) => x.ruleId === 'portal/login-email-valid')!.message).toBe('Login e-mail jeanne is not a valid address.');
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
    expect(validatePortalState(bad).map((e) => e.pointer).sort()).toEqual(['/attachmentRequests/0/status', '/pendingApprovals']);
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
