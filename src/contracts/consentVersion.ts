/** Version of the sensitive-data consent text (src/packages/… consent page shows the same version). */
export const CURRENT_CONSENT_VERSION = '2026-11-v1';
