/**
 * Names for the contract's types. They are generated from api/siteassist-v2.openapi.json
 * (`npm run generate:types`), so the client cannot drift from the spec the emulator enforces.
 */
import type {components, paths} from './schema.js';

type Schemas = components['schemas'];

export type Visitor = Schemas['Visitor'];
export type Project = Schemas['Project'];
export type HumanAgent = Schemas['HumanAgent'];
export type Message = Schemas['Message'];
export type MessagePart = Schemas['MessagePart'];
export type ConversationSummary = Schemas['ConversationSummary'];
export type Conversation = Schemas['Conversation'];
export type ConversationList = Schemas['ConversationList'];
export type MessageList = Schemas['MessageList'];
export type PageContext = Schemas['PageContext'];
export type CloseConversationResult = Schemas['CloseConversationResult'];
export type Feedback = Schemas['FeedbackRequest']['feedback'];
export type ConversationListQuery = NonNullable<paths['/conversations']['get']['parameters']['query']>;
export type MessageListQuery = NonNullable<paths['/conversations/{id}/messages']['get']['parameters']['query']>;
