import { useState } from 'react';

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? 'http://127.0.0.1:8080/';

export function App() {
  const [thread, setThread] = useState('/2026/11/health-care-and-social-media');
  const [thankedName, setThankedName] = useState('');

  return (
    <main>
      <h1>natter in React</h1>
      {thankedName && <p>Thanks, {thankedName}!</p>}
      <button type="button" onClick={() => setThread('/examples/other')}>
        Show another thread
      </button>
      <natter-comments
        endpoint={endpoint}
        thread={thread}
        lazy={false}
        onnatter-posted={(event) => setThankedName(event.detail.comment.author.name)}
      />
    </main>
  );
}
