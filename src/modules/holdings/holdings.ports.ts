import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';

/**
 * What the holdings module needs from the applications module, in its own words: the
 * composition root adapts the applications service to it (src/app/holdings.wiring.ts).
 */
export interface RenewalApplications {
  /** An application as the principal may see it; undefined when unknown, withdrawn or not theirs. */
  find(
    id: string,
    by: Principal,
  ): Promise<
    | {
        id: string;
        state: 'draft' | 'submitted' | 'withdrawn';
        answers: Record<string, string | null>;
      }
    | undefined
  >;
  /** The question ids the form of a service and ground asks (the catalogue's). */
  questionIds(serviceId: string, groundId: string): string[];
  /** Inserts a draft with the answers given, inside the caller's transaction. */
  startPrefilled(
    input: {
      serviceId: string;
      groundId: string;
      answers: Record<string, string>;
      by: Principal;
      details: Record<string, unknown>;
    },
    trx: AnyTransaction,
  ): Promise<{ id: string }>;
}

/** Who to write to about a held document: its holder, in their language. */
export type RecipientOf = (
  accountId: string,
) => Promise<{ email: string; name: string; lang: Language } | undefined>;
