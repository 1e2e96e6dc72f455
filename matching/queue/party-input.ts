import { pageInput } from '../core/pagination.ts';

/** Party views page like every list; nothing else to filter on a single record's pairs. */
export const partyPairsInput = pageInput;
