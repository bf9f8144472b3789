import type { RegistrySubject } from './registries.types';

/** A work-permit applicant as the registers are asked about her; `over` changes what a test needs. */
export const subject = (over: Partial<RegistrySubject> = {}): RegistrySubject => ({
  personId: null,
  givenNames: 'Anna',
  surname: 'Kovalenko',
  dateOfBirth: '1990-01-01',
  nationality: 'UKR',
  documentNumber: 'FX000001',
  employerCode: '300000001',
  serviceId: 'temporary-residence-permit',
  groundId: 'work',
  ...over,
});
