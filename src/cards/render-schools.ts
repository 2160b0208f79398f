/** Cards of the school features: classes, students, rights, invitations, account link, import results. */
import { formatCalendarDate, formatDateTime, formatDay } from '../i18n/dates.js';
import type { ImportJob } from '../schools/import-job.js';
import { reportText } from '../schools/import-report.js';
import type { LinkedRecord, School, StaffRole } from '../schools/model.js';
import type { RenderContext } from './render.js';
import { action, type Card } from './template.js';

const MAX_ROWS = 60;
const FIRST_ERRORS = 10;

export function renderDivisions(ctx: RenderContext, school: School, divisions: Array<{ division: string; students: number }>): Card {
  const s = ctx.t.school;
  return ctx.cards.render('list', {
    title: s.divisionsTitle(school.name),
    text: divisions.length ? '' : s.divisionsEmpty,
    items: divisions.slice(0, MAX_ROWS).map((d) => ({
      text: s.divisionsLine(d.division, d.students),
      actions: [action(s.actionStudents, 'division', { division: d.division, uaj: school.uaj })],
    })),
    actions: [],
  });
}

/** A class as staff see it: each student with the Teams account linked to them; the referent may unlink one. */
export function renderDivisionStudents(ctx: RenderContext, school: School, division: string, students: LinkedRecord[], canUnlink: boolean): Card {
  const s = ctx.t.school;
  return ctx.cards.render('list', {
    title: s.divisionTitle(division, school.name),
    text: '',
    items: students.slice(0, 200).map((st) => ({
      text: s.studentLine(st.lastName, st.firstName, formatCalendarDate(st.birthDate, ctx), st.userId ? s.studentAccount(st.accountName, st.linkedAt ? formatDay(st.linkedAt, ctx) : null) : null),
      actions: canUnlink && st.userId ? [action(s.actionUnlink, 'unlink', { studentId: st.id, uaj: school.uaj }, 'destructive')] : [],
    })),
    actions: [action(s.actionDivisions, 'classes', { uaj: school.uaj })],
  });
}

/** The referent confirms before an account is detached from a record, knowing what becomes of its results. */
export function renderUnlinkConfirm(ctx: RenderContext, school: School, student: LinkedRecord): Card {
  const s = ctx.t.school;
  const f = s.unlinkFacts;
  const facts = [
    { title: f.student, value: `${student.firstName} ${student.lastName}` },
    { title: f.division, value: student.division },
    { title: f.account, value: student.accountName ?? '?' },
  ];
  if (student.linkedAt) facts.push({ title: f.since, value: formatDay(student.linkedAt, ctx) });
  const data = { studentId: student.id, uaj: school.uaj, division: student.division };
  return ctx.cards.render('unlink-confirm', {
    title: s.unlinkTitle(student.firstName, student.lastName),
    facts,
    text: s.unlinkText,
    actions: [action(s.actionConfirmUnlink, 'unlinkConfirm', data, 'destructive'), action(ctx.t.actionCancel, 'unlinkCancel', data)],
  });
}

export function renderInvitation(ctx: RenderContext, code: string, expiresAt: Date): Card {
  const s = ctx.t.school;
  return ctx.cards.render('list', {
    title: s.inviteTitle,
    text: s.inviteText(code, formatDateTime(expiresAt, ctx, 'long')),
    items: [],
    actions: [],
  });
}

export function renderRights(
  ctx: RenderContext,
  school: School,
  staff: Array<{ membershipId: number; name: string | null; role: StaffRole; canCreateCampaigns: boolean; since: string }>,
): Card {
  const s = ctx.t.school;
  const holders = staff.filter((m) => m.canCreateCampaigns);
  return ctx.cards.render('list', {
    title: s.rightsTitle(school.name),
    text: holders.some((m) => m.role === 'teacher') ? '' : s.rightsEmpty,
    items: holders.map((m) => ({
      text: s.rightsLine(m.name ?? '?', m.role === 'referent' ? s.roleReferent : s.roleTeacher, formatDay(m.since, ctx)),
      actions: m.role === 'teacher' ? [action(s.actionRevoke, 'revoke', { membershipId: m.membershipId, uaj: school.uaj }, 'destructive')] : [],
    })),
    actions: [action(s.actionInvite, 'invite', { uaj: school.uaj })],
  });
}

/** The account-link form, in the order the text asks (name, first name, birth date); after a refusal, with what was typed and why. */
export function renderLinkForm(ctx: RenderContext, values: { firstName: string; lastName: string; birthDate?: string }, error = ''): Card {
  const s = ctx.t.school;
  return ctx.cards.render('link-form', {
    title: s.linkTitle,
    text: s.linkText,
    error,
    firstNameLabel: s.linkFirstName,
    lastNameLabel: s.linkLastName,
    birthDateLabel: s.linkBirthDate,
    firstNameError: s.linkFieldErrors.firstName,
    lastNameError: s.linkFieldErrors.lastName,
    birthDateError: s.linkFieldErrors.birthDate,
    firstName: values.firstName,
    lastName: values.lastName,
    birthDate: values.birthDate ?? '',
    actions: [action(s.linkSubmit, 'linkSubmit', {}, 'positive')],
  });
}

