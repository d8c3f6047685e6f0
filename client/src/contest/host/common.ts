import type { ClientCommand } from '../../../../shared/protocol/contest-protocol';
import type { AppError } from '../../../../shared/protocol/result';
import { ts } from '../../i18n/stage';

/** Sends a host command; resolves to the server's refusal, or null when it was applied. */
export type Send = (command: ClientCommand) => Promise<AppError | null>;

/** What a refusal says to the host: the server's message, or our own words when the network failed. */
export const errorText = (e: AppError) => (e.code === 'network/failed' || !e.message ? ts('stage.networkError') : e.message);
