import { AppError } from '../../platform/errors';

/** Stable codes of the appointments module (docs/errors.md). */
export const appointmentsErrors = {
  packInvalid: (field: string, problem: string) =>
    new AppError(
      'APPOINTMENTS_PACK_INVALID',
      'internal',
      `Country pack file branches.yaml: ${field || '(file)'}: ${problem}`,
      { file: 'branches.yaml', field, problem },
    ),
  /** The branch desk (desk.service.ts): an unknown branch, visit or one of another branch. */
  deskNotFound: () =>
    new AppError(
      'APPOINTMENTS_DESK_NOT_FOUND',
      'not_found',
      'No such branch desk, appointment or desk visit that you may see',
    ),
  walkInsNotAllowed: (branch: string) =>
    new AppError(
      'APPOINTMENTS_WALK_INS_NOT_ALLOWED',
      'conflict',
      `Branch ${branch} serves booked visits only`,
      { branch },
    ),
  /** The partner API's refusals of a booking, move or cancellation (visit.api.ts). */
  taken: () =>
    new AppError(
      'APPOINTMENT_TAKEN',
      'conflict',
      'That time is no longer free (or is not one this application may book); choose another',
    ),
  alreadyBooked: () =>
    new AppError(
      'APPOINTMENT_ALREADY_BOOKED',
      'conflict',
      'The application got a visit booked by another request meanwhile; read it and move it instead',
    ),
  changeBlocked: (until: Date) =>
    new AppError(
      'APPOINTMENT_CHANGE_BLOCKED',
      'conflict',
      `The visit was changed too often: booking is blocked until ${until.toISOString()}`,
      { until: until.toISOString() },
    ),
  confirmBlock: () =>
    new AppError(
      'APPOINTMENT_CONFIRM_BLOCK',
      'conflict',
      'This change would block booking for this application for a while; repeat the request with acceptBlock true to make it',
    ),
  notEligible: (reason: 'not-submitted' | 'no-visit' | 'window-closed') =>
    new AppError(
      'APPOINTMENT_NOT_ELIGIBLE',
      'unprocessable',
      reason === 'not-submitted'
        ? 'The application is not submitted'
        : reason === 'no-visit'
          ? 'The service of the application does not need a visit'
          : 'The window for the visit has closed',
      { reason },
    ),
  notFound: () =>
    new AppError(
      'APPOINTMENT_NOT_FOUND',
      'not_found',
      'The application has no booked visit that the caller holds',
    ),
  /** The booking reports page (abuse.pages.ts): no report with that id. */
  reportNotFound: () =>
    new AppError(
      'BOOKING_REPORT_NOT_FOUND',
      'not_found',
      'There is no booking report with that id',
    ),
};
