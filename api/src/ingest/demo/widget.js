// The demo widget: the same calls a site's own widget makes (docs/widget.md).
const endpoint = '/v1/widget/messages';
const siteKey = 'demo-site-key';
const consentText = 'Send me product news by email';

const log = document.getElementById('log');
const form = document.getElementById('chat');
const textInput = document.getElementById('text');

function conversation() {
  let state = JSON.parse(sessionStorage.getItem('confide-demo') ?? 'null');
  if (!state) {
    state = { conversationId: crypto.randomUUID(), conversationToken: null };
    sessionStorage.setItem('confide-demo', JSON.stringify(state));
  }
  return state;
}

function show(text, className) {
  const item = document.createElement('li');
  item.textContent = text;
  if (className) item.className = className;
  log.append(item);
}

/** Sends one message; retries the same message id after a 503 or a network error. */
async function send(role, text, extra = {}) {
  const state = conversation();
  const body = {
    siteKey,
    conversationId: state.conversationId,
    channel: 'WIDGET',
    message: { id: crypto.randomUUID(), role, text, sentAt: new Date().toISOString() },
    page: { url: location.href, referrer: document.referrer || undefined },
    ...(state.conversationToken && { conversationToken: state.conversationToken }),
    ...extra,
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    const answer = await response.json();
    if (response.ok) {
      state.conversationToken = answer.conversationToken;
      sessionStorage.setItem('confide-demo', JSON.stringify(state));
      return answer;
    }
    if (response.status !== 503) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
    await new Promise((resolve) =>
      setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)),
    );
  }
  throw new Error('The service is unavailable; try again later');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = textInput.value.trim();
  if (!text) return;
  const name = document.getElementById('name').value.trim();
  const email = document.getElementById('email').value.trim();
  const marketing = document.getElementById('marketing').checked;
  const extra = {};
  if (name || email) extra.contact = { ...(name && { name }), ...(email && { email }) };
  if (email && marketing)
    extra.consents = [{ purpose: 'MARKETING_COMMUNICATIONS', granted: true, text: consentText }];
  textInput.value = '';
  try {
    const answer = await send('VISITOR', text, extra);
    show(
      answer.redactionCount > 0
        ? `You: ${text} (payment data removed: ${answer.redactionCount})`
        : `You: ${text}`,
    );
    const reply = email
      ? `Thanks, ${name || 'there'}! A colleague will write to ${email}.`
      : 'Thanks for your question! Leave your email above if you would like a colleague to follow up.';
    await send('ASSISTANT', reply);
    show(`Assistant: ${reply}`, 'assistant');
  } catch (error) {
    show(error.message, 'error');
  }
});

document.getElementById('restart').addEventListener('click', () => {
  sessionStorage.removeItem('confide-demo');
  log.replaceChildren();
});
