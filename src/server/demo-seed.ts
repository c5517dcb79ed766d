import { hashSecret, newSecret } from './secrets.js';
import type { CommentStore, NewStoredComment } from './storage/store.js';

/** The thread of the demo article (its canonical path). */
export const demoThread = '/2026/11/health-care-and-social-media';

/** The demo blog's comment policy, unless the operator configured one. */
export const demoPolicy =
  '<p>Be kind and stay on topic. Comments from first-time readers may wait for a moderator; ' +
  'please do not share personal medical details.</p>';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** Gives the demo article its first three readers' comments, once: a thread that has comments is left alone. */
export async function seedDemoThread(store: CommentStore, now = Date.now()): Promise<void> {
  if ((await store.getThread(demoThread)).listedCount > 0) return;
  const at = (ago: number) => new Date(now - ago).toISOString();
  // Nobody holds the secret of a seeded comment.
  const secretHash = await hashSecret(newSecret());
  const comment = (
    name: string,
    url: string | null,
    text: string,
    ago: number,
  ): Omit<NewStoredComment, 'id'> => ({
    thread: demoThread,
    parent: null,
    authorName: name,
    authorEmail: null,
    authorUrl: url,
    text,
    status: 'published',
    createdAt: at(ago),
    secretHash,
    editableUntil: at(ago),
  });
  const comments = [
    comment(
      'Hannah Okafor',
      null,
      'I help run a small online group for people caring for a parent with dementia, and the rule that ' +
        'saved us was your “lived experience, not advice” one. Medical questions get pointed back to the ' +
        "person's own GP and to sources we have checked, starting with https://www.who.int/ and a short " +
        'reading list our volunteers keep at example.org/page.',
      13 * day + 4 * hour,
    ),
    comment(
      'Jonas Lindqvist',
      null,
      'As a GP, “bring me what you find” is the one change that has done most for my consultations.\n\n' +
        'It takes longer at first. But patients whose reading is taken seriously are far more willing to ' +
        'hear “this part is not right” afterwards, and some of them find papers I had missed.\n\n' +
        'The hard part is the system around us: a ten-minute slot leaves little room for reading a ' +
        'screenshot together. I would like practices to plan time for exactly that.',
      6 * day + 7 * hour,
    ),
    comment(
      'Priya Raman',
      'https://priyaraman.example/',
      'Thank you for the privacy section. I was diagnosed with MS two years ago and only later realised ' +
        'how much I had shared in public groups. These days I use a separate email address and a nickname ' +
        'for anything health-related, and I think twice before posting photos.',
      3 * hour,
    ),
  ];
  // Fixed ids: when two servers seed one fresh database at once, the later insert of each comment fails on its
  // id instead of giving the thread every comment twice.
  for (const [index, seeded] of comments.entries()) {
    const id = `demo-${index + 1}`;
    try {
      await store.insertComment({ ...seeded, id });
    } catch (error) {
      if (!(await store.getComment(id))) throw error;
    }
  }
}
