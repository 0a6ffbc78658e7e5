import { html, SafeHtml } from '../../http/html';
import { layout } from '../../http/layout';

/**
 * The web chat: plain HTML and a little script, so anyone can try the bot in a browser without
 * a Telegram or Zalo account. Everything the server sends is put in with textContent, never as
 * markup.
 */
export function chatPage(options: { newSession: boolean; startCode: string | null; maxFileMb: number }) {
  const config = JSON.stringify({ newSession: options.newSession, startCode: options.startCode, maxFileMb: options.maxFileMb })
    .replace(/</g, '\\u003c');
  return layout(
    'Trò chuyện với Hiệp hội doanh nghiệp',
    html`<section class="chat">
  <div id="log" aria-live="polite"></div>
  <form id="composer" autocomplete="off">
    <input id="text" name="text" placeholder="Nhập tin nhắn…" aria-label="Tin nhắn" maxlength="20000">
    <label class="file" title="Gửi tệp đính kèm">📎<input id="file" type="file" hidden></label>
    <button id="send" type="submit">Gửi</button>
  </form>
  <p class="muted small">Gõ /trogiup để xem các việc có thể làm.</p>
</section>
<script id="chat-config" type="application/json">${new SafeHtml(config)}</script>
<script>${new SafeHtml(script)}</script>`,
    html`<style>
  .chat { display:flex; flex-direction:column; min-height:70vh; }
  #log { flex:1; display:flex; flex-direction:column; gap:8px; margin-bottom:12px; }
  .msg { max-width:85%; padding:8px 12px; border-radius:12px; white-space:pre-wrap; word-wrap:break-word; }
  .bot { background:#eef3f8; align-self:flex-start; }
  .me { background:#0b5cab; color:#fff; align-self:flex-end; }
  .error { background:#fdecea; color:#8a1c12; align-self:center; }
  .choices { display:flex; flex-wrap:wrap; gap:6px; margin-top:6px; }
  .choices button:disabled { opacity:.45; cursor:default; }
  .choices button { border:1px solid #0b5cab; color:#0b5cab; background:#fff; border-radius:16px; padding:4px 12px; cursor:pointer; font:inherit; }
  #composer { display:flex; gap:8px; align-items:center; }
  #text { flex:1; padding:10px; border:1px solid #d9e0e7; border-radius:8px; font:inherit; }
  #send { padding:10px 16px; background:#0b5cab; color:#fff; border:0; border-radius:8px; font:inherit; cursor:pointer; }
  .file { cursor:pointer; font-size:20px; }
  .small { font-size:13px; margin:8px 0 0; }
</style>`,
  );
}

const script = `
(function () {
  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var fileInput = document.getElementById('file');
  var busy = false;

  function id() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(16).slice(2);
  }
  function bubble(kind, text) {
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.textContent = text;
    log.appendChild(div);
    div.scrollIntoView({ block: 'end' });
    return div;
  }
  function showReplies(replies) {
    // Only the newest question's buttons answer it: older ones are switched off.
    if (replies.length) Array.prototype.forEach.call(document.querySelectorAll('.choices button'), function (b) { b.disabled = true; });
    replies.forEach(function (reply) {
      var div = bubble('bot', reply.text);
      if (reply.link) {
        var a = document.createElement('a');
        a.href = reply.link.url; a.textContent = reply.link.label; a.target = '_blank'; a.rel = 'noopener';
        div.appendChild(document.createElement('br')); div.appendChild(a);
      }
      if (reply.choices && reply.choices.length) {
        var row = document.createElement('div');
        row.className = 'choices';
        reply.choices.forEach(function (choice) {
          var b = document.createElement('button');
          b.type = 'button'; b.textContent = choice.label;
          b.addEventListener('click', function () { send({ payload: choice.payload }, choice.label); });
          row.appendChild(b);
        });
        div.appendChild(row);
      }
    });
  }
  function post(url, body, headers) {
    return fetch(url, { method: 'POST', headers: headers, body: body, credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data && data.error ? data.error : 'Lỗi ' + r.status);
        return data;
      });
    });
  }
  function send(message, shown) {
    if (busy) return;
    busy = true;
    if (shown) bubble('me', shown);
    message.clientMessageId = id();
    post('/chat/api/messages', JSON.stringify(message), { 'content-type': 'application/json' })
      .then(function (data) { showReplies(data.replies); })
      .catch(function (e) { bubble('error', e.message || 'Không gửi được, Anh/Chị thử lại.'); })
      .then(function () { busy = false; input.focus(); });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
  });
  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (!file || busy) return;
    if (file.size > config.maxFileMb * 1024 * 1024) { bubble('error', 'Tệp lớn hơn ' + config.maxFileMb + ' MB, Anh/Chị gửi tệp nhỏ hơn.'); return; }
    busy = true;
    bubble('me', '📎 ' + file.name);
    post('/chat/api/files?name=' + encodeURIComponent(file.name) + '&id=' + encodeURIComponent(id()), file,
      { 'content-type': file.type || 'application/octet-stream' })
      .then(function (data) { showReplies(data.replies); })
      .catch(function (e) { bubble('error', e.message || 'Không gửi được tệp.'); })
      .then(function () { busy = false; });
  });
  function poll() {
    fetch('/chat/api/updates', { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : { replies: [] }; })
      .then(function (data) { if (data.replies.length) showReplies(data.replies); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  if (config.startCode) send({ text: '/start ' + config.startCode }, '/start ' + config.startCode);
  else if (config.newSession) send({ text: '/start' });
  else fetch('/chat/api/resume', { method: 'POST', credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (data) { showReplies(data.replies || []); }).catch(function () {});
  setTimeout(poll, 5000);
  input.focus();
})();
`;
