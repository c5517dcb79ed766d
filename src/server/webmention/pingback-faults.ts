// Apart from xml-rpc.ts, whose XML parser the Pingback endpoint loads only when a ping comes: the endpoint names
// these codes without it.

/** The fault codes of the Pingback 1.0 specification, by what they mean. */
export const pingbackFault = {
  /** Any other fault. */
  generic: 0,
  /** The source URI does not exist. */
  sourceNotFound: 16,
  /** The source URI does not contain a link to the target URI, and so cannot be used as a source. */
  noLinkToTarget: 17,
  /** The specified target URI does not exist. */
  targetNotFound: 32,
  /** The specified target URI cannot be used as a target. */
  targetNotPingable: 33,
  /** The pingback has already been registered. */
  alreadyRegistered: 48,
  /** Access denied. */
  accessDenied: 49,
  /** The server could not communicate with an upstream server, or received an error from one. */
  upstreamError: 50,
} as const;
