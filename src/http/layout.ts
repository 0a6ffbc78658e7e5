import { html, type SafeHtml } from './html';

/** The frame of every public page: Vietnamese, readable on a phone, no external assets. */
export function layout(title: string, body: SafeHtml, head: SafeHtml = html``): SafeHtml {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  :root { --ink:#1d2733; --muted:#5b6877; --line:#d9e0e7; --brand:#0b5cab; --bg:#f6f8fa; }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color:var(--ink); background:var(--bg); }
  header { background:var(--brand); color:#fff; padding:12px 16px; }
  header h1 { margin:0; font-size:18px; }
  main { max-width:860px; margin:0 auto; padding:16px; }
  section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px; margin-bottom:16px; }
  h2 { font-size:17px; margin:0 0 8px; }
  .muted { color:var(--muted); }
  .current { background:#e8f4ea; border-radius:4px; padding:0 4px; }
  pre.doc { white-space:pre-wrap; font:inherit; margin:0; }
</style>
${head}
</head>
<body>
<header><h1>${title}</h1></header>
<main>${body}</main>
</body>
</html>`;
}