/** Every problem of an import's report, in the reader's language: errors, then students skipped. */
export function importProblems(ctx: RenderContext, job: ImportJob): { errors: string[]; skipped: string[] } {
  const s = ctx.t.school;
  const report = job.report;
  return {
    errors: [
      // A superseded job's only "error" is why it was not applied, which the card's text says already.
      ...(report?.fileError && job.state !== 'superseded' ? [reportText(report.fileError, ctx.lang)] : []),
      ...(report?.errors ?? []).map((e) => s.importProblemLine(e.ine, e.line, e.field, reportText(e, ctx.lang))),
    ],
    skipped: (report?.skipped ?? []).map((k) => s.importProblemLine(null, null, null, reportText(k, ctx.lang))),
  };
}

/** The referent confirms before a teacher loses the right to create campaigns. */
export function renderRevokeConfirm(ctx: RenderContext, school: School, member: { membershipId: number; name: string | null }): Card {
  const s = ctx.t.school;
  return ctx.cards.render('confirm', {
    title: s.revokeConfirmTitle(member.name ?? '?'),
    text: s.revokeConfirmText,
    actions: [
      action(s.actionConfirmRevoke, 'revokeConfirm', { membershipId: member.membershipId, uaj: school.uaj }, 'destructive'),
      action(ctx.t.actionCancel, 'rights', { uaj: school.uaj }),
    ],
  });
}

/** The referent's notification when an import ends: counts, the first errors, and the full report. */
export function renderImportResult(ctx: RenderContext, job: ImportJob, school: School, reportUrl: string | null): Card {
  const s = ctx.t.school;
  const f = s.importFacts;
  const report = job.report;
  const counts = job.counts;
  const failed = job.state === 'failed';
  const superseded = job.state === 'superseded';
  const facts = [{ title: f.file, value: job.fileName }];
  if (counts && !failed) {
    facts.push(
      { title: f.imported, value: String(counts.imported) },
      { title: f.updated, value: String(counts.updated) },
      { title: f.unchanged, value: String(counts.unchanged) },
      { title: f.disabled, value: String(counts.disabled) },
    );
  }
  if (counts) facts.push({ title: f.skipped, value: String(counts.skipped) });
  if (failed) facts.push({ title: f.errors, value: String((report?.errors.length ?? 0) + (report?.fileError ? 1 : 0)) });
  // The referent's language; a report stored before English existed shows its French.
  const { errors, skipped } = importProblems(ctx, job);
  return ctx.cards.render('import-result', {
    title: superseded ? s.importSupersededTitle(school.name) : failed ? s.importFailedTitle(school.name) : s.importDoneTitle(school.name),
    color: superseded ? 'Warning' : failed ? 'Attention' : 'Good',
    text: superseded ? `${s.importSupersededText} ${report?.fileError ? reportText(report.fileError, ctx.lang) : ''}`.trim() : failed ? s.importFailedText(job.failedStep ?? 'validation') : '',
    facts,
    errorsTitle: errors.length ? s.importErrorsTitle(Math.min(FIRST_ERRORS, errors.length), errors.length) : '',
    errors: errors.slice(0, FIRST_ERRORS),
    skippedTitle: skipped.length ? s.importSkippedTitle : '',
    skipped: skipped.slice(0, FIRST_ERRORS),
    footer: '',
    // Without PUBLIC_URL there is no link: the full report is sent in chat (never an operator's command).
    actions: reportUrl
      ? [{ type: 'Action.OpenUrl', title: s.actionReport, url: reportUrl }]
      : errors.length + skipped.length > FIRST_ERRORS
        ? [action(s.actionReport, 'importReport', { importId: job.id, uaj: school.uaj })]
        : [],
  });
}

/** The latest imports, each ended one with a new link to its report (the one in its card may have expired), or its report in chat without PUBLIC_URL. */
export function renderImports(ctx: RenderContext, school: School, jobs: ImportJob[], reportUrl: (importId: string) => string | null): Card {
  const s = ctx.t.school;
  return ctx.cards.render('list', {
    title: s.importsTitle(school.name),
    text: jobs.length ? '' : s.importHowTo,
    items: jobs.map((j) => {
      const url = j.finishedAt ? reportUrl(j.id) : null;
      return {
        text: s.importsLine(formatDateTime(j.createdAt, ctx), j.fileName, s.importStates[j.state] ?? j.state),
        actions: url
          ? [{ type: 'Action.OpenUrl', title: s.actionReportShort, url }]
          : j.finishedAt
            ? [action(s.actionReportShort, 'importReport', { importId: j.id, uaj: school.uaj })]
            : [],
      };
    }),
    actions: [],
  });
}
