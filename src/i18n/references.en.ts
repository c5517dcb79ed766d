import type { Catalog } from './messages.en.js';

/**
 * English words of references (responses to the page from other websites) and of telling the server about the
 * reader's own response. Part of the English source catalog (messages.en.ts), kept apart so that they come with
 * the references chunk: a thread without references never downloads them.
 */
export const enReferences = {
  referencesHeading: { one: 'References ({count})', other: 'References ({count})' },
  referencesLoading: 'Loading references…',
  referencesError: 'References could not be loaded.',
  referenceReplied: '{name} replied',
  referenceMentioned: '{name} mentioned this',
  referenceBookmarked: '{name} bookmarked this',
  likedBy: 'Liked by {names}',
  repostedBy: 'Reposted by {names}',
  referenceOthers: { one: '{count} other', other: '{count} others' },

  responseLabel: 'Address of your response',
  responseHint: 'Your page must link to this one.',
  responseSend: 'Send',
  responseSending: 'Sending…',
  responseSamePage: 'This is the address of this page. Please enter the address of your response.',
  responseTargetRefused: 'This page does not take responses from other websites.',
  responseFailed: 'Your response could not be sent: {message}',
  responseFailedNetwork:
    'Your response could not be sent because the server could not be reached. Your address is kept here; please try again.',
  responseRateLimited: {
    one: 'You are sending responses too quickly. Please try again in {count} second.',
    other: 'You are sending responses too quickly. Please try again in {count} seconds.',
  },

  mentionQueued: 'Received; checking that your page links here…',
  mentionUnchecked: 'Received; your response will be listed here once it is verified.',
  mentionSlow: 'Still checking; your response will be listed here once it is verified.',
  mentionPublished: 'Verified: your response is listed below',
  mentionPending: 'Verified: it will appear once a moderator approves it',
  mentionNoLink: 'Your page does not link to this one.',
  mentionSourceGone: 'Your page could not be found.',
  mentionSourceUnreachable: 'Your website could not be reached.',
  mentionSourceError: 'Your website answered with an error.',
  mentionNotText: 'Your address does not lead to a web page.',
  mentionTooLarge: 'Your page is too large to be checked.',
  mentionTooManyRedirects: 'Your address redirects too many times.',
  mentionForbiddenAddress: 'Your address cannot be checked from here.',
  mentionTooManyReferences: 'This page takes no more responses for now.',
  mentionDeleted: 'Your response was removed.',
  mentionRefused: 'Your response could not be verified.',
} satisfies Catalog;
