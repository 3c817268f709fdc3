export {SiteAssistClient, ConversationChangeEvent, RetryWaitEvent, DEFAULT_API_URL} from './client.js';
export type {ClientConfig, ConversationChange, SendOptions, SendOutcome} from './client.js';
export {KeyRefusedError, SiteAssistError} from './errors.js';
export type {ErrorCode, ServerErrorCode, ClientErrorCode} from './errors.js';
export {getClient, getService} from './shared-client.js';
export {StreamedReply, readUiMessageStream, textOfParts} from './ui-message-stream.js';
export type {UiMessageChunk} from './ui-message-stream.js';
export type * from './types.js';
