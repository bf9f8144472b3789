/**
 * The Register of Legal Entities (Juridinių asmenų registras, JAR), kept by the Centre of
 * Registers (Registrų centras): Vartai asks it whether a legal-entity code belongs to a registered
 * organisation, and takes the organisation's name from it rather than from what was typed.
 *
 * Only a simulator exists. A real adapter needs a data-supply agreement with the Centre of
 * Registers and its JAR web service (credentials, the service's own request format); it plugs in
 * here without changing the organisations service.
 */
export type LegalEntityLookup =
  | { found: true; code: string; name: string; legalForm: string; status: 'registered' }
  | { found: true; code: string; name: string; legalForm: string; status: 'deregistered' }
  | { found: false; code: string };

export interface LegalEntityRegister {
  lookup(code: string): Promise<LegalEntityLookup>;
}

/** A Lithuanian legal-entity code has 9 digits. */
export const LEGAL_ENTITY_CODE = /^\d{9}$/;

/**
 * Demo organisations the simulator knows, by code. The names and codes are invented for the demo
 * (they are not real organisations); any other code is "not found", as the register would answer.
 */
export const DEMO_LEGAL_ENTITIES: Record<
  string,
  { name: string; legalForm: string; status: 'registered' | 'deregistered' }
> = {
  '305123456': {
    name: 'UAB „Baltijos programinė įranga“',
    legalForm: 'UAB',
    status: 'registered',
  },
  '304987654': { name: 'UAB „Nemuno logistika“', legalForm: 'UAB', status: 'registered' },
  '111222333': {
    name: 'Vartų technologijos universitetas',
    legalForm: 'Viešoji įstaiga',
    status: 'registered',
  },
  '302000111': {
    name: 'UAB „Uždaryta prekyba“',
    legalForm: 'UAB',
    status: 'deregistered',
  },
};

/** Deterministic stand-in for the JAR service: the demo entities above, nothing else. */
export function simulatedLegalEntityRegister(
  known: typeof DEMO_LEGAL_ENTITIES = DEMO_LEGAL_ENTITIES,
): LegalEntityRegister {
  return {
    async lookup(code) {
      const e = known[code];
      if (!e) return { found: false, code };
      return { found: true, code, ...e } as LegalEntityLookup;
    },
  };
}
