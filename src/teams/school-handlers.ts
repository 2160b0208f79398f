/** Chat handlers of the school features: codes, classes, rights, account links, SIECLE imports. */
import {
  renderDivisionStudents,
  renderDivisions,
  importProblems,
  renderImports,
  renderInvitation,
  renderRevokeConfirm,
  renderLinkForm,
  renderRights,
  renderUnlinkConfirm,
} from '../cards/render-schools.js';
import { INPUT_PREFIX, renderNotice } from '../cards/render.js';
import { action } from '../cards/template.js';
import type { ImportDeps } from '../schools/imports.js';
import { requestSentFileImport } from '../schools/request-sent-file.js';
import { acceptedFileName } from '../schools/upload.js';
import { assertMayLink, linkStudentAccount, linkedStudent, type LinkDeps } from '../schools/link-student.js';
import { accountLinkToUnlink, unlinkStudentAccount } from '../schools/unlink-student.js';
import {
  claimInvitation,
  grantCampaignRights,
  inviteTeacher,
  listCampaignRights,
  listDivisionStudents,
  listDivisions,
  revokeCampaignRight,
  staffMembership,
} from '../schools/schools.js';
import { ReconciliationError, UnknownMemberError, UnknownStudentError } from '../schools/errors.js';

/** Refusals of the link form the student can fix by retyping. */
const FIXABLE = new Set<string>(['no_match', 'invalid_input']);
import { DomainError } from '../domain-error.js';
import { UAJ_PATTERN } from '../schools/uaj.js';
import type { UserRepository } from '../users/users.js';
import { cardInputs } from './commands.js';
import type { SchoolVerb } from './school-commands.js';
import type { FileHandler, Handler, Reply, Turn } from './turn.js';

export interface SchoolTurnDeps {
  imports: ImportDeps;
  link: LinkDeps;
  users: UserRepository;
  /** A fresh signed link to an import's report (null without PUBLIC_URL): links in older cards expire. */
  reportUrl: (importId: string) => string | null;
}

export class UnknownImportError extends DomainError {
  constructor() {
    super('no such import in this school');
  }
}

/** Lines of a report sent in chat, a few dozen per message. */
const REPORT_LINES_PER_MESSAGE = 40;

export class MissingCodeError extends DomainError {
  constructor() {
    super('no code given');
  }
}

function uajOf(turn: Turn): string | undefined {
  const uaj = turn.payload.uaj?.trim();
  return uaj && UAJ_PATTERN.test(uaj) ? uaj.toUpperCase() : undefined;
}

/** A student id from a card button; a missing one is no student at all. */
function studentIdOf(turn: Turn): string {
  const id = turn.payload.studentId;
  if (!id) throw new UnknownStudentError();
  return id;
}

function text(value: string): Reply {
  return { messages: [{ text: value }] };
}

