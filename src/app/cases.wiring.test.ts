import { describe, expect, it } from 'vitest';
import { createCatalogueModule, type CatalogueModule } from '../modules/catalogue';
import { lifecycleRulesFrom } from './cases.wiring';

const catalogue = createCatalogueModule();

/** The catalogue with one service changed, as a pack saying so would load it. */
function withService(id: string, change: Record<string, unknown>): CatalogueModule {
  return {
    ...catalogue,
    findService: (serviceId: string) => {
      const s = catalogue.findService(serviceId);
      return s && serviceId === id ? { ...s, ...change } : s;
    },
  } as CatalogueModule;
}

describe('lifecycle rules from the catalogue', () => {
  it('takes the visit from the pack and lets the proposing officer grant alone by default', () => {
    const rules = lifecycleRulesFrom(catalogue);
    expect(rules.lifecycleRules('temporary-residence-permit')).toEqual({
      visitRequired: true,
      grantNeedsApproval: false,
    });
    expect(rules.lifecycleRules('change-of-employer').visitRequired).toBe(false);
  });

  it('asks for a second officer on grants where the service says so', () => {
    const rules = lifecycleRulesFrom(
      withService('citizenship', {
        grantApproval: { source: 'x', required: true },
      }),
    );
    expect(rules.lifecycleRules('citizenship').grantNeedsApproval).toBe(true);
    expect(rules.lifecycleRules('temporary-residence-permit').grantNeedsApproval).toBe(false);
  });

  it('takes the safer path for a service the pack does not know', () => {
    expect(lifecycleRulesFrom(catalogue).lifecycleRules('no-such-service')).toEqual({
      visitRequired: true,
      grantNeedsApproval: true,
    });
  });
});
