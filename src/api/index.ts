export {SiteAssistClient, ConversationChangeEvent, RetryWaitEvent, DEFAULT_API_URL} from './client.js';
export type {ClientConfig, ConversationChange, SendOptions, SendOutcome} from './client.js';
export {KeyRefusedError, SiteAssistError} from './errors.js';
export type {ErrorCode, ServerErrorCode, ClientErrorCode} from './errors.js';
export {getService} from './service.js';
export {readUiMessageStream} from './ui-message-stream.js';
export type {UiMessageChunk} from './ui-message-stream.js';
export type * from './types.js';
