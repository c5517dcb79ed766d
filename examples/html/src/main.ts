import 'natter';

// `querySelector('natter-comments')` is a NatterComments, and its events carry a typed `detail`.
const comments = document.querySelector('natter-comments')!;
comments.endpoint = new URLSearchParams(location.search).get('endpoint') ?? 'http://127.0.0.1:8080/';

const thanks = document.querySelector<HTMLParagraphElement>('#thanks')!;
comments.addEventListener('natter-posted', (event) => {
  thanks.textContent = `Thanks, ${event.detail.comment.author.name}!`;
  thanks.hidden = false;
});

document.querySelector('#switch-thread')!.addEventListener('click', () => {
  comments.thread = '/examples/other';
});
