// The booklet's own words in every language it ships, with booklet.yaml's overrides.
export {
  CATALOGUES,
  createMessages,
  ENGLISH,
  MESSAGE_IDS,
  MESSAGE_VALUES,
  type MessageId,
  type Messages,
  type MessageValues,
  messageProblem,
} from "./messages.ts";
