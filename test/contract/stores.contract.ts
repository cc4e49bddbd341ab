/**
 * The behaviour every implementation of the ports in shared/ports/ must have (the submission store in
 * submissions.contract.ts, the round and results in round-results.contract.ts), written against the ports
 * alone. Run by memory.test.ts, dynalite.test.ts and dynamodb-local.test.ts, each with its own stores.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { Unit } from '../../shared/domain/types.js';
import type { ImportJob, Stores } from '../../shared/ports/index.js';
import { checkedSignature } from '../fixtures/signature.js';
import { allPages, campaign, campaignYear, entry, longText, type StoresUnderTest, unit, version } from './fixtures.js';

export function storeContract(name: string, under: StoresUnderTest) {
  describe(`Stores contract: ${name}`, () => {
    let s: Stores;
    beforeEach(async () => {
      s = await under.fresh();
    });

    describe('ClientStore', () => {
      const client = (clientId: string, unitId: string, createdAt: string) => ({
        clientId,
        unitId,
        name: `Hệ thống ${clientId}`,
        scopes: ['submissions.write' as const],
        createdAt,
        createdBy: 'admin-1',
        revokedAt: null,
        revokedBy: null,
      });
      it("keeps a unit's clients, newest first, under the optimistic lock, in the unit's history", async () => {
        expect(await s.clients.getClient('k1')).toBeNull();
        expect(
          await s.clients.saveClient(client('k1', 'a', '2026-11-01T00:00:00.000Z'), entry('client.registered'), 0),
        ).toBe(true);
        expect(
          await s.clients.saveClient(client('k1', 'a', '2026-11-01T00:00:00.000Z'), entry('client.registered'), 0),
        ).toBe(false);
        expect(
          await s.clients.saveClient(client('k2', 'a', '2026-11-02T00:00:00.000Z'), entry('client.registered'), 0),
        ).toBe(true);
        expect(
          await s.clients.saveClient(client('k3', 'b', '2026-11-03T00:00:00.000Z'), entry('client.registered'), 0),
        ).toBe(true);
        const revoked = {
          ...client('k1', 'a', '2026-11-01T00:00:00.000Z'),
          revokedAt: '2026-11-05T00:00:00.000Z',
          revokedBy: 'admin-1',
        };
        expect(await s.clients.saveClient(revoked, entry('client.revoked', '2026-11-20T04:00:00.000Z'), 1)).toBe(true);
        expect(await s.clients.getClient('k1')).toEqual({ ...revoked, revision: 2 });
        expect((await s.clients.listClients('a')).map((c) => c.clientId)).toEqual(['k2', 'k1']);
        const history = await s.catalogue.unitHistory('a', { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual([
          'client.registered',
          'client.registered',
          'client.revoked',
        ]);
      });

      it("gives each of a unit's client places to one holder, under twelve claims at once", async () => {
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => s.clients.claimClientPlace('a', `h${i}`, 10)),
        );
        const won = claims.filter((p): p is number => p !== null);
        expect(won.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(claims.filter((p) => p === null)).toHaveLength(2);
        // Another unit's places are its own; a place goes back only from its holder.
        expect(await s.clients.claimClientPlace('b', 'x', 10)).toBe(0);
        const holder = `h${claims.indexOf(3)}`;
        await s.clients.releaseClientPlace('a', 3, 'someone-else');
        expect(await s.clients.claimClientPlace('a', 'late', 10)).toBeNull();
        await s.clients.releaseClientPlace('a', 3, holder);
        expect(await s.clients.claimClientPlace('a', 'late', 10)).toBe(3);
      });
    });

    describe('EvidenceFileStore', () => {
      const file = (fileId: string, unitId: string, createdAt: string): EvidenceFile => ({
        fileId,
        unitId,
        fileName: `Báo cáo ${fileId}.pdf`,
        contentType: 'application/pdf',
        size: 1234,
        sha256: 'c'.repeat(64),
        status: 'awaiting-upload',
        scan: 'pending',
        createdAt,
        createdBy: 'canbo-1',
        uploadExpiresAt: '2026-11-20T03:15:00.000Z',
        storedAt: null,
        citedBy: null,
        refusedReason: null,
      });
      it("keeps a unit's files under the optimistic lock, lists them newest first page by page, in its history", async () => {
        expect(await s.files.getFile('f-1')).toBeNull();
        expect(await s.files.saveFile(file('f-1', 'a', '2026-11-01T00:00:00.000Z'), entry('file-announced'), 0)).toBe(
          true,
        );
        expect(await s.files.saveFile(file('f-1', 'a', '2026-11-01T00:00:00.000Z'), entry('file-announced'), 0)).toBe(
          false,
        );
        for (const [id, at] of [
          ['f-2', '2026-11-02T00:00:00.000Z'],
          ['f-3', '2026-11-03T00:00:00.000Z'],
        ] as const)
          expect(await s.files.saveFile(file(id, 'a', at), entry('file-announced'), 0)).toBe(true);
        expect(await s.files.saveFile(file('f-9', 'b', '2026-11-04T00:00:00.000Z'), entry('file-announced'), 0)).toBe(
          true,
        );
        const stored = { ...file('f-1', 'a', '2026-11-01T00:00:00.000Z'), status: 'stored' as const };
        expect(await s.files.saveFile(stored, entry('file-stored', '2026-11-20T04:00:00.000Z'), 1)).toBe(true);
        expect(await s.files.getFile('f-1')).toEqual({ ...stored, revision: 2 });
        const first = await s.files.listFiles('a', { limit: 2 });
        expect(first.items.map((f) => f.fileId)).toEqual(['f-3', 'f-2']);
        const rest = await s.files.listFiles('a', { limit: 2, nextToken: first.nextToken! });
        expect([rest.items.map((f) => f.fileId), rest.nextToken]).toEqual([['f-1'], null]);
        const history = await s.catalogue.unitHistory('a', { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual([
          'file-announced',
          'file-announced',
          'file-announced',
          'file-stored',
        ]);
      });
      it('reads the signatures of many files at once, leaving out unsigned and unknown files', async () => {
        // More than one BatchGetItem's 100 keys: every batch is read.
        const ids = Array.from({ length: 130 }, (_, i) => `s-${i}`);
        for (const [i, id] of ids.entries()) {
          const stored = { ...file(id, 'a', '2026-11-01T00:00:00.000Z'), status: 'stored' as const };
          const signed = i % 3 === 0 ? { ...stored, signatures: [checkedSignature] } : { ...stored, signatures: [] };
          expect(await s.files.saveFile(signed, entry('file-stored'), 0)).toBe(true);
        }
        const found = await s.files.signaturesOf([...ids, 'unknown']);
        expect([...found.keys()].sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
        expect(found.get('s-129')).toEqual([checkedSignature]);
        expect((await s.files.signaturesOf([])).size).toBe(0);
      });
    });

    describe('MessageStore', () => {
      const message = (messageId: string, mailbox: string, createdAt: string): OutboxMessage => ({
        messageId,
        mailbox,
        kind: 'deadline-reminder',
        campaignId: 'hp-175',
        year: 2026,
        unitId: 'a',
        to: ['vanthu@a.example.org'],
        subject: 'Còn 7 ngày đến hạn nộp báo cáo',
        text: 'Kính gửi: Phường A\n- tieu-chi-1. Tỷ lệ hồ sơ: Chưa nộp',
        createdAt,
        status: 'sending',
        sentAt: null,
        error: null,
      });
      it('claims a message once (again only after it failed), and lists a mailbox newest first, page by page', async () => {
        const m1 = message('m-1', 'unit:a', '2026-11-23T00:30:00.000Z');
        expect(await s.messages.claimMessage(m1)).toBe(true);
        // Being sent, or sent: a second claim (a retried schedule, a concurrent one) may not send it again.
        expect(await s.messages.claimMessage(m1)).toBe(false);
        await s.messages.finishMessage({ ...m1, status: 'sent', sentAt: '2026-11-23T00:30:01.000Z' });
        expect(await s.messages.claimMessage(m1)).toBe(false);
        const m2 = message('m-2', 'unit:a', '2026-11-29T00:30:00.000Z');
        expect(await s.messages.claimMessage(m2)).toBe(true);
        await s.messages.finishMessage({ ...m2, status: 'failed', error: 'Throttling' });
        // A failed message was not sent: its retry may claim it.
        expect(await s.messages.claimMessage(m2)).toBe(true);
        expect(await s.messages.claimMessage(m2)).toBe(false);
        expect(await s.messages.claimMessage(message('m-3', 'unit:b', '2026-11-30T00:30:00.000Z'))).toBe(true);
        const first = await s.messages.listMessages('unit:a', { limit: 1 });
        expect(first.items).toEqual([{ ...m2, status: 'sending' }]);
        const rest = await s.messages.listMessages('unit:a', { limit: 2, nextToken: first.nextToken! });
        expect(rest.items).toEqual([{ ...m1, status: 'sent', sentAt: '2026-11-23T00:30:01.000Z' }]);
        expect(rest.nextToken).toBeNull();
        expect((await s.messages.listMessages('unit:c', { limit: 10 })).items).toEqual([]);
      });
    });

    describe('CatalogueStore', () => {
      it('keeps campaigns and lists them', async () => {
        expect(await s.catalogue.getCampaign('c1')).toBeNull();
        expect(await s.catalogue.saveCampaign(campaign, entry('campaign-created'), 0)).toBe(true);
        expect(await s.catalogue.saveCampaign({ ...campaign, campaignId: 'c0' }, entry('campaign-created'), 0)).toBe(
          true,
        );
        expect(await s.catalogue.saveCampaign({ ...campaign, name: 'Khác' }, entry('campaign-updated'), 0)).toBe(false);
        expect(await s.catalogue.getCampaign('c1')).toEqual({ ...campaign, revision: 1 });
        const history = await s.catalogue.campaignHistory('c1', { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual(['campaign-created']);
        expect((await s.catalogue.listCampaigns()).map((c) => c.campaignId).sort()).toEqual(['c0', 'c1']);
      });

      it('saves a unit once as new, then only at the revision it was read at', async () => {
        expect(await s.catalogue.saveUnit(unit('a'), entry('unit-created'), 0)).toBe(true);
        expect(await s.catalogue.saveUnit(unit('a'), entry('unit-created'), 0)).toBe(false);
        expect(await s.catalogue.saveUnit({ ...unit('a'), name: 'Phường A' }, entry('unit-updated'), 2)).toBe(false);
        expect(await s.catalogue.saveUnit({ ...unit('a'), name: 'Phường A' }, entry('unit-updated'), 1)).toBe(true);
        const stored = await s.catalogue.getUnit('a');
        expect(stored).toMatchObject({
          unitId: 'a',
          name: 'Phường A',
          level: 'commune',
          cluster: 'cum-1',
          revision: 2,
        });
        const history = await s.catalogue.unitHistory('a', { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual(['unit-created', 'unit-updated']);
        expect(history.nextToken).toBeNull();
        expect(await s.catalogue.getUnit('b')).toBeNull();
      });

      it('lists units by level and cluster, in id order', async () => {
        for (const u of [unit('c'), unit('a', 'department', null), unit('b', 'commune', 'cum-2')])
          await s.catalogue.saveUnit(u, entry('unit-created'), 0);
        expect((await s.catalogue.listUnits({})).map((u) => u.unitId)).toEqual(['a', 'b', 'c']);
        expect((await s.catalogue.listUnits({ level: 'commune' })).map((u) => u.unitId)).toEqual(['b', 'c']);
        expect((await s.catalogue.listUnits({ cluster: 'cum-2' })).map((u) => u.unitId)).toEqual(['b']);
        expect(await s.catalogue.listUnits({ level: 'department', cluster: 'cum-1' })).toEqual([]);
        expect((await s.catalogue.listUnits({ level: 'department' }))[0]).toEqual(unit('a', 'department', null));
      });

      it('saves a campaign year under the same optimistic lock and keeps its history', async () => {
        expect(await s.catalogue.getCampaignYear('c1', 2026)).toBeNull();
        expect(await s.catalogue.saveCampaignYear(campaignYear, entry('criteria-set-created'), 0, false)).toBe(true);
        const changed = { ...campaignYear, awards: { flagPerGroup: 2, meritShare: 0.1 } };
        expect(await s.catalogue.saveCampaignYear(changed, entry('criteria-set-updated'), 0, false)).toBe(false);
        expect(await s.catalogue.saveCampaignYear(changed, entry('criteria-set-updated'), 1, false)).toBe(true);
        const stored = await s.catalogue.getCampaignYear('c1', 2026);
        expect(stored).toMatchObject({ ...changed, revision: 2 });
        const history = await s.catalogue.campaignYearHistory('c1', 2026, { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual(['criteria-set-created', 'criteria-set-updated']);
        expect((await s.catalogue.campaignYearHistory('c1', 2025, { limit: 10 })).items).toEqual([]);
      });

      it('marks a year reported only under the rules it was read at, and then refuses unaware changes', async () => {
        await s.catalogue.saveCampaignYear(campaignYear, entry('criteria-set-created'), 0, false);
        expect(await s.catalogue.markReported('c1', 2026, 0)).toBe(false);
        expect((await s.catalogue.getCampaignYear('c1', 2026))?.reported).toBeFalsy();
        expect(await s.catalogue.markReported('c1', 2026, 1)).toBe(true);
        expect((await s.catalogue.getCampaignYear('c1', 2026))?.reported).toBe(true);
        const changed = { ...campaignYear, awards: { flagPerGroup: 2, meritShare: 0.1 } };
        // An admin who read the year before its first report cannot save over it.
        expect(await s.catalogue.saveCampaignYear(changed, entry('criteria-set-updated'), 1, false)).toBe(false);
        expect(await s.catalogue.saveCampaignYear(changed, entry('criteria-set-updated'), 1, true)).toBe(true);
        expect((await s.catalogue.getCampaignYear('c1', 2026))?.reported).toBe(true);
      });

      it('keeps task catalogues per campaign and answers [] for an unknown one', async () => {
        const task = {
          taskId: 'T1',
          section: 'I',
          sectionTitle: 'Nhiệm vụ',
          group: null,
          groupTitle: null,
          content: 'Xây dựng kế hoạch',
          leadAgencies: 'UBND các xã',
          coordinatingAgencies: '',
          timeFrame: 'Hằng năm',
          leadUnitIds: [],
          leadLevels: ['commune' as const],
        };
        expect(await s.catalogue.saveTasks('c1', 'qd', [task], entry('task-catalogue-created'), 0)).toBe(true);
        expect(await s.catalogue.saveTasks('c1', 'qd', [], entry('task-catalogue-updated'), 0)).toBe(false);
        expect(await s.catalogue.getTasks('c1', 'qd')).toEqual([task]);
        expect(await s.catalogue.getTaskCatalogue('c1', 'qd')).toEqual({ tasks: [task], revision: 1 });
        expect(await s.catalogue.getTasks('c2', 'qd')).toEqual([]);
      });

      it("keeps a reopening under the same lock, replacing an earlier one, in its unit's history", async () => {
        const r = { campaignId: 'c1', unitId: 'a', year: 2026, until: '2026-12-31T00:00:00.000Z', reason: 'Lý do' };
        await s.catalogue.saveUnit(unit('a'), entry('unit-created', '2026-11-20T03:00:00.000Z'), 0);
        const reopened = (at: string) => entry('unit-year-reopened', at);
        expect(await s.catalogue.saveReopening(r, reopened('2026-11-21T03:00:00.000Z'), 0)).toBe(true);
        const later = { ...r, until: '2027-01-05T00:00:00.000Z' };
        expect(await s.catalogue.saveReopening(later, reopened('2026-11-22T03:00:00.000Z'), 0)).toBe(false);
        expect(await s.catalogue.saveReopening(later, reopened('2026-11-22T03:00:00.000Z'), 1)).toBe(true);
        const stored = await s.catalogue.getReopening('c1', 'a', 2026);
        expect(stored).toMatchObject({ ...later, revision: 2 });
        const history = await s.catalogue.unitHistory('a', { limit: 10 });
        expect(history.items.map((e) => e.action)).toEqual([
          'unit-created',
          'unit-year-reopened',
          'unit-year-reopened',
        ]);
        expect(await s.catalogue.getReopening('c1', 'a', 2025)).toBeNull();
      });
    });

    describe('No item grows with its history', () => {
      it('keeps 300 changes of one unit as entries of their own, read back page by page, each once, in order', async () => {
        await s.catalogue.saveUnit(unit('a'), entry('unit-created'), 0);
        for (let n = 1; n < 300; n++) {
          const changed = { ...unit('a'), name: `Xã a (lần ${n})` };
          // Every tenth change carries a long comment: pages must also be cut by bytes, not only by count.
          const e = { ...entry('unit-updated'), after: changed, ...(n % 10 ? {} : { comment: longText(120) }) };
          expect(await s.catalogue.saveUnit(changed, e, n)).toBe(true);
        }
        expect((await s.catalogue.getUnit('a'))?.revision).toBe(300);
        const pages = await allPages(100, (nextToken) => s.catalogue.unitHistory('a', { limit: 100, nextToken }));
        const entries = pages.flat();
        expect(entries).toHaveLength(300);
        expect(entries.map((e) => (e.after as Unit | undefined)?.name ?? 'Xã a')).toEqual([
          'Xã a',
          ...Array.from({ length: 299 }, (_, i) => `Xã a (lần ${i + 1})`),
        ]);
        expect(pages.length).toBeGreaterThan(3); // 36 long comments of 120 KB: more than three 1 MB pages
      });

      it('keeps 300 changes of one campaign year, read back page by page', async () => {
        for (let n = 0; n < 300; n++) {
          const changed = { ...campaignYear, awards: { flagPerGroup: 1, meritShare: n / 1000 } };
          expect(await s.catalogue.saveCampaignYear(changed, entry('criteria-set-updated'), n, false)).toBe(true);
        }
        const pages = await allPages(40, (nextToken) =>
          s.catalogue.campaignYearHistory('c1', 2026, { limit: 40, nextToken }),
        );
        expect(pages.flat()).toHaveLength(300);
        expect(pages).toHaveLength(8);
      });

      it("pages a slot's versions and a unit's reports by bytes as well as by count", async () => {
        // 20 evidence entries with long titles: about 40 KB a version, so 100 of them pass a page's byte budget.
        const evidence = Array.from({ length: 20 }, (_, i) => ({ title: `${i}. ${longText(2)}`.slice(0, 500) }));
        for (let v = 1; v <= 60; v++) await s.submissions.create(version('a', 'k', v, { evidence }));
        const key = { campaignId: 'c1', year: 2026, unitId: 'a', slotId: 'k' };
        const versions = await allPages(200, (nextToken) => s.submissions.slotVersions(key, { limit: 200, nextToken }));
        expect(versions.flat().map((x) => x.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        const listed = await allPages(200, (nextToken) =>
          s.submissions.list({ campaignId: 'c1', year: 2026, unitId: 'a', limit: 200, nextToken, oldestFirst: true }),
        );
        expect(listed.flat()).toHaveLength(60);
      });
    });

    describe('IdempotencyStore', () => {
      // Real time: DynamoDB Local's TTL really deletes what expired before the wall clock's now.
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      const DAY = 24 * 3_600_000;
      const later = (ms: number) => new Date(now.getTime() + ms);

      it('claims a key once; the record answers later claims, whatever their body', async () => {
        expect(await s.idempotency.claim('u', 'k1', 'h1', now, 60_000, DAY)).toBeNull();
        expect(await s.idempotency.claim('u', 'k1', 'h1', later(1000), 60_000, DAY)).toMatchObject({
          requestHash: 'h1',
          state: 'pending',
        });
        expect(await s.idempotency.claim('u', 'k1', 'h2', later(1000), 60_000, DAY)).toMatchObject({
          requestHash: 'h1',
        });
        expect(await s.idempotency.claim('other', 'k1', 'h1', now, 60_000, DAY)).toBeNull();
      });

      it('keeps the response once complete, and forgets a released claim', async () => {
        await s.idempotency.claim('u', 'k1', 'h1', now, 60_000, DAY);
        await s.idempotency.complete('u', 'k1', { statusCode: 201, body: '{"ok":true}' });
        expect(await s.idempotency.claim('u', 'k1', 'h1', later(120_000), 60_000, DAY)).toMatchObject({
          state: 'done',
          response: { statusCode: 201, body: '{"ok":true}' },
        });
        await s.idempotency.claim('u', 'k2', 'h1', now, 60_000, DAY);
        await s.idempotency.release('u', 'k2');
        expect(await s.idempotency.claim('u', 'k2', 'h1', now, 60_000, DAY)).toBeNull();
      });

      it('counts an expired record as absent, done or not', async () => {
        await s.idempotency.claim('u', 'k1', 'h1', now, 60_000, DAY);
        await s.idempotency.complete('u', 'k1', { statusCode: 201, body: '{}' });
        expect(await s.idempotency.claim('u', 'k1', 'h2', later(DAY - 1000), 60_000, DAY)).toMatchObject({
          state: 'done',
        });
        expect(await s.idempotency.claim('u', 'k1', 'h2', later(DAY + 1000), 60_000, DAY)).toBeNull();
        expect(await s.idempotency.claim('u', 'k1', 'h3', later(DAY + 2000), 60_000, DAY)).toMatchObject({
          requestHash: 'h2',
          state: 'pending',
        });
      });

      it('lets the same request take over a pending claim whose request died, never another request', async () => {
        await s.idempotency.claim('u', 'k1', 'h1', now, 60_000, DAY);
        expect(await s.idempotency.claim('u', 'k1', 'h2', later(120_000), 60_000, DAY)).toMatchObject({
          requestHash: 'h1',
        });
        expect(await s.idempotency.claim('u', 'k1', 'h1', later(120_000), 60_000, DAY)).toBeNull();
      });
    });

    describe('ImportStore', () => {
      const job: ImportJob = {
        importId: 'i1',
        kind: 'figures',
        campaignId: 'c1',
        year: 2026,
        dryRun: false,
        format: 'csv',
        fileSha256: 'a'.repeat(64),
        rows: 3000,
        startedBy: { sub: 'reviewer-1', role: 'reviewer', unitId: null, name: 'Nguyễn Văn A' },
        status: 'queued',
        createdAt: '2026-11-20T03:00:00.000Z',
        finishedAt: null,
        answerStatus: null,
        expiresAt: 1_800_000_000,
      };

      it('keeps a job once, and moves it on only from the status it is in', async () => {
        await s.imports.createImport(job);
        await expect(s.imports.createImport({ ...job, rows: 1 })).rejects.toThrow();
        expect(await s.imports.getImport('i1')).toEqual(job);
        expect(await s.imports.getImport('i2')).toBeNull();
        const running = { ...job, status: 'running' as const };
        expect(await s.imports.moveImport(running, ['queued', 'running'])).toBe(true);
        const ended = { ...running, status: 'succeeded' as const, answerStatus: 200, finishedAt: job.createdAt };
        expect(await s.imports.moveImport({ ...ended, status: 'failed' }, ['queued'])).toBe(false);
        expect(await s.imports.moveImport(ended, ['running'])).toBe(true);
        expect(await s.imports.moveImport(running, ['queued', 'running'])).toBe(false);
        expect(await s.imports.getImport('i1')).toEqual(ended);
      });

      it('lets one of two runs of the same job take it from running to its end', async () => {
        await s.imports.createImport({ ...job, status: 'running' });
        const ends = await Promise.all(
          (['succeeded', 'failed'] as const).map((status) =>
            s.imports.moveImport({ ...job, status, answerStatus: 200 }, ['running']),
          ),
        );
        expect(ends.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
