/* global document, fetch */
// The virtual assistant panel (issue 10): progressive enhancement of the "Ask a question" link
// that every portal page has after its main content. Without this file the link opens the
// /assistant page, which does everything with plain forms. The panel's markup comes from the
// page's <template> and is only put on the page when the visitor opens it (so pages carry no
// extra form field until then). Texts come from the aside's data-* attributes; every text is set
// with textContent, never as HTML.

const aside = document.querySelector('[data-assistant-panel]');
const template = aside && aside.querySelector('template[data-assistant-template]');
const entry = aside && aside.querySelector('[data-assistant-entry]');

/** Web addresses and same-site paths only: an answer's source never becomes a script link. */
function safeHref(href) {
  const h = String(href || '').trim();
  return /^(https?:\/\/\S+|\/(?![/\\])\S*)$/i.test(h) ? h : undefined;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(text, href) {
  const a = el('a', 'govuk-link', text);
  a.href = href;
  return a;
}

function enhance() {
  const texts = aside.dataset;
  const toggle = el('button', 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0');
  toggle.type = 'button';
  toggle.textContent = entry.textContent.trim();
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'assistant-panel');
  entry.replaceChildren(toggle);

  const panel = el('div', 'govuk-!-margin-top-4');
  panel.id = 'assistant-panel';
  panel.hidden = true;
  entry.after(panel);

  let input;
  let log;
  let group;
  let error;
  let busy = false;

  function build() {
    panel.append(template.content.cloneNode(true));
    input = panel.querySelector('input[name="question"]');
    log = panel.querySelector('[data-assistant-log]');
    group = panel.querySelector('[data-assistant-group]');
    error = panel.querySelector('[data-assistant-error]');
    panel.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      void ask();
    });
  }

  function open() {
    if (!input) build();
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    input.focus();
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  }

  function showError(message) {
    if (!message) {
      group.classList.remove('govuk-form-group--error');
      input.classList.remove('govuk-input--error');
      input.removeAttribute('aria-describedby');
      error.hidden = true;
      error.replaceChildren();
      return;
    }
    group.classList.add('govuk-form-group--error');
    input.classList.add('govuk-input--error');
    input.setAttribute('aria-describedby', error.id);
    error.replaceChildren(el('span', 'govuk-visually-hidden', `${texts.errorPrefix} `), message);
    error.hidden = false;
  }

  function turn(who) {
    const item = el('div', 'govuk-!-margin-bottom-3');
    item.append(el('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', who));
    return item;
  }

  function paragraphs(parent, text) {
    for (const p of String(text).split(/\n+/)) {
      if (p.trim()) parent.append(el('p', 'govuk-body', p.trim()));
    }
  }

  function answerTurn(a) {
    const item = turn(texts.assistant);
    const box = el('div', 'govuk-inset-text govuk-!-margin-top-1');
    paragraphs(box, a.answer);
    if (a.lang) box.lang = a.lang;
    const sources = (a.sources || []).filter((s) => safeHref(s.url));
    if (sources.length > 0) {
      box.append(el('p', 'govuk-body-s govuk-!-margin-bottom-1', texts.sources));
      const list = el('ul', 'govuk-list govuk-list--bullet govuk-body-s');
      for (const s of sources) {
        const li = el('li');
        li.append(link(s.title || s.url, safeHref(s.url)));
        list.append(li);
      }
      box.append(list);
    }
    if (a.handoff) {
      const p = el('p', 'govuk-body govuk-!-margin-bottom-0');
      p.append(link(texts.person, '/assistant#handoff'));
      box.append(p);
    }
    item.append(box);
    return item;
  }

  function notice(text) {
    const item = turn(texts.assistant);
    item.append(el('p', 'govuk-body', text));
    return item;
  }

  async function ask() {
    if (busy) return;
    const question = input.value.trim();
    if (!question) return (showError(texts.empty), input.focus());
    if (question.length > 1000) return (showError(texts.tooLong), input.focus());
    showError('');
    busy = true;
    const asked = turn(texts.you);
    asked.append(el('p', 'govuk-body', question));
    log.append(asked);
    const waiting = el('p', 'govuk-body-s', texts.waiting);
    log.append(waiting);
    let reply;
    try {
      const res = await fetch(aside.dataset.api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          // Keep this question in the browser's conversation, for a hand-off to a person.
          'x-assistant-conversation': 'keep',
        },
        body: JSON.stringify({ question }),
      });
      if (res.ok) reply = answerTurn(await res.json());
      else reply = notice(res.status === 429 ? texts.limited : texts.failed);
      if (res.ok) input.value = '';
    } catch {
      reply = notice(texts.failed);
    } finally {
      busy = false;
    }
    waiting.remove();
    log.append(reply);
    input.focus();
  }

  toggle.addEventListener('click', () => (panel.hidden ? open() : close()));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
}

if (aside && template && entry && 'content' in template && typeof fetch === 'function') enhance();