/** Splits the Teams display name ("Martin Léa", "Léa MARTIN") into a guess for the form. */
function namesFrom(displayName: string | null): { firstName: string; lastName: string } {
  const parts = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return { firstName: parts[0] ?? '', lastName: '' };
  const upper = parts.findIndex((p) => p.length > 1 && p === p.toUpperCase());
  if (upper >= 0) return { lastName: parts[upper]!, firstName: parts.filter((_, i) => i !== upper).join(' ') };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

export function schoolHandlers(deps: SchoolTurnDeps) {
  const classes: Handler = async (turn) => {
    const { school, divisions } = await listDivisions({ userId: turn.user.id, uaj: uajOf(turn), deps: deps.imports });
    return { messages: [{ card: renderDivisions(turn.render, school, divisions) }] };
  };
  const rights: Handler = async (turn) => {
    const { school, staff } = await listCampaignRights({ userId: turn.user.id, uaj: uajOf(turn), deps: deps.imports });
    return { messages: [{ card: renderRights(turn.render, school, staff) }] };
  };
  return {
    async code(turn) {
      const code = turn.payload.code?.trim();
      if (!code) throw new MissingCodeError();
      const { school, role } = await claimInvitation({ userId: turn.user.id, code, tenantId: turn.activity.tenantId, deps: deps.imports });
      const s = turn.render.t.school;
      return text(role === 'referent' ? s.codeClaimedReferent(school.name, school.uaj) : s.codeClaimedTeacher(school.name, school.uaj));
    },

    classes,

    async division(turn) {
      const division = turn.payload.division?.trim();
      if (!division) return classes(turn);
      const result = await listDivisionStudents({ userId: turn.user.id, division, uaj: uajOf(turn), deps: deps.imports });
      return { messages: [{ card: renderDivisionStudents(turn.render, result.school, result.division, result.students, result.canUnlink) }] };
    },

    async unlink(turn) {
      const { school, student } = await accountLinkToUnlink({ userId: turn.user.id, studentId: studentIdOf(turn), uaj: uajOf(turn), deps: deps.imports });
      return { messages: [{ card: renderUnlinkConfirm(turn.render, school, student) }] };
    },

    async unlinkConfirm(turn) {
      const { school, student } = await unlinkStudentAccount({ userId: turn.user.id, studentId: studentIdOf(turn), uaj: uajOf(turn), deps: deps.imports });
      const s = turn.render.t.school;
      return {
        update: renderNotice(turn.render, s.unlinked(student.accountName, student.firstName, student.lastName), [
          action(s.actionStudents, 'division', { division: student.division, uaj: school.uaj }),
        ]),
        messages: [],
      };
    },

    async unlinkCancel(turn) {
      const s = turn.render.t.school;
      const division = turn.payload.division?.trim();
      const back = division ? [action(s.actionStudents, 'division', { division, uaj: uajOf(turn) })] : [];
      return { update: renderNotice(turn.render, s.unlinkCancelled, back), messages: [] };
    },

    async invite(turn) {
      const mentioned = turn.activity.mentions;
      if (mentioned.length > 0) {
        const { granted } = await grantCampaignRights({
          userId: turn.user.id,
          mentioned,
          uaj: uajOf(turn),
          deps: { ...deps.imports, users: deps.users },
        });
        return text(turn.render.t.school.grantedByMention(granted.map((u, i) => u.name ?? mentioned[i]!.teamsUserId)));
      }
      const { code, expiresAt } = await inviteTeacher({ userId: turn.user.id, uaj: uajOf(turn), deps: deps.imports });
      return { messages: [{ card: renderInvitation(turn.render, code, expiresAt) }] };
    },

    rights,

    async revoke(turn) {
      const membershipId = turn.payload.membershipId;
      if (!membershipId) return rights(turn);
      // Rights are checked, and the teacher found, before the confirmation is shown.
      const { school, staff } = await listCampaignRights({ userId: turn.user.id, uaj: uajOf(turn), deps: deps.imports });
      const member = staff.find((m) => m.membershipId === membershipId && m.role === 'teacher' && m.canCreateCampaigns);
      if (!member) throw new UnknownMemberError();
      return { messages: [{ card: renderRevokeConfirm(turn.render, school, member) }] };
    },

    async revokeConfirm(turn) {
      const membershipId = turn.payload.membershipId;
      if (!membershipId) throw new UnknownMemberError();
      await revokeCampaignRight({ userId: turn.user.id, membershipId, uaj: uajOf(turn), deps: deps.imports });
      const { school, staff } = await listCampaignRights({ userId: turn.user.id, uaj: uajOf(turn), deps: deps.imports });
      return { update: renderRights(turn.render, school, staff), messages: [{ text: turn.render.t.school.revoked }] };
    },

    async link(turn) {
      await assertMayLink({ userId: turn.user.id, deps: deps.link });
      const linked = await linkedStudent({ userId: turn.user.id, deps: deps.link });
      if (linked) {
        const st = linked.student;
        return text(turn.render.t.school.alreadyLinked(st.firstName, st.lastName, st.division, linked.school.name));
      }
      return { messages: [{ card: renderLinkForm(turn.render, namesFrom(turn.user.name)) }] };
    },

    async linkSubmit(turn) {
      const inputs = cardInputs(turn.payload, INPUT_PREFIX);
      const identity = { firstName: inputs.firstName, lastName: inputs.lastName, birthDate: inputs.birthDate };
      try {
        const { student, school } = await linkStudentAccount({ userId: turn.user.id, tenantId: turn.activity.tenantId, identity, deps: deps.link });
        const done = turn.render.t.school.linked(student.firstName, student.lastName, student.division, school.name);
        return { update: renderNotice(turn.render, done, [action(turn.render.t.actionProfile, 'profile')]), messages: [] };
      } catch (error) {
        // A refusal the student can fix: the form again, with what they typed and why.
        if (!(error instanceof ReconciliationError) || error.reason === 'too_many_attempts' || !FIXABLE.has(error.reason)) throw error;
        const typed = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : '');
        const values = { firstName: typed(inputs.firstName), lastName: typed(inputs.lastName), birthDate: typed(inputs.birthDate) };
        return { update: renderLinkForm(turn.render, values, turn.render.t.school.errLink[error.reason]), messages: [] };
      }
    },

    async import(turn) {
      await staffMembership({ userId: turn.user.id, uaj: uajOf(turn), role: 'referent', deps: deps.imports });
      return text(turn.render.t.school.importHowTo);
    },

    async importReport(turn) {
      const { school } = await staffMembership({ userId: turn.user.id, uaj: uajOf(turn), role: 'referent', deps: deps.imports });
      const job = turn.payload.importId ? await deps.imports.imports.find(turn.payload.importId) : null;
      if (!job || job.schoolId !== school.id) throw new UnknownImportError();
      const { errors, skipped } = importProblems(turn.render, job);
      const lines = [...errors, ...skipped];
      const s = turn.render.t.school;
      if (!lines.length) return text(s.importReportEmpty(job.fileName));
      const chunks: string[] = [];
      for (let i = 0; i < lines.length; i += REPORT_LINES_PER_MESSAGE) chunks.push(lines.slice(i, i + REPORT_LINES_PER_MESSAGE).map((l) => `- ${l}`).join('\n'));
      return { messages: [{ text: s.importReportHeading(job.fileName, lines.length) }, ...chunks.map((c) => ({ text: c }))] };
    },

    async imports(turn) {
      const { school } = await staffMembership({ userId: turn.user.id, uaj: uajOf(turn), role: 'referent', deps: deps.imports });
      return { messages: [{ card: renderImports(turn.render, school, await deps.imports.imports.recent(school.id), deps.reportUrl) }] };
    },
  } satisfies Record<SchoolVerb, Handler>;
}

/**
 * A file sent in chat: its type and name are checked, then the referent's right, then an import job
 * is recorded that will fetch it; the turn does not wait for the download.
 */
export function receiveSentFile(deps: SchoolTurnDeps): FileHandler {
  return async (turn, file) => {
    const s = turn.render.t.school;
    if (!file.downloadUrl) return text(s.errFileType(file.contentType));
    if (!acceptedFileName(file.name)) return text(s.errFileExtension(file.name));
    const { job } = await requestSentFileImport({
      userId: turn.user.id,
      uaj: uajOf(turn),
      file: { name: file.name, downloadUrl: file.downloadUrl },
      activityId: turn.activityId,
      deps: deps.imports,
    });
    // A redelivered message is answered as the first was: same job, same words.
    return text(s.importReceived(job.fileName));
  };
}
