import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import { ANALYTICS_ERROR_CODES, analyticsErrors } from './errors';

describe('the analytics error codes', () => {
  it('raises each of its own codes with a stable code and kind', () => {
    expect(analyticsErrors.eventInvalid([{ path: 'kind', message: 'x' }])).toMatchObject({
      code: 'ANALYTICS_EVENT_INVALID',
      kind: 'internal',
      details: { fields: [{ field: 'kind', message: 'x' }] },
    });
    expect(analyticsErrors.unavailable(new Error('down'))).toMatchObject({
      code: 'ANALYTICS_UNAVAILABLE',
      kind: 'unavailable',
    });
    expect(analyticsErrors.filterInvalid({ from: 'not a date' })).toMatchObject({
      code: 'ANALYTICS_FILTER_INVALID',
      kind: 'validation',
      details: { fields: [{ field: 'from', message: 'not a date' }] },
    });
    expect(analyticsErrors.simulationRunMismatch(['seed'])).toMatchObject({
      code: 'SIMULATION_RUN_MISMATCH',
      kind: 'conflict',
    });
  });

  it('lists every code its factories raise, once', () => {
    const raised = [
      analyticsErrors.eventInvalid([]),
      analyticsErrors.unavailable(),
      analyticsErrors.filterInvalid({}),
      analyticsErrors.simulationRunMismatch([]),
      analyticsErrors.simulationParamsInvalid('f', 'p'),
      analyticsErrors.simulationOptionsInvalid('f', 'p'),
      analyticsErrors.forecastInvalid({}),
      analyticsErrors.forecastEmptySeries(),
      analyticsErrors.chartInvalid('s', 'x', 'why'),
      analyticsErrors.openStatsInvalid([]),
      analyticsErrors.nationalityGroupsInvalid('f', 'p'),
      analyticsErrors.nationalityCodeInTwoGroups('UKR', ['a', 'b']),
    ];
    for (const e of raised) {
      expect(isAppError(e)).toBe(true);
      expect(ANALYTICS_ERROR_CODES).toContain(e.code);
    }
    expect(new Set(ANALYTICS_ERROR_CODES).size).toBe(ANALYTICS_ERROR_CODES.length);
  });
});
